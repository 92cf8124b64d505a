"""Time each pynettools command beside the tool it replaces, in one run.

    .venv/bin/python benchmarks/run.py [NAME-SUBSTRING...]

Each comparison runs its commands interleaved, several rounds, and prints
the median wall time of each and its ratio to the comparison's baseline
(the original tool, or the bare interpreter).  Nothing here is asserted:
the numbers are for people to read.  Comparisons live in `bench_*.py`
beside this file, each module providing `comparisons()`.
"""

import importlib
import os
import pathlib
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
BIN = pathlib.Path(sys.executable).parent


class Comparison:
    """Commands timed together: {label: argv}; ratios are to `baseline`.

    `prefix` wraps every argv (e.g. to run inside a namespace); `cleanup` is
    called when the comparison is done.
    """

    def __init__(self, title, commands, baseline, rounds=30, note="", cleanup=None):
        self.title = title
        self.commands = commands
        self.baseline = baseline
        self.rounds = rounds
        self.note = note
        self.cleanup = cleanup


def tool(name):
    """An installed pynettools command, from the venv running the benchmark."""
    return str(BIN / name)


def _environment():
    environment = dict(os.environ)
    # Byte-compiled modules, as any installed copy has them: without this a
    # source checkout would recompile every module at every start.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def _time_once(argv, environment):
    start = time.perf_counter()
    subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=environment, timeout=600)
    return time.perf_counter() - start


def measure(comparison):
    """{label: median seconds} over the comparison's rounds, after a warm-up."""
    environment = _environment()
    samples = {label: [] for label in comparison.commands}
    for argv in comparison.commands.values():
        _time_once(argv, environment)
    for _ in range(comparison.rounds):
        for label, argv in comparison.commands.items():
            samples[label].append(_time_once(argv, environment))
    return {label: statistics.median(times) for label, times in samples.items()}


def report(comparison, medians):
    base = medians[comparison.baseline]
    print("\n== %s (%d rounds)" % (comparison.title, comparison.rounds))
    for label, median in medians.items():
        print("  %-52s %9.1f ms  %6.2fx" % (label, median * 1000, median / base))
    if comparison.note:
        print("  " + comparison.note)


def main(patterns):
    """Run the comparisons whose module (bench_NAME) or title contains a pattern.

    A pattern naming a module loads only the modules named, so their
    neighbours' set-up (10,000 sockets, a lab of namespaces) is not paid for.
    """
    paths = sorted(HERE.glob("bench_*.py"))
    named = [path for path in paths if any(pattern in path.stem for pattern in patterns)]
    for path in named or paths:
        module = importlib.import_module("benchmarks." + path.stem)
        for comparison in module.comparisons():
            try:
                if named or not patterns or any(p in comparison.title for p in patterns):
                    report(comparison, measure(comparison))
            finally:
                if comparison.cleanup:
                    comparison.cleanup()


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    main(sys.argv[1:])
