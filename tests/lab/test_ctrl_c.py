"""Ctrl-C in a shell loop, beside the originals: the loop stops after one.

A C original dies of SIGINT; a shell whose foreground child died of SIGINT
stops too (bash's "wait and cooperative exit"), one whose child exited 130
goes on.  Each case runs `for h in a b c; do CMD; echo next $h; done` in a
shell of its own session, catches CMD mid-work (a trace to a blackholed hop,
`netstat -c`, telnet at "Trying...", getent blocked opening a FIFO), sends
SIGINT to the whole process group, as a terminal does, and compares what
the shell went on to do and how it ended.
"""

import os
import select
import signal
import subprocess
import sys
import termios
import time

import pytest

from tests.commands import command_path, needs_root
from tests.lab.netns import Namespace
from tests.lab.routers import TARGETS4, build_lab
from tests.lab.telnet_peers import PtyProgram

pytestmark = needs_root

LOOP = 'for h in a b c; do "$@"; echo "next $h"; done; echo "loop ended"'
SHELLS = ["sh", "bash"]
BLACKHOLE = TARGETS4["blackhole"]  # r4 drops it: traces and connections hang there


def clone(original):
    return command_path({"traceroute": "pytraceroute", "netstat": "pynetstat",
                         "telnet": "pytelnet", "getent": "pyservices"}[original])


@pytest.fixture(scope="module")
def lab():
    with build_lab() as built:
        yield built


def interrupted_loop(prefix, shell, command, ready):
    """Run the loop over `command` (after `prefix`, e.g. `ip netns exec`), SIGINT its
    group once `ready(process, output)` holds; (status, the shell's own lines, stderr)."""
    process = subprocess.Popen([*prefix, shell, "-c", LOOP, "loop", *command],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        output = b""
        deadline = time.monotonic() + 15
        while not ready(process, output) and time.monotonic() < deadline:
            readable, _, _ = select.select([process.stdout], [], [], 0.05)
            if readable:
                output += os.read(process.stdout.fileno(), 65536)
        assert ready(process, output), output
        time.sleep(0.3)  # well inside the blocking call, not at its edge
        os.killpg(process.pid, signal.SIGINT)
        rest, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    lines = (output + rest).splitlines()
    return process.returncode, [line for line in lines if line.startswith((b"next", b"loop"))], err


def printed(marker):
    return lambda process, output: marker in output


def session_members(process):
    """The pids in the loop's session (the shell's and its children's)."""
    for name in os.listdir("/proc"):
        try:
            with open("/proc/%s/stat" % name) as stat:
                if int(stat.read().rsplit(")", 1)[1].split()[3]) == process.pid:
                    yield name
        except (OSError, IndexError, ValueError):
            continue


def read_proc(pid, name):
    try:
        with open("/proc/%s/%s" % (pid, name)) as handle:
            return handle.read()
    except OSError:
        return ""


def in_fifo_open(process, output):
    """A process of the loop waits for a writer on a FIFO."""
    return any(read_proc(pid, "wchan") == "wait_for_partner" for pid in session_members(process))


def connecting(process, output):
    """A TCP connection is being tried (SYN-SENT) in the loop's network namespace:
    telnet's "Trying ..." sits in its stdio buffer while stdout is a pipe."""
    return any(line.split()[3] == "02" for pid in session_members(process)
               for line in read_proc(pid, "net/tcp").splitlines()[1:])


def assert_same_end(prefix, original, arguments, ready):
    for shell in SHELLS:
        theirs = interrupted_loop(prefix, shell, [original, *arguments], ready)
        ours = interrupted_loop(prefix, shell, [clone(original), *arguments], ready)
        assert ours == theirs, shell
        assert not theirs[1], "the original's loop went on: the test does not test"


def test_traceroute_to_a_blackholed_hop(lab):
    assert_same_end(lab.client.command([]), "traceroute", ["-n", "-w", "5", "-m", "8", BLACKHOLE],
                    printed(b"traceroute to "))


def test_netstat_continuous():
    with Namespace("ctrlc") as namespace:
        assert_same_end(namespace.command([]), "netstat", ["-c", "-tn"], printed(b"Active"))


def test_telnet_while_trying(lab):
    assert_same_end(lab.client.command([]), "telnet", [BLACKHOLE, "23"], connecting)


def test_getent_services_opening_a_fifo(tmp_path):
    fifo = tmp_path / "services"
    os.mkfifo(fifo)
    # /etc/services is the FIFO in a private mount namespace, which goes with the loop
    prefix = ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
              'mount --bind "$0" /etc/services && exec "$@"', str(fifo)]
    assert_same_end(prefix, "getent", ["services"], in_fifo_open)


def pty_loop(lab, program, arguments, wait_for, key=b"\x03"):
    """The loop at a terminal, `key` typed once `wait_for` shows; (screen, status,
    terminal settings before, after)."""
    terminal = PtyProgram(lab.client.command(["sh", "-c", LOOP, "loop", program, *arguments]))
    try:
        before = termios.tcgetattr(terminal.fd)
        assert terminal.read_until(wait_for), terminal.output
        time.sleep(0.3)
        terminal.send(key)
        status = terminal.finish_keeping_fd(timeout=20)
        after = termios.tcgetattr(terminal.fd)
    finally:
        terminal.kill()
    return terminal.output, status, before, after


@pytest.mark.parametrize("arguments, wait_for", [
    ([BLACKHOLE, "23"], b"Trying"),  # connecting
    ([], b"telnet> "),  # at the prompt, never connected
], ids=["trying", "prompt"])
def test_telnet_at_a_terminal(lab, arguments, wait_for):
    theirs = pty_loop(lab, "telnet", arguments, wait_for)
    ours = pty_loop(lab, command_path("pytelnet"), arguments, wait_for)
    assert ours[:2] == theirs[:2]
    assert b"next" not in theirs[0]
    assert ours[3] == ours[2], "pytelnet left the terminal changed"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
