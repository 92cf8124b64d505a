"""Packet owners against the real kernel, in namespaces: TCP and UDP exchanges
between Python processes of known pids (tests/lab/owner_peers.py).

The owner helper, forked inside a namespace, names each flow's two processes
on lo; pytcpdump --owners shows them on its lines and in its JSON records, a
connection that ends at once shows unknown, never a wrong owner; on a veth
to another namespace only this namespace's end is named; and a process of
user nobody is named although the capture dropped to user tcpdump (-Z).
Lookup costs are benchmarks/bench_owners.py's, not asserted here.
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests import jsoncheck
from tests.commands import command_path, needs_root
from tests.lab.netns import Namespace

pytestmark = [needs_root, pytest.mark.lab]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TCP_PORT, UDP_PORT = 8080, 5300
LOOPBACK, CLIENT_ADDRESS, SERVER_ADDRESS = "127.0.0.1", "192.0.2.1", "192.0.2.2"
PROGRAM = os.path.basename(sys.executable)  # netstat -p's name of /path/to/python
SYSTEM_PYTHON = "/usr/bin/python3"
# Asks the helper about the flows given as JSON [[protocol, sport, dport], ...]
# on 127.0.0.1 until the first argv[2] of them are known (10 s at most), and 1 s
# more (two of the helper's looks) for the others; prints [[sender, receiver], ...].
ASK = """
import json, sys, time
from pynettools.capture import owner_service, owners
loop = owners.MAPPED + bytes([127, 0, 0, 1])
flows = [owners.Flow(p, owners.DATA, loop, s, loop, d) for p, s, d in json.loads(sys.argv[1])]
service = owner_service.start()
found, deadline, known = {}, time.monotonic() + 10, flows[:int(sys.argv[2])]
while time.monotonic() < deadline:
    if all(flow in found for flow in known):
        deadline = min(deadline, time.monotonic() + 1)
    for flow in flows:
        ends = service.ends(flow)
        if ends != owners.NO_ENDS:
            found[flow] = [owner and [owner.pid, owner.program] for owner in ends]
    time.sleep(0.05)
