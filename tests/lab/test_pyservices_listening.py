"""`pyservices --listening` in a private network namespace, checked against `ss`."""

import subprocess
import sys

import pytest

from tests.commands import command_path, needs_root
from tests.jsoncheck import valid_document
from tests.lab.netns import Namespace

# Opens listeners on named and unnamed ports, v4 and v6, plus sockets that
# must not show: a connected UDP socket and both ends of a TCP connection.
SOCKETS = r"""
import socket, sys, time
keep = []
def bound(family, kind, address):
    sock = socket.socket(family, kind)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    keep.append(sock)
    return sock
bound(socket.AF_INET, socket.SOCK_STREAM, ("0.0.0.0", 22)).listen()
bound(socket.AF_INET6, socket.SOCK_STREAM, ("::", 8080)).listen()
server = bound(socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", 40001))
server.listen()
bound(socket.AF_INET, socket.SOCK_DGRAM, ("0.0.0.0", 53))
bound(socket.AF_INET6, socket.SOCK_DGRAM, ("::1", 40002))
bound(socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.1", 40003)).connect(("127.0.0.1", 53))
keep.append(socket.create_connection(("127.0.0.1", 40001)))
keep.append(server.accept()[0])
print("ready", flush=True)
time.sleep(120)
"""


@pytest.fixture(scope="module")
def lab():
    with Namespace("listen") as namespace:
        opener = namespace.start([sys.executable, "-c", SOCKETS], stdout=subprocess.PIPE)
        assert opener.stdout.readline() == b"ready\n"
        yield namespace, opener.pid


def ss_listening(namespace):
    """(protocol, address, port, pid) of every listening socket, as ss sees them."""
    found = set()
    for line in namespace.run(["ss", "-H", "-ltunp"], check=True).stdout.decode().splitlines():
        protocol, _state, _recv, _send, local, _peer, *process = line.split()
        address, _, port = local.rpartition(":")
        pid = int(process[0].split("pid=")[1].split(",")[0]) if process else None
        address = address.strip("[]").split("%")[0]
        # ss writes a dual-stack wildcard ([::] without IPV6_V6ONLY) as `*`.
        found.add((protocol, "::" if address == "*" else address, int(port), pid))
    return found


@needs_root
def test_listening_sockets_are_those_ss_lists(lab):
    namespace, pid = lab
    done = namespace.run([command_path("pyservices"), "--listening", "--json"], check=True)
    sockets = valid_document("pyservices", done.stdout)["sockets"]
    mine = {(s["protocol"], s["address"], s["port"], s["pid"]) for s in sockets}
    assert mine == ss_listening(namespace)
    assert {(s["port"], s["service"] and s["service"]["name"]) for s in sockets} == {
        (22, "ssh"), (8080, "http-alt"), (40001, None), (53, "domain"), (40002, None)}
    assert {(s["pid"], bool(s["process"])) for s in sockets} == {(pid, True)}


@needs_root
def test_listening_text_and_filters(lab):
    namespace, _ = lab
    text = namespace.run([command_path("pyservices"), "--listening", "-p", "udp",
                          "--range", "1-1000"], check=True).stdout.decode().splitlines()
    assert text[0].startswith("Proto Local Address")
    assert [line.split()[:4] for line in text[1:]] == [["udp", "0.0.0.0", "53", "domain"]]


@needs_root
def test_without_root_owners_are_hidden_not_fatal(lab):
    namespace, _ = lab
    done = namespace.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                          command_path("pyservices"), "--listening", "--json"])
    assert (done.returncode, done.stderr) == (0, b"")
    sockets = valid_document("pyservices", done.stdout)["sockets"]
    assert {s["port"] for s in sockets} == {22, 8080, 40001, 53, 40002}
    assert {(s["pid"], s["process"]) for s in sockets} == {(None, None)}
