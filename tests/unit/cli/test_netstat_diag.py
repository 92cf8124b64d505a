"""Where pynetstat reads TCP and UDP through sock_diag and where it keeps /proc/net,
run inline over a fixture /proc (sock_diag's answers made here as Batches)."""

import struct

import pytest

from pynettools import procfs
from pynettools.sockets import sockdiag

HEADER = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
          "   uid  timeout inode\n")
# A listener and a SYN_RECV entry, whose uid /proc shows as the listener's (1000)
TCP = HEADER + (
    "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000"
    "        0 4001 1 0000000000000000 100 0 0 10 0\n"
    "   1: 0100007F:0016 0100007F:9C41 03 00000000:00000000 01:00000010 00000000  1000"
    "        0 0 1 0000000000000000\n")


def network(port):
    return struct.unpack("=H", struct.pack(">H", port))[0]


def diag_answer(family, protocol, states=sockdiag.ALL_STATES):
    """What sock_diag says of TCP: the same two sockets, with its own differences
    (the listener's backlog in the send queue, uid 0 for the SYN_RECV entry)."""
    if protocol != sockdiag.TCP:
        return
    loopback = bytes([127, 0, 0, 1]) + bytes(12)
    yield sockdiag.Batch((
        2, 10, 0, 0, network(22), 0, loopback, bytes(16), 0, 0, 128, 1000, 4001,
        2, 3, 1, 0, network(22), network(40001), loopback, loopback, 100, 0, 0, 0, 0))


@pytest.fixture
def kernel_like(procfs_root, monkeypatch):
    """The fixture /proc, taken for the kernel's, and sock_diag answering."""
    for table, text in (("tcp", TCP), ("tcp6", HEADER), ("udp", HEADER), ("udp6", HEADER)):
        (procfs_root / "net" / table).write_text(text)
    monkeypatch.setattr(procfs, "has_kernel_net", lambda: True)
    calls = []
    monkeypatch.setattr(sockdiag, "batches",
                        lambda *request: calls.append(request) or diag_answer(*request))
    monkeypatch.delenv("PYNETTOOLS_SOCK_DIAG", raising=False)
    return calls


def through_proc(run_inline, monkeypatch, argv):
    monkeypatch.setenv("PYNETTOOLS_SOCK_DIAG", "0")
    try:
        return run_inline("netstat", argv)
    finally:
        monkeypatch.delenv("PYNETTOOLS_SOCK_DIAG")


@pytest.mark.parametrize("argv", [["-tan"], ["-tln"], ["-tn"], ["-tun"], ["-tanW"]])
def test_sock_diag_gives_the_lines_of_proc(kernel_like, run_inline, monkeypatch, argv):
    ours = run_inline("netstat", argv)
    assert kernel_like  # sock_diag was asked
    assert ours == through_proc(run_inline, monkeypatch, argv)
    assert b"      0 127.0.0.1:22" in ours[0] or argv == ["-tn"]  # LISTEN's backlog not shown


def test_extend_with_a_syn_recv_entry_reads_proc(kernel_like, run_inline, monkeypatch):
    ours = run_inline("netstat", ["-tane", "--numeric-users"])
    assert ours == through_proc(run_inline, monkeypatch, ["-tane", "--numeric-users"])
    assert ours[0].count(b" 1000 ") == 2  # the SYN_RECV entry's uid as /proc shows it


@pytest.mark.parametrize("argv", [["-tano"], ["-tan", "--json"], ["-wan"], ["-xan"]])
def test_what_sock_diag_cannot_say_is_read_from_proc(kernel_like, run_inline, argv):
    run_inline("netstat", argv)
    assert kernel_like == []


def test_the_switch_and_other_roots_keep_proc(kernel_like, procfs_root, run_inline,
                                              monkeypatch):
    through_proc(run_inline, monkeypatch, ["-tan"])
    assert kernel_like == []
    monkeypatch.undo()
    monkeypatch.setattr(procfs, "PROCFS_PATH", str(procfs_root))
    assert not procfs.has_kernel_net()  # a fixture tree: a directory, not self/net


def test_the_kernels_own_proc_net_is_recognised():
    assert procfs.has_kernel_net() == (procfs.os.path.islink("/proc/net")
                                       and procfs.os.readlink("/proc/net") == "self/net")
