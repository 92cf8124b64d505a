"""Compiled programs in the kernel: attached with SO_ATTACH_FILTER to a packet
socket in a namespace, the kernel accepts them and delivers exactly the
frames the interpreter accepts for what the kernel shows the filter; and the
live programs are tcpdump's own (tcpdump -d -i IFACE in the namespace).

A veth pair s0 -- r0 carries the crafted Ethernet corpus (VLAN tags, ARP,
IPv6 extension headers, LLC, MPLS, PPPoE, fragments) sent with a packet
socket on s0; a socket on r0 (raw, as tcpdump -i r0; cooked, as -i any)
has the filter.  IPv6 is off on both ends so that the kernel sends nothing.
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from pynettools.bpf import LIVE, compile_filter, dump, kernel
from pynettools.capture.packet import Packet
from pynettools.capture.savefile import PcapWriter
from tests.commands import needs_root
from tests.data import bpf_corpus
from tests.lab.netns import Namespace
from tests.unit.bpf import expressions
from tests.unit.bpf.oracle import TCPDUMP

pytestmark = [needs_root, pytest.mark.lab]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Forms that do not read link-layer bytes themselves, so that the kernel (the
# outer VLAN tag in metadata) and tcpdump -r (the tag in the packet) agree on
# untagged frames, and the `vlan` forms on tagged ones too.
TAG_NEUTRAL = [expression for expression in expressions.EXPRESSIONS
               if "[" not in expression and "byte" not in expression
               and "ifindex" not in expression and "bound" not in expression] + ["vlan 20 and udp"]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with Namespace("bpf") as namespace:
        for argv in (["ip", "link", "add", "s0", "type", "veth", "peer", "name", "r0"],
                     ["sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                      "net.ipv6.conf.default.disable_ipv6=1"],
                     ["ip", "link", "set", "s0", "up"], ["ip", "link", "set", "r0", "up"]):
            namespace.run(argv, check=True)
        frames = _frames()
        path = tmp_path_factory.mktemp("bpf") / "frames.pcap"
        with open(path, "wb") as stream:
            writer = PcapWriter(stream, 1, 262144)
            for index, frame in enumerate(frames):
                writer.write(Packet(index, len(frame), frame, 1))
        yield namespace, path, frames


def _frames():
    """The corpus frames the kernel will carry whole: full captures, at least a header
    long, each once."""
    unique = []
    for packet in bpf_corpus.packets(1):
        if len(packet.data) == packet.wire_length >= 14 and packet.data not in unique:
            unique.append(packet.data)
    return unique


def _wire(lab, linktype, forms):
    namespace, path, _ = lab
    completed = namespace.run(
        [sys.executable, "-m", "tests.lab.bpf_wire", "s0", "r0", str(path), str(linktype)],
        input="\n".join(forms).encode(), timeout=600, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr.decode()
    lines = [json.loads(line) for line in completed.stdout.decode().splitlines()]
    return lines[0]["views"], {line["expression"]: line for line in lines[1:]}


FORMS = expressions.EXPRESSIONS + ["vlan 20 and udp", "vlan and vlan 20"]


@pytest.fixture(scope="module")
def raw_wire(lab):
    return _wire(lab, 1, FORMS)


def _emulated(program, views):
    """The frames the interpreter accepts, given what the kernel showed the filter."""
    return sorted(index for index, view in views
                  if program.run(bytes.fromhex(view["data"]), len(bytes.fromhex(view["data"])),
                                 view))


@pytest.mark.parametrize("linktype", [1, 276], ids=["raw socket", "cooked socket"])
def test_the_kernel_delivers_what_the_interpreter_accepts(lab, raw_wire, linktype):
    views, results = raw_wire if linktype == 1 else _wire(lab, linktype, FORMS)
    assert sorted(index for index, _ in views) == list(range(len(lab[2])))
    attached = 0
    for expression in FORMS:
        result = results[expression]
        if "error" in result:
            assert result["error"] == "userland" or linktype == 276, result
            continue
        attached += 1
        program = kernel.for_socket(compile_filter(expression, linktype, source=LIVE),
                                    cooked=linktype == 276)
        assert result["received"] == _emulated(program, views), expression
    assert attached > len(FORMS) * 0.6


def test_the_kernel_selects_as_tcpdump_r_does(lab, raw_wire):
    """On the raw socket the live programs select what the savefile programs
    select from the frames as sent (which test_selection shows is tcpdump's)."""
    from tests.lab.bpf_wire import outer_tag

    frames = lab[2]
    _, results = raw_wire
    for expression in TAG_NEUTRAL:
        if "error" in results[expression]:
            continue
        compared = [index for index, frame in enumerate(frames)
                    if expression.startswith("vlan") or outer_tag(frame) is None]
        savefile = compile_filter(expression, 1)
        expected = [index for index in compared if savefile.run(frames[index], len(frames[index]))]
        received = [index for index in results[expression]["received"] if index in compared]
        assert received == expected, expression


def test_live_programs_are_tcpdumps(lab):
    namespace = lab[0]
    forms = expressions.EXPRESSIONS + expressions.REJECTING + [
        "vlan 10 and ip", "vlan and vlan 20 and tcp port 80", "vlan and ip6 and udp port 53",
        "vlan and tcp[13] & 2 != 0", "vlan and icmp6[0] = 128", "vlan and pppoes and ip"]
    for interface, linktype in (("r0", 1), ("any", 276)):
        differences = []
        for number, expression in enumerate(forms):
            for optimize in (True, False) if number % 3 == 0 else (True,):
                argv = [TCPDUMP, "-d", "-i", interface] + ([] if optimize else ["-O"]) + \
                    ["--", expression]
                done = namespace.run(argv)
                errors = [line for line in done.stderr.decode().splitlines()
                          if not line.startswith("tcpdump: data link type")]
                theirs = ("error", errors[-1].replace("tcpdump: ", "", 1)) if done.returncode \
                    else done.stdout.decode().splitlines()
                try:
                    ours = dump.lines(compile_filter(expression, linktype, optimize=optimize,
                                                     source=LIVE), 1)
                except Exception as error:
                    ours = ("error", getattr(error, "reason", str(error)))
                if ours != theirs:
                    differences.append((interface, expression, optimize))
        assert differences == []


def test_attach_refuses_what_the_kernel_refuses(lab):
    namespace, _, _ = lab
    script = ("import socket, sys\n"
              "from pynettools.bpf import kernel, program\n"
              "from pynettools.errors import SocketCallError\n"
              "sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)\n"
              "bad = program.Program.__new__(program.Program)\n"
              "bad.instructions = [(0x06, 0, 0, 0)] * 5000\n"
              "try:\n"
              "    kernel.attach(sock, bad)\n"
              "except SocketCallError as error:\n"
              "    print(error.call, error.errno)\n")
    done = namespace.run([sys.executable, "-c", script], cwd=ROOT)
    assert done.stdout.decode().split() == ["setsockopt", "SO_ATTACH_FILTER", "22"]


def test_reading_back_tcpdump_capture_of_the_filtered_traffic(lab, tmp_path):
    """tcpdump itself capturing on r0 with a filter sees what our kernel filter let through."""
    namespace, path, frames = lab
    expression = "tcp port 80 or vlan 20 or arp"
    capture = tmp_path / "captured.pcap"
    process = namespace.start([TCPDUMP, "-i", "r0", "-w", str(capture), "-U", "--immediate-mode",
                               "-Z", "root", "--", expression], stderr=subprocess.PIPE)
    try:
        _wait_listening(process)
        _, results = _wire(lab, 1, [expression])
        time.sleep(0.5)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    from tests.unit.bpf.oracle import read_packets

    _, packets = read_packets(capture)
    captured = sorted({frames.index(packet.data) for packet in packets if packet.data in frames})
    assert captured == results[expression]["received"]


def _wait_listening(process):
    """Until tcpdump says it listens (its filter is then attached)."""
    line = process.stderr.readline()
    assert b"listening on" in line, line


@pytest.mark.parametrize("interface, linktype", [("r0", 1), ("any", 276)])
def test_the_kernel_programs_are_those_tcpdump_attaches(lab, interface, linktype):
    """`ss -0 -b` shows the program on tcpdump's own socket: the same as ours
    for the socket (cooked offsets moved as libpcap moves them)."""
    namespace = lab[0]
    forms = ["tcp port 80", "host 192.0.2.1 or arp", "inbound", "ifindex 2", "ip6 and udp",
             "tcp[tcpflags] & tcp-syn != 0", "vlan 10 and ip", "less 100"]
    for expression in forms:
        try:
            ours = kernel.for_socket(compile_filter(expression, linktype, 100, source=LIVE),
                                     cooked=linktype == 276)
        except Exception:
            continue
        process = namespace.start([TCPDUMP, "-i", interface, "-s", "100", "-w", os.devnull,
                                   "-Z", "root", "--", expression], stderr=subprocess.PIPE)
        try:
            line = process.stderr.readline()
            if line.startswith(b"tcpdump: data link type"):
                line = process.stderr.readline()
            assert b"listening on" in line, line
            listing = namespace.run(["ss", "-0", "-b", "-p"]).stdout.decode()
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=10)
        attached = [line.split(":", 1)[1] for line in listing.splitlines()
                    if "bpf filter" in line]
        instructions = [tuple(int(field, 0) for field in item.split())
                        for item in attached[0].strip().rstrip(",").split(",")]
        expected = None if ours is None else [
            (code, jt, jf, k) for code, jt, jf, k in ours.instructions]
        assert [tuple(i) for i in instructions] == expected, expression
