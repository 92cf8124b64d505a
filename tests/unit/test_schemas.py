"""The JSON Schemas: one per command, valid draft 2020-12, printed by --json-schema,
and true to the examples the man pages show."""

import re

import pytest

from pynettools import schemas
from pynettools.cli.commands import COMMANDS
from tests.jsoncheck import assert_valid, validator

PROGRAMS = [entry.program for entry in COMMANDS]


@pytest.mark.parametrize("program", PROGRAMS)
def test_each_command_has_a_valid_2020_12_schema(program):
    validator(program)  # check_schema: a valid draft 2020-12 schema
    schema = schemas.load(program)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert re.fullmatch(re.escape(program) + r"/[1-9][0-9]*", schemas.tag(program))
    assert schemas.tag(program) == schema["$defs"]["schema"]["const"]  # tag() reads the text
    assert program in schemas.programs()


@pytest.mark.parametrize("entry", COMMANDS, ids=lambda entry: entry.program)
def test_json_schema_prints_the_schema_file(run_inline, entry):
    # it acts as soon as it is read, as --help does: what follows is not looked at
    out, err, status = run_inline(entry.name, ["--json-schema", "--no-such-option"])
    assert (out.decode(), err, status) == (schemas.text(entry.program), b"", 0)
    declared = [option for option in entry.load().COMMAND.options
                if option.long == "json-schema"]
    assert len(declared) == 1 and declared[0].extension


def man_page_examples(entry):
    """(command line, output) of each `$ PROGRAM ... --json` example in the JSON OUTPUT
    prose, its output up to the next command or the end of the block."""
    text = entry.load_manual().SECTIONS["JSON OUTPUT"]
    examples, current = [], None
    for line in text.split("\n"):
        if line.startswith("  $ "):
            current = None
            last = line[4:].split(" | ")[-1]  # the command whose output is shown
            if last.startswith(entry.program + " ") and "--json" in last:
                current = (last, [])
                examples.append(current)
        elif line.startswith("  ") and current is not None:
            current[1].append(line[2:])
        else:
            current = None
    return [(command, "\n".join(lines) + "\n") for command, lines in examples]


@pytest.mark.parametrize("entry", COMMANDS, ids=lambda entry: entry.program)
def test_man_page_examples_follow_the_schema(entry):
    examples = man_page_examples(entry)
    assert examples, "no --json example in %s's JSON OUTPUT" % entry.program
    for command, output in examples:
        assert command.startswith(entry.program + " ")
        assert assert_valid(entry.program, output), command


def test_services_json_follows_the_schema(run_inline, tmp_path):
    services = tmp_path / "services"
    services.write_bytes(b"http 80/tcp www # WWW\nw\xff 1/udp\nport 7/\n")
    for argv in (["http", "nope"], [], ["-s", "w"], ["--range", "1-7", "-p", "udp"]):
        out, err, status = run_inline("services", ["-f", str(services), "--json", *argv])
        assert err == b"" and status in (0, 2)
        assert_valid("pyservices", out)
