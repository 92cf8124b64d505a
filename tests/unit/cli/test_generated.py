"""The generated man pages and completions: fresh, complete, and working."""

import os
import re
import shutil
import subprocess

import pytest

from pynettools.cli.commands import COMMANDS
from pynettools.cli.generate import ROOT, generated_files, stale_files
from tests.commands import BIN, command_path, run_command

PROGS = [entry.program for entry in COMMANDS]


def test_generated_files_are_committed_and_fresh():
    assert generated_files(), "no command is built"
    assert stale_files() == []


@pytest.mark.parametrize("prog", PROGS)
def test_every_option_in_help_is_in_the_man_page(prog):
    done = run_command([command_path(prog), "--help"])
    help_text = (done.stdout + done.stderr).decode()  # traceroute's help goes to stderr
    page = (ROOT / "man" / (prog + ".1")).read_text().replace("\\-", "-").replace("\\fB", "")
    spellings = set(re.findall(r"(?<![\w-])(--?[\w?][\w-]*)", help_text)) - {"-", "--"}
    assert spellings
    assert sorted(spelling for spelling in spellings if spelling not in page) == []


@pytest.mark.parametrize("prog", PROGS)
@pytest.mark.parametrize("linter", [["mandoc", "-T", "lint", "-W", "warning"],
                                    ["groff", "-man", "-ww", "-z"]])
def test_man_pages_render_cleanly(prog, linter):
    if shutil.which(linter[0]) is None:
        pytest.skip("%s is not installed (CI installs it)" % linter[0])
    done = run_command(linter + [str(ROOT / "man" / (prog + ".1"))])
    assert (done.returncode, done.stdout + done.stderr) == (0, b"")


def bash_complete(prog, *words):
    """What the generated bash completion offers for `prog words...`."""
    script = ROOT / "completions" / "bash" / prog
    line = 'source "$0"; COMP_WORDS=(%s); COMP_CWORD=%d; %s; printf "%%s\\n" "${COMPREPLY[@]}"' % (
        " ".join("'%s'" % word for word in (prog,) + words), len(words),
        "_pynettools_" + prog.replace("-", "_"))
    environment = dict(os.environ, PATH=BIN + os.pathsep + os.environ["PATH"])
    done = subprocess.run(["bash", "--norc", "-c", line, str(script)], capture_output=True,
                          text=True, timeout=30, env=environment)
    assert done.stderr == ""
    return done.stdout.split()


@pytest.mark.parametrize("prog", PROGS)
def test_bash_completes_json(prog):
    assert "--json" in bash_complete(prog, "--j")


def test_bash_completes_option_arguments_and_operands():
    assert bash_complete("pyservices", "-p", "u") == ["udp"]
    assert bash_complete("pyservices", "--protocol", "=", "t") == ["tcp"]
    assert "http" in bash_complete("pyservices", "ht")
    assert "http" in bash_complete("pyservices", "ssh", "-p", "tcp", "ht")
    assert "-?" in bash_complete("pyservices", "-")
    assert "http" in bash_complete("pytelnet", "localhost", "ht")
    assert bash_complete("pytelnet", "-l", "root", "localhost", "telnet") == ["telnet", "telnets"]
    assert "icmp" in bash_complete("pytraceroute", "-M", "")
    assert "inet6" in bash_complete("pynetstat", "-A", "inet")


@pytest.mark.parametrize("prog", PROGS)
@pytest.mark.parametrize("shell, path", [("zsh", "completions/zsh/_%s"),
                                         ("fish", "completions/fish/%s.fish")])
def test_zsh_and_fish_files_parse(prog, shell, path):
    if shutil.which(shell) is None:
        pytest.skip("%s is not installed (CI installs it)" % shell)
    done = run_command([shell, "-n", str(ROOT / (path % prog))])
    assert (done.returncode, done.stderr) == (0, b"")


def test_completion_command_prints_each_shell():
    for shell in ("bash", "zsh", "fish"):
        done = run_command([command_path("pynettools-completion"), shell, "pyservices"])
        expected = generated_files()[ROOT / "completions" / shell / {
            "bash": "pyservices", "zsh": "_pyservices", "fish": "pyservices.fish"}[shell]]
        assert (done.returncode, done.stdout.decode()) == (0, expected)
    bad = run_command([command_path("pynettools-completion"), "tcsh"])
    assert bad.returncode == 64 and bad.stderr.startswith(
        b"pynettools-completion: SHELL must be one of: bash, zsh, fish\n")
