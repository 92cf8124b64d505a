"""pynetstat beside netstat and ss, on 10,000 TCP sockets in a network namespace.

The namespace (tests/lab/netns.py) holds one process with 5,000 connected
pairs on loopback; every command runs inside it through `ip netns exec`
(which costs the same few milliseconds for each).  The third comparison
splits pynetstat's time into its parts, psutil's price included.
"""

import subprocess
import sys

from benchmarks.run import Comparison, tool
from tests.lab.netns import Namespace

SOCKETS = 10_000
# Holds SOCKETS connected TCP sockets (SOCKETS // 2 pairs) until killed.
HOLDER = r"""
import resource, socket, sys, time
count = int(sys.argv[1])
hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
listener = socket.socket()
listener.bind(("127.0.0.1", 5000))
listener.listen(4096)
held = []
for _ in range(count // 2):
    held.append(socket.create_connection(("127.0.0.1", 5000)))
    held.append(listener.accept()[0])
print("ready", flush=True)
time.sleep(3600)
"""
PSUTIL_LISTING = "import psutil; psutil.net_connections('tcp')"


def comparisons():
    with Namespace("bench-netstat") as namespace:
        holder = namespace.start([sys.executable, "-c", HOLDER, str(SOCKETS)],
                                 stdout=subprocess.PIPE)
        if holder.stdout.readline() != b"ready\n":
            raise RuntimeError("the socket holder did not start (open-file limit below %d?)"
                               % (SOCKETS + 10))
        inside = namespace.command
        yield Comparison(
            "pynetstat -tan: %d TCP sockets" % SOCKETS,
            {"netstat -tan": inside(["netstat", "-tan"]),
             "pynetstat -tan": inside([tool("pynetstat"), "-tan"]),
             "ss -tan": inside(["ss", "-tan"])},
            baseline="netstat -tan", rounds=10,
            note="target: pynetstat -tan within 1.5x netstat -tan")
        yield Comparison(
            "pynetstat -tanp: %d TCP sockets and their owner" % SOCKETS,
            {"netstat -tanp": inside(["netstat", "-tanp"]),
             "pynetstat -tanp": inside([tool("pynetstat"), "-tanp"]),
             "ss -tanp": inside(["ss", "-tanp"])},
            baseline="netstat -tanp", rounds=10,
            note="target: pynetstat -tanp no slower than netstat -tanp (ss: the floor)")
        yield Comparison(
            "where pynetstat -tan's time goes (%d TCP sockets)" % SOCKETS,
            {"pynetstat -tan": inside([tool("pynetstat"), "-tan"]),
             "ip netns exec true (the wrapper alone)": inside(["true"]),
             "python -c pass (the interpreter)": inside([sys.executable, "-c", "pass"]),
             "pynetstat -V (interpreter and imports)": inside([tool("pynetstat"), "-V"]),
             "cat /proc/net/tcp (the kernel writing it)": inside(["cat", "/proc/net/tcp"]),
             "python: import psutil": inside([sys.executable, "-c", "import psutil"]),
             "python: psutil.net_connections('tcp'), pids too": inside(
                 [sys.executable, "-c", PSUTIL_LISTING])},
            baseline="pynetstat -tan", rounds=10,
            note="the rest of pynetstat -tan is parsing (one bytes.fromhex and struct unpack a "
                 "line) and formatting; psutil is not imported on Linux: its import alone "
                 "and its listing (no queues, no inodes) are shown for comparison")
