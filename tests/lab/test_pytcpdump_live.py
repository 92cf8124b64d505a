"""pytcpdump's live capture beside tcpdump's, on the same traffic.

Two namespaces joined by a veth pair: "cap" holds a0 (192.0.2.1), where
both tools capture; "peer" holds b0 (192.0.2.2), which pings a0.  IPv6 is
off on both ends so that the kernel sends nothing unasked.  Each tool runs
in turn on the same exchange; lines are compared with their times and ICMP
ids masked, banners and statistics with tcpdump's program name as ours.
"""

import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

from pynettools.bpf import LIVE, compile_filter, kernel
from tests.commands import command_path, needs_root
from tests.jsoncheck import assert_valid
from tests.lab.netns import Namespace
from tests.unit.bpf.oracle import TCPDUMP

pytestmark = [needs_root, pytest.mark.lab]
NO_IPV6 = ["sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
           "net.ipv6.conf.default.disable_ipv6=1"]
_TIME = re.compile(rb"^\d\d:\d\d:\d\d\.\d{6} ", re.M)
_ID = re.compile(rb"\bid \d+")


@pytest.fixture(scope="module")
def lab():
    with Namespace("cap") as cap, Namespace("peer") as peer:
        for argv in (NO_IPV6, ["ip", "link", "add", "a0", "type", "veth", "peer", "name", "b0",
                               "netns", peer.name]):
            cap.run(argv, check=True)
        peer.run(NO_IPV6, check=True)
        for namespace, name, address in ((cap, "a0", "192.0.2.1/24"),
                                         (peer, "b0", "192.0.2.2/24")):
            namespace.run(["ip", "addr", "add", address, "dev", name], check=True)
            namespace.run(["ip", "link", "set", name, "up"], check=True)
        # ARP answered ahead, so that only the pings cross during a capture
        peer.run(["ping", "-c", "1", "-W", "2", "192.0.2.1"], check=True)
        yield cap, peer


def pytcpdump():
    return command_path("pytcpdump")


def ping(namespace, target, count=2):
    namespace.run(["ping", "-n", "-q", "-c", str(count), "-i", "0.2", "-W", "2", target],
                  check=True)


def start(namespace, argv):
    """Start a capture and wait (bounded) until it says it listens: the filter is in then."""
    process = namespace.start(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    banner = b""
    for _ in range(4):
        line = process.stderr.readline()
        banner += line
        if b"listening on" in line or not line:
            break
    assert b"listening on" in banner, banner
    return process, banner


def capture(namespace, tool, options, traffic, interrupt_after=None, signum=signal.SIGINT):
    """(status, stdout, stderr) of `tool options` around `traffic()`; with
    `interrupt_after` seconds, ended by `signum`, else by its own -c."""
    process, banner = start(namespace, [tool] + options)
    try:
        traffic()
        if interrupt_after is not None:
            time.sleep(interrupt_after)
            process.send_signal(signum)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    return process.returncode, out, banner + err


def masked(data):
    return _ID.sub(b"id N", _TIME.sub(b"TIME ", data))


def as_ours(stderr):
    return re.sub(rb"(?m)^tcpdump: ", b"pytcpdump: ", stderr)


def both(namespace, options, traffic, **kwargs):
    """Each tool's masked (status, stdout, stderr) on the same traffic."""
    results = []
    for tool in (TCPDUMP, pytcpdump()):
        status, out, err = capture(namespace, tool, options, traffic, **kwargs)
        results.append((status, masked(out), as_ours(masked(err))))
    return results


@pytest.mark.parametrize("options", [
    ["-n", "-i", "a0", "-c", "4", "icmp"],
    ["-n", "-v", "-i", "a0", "-c", "4", "icmp"],
    ["-n", "-i", "any", "-c", "4", "icmp"],
    ["-n", "-i", "any", "-y", "LINUX_SLL", "-c", "4", "icmp"],
    ["-n", "-e", "-i", "a0", "-Q", "out", "-c", "2", "icmp"],
    ["-n", "-i", "a0", "-Q", "in", "-c", "2", "icmp"],
    ["-n", "-p", "-i", "a0", "-c", "4", "-s", "40", "icmp"],
    # a cooked-header field the kernel has no load for: filtered in user space
    ["-n", "-i", "any", "-c", "4", "icmp and ether[8:2] = 1"],
    ["-n", "-c", "4", "icmp"],
    ["-n", "-i", "1", "-c", "4", "icmp"],  # the first device of -D's list
], ids=["a0", "verbose", "any", "any-sll", "out", "in", "snaplen", "any-userland-filter",
        "default-device", "device-number"])
def test_lines_banners_and_statistics_are_tcpdumps(lab, options):
    cap, peer = lab
    theirs, ours = both(cap, options, lambda: ping(peer, "192.0.2.1"))
    assert ours == theirs
    packets = len(re.findall(rb"(?m)^TIME ", ours[1]))
    assert ours[0] == 0 and packets == int(options[options.index("-c") + 1])


def test_loopback_shows_each_packet_once(lab):
    cap, _ = lab
    theirs, ours = both(cap, ["-n", "-i", "lo", "-c", "4", "icmp"],
                        lambda: ping(cap, "127.0.0.1"))
    assert ours == theirs
    assert ours[2].endswith(b"4 packets captured\n8 packets received by filter\n"
                            b"0 packets dropped by kernel\n")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])
