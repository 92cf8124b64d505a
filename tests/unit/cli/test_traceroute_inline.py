"""pytraceroute run inline (the front end's code path, no root needed) beside the
installed traceroute run as the same user: messages, statuses, loopback traces."""

import shutil
import subprocess

import pytest

from tests.lab.tracecompare import masked
from tests.traceroute_cases import ERRORS, LOOPBACK

pytestmark = pytest.mark.skipif(shutil.which("traceroute") is None,
                                reason="needs traceroute, the oracle (Debian: traceroute)")
ATTEMPTS = 3  # sub-millisecond round trips: a busy machine may show a spurious * in either


def both(run_inline, args):
    """(traceroute's (status, stdout, stderr), pytraceroute's), times masked."""
    for _ in range(ATTEMPTS):
        done = subprocess.run(["traceroute", *args], capture_output=True, timeout=60)
        original = (done.returncode, masked(done.stdout), done.stderr)
        out, err, status = run_inline("traceroute", args)
        mine = (status, masked(out), err)
        if mine == original:
            break
    return original, mine


@pytest.mark.parametrize("args", ERRORS + LOOPBACK + [""])
def test_inline_matches_traceroute(run_inline, args):
    original, mine = both(run_inline, args.split() if args else [""])
    assert mine == original


@pytest.mark.parametrize("args", [["--json", "-n", "-q", "1", "-m", "2", "127.0.0.1"],
                                  ["--json", "-q", "1", "::1"]])
def test_json_trace_of_the_loopback(run_inline, args):
    from tests.jsoncheck import assert_valid

    out, err, status = run_inline("traceroute", args)
    assert (status, err) == (0, b"")
    *hops, end = assert_valid("pytraceroute", out)
    assert hops[-1]["probes"][0]["final"] is True
    assert (end["type"], end["reached"]) == ("end", True)
