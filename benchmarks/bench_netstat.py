"""pynetstat beside netstat and ss on 1,000, 10,000 and 24,000 TCP connections.

A network namespace (tests/lab/netns.py) holds one process with the
connections on loopback (each is two sockets: 24,000 connections are
48,000 sockets, plus a listener per 8,000 connections); it adds connections
when asked, so one namespace serves every scale and the growth shows.  Every command runs
inside through `ip netns exec` (which costs the same few milliseconds for
each).  pynetstat reads the tables through sock_diag netlink where it can;
`PYNETTOOLS_SOCK_DIAG=0` forces the /proc/net path, shown beside it.  The
last comparison splits pynetstat's time into its parts.
"""

import os
import subprocess
import sys

from benchmarks.run import Comparison, tool
from tests.lab.netns import Namespace

SCALES = (1_000, 10_000, 24_000)  # connections
# Holds connected pairs on loopback; each line "N" on stdin grows them to N
# connections, answered by "ready".  A child process holds each 8,000
# (16,000 fds, under the usual 20,000-fd limit), with a listener of its own;
# all are killed with the namespace.
HOLDER = r"""
import os, resource, signal, socket, sys
PER_PROCESS = 8_000
held = children = 0
for line in sys.stdin:
    while held < int(line):
        count = min(PER_PROCESS, int(line) - held)
        ready, done = os.pipe()
        if os.fork() == 0:
            hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            listener = socket.socket()
            listener.bind(("127.0.0.1", 5000 + children))
            listener.listen(4096)
            sockets = []
            for _ in range(count):
                sockets.append(socket.create_connection(listener.getsockname()))
                sockets.append(listener.accept()[0])
            os.write(done, b"x")
            while True:
                signal.pause()
        os.read(ready, 1)
        os.close(ready)
        os.close(done)
        held += count
        children += 1
    print("ready", flush=True)
"""
PSUTIL_LISTING = "import psutil; psutil.net_connections('tcp')"
PROC_PATH = ["env", "PYNETTOOLS_SOCK_DIAG=0"]


def comparisons():
    if os.geteuid() != 0:
        print("bench_netstat: needs root (network namespace); skipped")
        return
    for namespace, connections in held_connections("bench-netstat", SCALES):
        yield from _at_scale(namespace.command, connections)
        if connections == SCALES[-1]:
            yield _breakdown(namespace.command, connections)


def held_connections(name, scales):
    """(namespace, connections) for each of `scales` in turn: the holder in the
    namespace `name` holds that many connections when it is yielded."""
    with Namespace(name) as namespace:
        namespace.run(["sysctl", "-q", "-w", "net.ipv4.ip_local_port_range=10000 65000"],
                      check=True)
        holder = namespace.start([sys.executable, "-c", HOLDER], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE)
        for connections in scales:
            holder.stdin.write(b"%d\n" % connections)
            holder.stdin.flush()
            if holder.stdout.readline() != b"ready\n":
                raise RuntimeError("the connection holder stopped short of %d" % connections)
            yield namespace, connections


def _at_scale(inside, connections):
    scale = "%d connections (%d sockets)" % (connections, 2 * connections)
    for flags, goal in (("-tan", "target at 24,000: at most 1.0x netstat, same bytes"),
                        ("-tanp", "target at 24,000: at most 0.5x netstat, same bytes")):
        yield Comparison(
            "pynetstat %s: %s" % (flags, scale),
            {"netstat " + flags: inside(["netstat", flags]),
             "pynetstat " + flags: inside([tool("pynetstat"), flags]),
             "pynetstat %s, /proc/net path" % flags: inside(
                 [*PROC_PATH, tool("pynetstat"), flags]),
             "ss " + flags: inside(["ss", flags])},
            baseline="netstat " + flags, rounds=10 if connections > 1_000 else 20,
            same_output=[("pynetstat " + flags, "netstat " + flags),
                         ("pynetstat %s, /proc/net path" % flags, "netstat " + flags)],
            note=goal)


def _breakdown(inside, connections):
    return Comparison(
        "where pynetstat -tan's time goes (%d connections)" % connections,
        {"pynetstat -tan": inside([tool("pynetstat"), "-tan"]),
         "ip netns exec true (the wrapper alone)": inside(["true"]),
         "python -c pass (the interpreter)": inside([sys.executable, "-c", "pass"]),
         "pynetstat -V (interpreter and imports)": inside([tool("pynetstat"), "-V"]),
         "cat /proc/net/tcp (the kernel writing it)": inside(["cat", "/proc/net/tcp"]),
         "python: import psutil": inside([sys.executable, "-c", "import psutil"]),
         "python: psutil.net_connections('tcp'), pids too": inside(
             [sys.executable, "-c", PSUTIL_LISTING])},
        baseline="pynetstat -tan", rounds=10,
        note="psutil is not imported on Linux: its import alone and its listing (no queues, "
             "no inodes) are shown for comparison")