def test_a_signal_prints_statistics_and_exits_0(lab, signum):
    cap, peer = lab
    # 1.5 s after the pings: tcpdump's block timeout (1 s) has handed them over
    theirs, ours = both(cap, ["-n", "-i", "a0", "icmp"], lambda: ping(peer, "192.0.2.1"),
                        interrupt_after=1.5, signum=signum)
    assert ours == theirs
    assert ours[0] == 0 and ours[1].endswith(b"\n\n")
    assert b"4 packets captured\n" in ours[2]


def test_one_packet_is_singular(lab):
    cap, peer = lab
    status, _, err = capture(cap, pytcpdump(), ["-n", "-i", "a0", "-c", "1", "icmp"],
                             lambda: ping(peer, "192.0.2.1", 1))
    assert status == 0 and b"\n1 packet captured\n" in b"\n" + err


def _promiscuity(namespace, interface):
    listing = namespace.run(["ip", "-d", "link", "show", interface]).stdout.decode()
    return int(re.search(r"promiscuity (\d+)", listing).group(1))


@pytest.mark.parametrize("options, expected", [([], 1), (["-p"], 0)], ids=["default", "-p"])
def test_promiscuous_while_running(lab, options, expected):
    cap, _ = lab
    assert _promiscuity(cap, "a0") == 0
    process, _ = start(cap, [pytcpdump(), "-i", "a0", "-w", os.devnull] + options)
    try:
        assert _promiscuity(cap, "a0") == expected
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)
    assert process.returncode == 0 and _promiscuity(cap, "a0") == 0


@pytest.mark.parametrize("interface, linktype", [("a0", 1), ("any", 276)])
def test_the_kernel_filter_is_attached(lab, interface, linktype):
    """`ss -0 -b -p` shows the compiled program on pytcpdump's socket."""
    cap, _ = lab
    expression = "icmp or udp port 53"
    process, _ = start(cap, [pytcpdump(), "-i", interface, "-w", os.devnull, expression])
    try:
        listing = cap.run(["ss", "-0", "-b", "-p"]).stdout.decode()
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)
    expected = kernel.for_socket(compile_filter(expression, linktype, source=LIVE),
                                 cooked=linktype == 276)
    programs = [line.split(":", 1)[1] for line in listing.splitlines() if "bpf filter" in line]
    assert len(programs) == 1, listing
    found = [tuple(int(field, 0) for field in item.split())
             for item in programs[0].strip().rstrip(",").split(",")]
    assert found == [tuple(instruction) for instruction in expected.instructions]


def test_interface_list_is_tcpdumps(lab):
    cap, _ = lab
    theirs, ours = (cap.run([tool, "-D"]) for tool in (TCPDUMP, pytcpdump()))
    assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout)
    assert b"any (Pseudo-device that captures on all interfaces) [Up, Running]" in ours.stdout


