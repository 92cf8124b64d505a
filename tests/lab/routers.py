"""The traceroute lab: a client, a chain of four routers and a destination.

    client --- r1 --- r2 --- r3 ==(MTU 1400)== r4 --- dest
      .1   .2    .5  .6   .9  .10  .13      .14  .1      .2   (192.0.2.x / 203.0.113.x)

IPv6 runs beside IPv4 on the same links (2001:db8:<link>::/64).  What the
routers do to the test prefixes (198.51.100.0/24, 2001:db8:200::/64) is
set by nft rules on r3 and r4, never by route types: the kernel's limit on
route-error ICMP is global and would make answers flaky.  The client's
/etc/hosts names the routers; its resolv.conf points at a closed local port
so that names not in the file fail at once.
"""

import contextlib
import os
import subprocess

from tests.lab.netns import Namespace

ROUTERS = ("r1", "r2", "r3", "r4")
DEST4, DEST6 = "203.0.113.2", "2001:db8:100::2"
CLIENT4, CLIENT6 = "192.0.2.1", "2001:db8:1::1"
SILENT_SOURCE4, SILENT_SOURCE6 = "192.0.2.200", "2001:db8:1::3"  # r2 never answers these
ROUTER4 = {"r1": "192.0.2.2", "r2": "192.0.2.6", "r3": "192.0.2.10", "r4": "192.0.2.14"}
ROUTER6 = {"r1": "2001:db8:1::2", "r2": "2001:db8:2::2", "r3": "2001:db8:3::2",
           "r4": "2001:db8:4::2"}
SMALL_MTU = 1400  # r3 -- r4

# Test targets beyond r4 and what r3 or r4 answers for them.
TARGETS4 = {"host-unreachable": "198.51.100.1", "net-unreachable": "198.51.100.2",
            "admin-prohibited": "198.51.100.3", "blackhole": "198.51.100.4",
            "prot-unreachable": "198.51.100.5", "port-unreachable-r4": "198.51.100.6"}
TARGETS6 = {"host-unreachable": "2001:db8:200::1", "net-unreachable": "2001:db8:200::2",
            "admin-prohibited": "2001:db8:200::3", "blackhole": "2001:db8:200::4",
            "prot-unreachable": "2001:db8:200::5", "port-unreachable-r4": "2001:db8:200::6"}
REJECTS4 = {"host-unreachable": "icmp type host-unreachable",
            "net-unreachable": "icmp type net-unreachable",
            "admin-prohibited": "icmp type admin-prohibited",
            "prot-unreachable": "icmp type prot-unreachable",
            "port-unreachable-r4": "icmp type port-unreachable"}
REJECTS6 = {"host-unreachable": "icmpv6 type addr-unreachable",
            "net-unreachable": "icmpv6 type no-route",
            "admin-prohibited": "icmpv6 type admin-prohibited",
            "prot-unreachable": "icmpv6 type policy-fail",
            "port-unreachable-r4": "icmpv6 type port-unreachable"}
HOST_NAMES = ("client.lab", "r1.lab", "r2.lab", "r3.lab", "r4.lab", "dest.lab")
HOSTS = "127.0.0.1 localhost\n" + "".join(
    "%s %s\n" % pair
    for addresses in ((CLIENT4, *ROUTER4.values(), DEST4), (CLIENT6, *ROUTER6.values(), DEST6))
    for pair in zip(addresses, HOST_NAMES))
RESOLV_CONF = "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n"
TCP_PORT, CLOSED_PORT = 80, 81
LISTENER = r"""
import socket, time
keep = []
for family, address in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
    server = socket.socket(family, socket.SOCK_STREAM)
    if family == socket.AF_INET6:
        server.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((address, %d))
    server.listen(64)
    keep.append(server)
print("ready", flush=True)
time.sleep(3600)
""" % TCP_PORT

# One answered datagram per address (argv), so that neighbour discovery along
# the chain is done before any test times a probe.
WARM_UP = r"""
import socket, sys
for address in sys.argv[1:]:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_DGRAM)
    sock.settimeout(5)
    sock.connect((address, %d))
    for attempt in range(5):
        sock.send(b"warm-up")
        try:
            sock.recv(1)
        except ConnectionRefusedError:
            break
        except socket.timeout:
            continue
""" % CLOSED_PORT


