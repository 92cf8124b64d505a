"""The table of programs: every entry fully registered, nothing registered outside it.

This is the checklist of the README's "Adding a command": a command that is
half-registered fails here, naming what it lacks.
"""

import pathlib
import re

import pytest

from pynettools.cli import exitstatus
from pynettools.cli.commands import COMMANDS, HELPERS, entry

ROOT = pathlib.Path(__file__).resolve().parents[3]
SCRIPT = '''#!python
# Installed as a plain script rather than a [project.scripts] entry point:
# pip's entry-point wrapper imports `re`, which costs more than the whole
# command (see benchmarks/).
from pynettools.%s import main

main()
'''


def script_files():
    text = (ROOT / "pyproject.toml").read_text()
    block = re.search(r"script-files = \[(.*?)\]", text, re.S).group(1)
    return re.findall(r'"([^"]+)"', block)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.name)
def test_each_command_is_registered_everywhere(command):
    program = command.program
    assert (ROOT / "pynettools" / "scripts" / program).read_text() == SCRIPT % program
    assert "pynettools/scripts/%s" % program in script_files()
    main = (ROOT / "pynettools" / (program + ".py")).read_text()
    assert 'entry_point("%s")' % command.name in main and '__name__ == "__main__"' in main
    for path in ("man/%s.1" % program, "completions/bash/%s" % program,
                 "completions/zsh/_%s" % program, "completions/fish/%s.fish" % program):
        assert (ROOT / path).is_file(), path
    assert isinstance(command.load_manual().SECTIONS["NAME"], str)
    assert (ROOT / "pynettools" / "schemas" / (program + ".json")).is_file()
    assert "json-schema" in [option.long for option in command.load().COMMAND.options]


@pytest.mark.parametrize("program", COMMANDS + HELPERS, ids=lambda program: program.name)
def test_each_front_end_has_what_the_runner_calls(program):
    module = program.load()
    assert module.COMMAND.prog == program.program
    assert callable(module.execute) and callable(module.failure)
    assert issubclass(module.ExitStatus, exitstatus.ExitStatus) and module.ExitStatus.OK == 0
    assert program.module.startswith("pynettools.cli.")
    assert entry(program.name) is program


def test_nothing_is_installed_that_the_table_does_not_list():
    listed = {program.program for program in COMMANDS + HELPERS}
    assert {pathlib.Path(path).name for path in script_files()} == listed
    assert {path.name for path in (ROOT / "pynettools" / "scripts").iterdir()} == listed
    assert {path.stem for path in (ROOT / "man").glob("*.1")} == \
        {command.program for command in COMMANDS}
    for folder, pattern in (("bash", "{}"), ("zsh", "_{}"), ("fish", "{}.fish")):
        assert {path.name for path in (ROOT / "completions" / folder).iterdir()} == \
            {pattern.format(command.program) for command in COMMANDS}
