"""Network namespaces that tests create, use and always remove.

Names carry the pid of the pytest process (`pnt<pid>-<name>`), so parallel
runs do not collide and `remove_stale()` can tell leftovers of a dead run
from namespaces still in use.
"""

import os
import shutil
import signal
import subprocess

PREFIX = "pnt"
# The per-destination limits, and the namespace-wide ICMP budget behind them,
# which a burst of probes (16 in flight per hop, several hops) would exceed.
RATE_LIMIT_SYSCTLS = ("net.ipv4.icmp_ratelimit=0", "net.ipv6.icmp.ratelimit=0",
                      "net.ipv4.icmp_msgs_per_sec=1000000", "net.ipv4.icmp_msgs_burst=1000000")


def _ip(*args, check=True):
    return subprocess.run(["ip", *args], capture_output=True, text=True, timeout=30,
                          check=check)


class Namespace:
    """A network namespace with loopback up and ICMP rate limits off."""

    def __init__(self, name):
        self.name = "%s%d-%s" % (PREFIX, os.getpid(), name)
        self._processes = []

    def __enter__(self):
        _ip("netns", "add", self.name)
        try:
            _ip("-n", self.name, "link", "set", "lo", "up")
            self.run(["sysctl", "-q", "-w", *RATE_LIMIT_SYSCTLS], check=True)
        except BaseException:
            self.remove()
            raise
        return self

    def __exit__(self, *exc_info):
        self.remove()

    def command(self, argv):
        """argv prefixed to run inside the namespace."""
        return ["ip", "netns", "exec", self.name, *argv]

    def run(self, argv, timeout=60, **kwargs):
        """Run argv inside the namespace, output captured as bytes."""
        return subprocess.run(self.command(argv), capture_output=True, timeout=timeout,
                              **kwargs)

    def start(self, argv, **kwargs):
        """Start a long-running process inside; it is killed on remove()."""
        process = subprocess.Popen(self.command(argv), **kwargs)
        self._processes.append(process)
        return process

    def remove(self):
        """Kill what runs inside, then delete the namespace and its /etc files."""
        for process in self._processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)
        _delete(self.name)


def _delete(name):
    """Kill every process inside `name`, then delete it and its /etc/netns files."""
    for pid in _ip("netns", "pids", name, check=False).stdout.split():
        try:
            os.kill(int(pid), signal.SIGKILL)
        except ProcessLookupError:
            pass
    _ip("netns", "delete", name, check=False)
    shutil.rmtree(os.path.join("/etc/netns", name), ignore_errors=True)


def remove_stale():
    """Delete namespaces left by test runs whose pytest process is gone."""
    for line in _ip("netns", "list", check=False).stdout.splitlines():
        name = line.split()[0] if line.split() else ""
        owner = name[len(PREFIX):].split("-", 1)[0]
        if name.startswith(PREFIX) and owner.isdigit() and not _alive(int(owner)):
            _delete(name)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True