def _warm_up(client, addresses):
    """Send WARM_UP's datagrams from the client."""
    client.run(["python3", "-c", WARM_UP, *addresses], check=True, timeout=60)


class Lab:
    """The built lab: its namespaces by role, and how to run in the client."""

    def __init__(self, namespaces):
        self.namespaces = namespaces
        self.client = namespaces["client"]
        self.dest = namespaces["dest"]

    def run(self, argv, timeout=60, **kwargs):
        return self.client.run(argv, timeout=timeout, **kwargs)


def _ip_batch(namespace, commands):
    subprocess.run(["ip", "-n", namespace.name, "-batch", "-"], input="\n".join(commands) + "\n",
                   text=True, check=True, capture_output=True, timeout=30)


def _link(left, right, left_name, right_name, mtu=None):
    subprocess.run(["ip", "link", "add", left_name, "netns", left.name, "type", "veth",
                    "peer", "name", right_name, "netns", right.name],
                   check=True, capture_output=True, timeout=30)
    if mtu:
        for namespace, name in ((left, left_name), (right, right_name)):
            _ip_batch(namespace, ["link set %s mtu %d" % (name, mtu)])


def _sysctls(namespace, forwarding):
    settings = ["net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0"]
    if forwarding:
        settings += ["net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1",
                     # -g: routers honour (and pass on) source routes only when
                     # both `all` and the interface allow it
                     "net.ipv4.conf.all.accept_source_route=1",
                     "net.ipv4.conf.default.accept_source_route=1"]
    namespace.run(["sysctl", "-q", "-w", *settings], check=True)


def _addresses(index):
    """Addresses on link `index` (0 = client-r1 ... 4 = r4-dest): (left, right) v4, v6."""
    if index == 4:
        return ("203.0.113.1", DEST4), ("2001:db8:100::1", DEST6)
    return ("192.0.2.%d" % (4 * index + 1), "192.0.2.%d" % (4 * index + 2)), \
        ("2001:db8:%d::1" % (index + 1), "2001:db8:%d::2" % (index + 1))


def _wire(chain):
    """veth pairs, addresses and routes along the chain of namespaces."""
    for index in range(len(chain) - 1):
        left, right = chain[index], chain[index + 1]
        _link(left, right, "east", "west", SMALL_MTU if index == 3 else None)
        (left4, right4), (left6, right6) = _addresses(index)
        prefix4 = 24 if index == 4 else 30
        _ip_batch(left, ["addr add %s/%d dev east" % (left4, prefix4),
                         "addr add %s/64 dev east nodad" % left6, "link set east up"])
        _ip_batch(right, ["addr add %s/%d dev west" % (right4, prefix4),
                          "addr add %s/64 dev west nodad" % right6, "link set west up"])
    _ip_batch(chain[0], ["addr add %s/32 dev east" % SILENT_SOURCE4,
                         # deprecated (preferred_lft 0): never chosen as a default source
                         "addr add %s/128 dev east nodad preferred_lft 0" % SILENT_SOURCE6])
    for position, namespace in enumerate(chain):
        routes = []
        if position < len(chain) - 1:  # onwards: towards the destination
            routes += ["route add default via %s" % address for address in
                       (pair[1] for pair in _addresses(position))]
        if 0 < position < len(chain) - 1:  # back: towards the client
            back4, back6 = (pair[0] for pair in _addresses(position - 1))
            routes += ["route add 192.0.2.0/24 via %s" % back4,
                       "route add 2001:db8::/40 via %s" % back6]
        if position == len(chain) - 1:
            routes += ["route add default via 203.0.113.1", "route add default via 2001:db8:100::1"]
        _ip_batch(namespace, routes)