# DNS messages to 127.0.0.1:53 from a fixed port, the same bytes for each tool
DNS_TRAFFIC = r"""
import socket, time
import dns.edns, dns.message, dns.rcode, dns.rrset
query = dns.message.make_query("example.com", "A", use_edns=0, payload=4096)
query.id = 4660
answer = dns.message.make_response(query)
answer.answer.append(dns.rrset.from_text("example.com.", 60, "IN", "MX", "10 mail.example.com."))
answer.answer.append(dns.rrset.from_text("example.com.", 60, "IN", "AAAA", "2001:db8::1"))
answer.answer.append(dns.rrset.from_text("example.com.", 60, "IN", "TXT", '"a text"'))
missing = dns.message.make_response(query)
missing.set_rcode(dns.rcode.NXDOMAIN)
missing.authority.append(dns.rrset.from_text(
    "example.com.", 60, "IN", "SOA", "ns.example.com. admin.example.com. 1 2 3 4 5"))
sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sender.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sender.bind(("127.0.0.1", 33000))
for message in (query, answer, missing):
    sender.sendto(message.to_wire(), ("127.0.0.1", 53))
    time.sleep(0.02)
"""


@pytest.mark.parametrize("options", [["-n"], ["-n", "-vv"], ["--json"]], ids=" ".join)
def test_dns_decodes_after_root_is_given_up(lab, options):
    """The DNS decoder imports late; after the drop to user tcpdump those imports
    must not fail, also where the interpreter lives in root's private home."""
    cap, _ = lab
    options = [*options, "-i", "lo", "-c", "3", "udp", "port", "53"]

    def traffic():
        cap.run([sys.executable, "-c", DNS_TRAFFIC], check=True)

    ours = capture(cap, pytcpdump(), options, traffic)
    assert ours[0] == 0 and b"error" not in ours[2], ours[2]
    if "--json" in options:
        records = assert_valid("pytcpdump", ours[1])
        assert [record["layers"][-1]["protocol"] for record in records] == ["dns"] * 3
    else:
        theirs = capture(cap, TCPDUMP, options, traffic)
        assert masked(ours[1]) == masked(theirs[1]) and b"A? example.com." in ours[1]


@pytest.fixture
def shared_dir():
    """A folder every user may write in (the capture writes after dropping root)."""
    path = tempfile.mkdtemp(prefix="pnt%d-" % os.getpid())
    os.chmod(path, 0o777)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize("user", [None, "root"], ids=["default", "-Z root"])
def test_files_belong_to_the_user_dropped_to(lab, shared_dir, user):
    cap, peer = lab
    owners = []
    for tool in (TCPDUMP, pytcpdump()):
        path = os.path.join(shared_dir, os.path.basename(tool) + ".pcap")
        options = ["-i", "a0", "-c", "2", "-w", path] + (["-Z", user] if user else []) + ["icmp"]
        status, _, _ = capture(cap, tool, options, lambda: ping(peer, "192.0.2.1", 1))
        assert status == 0
        owners.append(os.stat(path).st_uid)
    expected = pwd.getpwnam(user or "tcpdump").pw_uid
    assert owners == [expected, expected]
    # each reads the other's file
    for reader, name in ((TCPDUMP, "pytcpdump.pcap"), (pytcpdump(), "tcpdump.pcap")):
        done = subprocess.run([reader, "-n", "-r", os.path.join(shared_dir, name)],
                              capture_output=True, timeout=30)
        assert done.returncode == 0 and done.stdout.count(b"ICMP echo") == 2


@pytest.mark.parametrize("options", [
    ["-i", "zz0"], ["-i", "a0", "-Z", "nosuchuser"], ["-i", "99"],
    ["-i", "a0", "-y", "LINUX_SLL"], ["-i", "a0", "-Q", "sideways"], ["-i", "a0", "-B", "0"],
    ["-L", "-i", "a0"], ["-L", "-i", "any"], ["-J", "-i", "a0"], ["-I", "-i", "a0"],
    ["-j", "adapter", "-i", "zz0"], ["-I", "-i", "any"],
])
def test_errors_and_listings_are_tcpdumps(lab, options):
    cap, _ = lab
    theirs, ours = (cap.run([tool] + options, timeout=20) for tool in (TCPDUMP, pytcpdump()))
    assert (ours.returncode, ours.stdout, ours.stderr) == \
        (theirs.returncode, theirs.stdout, as_ours(theirs.stderr))


