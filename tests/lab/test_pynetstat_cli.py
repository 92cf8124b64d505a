"""pynetstat's command line against netstat's: usage, errors, exit codes.

Only cases that stop before a table is read, so they run anywhere; the
tables are compared in private namespaces by the other test modules.
"""

import re

import pytest

from tests.commands import command_path, run_command

PROGRAM_NAME = re.compile(rb"(?<![\w.])netstat(?![.\w])")  # not `netstat.c'


def netstat(argv):
    done = run_command(["netstat", *argv])
    rename = lambda text: PROGRAM_NAME.sub(b"pynetstat", text)  # noqa: E731
    return rename(done.stdout), rename(done.stderr), done.returncode


def pynetstat(argv):
    done = run_command([command_path("pynetstat"), *argv])
    return done.stdout, done.stderr, done.returncode


@pytest.mark.parametrize("argv", [["-h"], ["--help"], ["--he"], ["-h", "-q"], ["-th"]])
def test_help_is_netstats_then_names_the_additions(argv):
    from pynettools.cli.netstat.declaration import COMMAND

    out, err, status = pynetstat(argv)
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
    ["-?"], ["-q", "-h"], ["-tq"],
    ["--bogus"], ["--route=x"], ["-A"], ["--protocol"], ["-c5"],
    ["--u"], ["--i"], ["--in"], ["--n"], ["--r"], ["--t"], ["--a"], ["--c"], ["--s"],
    ["--v"], ["--p"], ["--l"], ["--ro"], ["--numeric-"],
    ["-ri"], ["-rs"], ["-is"], ["-M", "-r"], ["-s", "-6", "-r"], ["-rM"],
    ["-M"], ["-Z"], ["-rZ"], ["-Z", "-q"], ["-M", "-c"],
    ["-A", "foo"], ["-A", "inet6,foo"], ["-A", ","], ["-A", "inet,,unix"], ["-A", "foo", "-q"],
    ["-q", "-A", "foo"], ["--protocol=bar"], ["-A", "x" * 300],
])
def test_usage_and_errors_as_netstat(argv):
    assert pynetstat(argv) == netstat(argv)


def test_too_many_families_is_warned_about_like_netstat():
    argv = ["-A", ",".join(["inet6"] * 60), "-r", "-i"]  # -r -i: stop at the usage text
    assert pynetstat(argv) == netstat(argv)
