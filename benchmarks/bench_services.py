"""pyservices beside `getent services`, on this machine's file and on a huge one.

The huge file has 1,000,000 lines (`svcN N%65536/tcp aliasN`).  getent
reads only /etc/services, so as root the file is bind-mounted there in a
private mount namespace (`unshare --mount`), and pyservices runs through the
same wrapper (reading it with -f), so that both pay the same few ms for it.
Start-up alone (`pyservices http`) is in bench_startup.
"""

import os
import shutil
import subprocess
import tempfile

from benchmarks.run import Comparison, tool

LINES = 1_000_000
LAST = LINES - 1


def _over(path, argv):
    """argv run with `path` bind-mounted over /etc/services (root only)."""
    script = 'mount --bind "$0" /etc/services && exec "$@"'
    return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script,
            str(path), *argv]


def comparisons():
    yield Comparison(
        "pyservices: full listing of /etc/services",
        {"getent services": ["getent", "services"], "pyservices": [tool("pyservices")]},
        baseline="getent services", same_output=[("pyservices", "getent services")])
    if os.geteuid() != 0 or subprocess.run(["unshare", "--mount", "true"]).returncode:
        print("bench_services: the 1,000,000-line file needs root (a bind mount); skipped")
        return
    directory = tempfile.mkdtemp(prefix="pynettools-bench-")
    big = os.path.join(directory, "services")
    with open(big, "wb") as services_file:
        for start in range(0, LINES, 10_000):
            services_file.write(b"".join(b"svc%d %d/tcp alias%d\n" % (n, n % 65536, n)
                                         for n in range(start, start + 10_000)))
    cases = [
        ("the last entry, by name", ["svc%d" % LAST], 10,
         "target: at most 1.5x getent and 100 MB"),
        ("the last entry, by alias", ["alias%d" % LAST], 10, ""),
        ("a name it does not hold", ["nosuch"], 10, ""),
        ("a port, and one it does not hold", ["%d/tcp" % (LAST % 65536), "1/udp"], 10, ""),
        ("the full listing", [], 3, "target: at most 5x getent and 100 MB"),
    ]
    for number, (title, keys, rounds, note) in enumerate(cases):
        getent = "getent services " + " ".join(keys)
        ours = "pyservices -f FILE " + " ".join(keys)
        yield Comparison(
            "pyservices, a %s-line file: %s" % (format(LINES, ","), title),
            {getent: _over(big, ["getent", "services", *keys]),
             ours: _over(big, [tool("pyservices"), "-f", big, *keys])},
            baseline=getent, rounds=rounds, note=note, same_output=[(ours, getent)],
            cleanup=(lambda: shutil.rmtree(directory)) if number == len(cases) - 1 else None)
