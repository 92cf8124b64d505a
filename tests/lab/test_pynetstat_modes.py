"""pynetstat -r, -i, -g and -s beside netstat, in a private network namespace.

The namespace `modes` holds a veth pair whose peer sits in a second
namespace, addresses in 192.0.2.0/24, 198.51.100.0/24 and 2001:db8::/32,
routes of every kind (gateway, host, unreachable, prohibit, blackhole,
metrics, MTU/window/RTT, IPv6), an address label, interfaces that are down,
and multicast groups joined by a helper process.  Traffic across the pair
moves the counters before the comparisons.  Host and network names come
from files under /etc/netns/<name>/, which `ip netns exec` mounts over
/etc, and DNS points at the namespace's own loopback, so no lookup leaves it.
"""

import os
import subprocess
import sys
import time

import pytest

from tests.commands import command_path, needs_root
from tests.jsoncheck import valid_document
from tests.lab.netns import Namespace

HOSTS = """\
127.0.0.1 localhost
192.0.2.2 gateway-two
203.0.113.5 far-host-with-a-name-longer-than-fifteen
2001:db8:1::2 gateway-six-with-a-name-longer-than-thirty.example
239.1.2.3 group-name
ff15::1234 group-six
"""
NETWORKS = "testnet 198.51.100.0\n"
SETUP = [
    "link add va type veth peer name vb netns {peer}",
    "link set va up",
    "addr add 192.0.2.1/24 dev va",
    "addr add 192.0.2.9/24 dev va label va:1",
    "addr add 2001:db8:1::1/64 dev va nodad",
    "link add v10 type veth peer name v2",
    "link set v2 up",
    "addr add 198.51.100.1/25 dev v2",
    "route add default via 192.0.2.2",
    "route add 198.51.100.128/25 via 192.0.2.2 metric 50",
    "route add 203.0.113.5 via 192.0.2.2 advmss 1360 window 2000 rtt 7",
    "route add unreachable 203.0.113.0/28",
    "route add prohibit 203.0.113.16/28 metric 9",
    "route add blackhole 203.0.113.32/28",
    "-6 route add 2001:db8:2::/48 via 2001:db8:1::2 metric 77",
    "-6 route add unreachable 2001:db8:3::/48",
    "-6 route add default via 2001:db8:1::2",
]
# Hardware types beyond Ethernet: a point-to-point tun (netstat's "unspec"), a
# bridge; skipped where the kernel lacks them.
OPTIONAL_SETUP = [
    "tuntap add mode tun name tun0",
    "link set tun0 up",
    "addr add 203.0.113.1 peer 203.0.113.2 dev tun0",
    "link add br0 type bridge",
]
PEER_SETUP = [
    "link set vb up",
    "addr add 192.0.2.2/24 dev vb",
    "addr add 2001:db8:1::2/64 dev vb nodad",
]
# Joins groups on va, IPv4 and IPv6, one of them twice, then waits.
JOINER = r"""
import socket, struct, sys, time
keep = []
index = socket.if_nametoindex("va")
for group in ("239.1.2.3", "239.1.2.3", "224.5.6.7"):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    request = socket.inet_aton(group) + socket.inet_aton("0.0.0.0") + struct.pack("i", index)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, request)
    keep.append(sock)
for group in ("ff15::1234", "ff02::42"):
    sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    request = socket.inet_pton(socket.AF_INET6, group) + struct.pack("I", index)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, request)
    keep.append(sock)
print("ready", flush=True)
time.sleep(600)
"""
# Traffic across the pair: UDP to a closed port (ICMP errors back), a TCP exchange.
TRAFFIC = r"""
import socket
for family, address in ((socket.AF_INET, "192.0.2.2"), (socket.AF_INET6, "2001:db8:1::2")):
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        for _ in range(5):
            sock.sendto(b"x" * 100, (address, 9))
with socket.create_connection(("192.0.2.2", 7000), timeout=10) as sock:
    sock.sendall(b"y" * 5000)
    sock.shutdown(socket.SHUT_WR)
    while sock.recv(65536):
        pass
"""
SERVER = r"""
import socket
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("192.0.2.2", 7000)); server.listen()
print("ready", flush=True)
connection, _ = server.accept()
while connection.recv(65536):
    pass
connection.close()
"""