def test_a_device_that_is_down(lab):
    cap, _ = lab
    cap.run(["ip", "link", "add", "d0", "type", "veth", "peer", "name", "d1"], check=True)
    try:
        theirs, ours = (cap.run([tool, "-i", "d0"], timeout=20) for tool in (TCPDUMP, pytcpdump()))
    finally:
        cap.run(["ip", "link", "delete", "d0"])
    assert (ours.returncode, ours.stderr) == (1, as_ours(theirs.stderr))
    assert ours.stderr == b"pytcpdump: d0: That device is not up\n"


def test_without_privilege(lab):
    cap, _ = lab
    drop = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    theirs, ours = (cap.run(drop + [tool, "-i", "lo"], timeout=20)
                    for tool in (TCPDUMP, pytcpdump()))
    assert (ours.returncode, ours.stderr) == (1, as_ours(theirs.stderr))
    assert ours.stderr == (b"pytcpdump: lo: You don't have permission to perform this capture "
                           b"on that device\n(socket: Operation not permitted)\n")


def test_a_closed_pipe_ends_with_status_14(lab):
    cap, peer = lab
    results = []
    for tool in (TCPDUMP, pytcpdump()):
        process, _ = start(cap, [tool, "-l", "-n", "-i", "a0", "icmp"])
        try:
            process.stdout.close()  # the reader is gone before the first line
            ping(peer, "192.0.2.1", 3)
            err = process.stderr.read()
            process.wait(timeout=20)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        results.append((process.returncode, as_ours(err)))
    assert results[1] == results[0]
    assert results[1] == (14, b"pytcpdump: Unable to write output: Broken pipe\n")


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
API_SCRIPT = ("import json, sys, pynettools\n"
              "print('ready', file=sys.stderr, flush=True)\n"
              "for record in pynettools.packets(interface='a0', filter='icmp', count=4):\n"
              "    print(json.dumps(record), flush=True)\n")


def test_the_python_api_captures_live(lab):
    """pynettools.packets(interface=...) yields what pytcpdump -i --json prints."""
    import sys

    cap, peer = lab
    api = cap.start([sys.executable, "-c", API_SCRIPT], stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE, cwd=ROOT)
    assert api.stderr.readline() == b"ready\n"
    time.sleep(0.5)  # the capture opens after the line
    ping(peer, "192.0.2.1")
    out, err = api.communicate(timeout=20)
    status, json_out, _ = capture(cap, pytcpdump(), ["-i", "a0", "-c", "4", "--json", "icmp"],
                                  lambda: ping(peer, "192.0.2.1"))
    records, printed = (assert_valid("pytcpdump", text.decode()) for text in (out, json_out))
    assert api.returncode == 0 and status == 0, err
    shape = [[layer.get("protocol") for layer in record["layers"]] for record in records]
    assert shape == [[layer.get("protocol") for layer in record["layers"]]
                     for record in printed]
    assert len(records) == 4 and all(record["length"] == 98 for record in records)


def test_an_interface_that_disappears_ends_the_capture(lab):
    """Taken down, the capture waits (as libpcap 1.10); deleted, it ends with
    tcpdump's pcap_loop message, the statistics and status 1."""
    cap, _ = lab
    results = []
    for tool in (TCPDUMP, pytcpdump()):
        cap.run(["ip", "link", "add", "g0", "type", "veth", "peer", "name", "g1"], check=True)
        cap.run(["ip", "link", "set", "g0", "up"], check=True)
        try:
            process, _ = start(cap, [tool, "-i", "g0", "-w", os.devnull, "-Z", "root"])
            cap.run(["ip", "link", "set", "g0", "down"], check=True)
            time.sleep(0.5)
            still_running = process.poll() is None
            cap.run(["ip", "link", "delete", "g0"], check=True)
            _, err = process.communicate(timeout=20)
        finally:
            cap.run(["ip", "link", "delete", "g0"])
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        results.append((still_running, process.returncode, as_ours(err).splitlines()[:2]))
    assert results[1] == results[0]
    assert results[1] == (True, 1, [b"pytcpdump: pcap_loop: The interface disappeared",
                                    b"0 packets captured"])