def _nft(namespace, chains):
    """Load table `inet lab` with {hook: [rule, ...]} filter chains."""
    text = "table inet lab {\n" + "".join(
        " chain %s {\n  type filter hook %s priority 0\n%s }\n" % (
            hook, hook, "".join("  %s\n" % rule for rule in rules))
        for hook, rules in chains.items()) + "}\n"
    subprocess.run(["ip", "netns", "exec", namespace.name, "nft", "-f", "-"], input=text,
                   text=True, check=True, capture_output=True, timeout=30)


def _reject_rules(kinds):
    return ["ip daddr %s reject with %s" % (TARGETS4[kind], REJECTS4[kind]) for kind in kinds] + \
        ["ip6 daddr %s reject with %s" % (TARGETS6[kind], REJECTS6[kind]) for kind in kinds]


def _filters(namespaces):
    """r3 rejects the unreachable targets, r4 drops the blackhole, r2 is silent to one source."""
    at_r3 = [kind for kind in REJECTS4 if kind != "port-unreachable-r4"]
    _nft(namespaces["r3"], {"forward": _reject_rules(at_r3)})
    _nft(namespaces["r4"], {"forward": _reject_rules(["port-unreachable-r4"]) + [
        "ip daddr %s drop" % TARGETS4["blackhole"], "ip6 daddr %s drop" % TARGETS6["blackhole"]]})
    _nft(namespaces["r2"], {"output": [
        "ip daddr %s icmp type time-exceeded drop" % SILENT_SOURCE4,
        "ip6 daddr %s icmpv6 type time-exceeded drop" % SILENT_SOURCE6]})


def _client_files(client, hosts=HOSTS):
    """/etc/hosts and a resolv.conf that fails at once, in the client namespace."""
    directory = os.path.join("/etc/netns", client.name)
    os.makedirs(directory, exist_ok=True)
    for name, text in (("hosts", hosts), ("resolv.conf", RESOLV_CONF)):
        with open(os.path.join(directory, name), "w") as handle:
            handle.write(text)


def _namespaces(stack, prefix, roles, routers):
    """{role: Namespace} entered on `stack`, the `routers` among them forwarding."""
    namespaces = {role: stack.enter_context(Namespace(prefix + role)) for role in roles}
    for role, namespace in namespaces.items():
        _sysctls(namespace, forwarding=role in routers)
    return namespaces


@contextlib.contextmanager
def build_lab():
    """The whole lab, removed on every exit path."""
    with contextlib.ExitStack() as stack:
        roles = ("client",) + ROUTERS + ("dest",)
        namespaces = _namespaces(stack, "tr-", roles, ROUTERS)
        chain = [namespaces[role] for role in roles]
        _wire(chain)
        _filters(namespaces)
        _client_files(namespaces["client"])
        listener = namespaces["dest"].start(["python3", "-c", LISTENER], stdout=subprocess.PIPE)
        assert listener.stdout.readline() == b"ready\n"
        _warm_up(namespaces["client"], [DEST4, DEST6])
        yield Lab(namespaces)


# -- A chain whose routers talk over link-local IPv6 addresses only ------------
#
#   client --- ll1 --- ll2 --- dest      every link: fe80::1 (left), fe80::2 (right)
#
# No interface gets an automatic link-local address (addrgenmode none), so
# the addresses are these.  The client's global address sits on its loopback
# (the source of its traces to dest); ll1 has no global address at all, so
# its ICMP errors come from fe80::2%east as the client sees it; ll2 has one
# on its loopback (its errors would not pass ll1 with a link-local source).
LINK_LOCAL_ROUTERS = ("ll1", "ll2")
LINK_LOCAL_CLIENT6, LINK_LOCAL_DEST6, LINK_LOCAL_R2 = \
    "2001:db8:1::1", "2001:db8:100::2", "2001:db8:ff::2"
LINK_LOCAL_LEFT, LINK_LOCAL_RIGHT = "fe80::1", "fe80::2"


class LinkLocalLab(Lab):
    """The link-local chain, its namespaces by role ("client", "ll1", "ll2", "dest")."""