ROUTE_FLAGS = [
    ["-r"], ["-rn"], ["-re"], ["-rne"], ["-ree"], ["-rnee"], ["-reee"], ["-rN"],
    ["-r", "--numeric-hosts"], ["-r", "--numeric-ports"], ["-rC"], ["-rCe"], ["-rCee"],
    ["-rFC"], ["-rF"], ["-r6"], ["-rn6"], ["-r6e"], ["-r", "-A", "inet6"], ["-rC6"],
    ["-rFC6"], ["-r", "-A", "inet6,inet"], ["-r", "-4", "-6"], ["-r", "--inet6"],
    ["-r", "-A", "unix"], ["-rx"], ["-r", "-A", "inet,unix"], ["-r", "-A", "ax25"],
    ["-r", "-A", "ipx"], ["-r", "-A", "x25"], ["-r", "--bluetooth"],
    ["-rnv"], ["-rnW"], ["-rna"], ["-rnp"], ["-rnF6e"], ["-rn", "--numeric-users"],
]
INTERFACE_FLAGS = [["-i"], ["-ia"], ["-ie"], ["-iae"], ["-iee"], ["-in"], ["-i", "-6"], ["-ix"],
                   ["-inv"], ["-int"], ["-i", "-A", "inet6"], ["-iW"]]
GROUP_FLAGS = [["-g"], ["-gn"], ["-g", "--numeric-hosts"], ["-gN"], ["-ga"], ["-gnW"],
               ["-gne"]]
STATISTICS_FLAGS = [
    ["-s"], ["-st"], ["-su"], ["-sw"], ["-sU"], ["-stu"], ["-s6"], ["-s6t"], ["-s6u"],
    ["-s6w"], ["-s", "-A", "inet6"], ["-s", "--inet"], ["-sx"], ["-s", "-4", "-6"],
    ["-sn"], ["-se"], ["-snW"], ["-sna"], ["-s", "--inet6", "-t"],
]


# Fewer packets the kernel sends by itself (router solicitations, duplicate
# address detection), so that counters stay still between two runs.
QUIET_SYSCTLS = [
    "net.ipv6.conf.%s.%s=0" % (scope, name) for scope in ("all", "default")
    for name in ("router_solicitations", "dad_transmits")]


def _quiet(namespace, seconds=2.0, limit=20.0):
    """Wait (at most `limit` s) until the interface counters hold for `seconds`."""
    deadline = time.monotonic() + limit
    before = namespace.run(["cat", "/proc/net/dev"]).stdout
    while time.monotonic() < deadline:
        time.sleep(seconds)
        now = namespace.run(["cat", "/proc/net/dev"]).stdout
        if now == before:
            return
        before = now


def _ip(namespace, command):
    subprocess.run(["ip", "-n", namespace.name, *command.split()], check=True,
                   capture_output=True, timeout=30)


def _etc_files(namespace):
    directory = os.path.join("/etc/netns", namespace.name)
    os.makedirs(directory, exist_ok=True)
    for name, text in (("hosts", HOSTS), ("networks", NETWORKS),
                       ("resolv.conf", "nameserver 127.0.0.1\n")):
        with open(os.path.join(directory, name), "w") as etc_file:
            etc_file.write(text)


@pytest.fixture(scope="module")
def lab():
    with Namespace("modes") as namespace, Namespace("peer") as peer:
        _etc_files(namespace)  # removed with the namespace
        for inside in (namespace, peer):
            inside.run(["sysctl", "-q", "-w", *QUIET_SYSCTLS])
        for command in SETUP:
            _ip(namespace, command.format(peer=peer.name))
        for command in OPTIONAL_SETUP:
            subprocess.run(["ip", "-n", namespace.name, *command.split()],
                           capture_output=True, timeout=30)
        for command in PEER_SETUP:
            _ip(peer, command)
        joiner = namespace.start([sys.executable, "-c", JOINER], stdout=subprocess.PIPE)
        server = peer.start([sys.executable, "-c", SERVER], stdout=subprocess.PIPE)
        assert joiner.stdout.readline() == b"ready\n"
        assert server.stdout.readline() == b"ready\n"
        namespace.run([sys.executable, "-c", TRAFFIC], check=True)
        _quiet(namespace)
        yield namespace


