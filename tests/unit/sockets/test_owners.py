"""netstat -p's process scan over a /proc-shaped directory tree.

The tree is real files and symbolic links (a link's text can be anything,
`socket:[123]` included), so the scan runs its ordinary system calls.
"""

import os

from pynettools import procfs
from pynettools.sockets import owners


def make_process(proc, pid, cmdline, links):
    fd_directory = proc / str(pid) / "fd"
    fd_directory.mkdir(parents=True)
    if cmdline is not None:
        (proc / str(pid) / "cmdline").write_bytes(cmdline)
    for fd, target in enumerate(links):
        os.symlink(target, fd_directory / str(fd))


def test_first_process_found_owns_a_shared_socket(procfs_root):
    make_process(procfs_root, 10, b"/usr/sbin/sshd\0-D\0", ["/dev/null", "socket:[100]"])
    make_process(procfs_root, 20, b"worker\0", ["socket:[100]", "socket:[200]", "[0000]:300"])
    (procfs_root / "self").mkdir()  # not a pid: ignored
    found = owners.scan()
    # the first in directory order, as readdir gives it (ascending pids in /proc)
    first = {"10": owners.SocketOwner(10, "sshd"), "20": owners.SocketOwner(20, "worker")}[
        next(name for name in os.listdir(procfs_root) if name in ("10", "20"))]
    assert found.by_inode == {100: first,
                              200: owners.SocketOwner(20, "worker"),
                              300: owners.SocketOwner(20, "worker")}
    assert found.warning(0) is None


def test_vanished_and_unreadable_processes_are_skipped(procfs_root, monkeypatch):
    make_process(procfs_root, 30, None, ["socket:[400]"])  # no cmdline: it just exited
    (procfs_root / "31").mkdir()  # no fd directory
    make_process(procfs_root, 32, b"", ["socket:[401]"])  # kernel thread style: empty name
    assert owners.scan().by_inode == {401: owners.SocketOwner(32, "")}
    monkeypatch.setattr(procfs, "PROCFS_PATH", str(procfs_root / "missing"))
    assert owners.scan().warning(65534).startswith(
        '(No info could be read for "-p": geteuid()=65534')


def test_a_process_with_many_fds_is_read_by_two_threads_whole(procfs_root, monkeypatch):
    monkeypatch.setattr(owners, "_SPLIT_FDS", 4)
    monkeypatch.setattr(owners, "_more_than_one_cpu", lambda: True)
    links = ["socket:[%d]" % inode for inode in range(500, 509)] + ["/dev/null", "pipe:[1]"]
    make_process(procfs_root, 40, b"/bin/holder\0", links)
    assert owners.scan().by_inode == dict.fromkeys(range(500, 509),
                                                   owners.SocketOwner(40, "holder"))


def test_program_names_and_links_as_netstat_reads_them():
    assert owners.program_name(b"/usr/bin/python3\0/x/y.py\0") == b"python3"
    assert owners.program_name(b"sshd: root@pts/0") == b"sshd: root@pts/0"
    assert owners.program_name(b"/" + b"a" * 600) == b"a" * 510  # netstat reads 511 bytes
    assert [owners.socket_inode(link) for link in (
        "socket:[12]", "[0000]:7", "socket:[]", "pipe:[3]", "socket:[1x]", "anon_inode:[x]")] == [
        12, 7, None, None, None, None]


def test_warnings_when_not_root():
    assert owners.Owners({}, denied=True).warning(65534) == (
        '(No info could be read for "-p": geteuid()=65534 but you should be root.)\n')
    assert owners.Owners({1: None}, denied=True).warning(1000).startswith(
        "(Not all processes could be identified")