def _link_local_wire(chain):
    for left, right in zip(chain, chain[1:]):
        _link(left, right, "east", "west")
        for namespace, name, address in ((left, "east", LINK_LOCAL_LEFT),
                                         (right, "west", LINK_LOCAL_RIGHT)):
            _ip_batch(namespace, ["link set %s addrgenmode none" % name,
                                  "addr add %s/64 dev %s nodad" % (address, name),
                                  "link set %s up" % name])
    client, router1, router2, dest = chain
    onwards = "route add %%s via %s dev east" % LINK_LOCAL_RIGHT
    back = "route add %%s via %s dev west" % LINK_LOCAL_LEFT
    _ip_batch(client, ["addr add %s/128 dev lo" % LINK_LOCAL_CLIENT6, onwards % "default"])
    _ip_batch(router1, [onwards % "2001:db8:100::/64", onwards % "%s/128" % LINK_LOCAL_R2,
                        back % "%s/128" % LINK_LOCAL_CLIENT6])
    _ip_batch(router2, ["addr add %s/128 dev lo" % LINK_LOCAL_R2, onwards % "2001:db8:100::/64",
                        back % "%s/128" % LINK_LOCAL_CLIENT6])
    _ip_batch(dest, ["addr add %s/128 dev lo" % LINK_LOCAL_DEST6, back % "default"])


@contextlib.contextmanager
def build_link_local_lab():
    """The link-local chain, removed on every exit path."""
    with contextlib.ExitStack() as stack:
        roles = ("client",) + LINK_LOCAL_ROUTERS + ("dest",)
        namespaces = _namespaces(stack, "ll-", roles, LINK_LOCAL_ROUTERS)
        _link_local_wire([namespaces[role] for role in roles])
        _client_files(namespaces["client"], hosts="127.0.0.1 localhost\n")
        _warm_up(namespaces["client"], [LINK_LOCAL_DEST6])
        yield LinkLocalLab(namespaces)


# -- Two equal-cost paths ------------------------------------------------------
#
#   client --- split ==(via side-a or side-b)== join --- dest
#
# `split` balances what it forwards to dest over two next hops: IPv6 on a
# hash of addresses, flow label and next header (the kernel's default policy
# 0), IPv4 on the five-tuple (fib_multipath_hash_policy=1).  Linux uses the
# hash a packet already carries when it has one, and a packet keeps its
# sending socket's hash across a veth, so probes from new connected sockets
# (new hashes) go either way even with constant ports.  Hop 2 of a trace is
# side-a or side-b: which one is the path taken.
ECMP_DEST4, ECMP_DEST6 = "203.0.113.2", "2001:db8:100::2"
ECMP_SIDES4 = {"side-a": "192.0.2.6", "side-b": "192.0.2.10"}
ECMP_SIDES6 = {"side-a": "2001:db8:2::2", "side-b": "2001:db8:3::2"}
# side: (back to split, v4 and v6; onwards to join, v4 and v6)
ECMP_SIDE_ROUTES = {"side-a": ("192.0.2.5", "2001:db8:2::1", "192.0.2.14", "2001:db8:4::2"),
                    "side-b": ("192.0.2.9", "2001:db8:3::1", "192.0.2.18", "2001:db8:5::2")}


class EcmpLab(Lab):
    """The two-path lab: roles "client", "split", "side-a", "side-b", "join", "dest"."""


def _pair(left, right, left_name, right_name, net4, net6):
    """A veth pair `left_name`--`right_name`: 192.0.2.<net4 + 1, 2>/30, `net6`1 and 2 /64."""
    _link(left, right, left_name, right_name)
    for namespace, name, host in ((left, left_name, 1), (right, right_name, 2)):
        _ip_batch(namespace, ["addr add 192.0.2.%d/30 dev %s" % (net4 + host, name),
                              "addr add %s%d/64 dev %s nodad" % (net6, host, name),
                              "link set %s up" % name])