def _both(namespace, argv):
    """(netstat's, pynetstat's) output and status, the program name made equal."""
    theirs = namespace.run(["netstat", *argv])
    ours = namespace.run([command_path("pynetstat"), *argv])
    rename = lambda text: text.replace(b"pynetstat", b"netstat")  # noqa: E731
    return ((theirs.stdout, theirs.stderr, theirs.returncode),
            (rename(ours.stdout), rename(ours.stderr), ours.returncode))


def _compare(namespace, argv, attempts=3):
    """Equal output; counters that moved between the two runs get new attempts."""
    for _ in range(attempts):
        theirs, ours = _both(namespace, argv)
        if theirs == ours:
            return
    assert ours == theirs


@needs_root
@pytest.mark.parametrize("argv", ROUTE_FLAGS, ids=" ".join)
def test_routes_as_netstat(lab, argv):
    _compare(lab, argv)


@needs_root
@pytest.mark.parametrize("argv", INTERFACE_FLAGS, ids=" ".join)
def test_interfaces_as_netstat(lab, argv):
    _compare(lab, argv)


@needs_root
@pytest.mark.parametrize("argv", GROUP_FLAGS, ids=" ".join)
def test_groups_as_netstat(lab, argv):
    _compare(lab, argv)


@needs_root
@pytest.mark.parametrize("argv", STATISTICS_FLAGS, ids=" ".join)
def test_statistics_as_netstat(lab, argv):
    _compare(lab, argv)


@needs_root
@pytest.mark.parametrize("argv", [["-ic"], ["-iec"], ["-rnc"], ["-gnc", "-6"]], ids=" ".join)
def test_continuous_passes_as_netstat(lab, argv):
    """Under -c: what two passes print (the interface title only once)."""
    for _ in range(3):  # counters that moved between the runs get new attempts
        outputs = [lab.run(["timeout", "-s", "INT", "1.5", program, *argv]).stdout.splitlines()
                   for program in ("netstat", command_path("pynetstat"))]
        shorter = min(len(lines) for lines in outputs)
        if outputs[1][:shorter] == outputs[0][:shorter]:
            break
    assert shorter > 0
    assert outputs[1][:shorter] == outputs[0][:shorter]


def _json(namespace, argv):
    done = namespace.run([command_path("pynetstat"), "--json", *argv], check=True)
    return valid_document("pynetstat", done.stdout)


@needs_root
def test_json_routes_hold_the_table(lab):
    tables = _json(lab, ["-r", "-A", "inet,inet6"])["tables"]
    assert [(table["family"], table["cache"]) for table in tables] == [
        ("inet", False), ("inet6", False)]
    ipv4 = {(route["destination"], route["mask"]): route for route in tables[0]["routes"]}
    assert ipv4[("0.0.0.0", "0.0.0.0")]["gateway"] == "192.0.2.2"
    assert ipv4[("198.51.100.128", "255.255.255.128")]["metric"] == 50
    assert ipv4[("203.0.113.5", "255.255.255.255")]["window"] == 2000
    assert "REJECT" in ipv4[("203.0.113.0", "255.255.255.240")]["flags"]
    ipv6 = {(route["destination"], route["prefix_length"]): route for route in tables[1]["routes"]}
    assert ipv6[("2001:db8:2::", 48)]["next_hop"] == "2001:db8:1::2"
    assert ipv6[("2001:db8:2::", 48)]["metric"] == 77


@needs_root
def test_json_interfaces_groups_and_counters(lab):
    interfaces = {item["name"]: item for item in _json(lab, ["-ia"])["interfaces"]}
    assert interfaces["va"]["inet"]["address"] == "192.0.2.1"
    assert interfaces["va:1"]["inet"]["address"] == "192.0.2.9"
    assert interfaces["va:1"]["counters"] is None
    assert interfaces["va"]["counters"]["tx_packets"] > 0
    assert "UP" not in interfaces["v10"]["flags"]
    groups = {(item["interface"], item["group"]): item["users"]
              for item in _json(lab, ["-g"])["groups"]}
    assert groups[("va", "239.1.2.3")] == 2
    assert groups[("va", "ff15::1234")] == 1
    counters = _json(lab, ["-st"])
    tables = {table["title"]: table for table in counters["tables"]}
    assert "Tcp" in tables and "Udp" not in tables
    tcp = {counter["name"]: counter["value"] for counter in tables["Tcp"]["counters"]}
    assert tcp["ActiveOpens"] >= 1
