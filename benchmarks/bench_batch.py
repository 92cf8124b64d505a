"""pytraceroute --targets and --report beside traceroute and mtr, in the lab (root only).

A batch of 48 targets with `-n -w 1 -m 8` (`routers.BATCH_TARGETS`: 10
answered, 10 host-unreachable, 10 net-unreachable, 10 blackholed after four
hops, 4 IPv6 answered, 4 IPv6 admin-prohibited) at the default rate (1000
probes a second), against the same traceroutes one after another (the
baseline), pytraceroute run once per target, and mtr's own way through a
list (`mtr -r -F FILE`, one report of one cycle per target in turn).  Goal:
the batch in at most 0.2x the time of the traceroutes one after another.
Then one report of 10 cycles beside mtr's.
"""

import contextlib
import os
import shutil
import sys
import tempfile

from benchmarks.run import Comparison, tool

HERE = os.path.dirname(os.path.abspath(__file__))
OPTIONS = ["-n", "-w", "1", "-m", "8"]


def _lab():
    """(lab, targets file, cleanup): a lab with the batch targets, built for one comparison."""
    sys.path.insert(0, os.path.dirname(HERE))
    from tests.lab.routers import BATCH_TARGETS, add_batch_targets, build_lab

    stack = contextlib.ExitStack()
    lab = stack.enter_context(build_lab())
    add_batch_targets(lab)
    directory = tempfile.mkdtemp(prefix="pynettools-batch-")
    stack.callback(shutil.rmtree, directory, True)
    path = os.path.join(directory, "targets")
    with open(path, "w") as targets:
        targets.write("".join(address + "\n" for addresses in BATCH_TARGETS.values()
                              for address in addresses))
    return lab, path, stack.close


def _one_after_another(program, path):
    """A shell loop running `program OPTIONS target` for every line of `path`."""
    return ["sh", "-c", 'while read -r target; do "$0" %s "$target"; done < "$1"'
            % " ".join(OPTIONS), program, path]


def comparisons():
    if os.geteuid() != 0:
        print("bench_batch: needs root for the lab; skipped")
        return
    from tests.lab.routers import DEST4

    lab, path, cleanup = _lab()
    run = lab.client.command
    yield Comparison(
        "pytraceroute --targets: 48 targets, -n -w 1 -m 8, at the default rate",
        {"traceroute, once per target, one after another": run(_one_after_another(
            "traceroute", path)),
         "pytraceroute --targets=FILE (one process, every probe in flight)": run(
             [tool("pytraceroute"), *OPTIONS, "--targets=" + path]),
         "pytraceroute, once per target, one after another": run(_one_after_another(
             tool("pytraceroute"), path)),
         "mtr -r -n -c 1 -i 0.1 -G 1 -m 8 -F FILE (a report per target)": run(
             ["mtr", "-r", "-n", "-c", "1", "-i", "0.1", "-G", "1", "-m", "8", "-F", path])},
        baseline="traceroute, once per target, one after another", rounds=3, cleanup=cleanup,
        note="goal: the batch in at most 0.2x the traceroutes one after another")
    lab, path, cleanup = _lab()
    run = lab.client.command
    yield Comparison(
        "pytraceroute --report beside mtr -r: 10 cycles of 0.1 s, 5 hops",
        {"mtr -r -u -n -c 10 -i 0.1": run(["mtr", "-r", "-u", "-n", "-c", "10", "-i", "0.1",
                                           DEST4]),
         "pytraceroute --report --interval=0.1 -n": run(
             [tool("pytraceroute"), "--report", "--interval=0.1", "-n", DEST4])},
        baseline="mtr -r -u -n -c 10 -i 0.1", rounds=3, cleanup=cleanup,
        note="mtr waits 5 s after its last cycle (-G); pytraceroute only until every probe "
             "is answered or MAX seconds old")
