"""pynetstat while sockets and processes come and go, and with a closed pipe."""

import subprocess
import sys

import pytest

from tests.commands import command_path, needs_root
from tests.jsoncheck import assert_valid
from tests.lab.netns import Namespace

pytestmark = needs_root
CHURN_SECONDS = 4
# Forks children that open, connect and close sockets as fast as they can,
# so that processes and sockets vanish while pynetstat is scanning them.
CHURN = r"""
import os, socket, sys, time
listener = socket.socket()
# the last run's accepted sockets may linger in TIME_WAIT on this port
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 7000))
listener.listen(512)
deadline = time.monotonic() + float(sys.argv[1])
print("ready", flush=True)
while time.monotonic() < deadline:
    pid = os.fork()
    if pid == 0:
        held = [socket.create_connection(("127.0.0.1", 7000)) for _ in range(20)]
        held += [socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) for _ in range(5)]
        os._exit(0)
    while True:
        try:
            listener.setblocking(False)
            listener.accept()[0].close()
        except BlockingIOError:
            break
    os.waitpid(pid, 0)
"""


@pytest.fixture(scope="module")
def namespace():
    with Namespace("hostile") as inside:
        yield inside


@pytest.mark.parametrize("flags", [["-anp"], ["-tanpeo"], ["-xap"], ["-anp", "--json"]])
def test_vanishing_sockets_and_processes_are_skipped_quietly(namespace, flags):
    churn = namespace.start([sys.executable, "-c", CHURN, str(CHURN_SECONDS)],
                            stdout=subprocess.PIPE)
    assert churn.stdout.readline() == b"ready\n"
    runs = 0
    while churn.poll() is None and runs < 20:
        done = namespace.run([command_path("pynetstat"), *flags], timeout=60)
        assert (done.returncode, done.stderr) == (0, b""), done.stderr
        if "--json" in flags:
            assert_valid("pynetstat", done.stdout)
        runs += 1
    churn.wait(timeout=60)
    assert runs >= 1


@pytest.mark.parametrize("flags", ["-an", "-anp", "-c -an", "-an --json"])
def test_closed_pipe_is_quiet(namespace, flags):
    script = "%s %s | head -c 10 >/dev/null" % (command_path("pynetstat"), flags)
    done = namespace.run(["sh", "-c", "set -o pipefail 2>/dev/null; " + script], timeout=60)
    assert done.stderr == b""
