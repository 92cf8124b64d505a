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
def test_usage_and_errors_as_netstat(argv):  # -h: tests/unit/cli/test_netstat_inline.py
    assert pynetstat(argv) == netstat(argv)


def test_too_many_families_is_warned_about_like_netstat():
    argv = ["-A", ",".join(["inet6"] * 60), "-r", "-i"]  # -r -i: stop at the usage text
    assert pynetstat(argv) == netstat(argv)
