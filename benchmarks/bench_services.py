"""pyservices beside `getent services` and the bare interpreter."""

import shutil
import subprocess
import sys
import tempfile

from benchmarks.run import Comparison, tool

MILLION_LINES = b"".join(b"svc%d %d/tcp alias%d\n" % (n, n % 65536, n) for n in range(1_000_000))


def _over(path, argv):
    """argv run with `path` bind-mounted over /etc/services (root only)."""
    script = 'mount --bind "$0" /etc/services && exec "$@"'
    return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script,
            str(path), *argv]


def comparisons():
    yield Comparison(
        "pyservices http: one lookup, start-up bound",
        {"python -c pass (bare interpreter)": [sys.executable, "-c", "pass"],
         "pyservices http": [tool("pyservices"), "http"],
         "getent services http": ["getent", "services", "http"]},
        baseline="python -c pass (bare interpreter)", rounds=60,
        note="target: pyservices http within about 1.5x the bare interpreter")
    yield Comparison(
        "pyservices: full listing of /etc/services",
        {"getent services": ["getent", "services"],
         "pyservices": [tool("pyservices")]},
        baseline="getent services")
    directory = tempfile.mkdtemp(prefix="pynettools-bench-")
    big = "%s/services" % directory
    with open(big, "wb") as services_file:
        services_file.write(MILLION_LINES)
    commands = {"pyservices -f 1M-line file": [tool("pyservices"), "-f", big],
                "pyservices -f 1M-line file, a missing key": [tool("pyservices"), "-f", big,
                                                             "nosuch"]}
    if _can_bind_mount():
        commands = {"getent services over the same file": _over(big, ["getent", "services"]),
                    **commands}
    yield Comparison(
        "pyservices: a 1,000,000-line services file", commands, baseline=next(iter(commands)),
        rounds=3, cleanup=lambda: shutil.rmtree(directory))


def _can_bind_mount():
    probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True)
    return probe.returncode == 0
