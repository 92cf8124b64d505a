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


def both(args, namespace=None, prefix=(), timeout=120):
    """(traceroute's outcome, pytraceroute's outcome) for the same arguments."""
    results = []
    for program in ("traceroute", command_path("pytraceroute")):
        argv = [*prefix, program, *args]
        done = namespace.run(argv, timeout=timeout) if namespace else \
            run_command(argv, timeout=timeout)
        results.append(outcome(done))
    return results
