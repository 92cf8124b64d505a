"""pynetstat run inline beside netstat: its command line, and -i on this machine's
own interfaces (both read the live kernel; counters may tick between the two)."""

import shutil
import subprocess

import pytest

from tests.lab.netstat_lab import as_pynetstat

pytestmark = pytest.mark.skipif(shutil.which("netstat") is None,
                                reason="needs netstat, the oracle (Debian: net-tools)")


def netstat(argv):
    done = subprocess.run(["netstat", *argv], capture_output=True, timeout=60)
    return as_pynetstat(done.stdout), as_pynetstat(done.stderr), done.returncode


@pytest.mark.parametrize("argv", [["-h"], ["--help"], ["--he"], ["-h", "-q"], ["-th"]])
def test_help_is_netstats_then_names_the_additions(run_inline, argv):
    from pynettools.cli.netstat.declaration import COMMAND

    out, err, status = run_inline("netstat", argv)
    their_out, their_err, their_status = netstat(argv)
    assert (err, status) == (their_err, their_status)
    assert out.startswith(their_out)
    added = out[len(their_out):].decode()
    assert added.startswith("\n  Beyond netstat (pynettools):\n")
    extensions = [option.long for option in COMMAND.options if option.extension]
    assert "json" in extensions
    assert [line.split()[0] for line in added.splitlines()[2:]] == \
        ["--" + name for name in extensions]


@pytest.mark.parametrize("argv", [
    ["-?"], ["-tq"], ["--bogus"], ["--route=x"], ["-A"], ["--in"], ["--n"],
    ["-ri"], ["-is"], ["-M"], ["-rM"], ["-Z"], ["-A", "foo"], ["-A", "inet6,foo"],
    ["-A", "x" * 300], ["--tcpip", "-rn"], ["-A", "ipx", "-rn"], ["-A", "ax25", "-rn"],
    ["-A", "ddp", "-rn"], ["-A", "x25", "-rn"], ["-A", "netrom", "-rn"], ["-A", "rose", "-rn"],
    ["-A", "econet", "-rn"], ["-A", "bluetooth", "-rn"], ["-A", "unix", "-rn"],
    ["-s", "-A", "unix"], ["--bluetooth"], ["-f"], ["--ipx"], ["-A", "ax25,x25,netrom,rose"],
    ["-V"], ["-A", ",".join(["inet6"] * 60), "-r", "-i"]])
def test_command_line_as_netstat(run_inline, argv):
    original = netstat(argv)
    if argv == ["-V"]:  # the version is pynettools' own
        out, err, status = run_inline("netstat", argv)
        assert (status, err) == (original[2], b"") and out.startswith(b"pynetstat (pynettools)")
        return
    assert run_inline("netstat", argv) == original


@pytest.mark.parametrize("argv", [["-i"], ["-ia"], ["-ie"], ["-iae"], ["-in"]])
def test_interfaces_of_this_machine_as_netstat(run_inline, argv):
    for _ in range(3):  # a packet between the two runs changes a counter
        original, mine = netstat(argv), run_inline("netstat", argv)
        if mine == original:
            break
    assert mine == original
