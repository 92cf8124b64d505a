"""Random command lines for every built command: never a traceback, never a hang.

The argv is drawn from the command's own declarations (every spelling,
with good, bad and missing arguments) mixed with junk.  Each run happens in
an empty network namespace (loopback only), so whatever a random command
line asks for, no packet can leave it and nothing it reaches is real.
"""

import signal
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pynettools.cli.commands import COMMANDS, entry
from tests.commands import command_path, needs_root
from tests.jsoncheck import assert_valid
from tests.lab.netns import Namespace

# Options whose purpose is to run until interrupted, or as long as they say
# (--report --cycles=99999999999999999999): a timeout is their success.
ENDLESS = {"netstat": {"-c", "--continuous"}, "traceroute": {"--cycles", "--interval"}}
# A live capture runs until interrupted whatever its options: after this long
# it gets the Ctrl-C a user would give it, and must end as tcpdump ends then
# (statistics, status 0) within the limit below.
INTERRUPTED_AFTER = {"tcpdump": 1.0}
AFTER_INTERRUPT_SECONDS = 10

JUNK = ["", "-", "--", "-1", "0", "1", "65535", "65536", "99999999999999999999", "1.5",
        "abc", "127.0.0.1", "::1", "localhost", "192.0.2.1", "2001:db8::1", "%s", "\x7f",
        "\u00e9", "a" * 300, "1,2,3", "5,", ",", "-0", "0x10", "tcp", "udp"]


def spellings(name):
    command = entry(name).load().COMMAND
    endless = ENDLESS.get(name, set())
    found = []
    for option in command.options:
        if option.action is not None or endless.intersection(option.spellings()):
            continue
        found += [(spelling, option.takes_argument) for spelling in option.spellings()]
    return found


def argv_strategy(name):
    token = st.one_of(st.sampled_from(JUNK), st.text(max_size=12))
    option = st.sampled_from(spellings(name)).flatmap(
        lambda spelling: st.tuples(st.just(spelling[0]), token)
        if spelling[1] else st.tuples(st.just(spelling[0])))
    word = st.one_of(option, token.map(lambda text: (text,)))
    return st.lists(word, max_size=6).map(lambda words: [part for w in words for part in w])


@pytest.fixture(scope="module")
def empty_namespace():
    with Namespace("fuzz") as namespace:
        yield namespace


@needs_root
@pytest.mark.parametrize("name", [command.name for command in COMMANDS])
def test_random_command_lines_end_cleanly(name, empty_namespace):
    program = command_path(entry(name).program)

    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(argv_strategy(name))
    def check(argv):
        argv = [arg.replace("\0", "") for arg in argv]
        done = _run(empty_namespace, [program, *argv], INTERRUPTED_AFTER.get(name))
        assert b"Traceback" not in done.stderr, (argv, done.stderr)
        assert b"internal error" not in done.stderr, (argv, done.stderr)
        assert done.returncode >= 0, (argv, done.returncode)
        if done.returncode == 0 and done.stdout.startswith(b"{"):  # --json took effect
            assert_valid(entry(name).program, done.stdout)

    check()


def _run(namespace, argv, interrupt_after):
    """argv run in `namespace`; one still running after `interrupt_after` seconds gets SIGINT."""
    if interrupt_after is None:
        return namespace.run(argv, timeout=40, stdin=subprocess.DEVNULL)
    process = namespace.start(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    try:
        out, err = process.communicate(timeout=interrupt_after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=AFTER_INTERRUPT_SECONDS)
    return subprocess.CompletedProcess(argv, process.returncode, out, err)