def test_files_are_made_where_only_root_may_write(lab, shared_dir):
    """tcpdump keeps CAP_DAC_OVERRIDE when it drops to its user: so does pytcpdump."""
    cap, peer = lab
    private = os.path.join(shared_dir, "root-only")
    os.mkdir(private, 0o700)
    owners = []
    for tool in (TCPDUMP, pytcpdump()):
        path = os.path.join(private, os.path.basename(tool) + ".pcap")
        status, _, err = capture(cap, tool, ["-i", "a0", "-c", "1", "-w", path, "icmp"],
                                 lambda: ping(peer, "192.0.2.1", 1))
        assert status == 0, err
        owners.append(os.stat(path).st_uid)
    assert owners == [pwd.getpwnam("tcpdump").pw_uid] * 2


def test_write_to_stdout_read_by_tcpdump(lab):
    """-w - writes the pcap stream on stdout; the banner says no "verbose" line."""
    cap, peer = lab
    status, out, err = capture(cap, pytcpdump(), ["-i", "a0", "-c", "2", "-w", "-", "icmp"],
                               lambda: ping(peer, "192.0.2.1", 1))
    assert status == 0 and err.startswith(b"pytcpdump: listening on a0, link-type EN10MB")
    done = subprocess.run([TCPDUMP, "-n", "-r", "-"], input=out, capture_output=True,
                          timeout=30)
    assert done.returncode == 0
    assert [line.split(b" ", 1)[1] for line in masked(done.stdout).splitlines()] == [
        b"IP 192.0.2.2 > 192.0.2.1: ICMP echo request, id N, seq 1, length 64",
        b"IP 192.0.2.1 > 192.0.2.2: ICMP echo reply, id N, seq 1, length 64"]


# Sent by a packet socket on b0, as tests/data/make_pcaps.py's vlan scenario sends them on
# a0: a0 receives them with the outer tag moved into the packet's metadata by the
# kernel, which the capture puts back in the frame (the tag's TPID too: 802.1ad).
SEND_TAGGED = """
from tests.data import corpus_traffic, crafted
for family, device, frame in crafted.vlan_frames("b0", "192.0.2.2", "192.0.2.1",
                                                 "2001:db8::2", "2001:db8::1"):
    corpus_traffic.raw_send(family, device, frame.hex())
"""
NOT_PROBES = "not arp or (arp[6:2] = 1 and arp[14:4] = 0xc0000202)"  # b0's request only


@pytest.mark.parametrize("options", [
    ["-n", "-e", "-i", "a0", "-c", "5", "vlan"],
    ["-n", "-v", "-i", "a0", "-c", "2", "vlan 10"],
    # cooked, where libpcap's `vlan` fails: the tagged frames but a0's own ARP probes
    ["-n", "-e", "-i", "any", "-c", "5", NOT_PROBES],
    ["-n", "-e", "-i", "any", "-y", "LINUX_SLL", "-c", "5", NOT_PROBES],
    ["-n", "-i", "a0", "-c", "1", "vlan 20 and vlan 30 and icmp"],
], ids=["tagged", "vlan-10", "any", "any-sll", "stacked"])
def test_tagged_frames_are_tcpdumps(lab, options):
    cap, peer = lab

    def send_tagged():
        peer.run([sys.executable, "-c", SEND_TAGGED], check=True, cwd=ROOT)

    theirs, ours = both(cap, options, send_tagged)
    assert ours == theirs
    count = int(options[options.index("-c") + 1])
    assert ours[0] == 0 and len(re.findall(rb"(?m)^TIME ", ours[1])) == count
    # -e shows the tags, but where cooked v2 has none
    assert (b"vlan 10, p 0" in ours[1]) is ("-e" in options and b"LINUX_SLL2" not in ours[2])
