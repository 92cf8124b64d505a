"""The JSON writer every command's `--json` uses.

It walks the same result records the text formatters read: a named tuple
becomes an object with its field names, a tuple or list an array.  Output is
ASCII (`ensure_ascii`), so bytes that were not UTF-8 in the input come out as
`\\udcXX` escapes instead of making the document invalid.
"""

import json


def to_json_value(value):
    """Records, tuples and dicts turned into plain JSON values, recursively."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {name: to_json_value(item) for name, item in zip(value._fields, value)}
    if isinstance(value, (list, tuple)):
        return [to_json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json_value(item) for key, item in value.items()}
    return value


def tagged(program, document):
    """`document` (a dict or a record) as an object that names its schema first:
    {"schema": "<program>/<version>", ...} (see `pynettools.schemas`)."""
    from pynettools import schemas

    return {"schema": schemas.tag(program), **to_json_value(document)}


def dumps(document):
    """One JSON document, indented, ending with a newline: for what is bounded."""
    return json.dumps(to_json_value(document), indent=2) + "\n"


def json_line(record):
    """One compact JSON object on one line (JSON Lines): for what runs long, each
    line written and flushed as it happens."""
    return json.dumps(to_json_value(record), separators=(",", ":")) + "\n"
