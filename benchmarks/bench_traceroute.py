"""pytraceroute beside traceroute, in the lab of network namespaces (root only).

Both run with the same arguments inside the lab's client namespace; ratios
are to traceroute.  Targets: a blackholed tail no slower than traceroute
(same waits and parallelism), a short answered path within about 2x
(start-up bound).
"""

import contextlib
import os
import sys

from benchmarks.run import Comparison, tool

HERE = os.path.dirname(os.path.abspath(__file__))


def _lab():
    """(lab, cleanup): a lab built for one comparison."""
    sys.path.insert(0, os.path.dirname(HERE))
    from tests.lab.routers import build_lab

    stack = contextlib.ExitStack()
    return stack.enter_context(build_lab()), stack.close


def _pair(lab, args):
    return {"traceroute " + " ".join(args): lab.client.command(["traceroute", *args]),
            "pytraceroute " + " ".join(args): lab.client.command([tool("pytraceroute"), *args])}


def comparisons():
    if os.geteuid() != 0:
        print("bench_traceroute: needs root for the lab; skipped")
        return
    from tests.lab.routers import DEST4, DEST6, TARGETS4

    cases = [
        ("pytraceroute: a blackholed tail (-n -w 1 -m 12)",
         ["-n", "-w", "1", "-m", "12", TARGETS4["blackhole"]], 3,
         "target: no slower than traceroute (same waits, 16 probes in flight)"),
        ("pytraceroute: a short answered path, 5 hops (-n)", ["-n", DEST4], 20,
         "no target: start-up bound, the bare interpreter alone is about 4x traceroute's run"),
        ("pytraceroute: a short answered path with names, IPv6", [DEST6], 20, ""),
        ("pytraceroute -I: ICMP echo, 5 hops", ["-I", "-n", DEST4], 20, ""),
        ("pytraceroute -T: TCP SYN, 5 hops", ["-T", "-n", DEST4], 20, ""),
    ]
    for title, args, rounds, note in cases:
        lab, cleanup = _lab()
        commands = _pair(lab, args)
        if rounds > 3:  # start-up bound: show what the interpreter alone costs
            commands["python -c pass (bare interpreter)"] = lab.client.command(
                [sys.executable, "-c", "pass"])
        yield Comparison(title, commands, baseline=next(iter(commands)), rounds=rounds,
                         note=note, cleanup=cleanup)