service.close()
print(json.dumps([found.get(flow) for flow in flows]))
"""


def peer(namespace, *argv, prefix=(sys.executable,)):
    """A tests/lab/owner_peers.py process in the namespace (run by `prefix`), and
    its ready line's numbers."""
    process = namespace.start([*prefix, "-m", "tests.lab.owner_peers", *map(str, argv)],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    words = process.stdout.readline().split()
    assert words[:1] == ["ready"], "peer %s did not start" % (argv,)
    return process, [int(word) for word in words[1:]]


def start_capture(namespace, *argv, interface="lo"):
    """pytcpdump -i INTERFACE --owners ARGV in the namespace, once it says it listens."""
    capture = namespace.start(
        [command_path("pytcpdump"), "-i", interface, "--owners", *argv],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    banners = [capture.stderr.readline() for _ in range(2)]  # "verbose output ...", "listening"
    assert "listening on " + interface in banners[1], banners
    return capture


def stop_capture(capture):
    """SIGINT, as Ctrl-C: tcpdump's statistics and status 0; the lines printed."""
    time.sleep(0.2)
    capture.send_signal(signal.SIGINT)
    out, err = capture.communicate(timeout=20)
    assert capture.returncode == 0, err
    return out


@pytest.fixture
def lab():
    with Namespace("owners") as namespace:
        server, _ = peer(namespace, "server", LOOPBACK, TCP_PORT, UDP_PORT)
        yield namespace, server


def test_helper_names_both_processes_of_each_flow(lab):
    namespace, server = lab
    client, (tcp_port, udp_port) = peer(namespace, "client", LOOPBACK, TCP_PORT, UDP_PORT, 100)
    flows = [[6, tcp_port, TCP_PORT], [6, TCP_PORT, tcp_port],
             [17, udp_port, UDP_PORT], [17, UDP_PORT, udp_port], [6, 1, TCP_PORT]]
    done = namespace.run([sys.executable, "-c", ASK, json.dumps(flows), "4"], cwd=ROOT, timeout=30)
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    mine, theirs = [client.pid, PROGRAM], [server.pid, PROGRAM]
    assert answers[:4] == [[mine, theirs], [theirs, mine], [mine, theirs], [theirs, mine]]
    assert answers[4] is None  # no such connection: unknown, not the listener


def test_pytcpdump_owners_on_lo(lab):
    namespace, server = lab
    capture = start_capture(namespace, "-nn", "-l",
                            "tcp port %d or udp port %d" % (TCP_PORT, UDP_PORT))
    brief, (brief_port,) = peer(namespace, "brief", LOOPBACK, TCP_PORT)
    brief.wait(timeout=10)
    # 5 s of exchanges: the helper runs niced, and a busy machine may keep it waiting
    client, (tcp_port, udp_port) = peer(namespace, "client", LOOPBACK, TCP_PORT, UDP_PORT, 50)
    client.wait(timeout=30)
    out = stop_capture(capture)
    lines = out.splitlines()
    owners = {"%d/%s" % (process.pid, PROGRAM): process for process in (server, client, brief)}

    def shown(line):
        """The processes a line names: [(direction, process)], [] for unknown."""
        suffix = line[line.rindex(" [") + 2:-1]
        if suffix == "unknown":
            return []
        words = suffix.split()
        return [(words[at], owners[words[at + 1]]) for at in range(0, len(words), 2)]

    def flow_lines(port):
        return [line for line in lines if ".%d " % port in line or ".%d:" % port in line]

    # the long flows: named after their first packets, always right
    for port, sender_first in ((tcp_port, client), (udp_port, client)):
        named = [(line, shown(line)) for line in flow_lines(port)]
        assert named and not shown(named[0][0])  # the first packet: not known yet
        for line, found in named:
            outgoing = line.split()[2].endswith(".%d" % port)  # client's port is the source
            expected = ([("out", client), ("in", server)] if outgoing
                        else [("out", server), ("in", client)])
            assert all(entry in expected for entry in found), line
        assert sum(found == [("out", client), ("in", server)] for _, found in named) >= 3, out
    # the brief connection ended before the helper looked: unknown, or its own pids
    brief_lines = flow_lines(brief_port)
    assert brief_lines and not shown(brief_lines[0])
    for line in brief_lines:
        assert all(process in (brief, server) for _, process in shown(line)), line


def test_pytcpdump_owners_json_on_lo(lab):
    namespace, server = lab
    capture = start_capture(namespace, "--json", "udp port %d or arp" % UDP_PORT)
    client, (_, udp_port) = peer(namespace, "client", LOOPBACK, TCP_PORT, UDP_PORT, 30)
    client.wait(timeout=30)
    out = stop_capture(capture)
    # tcpdump's extra newline after SIGINT (status -2) may follow the last line
    records = jsoncheck.assert_valid("pytcpdump", out[:-1] if out.endswith("\n\n") else out)
    assert records and all("owner" in record for record in records)  # UDP only: all have one
    mine = {"pid": client.pid, "program": PROGRAM}
    theirs = {"pid": server.pid, "program": PROGRAM}
    known = [record["owner"] for record in records
             if record["layers"][-1]["source_port"] == udp_port and
             record["owner"]["sender"] is not None]
    assert known and all(owner == {"sender": mine, "receiver": theirs} for owner in known)


def test_pytcpdump_owners_on_a_veth_shows_this_namespaces_end_only():
    """Client and server in namespaces of their own: a capture beside the client
    sees the client's sockets (a wildcard UDP one included), never the server's."""
    with Namespace("owners-c") as near, Namespace("owners-s") as far:
        near.run(["ip", "link", "add", "c0", "type", "veth", "peer", "name", "s0",
                  "netns", far.name], check=True)
        for namespace, name, address in ((near, "c0", CLIENT_ADDRESS),
                                         (far, "s0", SERVER_ADDRESS)):
            namespace.run(["ip", "addr", "add", address + "/24", "dev", name], check=True)
            namespace.run(["ip", "link", "set", name, "up"], check=True)
        server, _ = peer(far, "server", SERVER_ADDRESS, TCP_PORT, UDP_PORT)
        capture = start_capture(near, "-nn", "-l", "tcp port %d or udp port %d" % (
            TCP_PORT, UDP_PORT), interface="c0")
        client, _ = peer(near, "client", SERVER_ADDRESS, TCP_PORT, UDP_PORT, 50)
        client.wait(timeout=30)
        out = stop_capture(capture)
    mine = "%d/%s]" % (client.pid, PROGRAM)
    suffixes = {}
    for line in out.splitlines():
        if "%s." % CLIENT_ADDRESS in line:
            outgoing = line.split()[2].startswith(CLIENT_ADDRESS + ".")
            suffix = line[line.rindex(" ["):]
            assert suffix in (" [unknown]", (" [out " if outgoing else " [in ") + mine), line
            suffixes.setdefault((outgoing, ": UDP, " not in line), []).append(suffix)
    assert str(server.pid) not in out
    for key in ((True, True), (False, True), (True, False), (False, False)):  # (out, tcp)
        assert len([s for s in suffixes.get(key, ()) if s != " [unknown]"]) >= 3, (key, out)


def test_another_users_process_is_named_after_the_privilege_drop():
    """The capture drops to user tcpdump (Debian's default -Z), which may not read
    the fds of a process of user nobody: the helper, forked before, still does.
    (nobody runs the system's python3: the tests' interpreter may be unreadable.)"""
    if not os.path.exists(SYSTEM_PYTHON):
        pytest.skip("needs %s for a process of user nobody" % SYSTEM_PYTHON)
    with Namespace("owners-z") as namespace:
        server, _ = peer(namespace, "server", LOOPBACK, TCP_PORT, UDP_PORT,
                         prefix=("setpriv", "--reuid=nobody", "--regid=nogroup",
                                 "--clear-groups", SYSTEM_PYTHON))
        capture = start_capture(namespace, "-nn", "-l", "tcp port %d" % TCP_PORT)
        client, (tcp_port, _) = peer(namespace, "client", LOOPBACK, TCP_PORT, UDP_PORT, 30)
        client.wait(timeout=30)
        out = stop_capture(capture)
    theirs = "in %d/%s]" % (server.pid, os.path.basename(SYSTEM_PYTHON))
    assert any(line.endswith(theirs) for line in out.splitlines()
               if line.split()[2] == "127.0.0.1.%d" % tcp_port), out