def _ecmp_wire(namespaces):
    client, split, join, dest = (namespaces[role] for role in ("client", "split", "join", "dest"))
    _pair(client, split, "east", "west", 0, "2001:db8:1::")
    _pair(split, namespaces["side-a"], "path-a", "west", 4, "2001:db8:2::")
    _pair(split, namespaces["side-b"], "path-b", "west", 8, "2001:db8:3::")
    _pair(namespaces["side-a"], join, "east", "path-a", 12, "2001:db8:4::")
    _pair(namespaces["side-b"], join, "east", "path-b", 16, "2001:db8:5::")
    _link(join, dest, "east", "west")
    _ip_batch(join, ["addr add 203.0.113.1/24 dev east", "addr add 2001:db8:100::1/64 dev east "
                     "nodad", "link set east up"])
    _ip_batch(dest, ["addr add %s/24 dev west" % ECMP_DEST4,
                     "addr add %s/64 dev west nodad" % ECMP_DEST6, "link set west up",
                     "route add default via 203.0.113.1", "route add default via 2001:db8:100::1"])
    _ip_batch(client, ["route add default via 192.0.2.2", "route add default via 2001:db8:1::2"])
    _ip_batch(split, [
        "route add 203.0.113.0/24 nexthop via 192.0.2.6 dev path-a nexthop via 192.0.2.10 "
        "dev path-b",
        "route add 2001:db8:100::/64 nexthop via 2001:db8:2::2 dev path-a nexthop via "
        "2001:db8:3::2 dev path-b"])
    for side, (back4, back6, onwards4, onwards6) in ECMP_SIDE_ROUTES.items():
        _ip_batch(namespaces[side], ["route add 203.0.113.0/24 via " + onwards4,
                                     "route add 2001:db8:100::/64 via " + onwards6,
                                     "route add 192.0.2.0/24 via " + back4,
                                     "route add 2001:db8::/40 via " + back6])
    _ip_batch(join, ["route add 192.0.2.0/24 via 192.0.2.13",  # back by side-a alone
                     "route add 2001:db8::/40 via 2001:db8:4::1"])


@contextlib.contextmanager
def build_ecmp_lab():
    """The two-path lab, removed on every exit path."""
    with contextlib.ExitStack() as stack:
        roles = ("client", "split", "side-a", "side-b", "join", "dest")
        namespaces = _namespaces(stack, "ecmp-", roles, roles[1:-1])
        namespaces["split"].run(["sysctl", "-q", "-w", "net.ipv4.fib_multipath_hash_policy=1",
                                 "net.ipv6.fib_multipath_hash_policy=0"], check=True)
        # -I -O dgram: unprivileged ICMP sockets, for everyone in the client
        namespaces["client"].run(["sysctl", "-q", "-w", "net.ipv4.ping_group_range=0 2147483647"],
                                 check=True)
        _ecmp_wire(namespaces)
        _client_files(namespaces["client"], hosts="127.0.0.1 localhost\n")
        _warm_up(namespaces["client"], [ECMP_DEST4, ECMP_DEST6])
        yield EcmpLab(namespaces)


# --- For batches and reports (pytraceroute --targets, --report): added to a built lab.

# More targets of each kind, for batches: dest holds the answered ones, r3
# rejects and r4 drops the others (their own nft table, `batch`).
BATCH_TARGETS = {
    "answered": ["203.0.113.%d" % number for number in range(10, 20)],
    "host-unreachable": ["198.51.100.%d" % number for number in range(16, 26)],
    "net-unreachable": ["198.51.100.%d" % number for number in range(32, 42)],
    "blackhole": ["198.51.100.%d" % number for number in range(48, 58)],
    "answered6": ["2001:db8:100::%x" % number for number in range(0x10, 0x14)],
    "admin-prohibited6": ["2001:db8:200::%x" % number for number in range(0x30, 0x34)],
}


def add_batch_targets(lab):
    """Make every address of BATCH_TARGETS behave as its kind says (see above)."""
    _ip_batch(lab.dest, ["addr add %s/32 dev west" % address
                         for address in BATCH_TARGETS["answered"]] +
              ["addr add %s/128 dev west nodad" % address
               for address in BATCH_TARGETS["answered6"]])
    rules = {"r3": ["ip daddr 198.51.100.16/28 reject with icmp type host-unreachable",
                    "ip daddr 198.51.100.32/28 reject with icmp type net-unreachable",
                    "ip6 daddr 2001:db8:200::30/124 reject with icmpv6 type admin-prohibited"],
             "r4": ["ip daddr 198.51.100.48/28 drop"]}
    for router, forward in rules.items():
        _nft_table(lab.namespaces[router], "batch", {"forward": forward})
    _warm_up(lab.client, BATCH_TARGETS["answered"] + BATCH_TARGETS["answered6"])


