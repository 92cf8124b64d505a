"""pytraceroute's command line against traceroute's: messages, exit statuses, help.

These cases fail before any probe is sent, or trace only the loopback.
"""

import pytest

from tests.commands import command_path, needs_root, run_command
from tests.lab.tracecompare import NOBODY, both
from tests.traceroute_cases import ERRORS, LOOPBACK


@pytest.mark.parametrize("args", ERRORS)
def test_errors_match_traceroute(args):
    original, mine = both(args.split())
    assert mine == original


NOBODY_LOOPBACK = ["-I -n 127.0.0.1", "-T -n 127.0.0.1", "-I -O dgram -n 127.0.0.1",
                   "-I -O raw -n 127.0.0.1", "-n -O dgram -I ::1", "-d -n 127.0.0.1",
                   "--fwmark=3 -n 127.0.0.1", "-UL -n 127.0.0.1", "-n ::1",
                   "-P 17 -n 127.0.0.1", "-M tcpconn -n 127.0.0.1", "-D -n 127.0.0.1"]


@needs_root
@pytest.mark.parametrize("args", NOBODY_LOOPBACK)
def test_as_nobody_matches_traceroute(args):
    original, mine = both(args.split(), prefix=NOBODY)
    assert mine == original


def test_empty_argument_is_an_unknown_host():
    original, mine = both([""])
    assert mine == original


@pytest.mark.parametrize("args", LOOPBACK)
def test_loopback_traces_match_traceroute(args):
    original, mine = both(args.split(), timeout=60)
    assert mine == original


def test_numbers_may_start_with_blanks():
    original, mine = both(["-n", "-m", " 3", "127.0.0.1"])
    assert mine == original


def _without_extensions(text):
    from pynettools.cli.traceroute.declaration import COMMAND

    lines = text.replace("pytraceroute", "traceroute").splitlines()
    extensions = ["  --%s" % option.long for option in COMMAND.options if option.extension]
    kept, skipping = [], False
    for line in lines:
        if any(line.startswith(spelled) for spelled in extensions):
            skipping = True
            continue
        if skipping and line.startswith(" " * 30):
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept)


@pytest.mark.parametrize("args", [["--help"], [], ["--help", "-x"], ["-m", "300", "--help"],
                                  ["127.0.0.1", "--help"]])
def test_help_is_traceroute_help_on_stderr(args):
    original = run_command(["traceroute", *args])
    mine = run_command([command_path("pytraceroute"), *args])
    assert (mine.returncode, mine.stdout) == (original.returncode, original.stdout) == (0, b"")
    assert _without_extensions(mine.stderr.decode()) == original.stderr.decode().rstrip("\n")


@pytest.mark.parametrize("args", [["-V"], ["-V", "-x"], ["-n", "-V", "127.0.0.1"]])
def test_version_goes_to_stderr_and_exits_0(args):
    mine = run_command([command_path("pytraceroute"), *args])
    assert (mine.returncode, mine.stdout) == (0, b"")
    assert mine.stderr.startswith(b"pytraceroute (pynettools) ")
