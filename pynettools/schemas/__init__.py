"""The JSON Schemas (draft 2020-12) of every command's --json output.

One file per program, `<program>.json`, installed with the package: it is
what `--json-schema` prints, what the man page's JSON OUTPUT section is
generated from, and what the tests validate every --json output against.
A program adds its output by adding its file; nothing here names one.

Each file's `$defs.schema.const` is the tag every object of that output
carries under "schema" ("pytraceroute/2"), the program's name and the
schema's version (see the README for what changes the version).
"""

import os

FOLDER = os.path.dirname(os.path.abspath(__file__))


def path(program):
    """Where `program`'s schema file is."""
    return os.path.join(FOLDER, program + ".json")


def text(program):
    """The schema of `program` as its file holds it (what --json-schema prints)."""
    with open(path(program), encoding="utf-8") as schema:
        return schema.read()


def load(program):
    """The schema of `program`, parsed."""
    import json

    return json.loads(text(program))


_TAGS = {}  # read once a run: a trace or a capture tags every line it prints


def tag(program):
    """The "schema" value of `program`'s JSON objects, e.g. "pytraceroute/2"."""
    if program not in _TAGS:
        # found in the text, not parsed: json's decoder imports `re` and `enum`,
        # a start-up cost for quick commands (tests check it against the parse)
        schema = text(program)
        start = schema.index('"const": "%s/' % program) + len('"const": "')
        _TAGS[program] = schema[start:schema.index('"', start)]
    return _TAGS[program]


def programs():
    """Every program that has a schema, sorted."""
    return sorted(name[:-len(".json")] for name in os.listdir(FOLDER) if name.endswith(".json"))
