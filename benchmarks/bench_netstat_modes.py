"""pynetstat -r, -i, -g and -s beside netstat and iproute2, in a namespace.

The namespace (made and removed with tests/lab/netns.py's Namespace) holds
1,530 IPv4 routes (every /25 to /32 of the three documentation networks),
10,000 IPv6 routes in 2001:db8::/32 and 100 veth pairs, so that reading
and formatting, not interpreter start-up alone, shows in the ratios.
"""

import os
import subprocess
import sys
import tempfile

from benchmarks.run import Comparison, tool

IPV4_NETWORKS = ("192.0.2", "198.51.100", "203.0.113")
IPV6_ROUTES = 10_000
VETH_PAIRS = 100
NOTES = {
    0: "no target: at 1,530 routes netstat's whole run is shorter than the bare "
       "interpreter's start-up (issue 12's start-up goal is `pynetstat -rn` beside it)",
    2: "netstat formats each IPv6 route through a slow resolver path; pynetstat does not",
    7: "where the time goes: the bare interpreter's start-up is most of pynetstat's time "
       "on small tables; reading and formatting the counters take a few ms",
}


def _ipv4_routes():
    for network in IPV4_NETWORKS:
        for length in range(25, 33):
            step = 1 << (32 - length)
            for start in range(0, 256, step):
                yield "route add %s.%d/%d dev lo" % (network, start, length)


def _batch():
    yield "link set lo up"
    yield from _ipv4_routes()
    for number in range(IPV6_ROUTES):
        yield "route add 2001:db8:%x:%x::/64 dev lo" % (number // 256, number % 256)
    for number in range(VETH_PAIRS):
        yield "link add bench%da type veth peer name bench%db" % (number, number)
        yield "link set bench%da up" % number
        yield "addr add 198.51.100.%d/32 dev bench%da" % (number + 1, number)


def comparisons():
    if os.geteuid() != 0:
        print("bench_netstat_modes: needs root (network namespace); skipped")
        return
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from tests.lab.netns import Namespace

    # Inside `with`: the namespace goes when run.py has walked every comparison,
    # whether it measured them or skipped them by title.
    with Namespace("bench-modes") as namespace:
        with tempfile.NamedTemporaryFile("w", suffix=".batch") as batch:
            batch.write("\n".join(_batch()) + "\n")
            batch.flush()
            subprocess.run(["ip", "-n", namespace.name, "-batch", batch.name], check=True,
                           capture_output=True, timeout=600)
        yield from _comparisons(namespace.command)


def _comparisons(inside):
    pynetstat = tool("pynetstat")
    cases = [
        ("-rn: 1,530 IPv4 routes", ["-rn"], ["ip", "-4", "route", "show"]),
        ("-rnee: the widest IPv4 layout", ["-rnee"], None),
        ("-rn6: 10,000 IPv6 routes", ["-rn6"], ["ip", "-6", "route", "show"]),
        ("-i: 201 interfaces", ["-i"], ["ip", "-s", "link", "show"]),
        ("-ie: 201 interfaces, ifconfig blocks", ["-ie"], ["ip", "-s", "addr", "show"]),
        ("-gn: group memberships", ["-gn"], ["ip", "maddr", "show"]),
        ("-s: IPv4 counters", ["-s"], ["nstat", "-asz"]),
        ("-s6: IPv6 counters", ["-s6"], None),
    ]
    for number, (title, argv, iproute) in enumerate(cases):
        commands = {"netstat " + " ".join(argv): inside(["netstat", *argv]),
                    "pynetstat " + " ".join(argv): inside([pynetstat, *argv])}
        if iproute:
            commands[" ".join(iproute) + " (iproute2)"] = inside(iproute)
        if number == len(cases) - 1:
            commands["python -c pass (bare interpreter)"] = inside([sys.executable, "-c", "pass"])
        ours, theirs = "pynetstat " + " ".join(argv), "netstat " + " ".join(argv)
        yield Comparison("pynetstat " + title, commands, baseline=next(iter(commands)),
                         rounds=15, note=NOTES.get(number, ""),
                         same_output=[] if argv[0] == "-s" else [(ours, theirs)])
