"""Time each pynettools command beside the tool it replaces, in one run.

    .venv/bin/python benchmarks/run.py [NAME-SUBSTRING...]

Each comparison runs its commands interleaved (the order turns every
round), and prints for each the median wall time, the median of its
per-round ratios to the comparison's baseline (the original tool, or the
bare interpreter), and its peak memory.  Ratios taken round by round are
what survive a shared, busy machine: both sides of a ratio ran within the
same second.  A comparison can also check, on its first run, that
commands print exactly the same bytes as their originals.  Nothing here
is asserted: the numbers are for people to read.  Comparisons live in
`bench_*.py` beside this file, each module providing `comparisons()`.

Each run is a `posix_spawn` and a blocking `wait4`, which returns the
moment the child ends (subprocess's `wait(timeout=...)` polls with
doubling sleeps, which rounds short runs up by milliseconds); an interval
timer kills a run that outlives LIMIT_SECONDS.  Peak memory comes from the
warm-up run under GNU time (`time -f %M`): the rusage of a child spawned
from here starts at this process's own peak (exec keeps the largest
resident size the process ever had, and a spawned child begins in a copy
of, or in, this interpreter's memory), while time's grandchild starts
from time's few hundred kB.
"""

import contextlib
import importlib
import os
import pathlib
import signal
import statistics
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
BIN = pathlib.Path(sys.executable).parent
LIMIT_SECONDS = 600
GNU_TIME = "/usr/bin/time"  # Debian's `time` package


class Comparison:
    """Commands timed together: {label: argv}; ratios are to `baseline`.

    `same_output`: (label, label) pairs whose standard output must be the
    same bytes (checked on the warm-up run, and reported); `cleanup` is
    called when the comparison is done.
    """

    def __init__(self, title, commands, baseline, rounds=30, note="", cleanup=None,
                 same_output=()):
        self.title = title
        self.commands = commands
        self.baseline = baseline
        self.rounds = rounds
        self.note = note
        self.cleanup = cleanup
        self.same_output = same_output


class Run:
    """One finished run: wall seconds and exit status."""

    def __init__(self, seconds, status):
        self.seconds = seconds
        self.status = status


class TimedOut(Exception):
    pass


def tool(name):
    """An installed pynettools command, from the venv running the benchmark."""
    return str(BIN / name)


def _environment():
    environment = dict(os.environ)
    # Byte-compiled modules, as any installed copy has them: without this a
    # source checkout would recompile every module at every start.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


@contextlib.contextmanager
def _deadline(pid, seconds):
    """Kill pid's process group if the block outlasts `seconds` (SIGALRM)."""
    killed = []

    def kill(signum, frame):
        killed.append(True)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)

    previous = signal.signal(signal.SIGALRM, kill)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield killed
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_once(argv, environment, stdout=os.devnull, limit=LIMIT_SECONDS):
    """Run argv once, stdin from /dev/null and stdout to the file `stdout`: a Run.

    The child leads its own process group, so that the deadline ends what
    it started too.  os.wait4 is retried across the timer's signal (PEP 475)
    and returns as soon as the child is gone.
    """
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
               (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, environment, file_actions=actions, setpgroup=0)
    with _deadline(pid, limit) as killed:
        _, status, _ = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    if killed:
        raise TimedOut("%s: still running after %d s" % (" ".join(argv), limit))
    return Run(seconds, os.waitstatus_to_exitcode(status))


def _warm_up(comparison, environment):
    """One run of each command: ({label: peak kB or None}, verdicts on same_output)."""
    verdicts, peaks = [], {}
    with tempfile.TemporaryDirectory(prefix="pynettools-bench-") as directory:
        paths = {}
        for number, (label, argv) in enumerate(comparison.commands.items()):
            paths[label] = os.path.join(directory, str(number))
            peaks[label] = _peak_kb(argv, environment, paths[label])
        for ours, theirs in comparison.same_output:
            with open(paths[ours], "rb") as mine, open(paths[theirs], "rb") as original:
                mine, original = mine.read(), original.read()
            verdict = ("same bytes" if mine == original
                       else "DIFFERENT (%d bytes against %d)" % (len(mine), len(original)))
            verdicts.append("output of %s and %s: %s" % (ours, theirs, verdict))
    return peaks, verdicts


def _peak_kb(argv, environment, stdout):
    """Run argv once, output to `stdout`: its peak resident kB (None without GNU time)."""
    if not os.access(GNU_TIME, os.X_OK):
        run_once(argv, environment, stdout=stdout)
        return None
    report = stdout + ".peak"
    run_once([GNU_TIME, "-f", "%M", "-o", report, *argv], environment, stdout=stdout)
    with open(report) as peak:
        return int(peak.read().split()[-1])


def measure(comparison):
    """{label: [Run per round]}, peaks and output verdicts, after a warm-up run."""
    environment = _environment()
    peaks, verdicts = _warm_up(comparison, environment)
    runs = {label: [] for label in comparison.commands}
    labels = list(comparison.commands)
    for number in range(comparison.rounds):
        turn = number % len(labels)  # nobody always goes first, after a pause or a peer
        for label in labels[turn:] + labels[:turn]:
            runs[label].append(run_once(comparison.commands[label], environment))
    return runs, peaks, verdicts


def report(comparison, runs, peaks, verdicts):
    base = [run.seconds for run in runs[comparison.baseline]]
    print("\n== %s (%d rounds; load %s)" % (
        comparison.title, comparison.rounds, " ".join("%.2f" % load for load in os.getloadavg())))
    print("  %-56s %10s %8s %8s" % ("", "median", "ratio*", "peak"))
    for label, done in runs.items():
        seconds = [run.seconds for run in done]
        ratio = statistics.median(mine / theirs for mine, theirs in zip(seconds, base))
        statuses = sorted({run.status for run in done})
        peak = "-" if peaks[label] is None else "%.1f MB" % (peaks[label] / 1024)
        print("  %-56s %7.1f ms %7.2fx %8s%s" % (
            label, statistics.median(seconds) * 1000, ratio, peak,
            "" if statuses == [0] else "  (status %s)" % ",".join(map(str, statuses))))
    print("  * median of the per-round ratios to %s" % comparison.baseline)
    for line in verdicts + ([comparison.note] if comparison.note else []):
        print("  " + line)
    sys.stdout.flush()


def main(patterns):
    """Run the comparisons whose module (bench_NAME) or title contains a pattern.

    A pattern naming a module loads only the modules named, so their
    neighbours' set-up (24,000 connections, a lab of namespaces) is not paid for.
    """
    paths = sorted(HERE.glob("bench_*.py"))
    named = [path for path in paths if any(pattern in path.stem for pattern in patterns)]
    print("pynettools benchmarks, %s; load %s; %d cores" % (
        time.strftime("%Y-%m-%d %H:%M"), " ".join("%.2f" % load for load in os.getloadavg()),
        os.cpu_count()))
    for path in named or paths:
        module = importlib.import_module("benchmarks." + path.stem)
        for comparison in module.comparisons():
            try:
                if named or not patterns or any(p in comparison.title for p in patterns):
                    report(comparison, *measure(comparison))
            finally:
                if comparison.cleanup:
                    comparison.cleanup()


def _interrupted(signum, frame):
    raise KeyboardInterrupt("signal %d" % signum)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    # SIGTERM too unwinds through the comparisons' set-ups, which remove their
    # namespaces and servers
    signal.signal(signal.SIGTERM, _interrupted)
    main(sys.argv[1:])