def _nft_table(namespace, table, chains, family="inet"):
    """Load table `family table` with {hook: [rule, ...]} filter chains, replacing it."""
    text = "table %s %s {}\ndelete table %s %s\n" % (family, table, family, table)
    text += "table %s %s {\n" % (family, table) + "".join(
        " chain %s {\n  type filter hook %s priority 0\n%s }\n" % (
            hook, hook, "".join("  %s\n" % rule for rule in rules))
        for hook, rules in chains.items()) + "}\n"
    subprocess.run(["ip", "netns", "exec", namespace.name, "nft", "-f", "-"], input=text,
                   text=True, check=True, capture_output=True, timeout=30)


def drop_answers(lab, router="r2", dropped=3, of=10):
    """`router` drops exactly `dropped` of every `of` time-exceeded messages it sends
    the client, in a fixed pattern (nft numgen inc), so that tools that send the same
    number of probes through it lose the same share.  Loaded again, the count restarts."""
    rule = "numgen inc mod %d < %d drop" % (of, dropped)
    _nft_table(lab.namespaces[router], "lossy", {"output": [
        "ip daddr %s icmp type time-exceeded %s" % (CLIENT4, rule),
        "ip6 daddr %s icmpv6 type time-exceeded %s" % (CLIENT6, rule)]})


SECOND_R2 = {"r1": "192.0.2.17", "r2b": "192.0.2.18", "r2b-east": "192.0.2.21",
             "r3": "192.0.2.22"}


@contextlib.contextmanager
def second_path(lab):
    """A router r2b beside r2 (r1 -- r2b -- r3, 192.0.2.16/30 and .20/30), and r1
    sending every other probe that reaches it with TTL 2 that way (`alternate`), so
    that hop 2 answers from two addresses in turn.  Removed on every exit path."""
    with Namespace("tr-r2b") as r2b:
        r1, r3 = lab.namespaces["r1"], lab.namespaces["r3"]
        _sysctls(r2b, forwarding=True)
        _link(r1, r2b, "east2", "west")
        _link(r2b, r3, "east", "west2")
        _ip_batch(r1, ["addr add %s/30 dev east2" % SECOND_R2["r1"], "link set east2 up",
                       "route add default via %s table 100" % SECOND_R2["r2b"],
                       "rule add fwmark 1 table 100"])
        _ip_batch(r2b, ["addr add %s/30 dev west" % SECOND_R2["r2b"], "link set west up",
                        "addr add %s/30 dev east" % SECOND_R2["r2b-east"], "link set east up",
                        "route add default via %s" % SECOND_R2["r3"],
                        "route add 192.0.2.0/24 via %s" % SECOND_R2["r1"]])
        _ip_batch(r3, ["addr add %s/30 dev west2" % SECOND_R2["r3"], "link set west2 up"])
        lab.namespaces["r2b"] = r2b
        alternate(lab)
        try:
            yield r2b
        finally:
            del lab.namespaces["r2b"]
            _ip_batch(r1, ["rule del fwmark 1 table 100"])


def alternate(lab):
    """(Re)load r1's rule: probes to the destinations with TTL 2 take r2 and r2b in
    turn, starting with r2."""
    subprocess.run(["ip", "netns", "exec", lab.namespaces["r1"].name, "nft", "-f", "-"],
                   text=True, check=True, capture_output=True, timeout=30, input=(
                       "table ip alternate {}\ndelete table ip alternate\n"
                       "table ip alternate {\n chain prerouting {\n"
                       "  type filter hook prerouting priority -150\n"
                       "  ip daddr 203.0.113.0/24 ip ttl 2 meta mark set numgen inc mod 2\n"
                       " }\n}\n"))
