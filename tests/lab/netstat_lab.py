"""Running netstat and pynetstat side by side, and the namespace they look at.

netstat names itself `netstat` in its messages and usage text where
pynetstat says `pynetstat`; `as_pynetstat` renames netstat's output so the
two compare byte for byte.  Kernel tables move while the two commands run
one after the other (a TIME_WAIT socket expires, a timer ticks), so a
comparison is retried a few times before it counts as a difference.
"""

import os
import re
import subprocess
import sys
import tempfile

from tests.commands import command_path
from tests.lab import socket_zoo
from tests.lab.netns import Namespace

PROGRAM_NAME = re.compile(rb"(?<![\w.])netstat(?![.\w])")  # not `netstat.c'
RUNNING_TIMER = re.compile(rb"\b(on\d?|keepalive|timewait|probe|unkn-\d+) \(\d+\.\d\d/\d+/\d+\)")
ATTEMPTS = 3
# pynetstat's two paths to the TCP and UDP tables: the environment of each
TABLE_PATHS = {"sock_diag": {}, "proc": {"PYNETTOOLS_SOCK_DIAG": "0"}}
NETNS_ETC = "/etc/netns"  # `ip netns exec` bind-mounts NETNS_ETC/<name>/* over /etc/*
HOSTS = """\
127.0.0.1 localhost
%s a-rather-long-host-name.example.test
%s v6-host.example.test
""" % (socket_zoo.EXTRA_IPV4, socket_zoo.EXTRA_IPV6)
# No route leads there: reverse lookups of other addresses fail at once.
RESOLV_CONF = "nameserver 198.51.100.53\noptions timeout:1 attempts:1\n"


def on_path(run, path):
    """`run` (a zoo's run or run_as_nobody) with pynetstat on `path` (TABLE_PATHS)."""
    import functools

    return functools.partial(run, env={**os.environ, **TABLE_PATHS[path]})


def as_pynetstat(output):
    return PROGRAM_NAME.sub(b"pynetstat", output)


def without_running_timers(output):
    """-o output with the times and counts of running timers blanked."""
    return RUNNING_TIMER.sub(rb"\1 (T)", output)


def both(run, argv, normalise=lambda output: output):
    """(netstat's, pynetstat's) (stdout, stderr, status), run by `run(argv)`."""
    theirs = run(["netstat", *argv])
    ours = run([command_path("pynetstat"), *argv])
    return ((normalise(as_pynetstat(theirs.stdout)), as_pynetstat(theirs.stderr),
             theirs.returncode),
            (normalise(ours.stdout), ours.stderr, ours.returncode))


def compare(run, argv, normalise=lambda output: output):
    """Both results, from the first of ATTEMPTS runs where they agree (or the last).

    Each is (stdout lines, stderr lines, status), so that a failing test
    shows the lines that differ.
    """
    for _ in range(ATTEMPTS):
        theirs, ours = both(run, argv, normalise)
        if theirs == ours:
            break
    return _lines(theirs), _lines(ours)


def assert_same(theirs, ours):
    """Stdout, stderr and status equal; a failure shows the differing lines."""
    import difflib

    for name, their, our in zip(("stdout", "stderr"), theirs, ours):
        assert our == their, "%s differs (- netstat, + pynetstat):\n%s" % (name, "\n".join(
            difflib.unified_diff(their, our, lineterm="", n=1)))
    assert ours[2] == theirs[2], "status: netstat %d, pynetstat %d" % (theirs[2], ours[2])


def _lines(result):
    out, err, status = result
    return (out.decode("utf-8", "surrogateescape").split("\n"),
            err.decode("utf-8", "surrogateescape").split("\n"), status)


class SocketZoo:
    """A namespace with the socket zoo running in it; a context manager."""

    def __init__(self, name):
        self.namespace = Namespace(name)
        self.directory = None
        self.pid = None
        self.made_netns_directory = False

    def __enter__(self):
        namespace = self.namespace.__enter__()
        try:
            self._populate(namespace)
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def _populate(self, namespace):
        namespace.run(["ip", "address", "add", socket_zoo.EXTRA_IPV4 + "/32", "dev", "lo"],
                      check=True)
        namespace.run(["ip", "address", "add", socket_zoo.EXTRA_IPV6 + "/128", "dev", "lo",
                       "nodad"], check=True)
        self.made_netns_directory = not os.path.isdir(NETNS_ETC)
        etc = os.path.join(NETNS_ETC, namespace.name)  # removed with the namespace
        os.makedirs(etc, exist_ok=True)
        for name, text in (("hosts", HOSTS), ("resolv.conf", RESOLV_CONF)):
            with open(os.path.join(etc, name), "w") as etc_file:
                etc_file.write(text)
        self.directory = tempfile.mkdtemp(prefix="pynetstat-zoo-")
        zoo = namespace.start([sys.executable, socket_zoo.__file__, self.directory],
                              stdout=subprocess.PIPE)
        assert zoo.stdout.readline() == b"ready\n"
        self.pid = zoo.pid

    def __exit__(self, *exc_info):
        self.namespace.__exit__(*exc_info)
        if self.made_netns_directory:
            try:
                os.rmdir(NETNS_ETC)
            except OSError:
                pass
        if self.directory:
            import shutil

            shutil.rmtree(self.directory, ignore_errors=True)

    def run(self, argv, **kwargs):
        return self.namespace.run(argv, **kwargs)

    def run_as_nobody(self, argv, **kwargs):
        return self.namespace.run(["setpriv", "--reuid=65534", "--regid=65534",
                                   "--clear-groups", *argv], **kwargs)
