"""Every --json output the tests see is checked here against the schema the
command prints with --json-schema (`pynettools.schemas`).

`assert_valid(program, text)` takes one JSON document or JSON Lines (one
object a line, as long runs print them), validates each object, checks that
it names that schema's version under "schema", and returns the objects.
"""

import functools
import json

from pynettools import schemas


@functools.lru_cache(maxsize=None)
def validator(program):
    """A draft 2020-12 validator of `program`'s schema (checked to be a valid schema)."""
    from jsonschema import Draft202012Validator

    schema = schemas.load(program)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def parse(text):
    """The objects of `text`: one document (indented or not) or JSON Lines."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    assert text.strip(), "no JSON output"
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        pass
    else:
        if "\n" in text.rstrip("\n"):  # indented: pynettools' writer, json.dumps' text exactly
            assert text in (json.dumps(document, indent=2) + "\n",
                            json.dumps(document, indent=4) + "\n"), "not json.dumps' text"
        return [document]
    assert text.endswith("\n"), "JSON Lines end with a newline: %r" % text[-80:]
    return [json.loads(line) for line in text.split("\n")[:-1]]


def assert_valid(program, text):
    """The objects of `text` (see `parse`), each valid against `program`'s schema."""
    from jsonschema.exceptions import best_match

    checker, tag = validator(program), schemas.tag(program)
    objects = parse(text)
    for number, document in enumerate(objects, 1):
        error = best_match(checker.iter_errors(document))
        assert error is None, "object %d of %s --json: %s at /%s" % (
            number, program, error.message, "/".join(map(str, error.absolute_path)))
        assert document["schema"] == tag
    return objects


def valid_document(program, text):
    """The one document of `text`, valid against `program`'s schema."""
    objects = assert_valid(program, text)
    assert len(objects) == 1, "%d objects where one document was expected" % len(objects)
    return objects[0]
