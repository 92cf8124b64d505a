"""Running traceroute and pytraceroute side by side and comparing them."""

import re

from tests.commands import command_path, run_command

TIME = re.compile(rb"\d+\.\d{3} ms")
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def masked(output):
    """Output with round-trip times replaced, the only part that may differ."""
    return TIME.sub(b"T ms", output)


def outcome(done):
    return done.returncode, masked(done.stdout).decode(errors="replace"), \
        done.stderr.decode(errors="replace")


def both(args, namespace=None, prefix=(), timeout=120, attempts=3):
    """(traceroute's outcome, pytraceroute's outcome) for the same arguments.

    Both are run again (up to `attempts` times) while they differ: with
    sub-millisecond round trips, traceroute's HERE/NEAR waits end before a
    busy machine reads a queued answer often enough to show a spurious `*`
    now and then, in the original as in the clone.
    """
    for _ in range(attempts):
        results = []
        for program in ("traceroute", command_path("pytraceroute")):
            argv = [*prefix, program, *args]
            done = namespace.run(argv, timeout=timeout) if namespace else \
                run_command(argv, timeout=timeout)
            results.append(outcome(done))
        if results[0] == results[1]:
            break
    return results
