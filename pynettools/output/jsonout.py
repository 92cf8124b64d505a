"""The JSON writer every command's `--json` uses.

It walks the same result records the text formatters read: a named tuple
becomes an object with its field names, a tuple or list an array.  Output is
ASCII (`ensure_ascii`), so bytes that were not UTF-8 in the input come out as
`\\udcXX` escapes instead of making the document invalid.

A bounded document (`dumps`) is written here, in exactly json.dumps' indented
form: importing `json` imports `re` and `enum`, which cost a quick command such
as `pyservices --json 22/tcp` half a bare interpreter's start, and json's own
indented writer is Python too.  JSON Lines (`json_line`) go through json's C
encoder: they are for long runs, where its import does not count and its speed
does.
"""

from _json import encode_basestring_ascii as _quoted  # the C function json.dumps uses


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


def dumps(document, indent=2):
    """One JSON document, indented, ending with a newline: for what is bounded.
    The same text as `json.dumps(to_json_value(document), indent=indent)`."""
    chunks = []
    _write(to_json_value(document), indent, "\n", chunks)
    chunks.append("\n")
    return "".join(chunks)


def json_line(record):
    """One compact JSON object on one line (JSON Lines): for what runs long, each
    line written and flushed as it happens."""
    import json

    return json.dumps(to_json_value(record), separators=(",", ":")) + "\n"


def _write(value, indent, newline, chunks):
    """`value` as json.dumps writes it at `indent`; `newline` starts its own level's lines."""
    if isinstance(value, str):
        chunks.append(_quoted(value))
    elif value is None or value is True or value is False:
        chunks.append(_CONSTANTS[value])
    elif isinstance(value, int):
        chunks.append(int.__repr__(value))
    elif isinstance(value, float):
        chunks.append(_float(value))
    elif isinstance(value, (list, tuple)):
        _write_items(value, "[]", indent, newline, chunks)
    elif isinstance(value, dict):
        _write_items(value, "{}", indent, newline, chunks)
    else:
        raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def _write_items(container, brackets, indent, newline, chunks):
    if not container:
        chunks.append(brackets)
        return
    inner = newline + " " * indent
    chunks.append(brackets[0])
    separator = inner
    if brackets == "{}":
        for key, item in container.items():
            chunks += (separator, _quoted(_key(key)), ": ")
            _write(item, indent, inner, chunks)
            separator = "," + inner
    else:
        for item in container:
            chunks.append(separator)
            _write(item, indent, inner, chunks)
            separator = "," + inner
    chunks += (newline, brackets[1])


_CONSTANTS = {None: "null", True: "true", False: "false"}


def _float(value):
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _key(key):
    """A key as json.dumps writes it: str as is; numbers, true, false, null as text."""
    if isinstance(key, str):
        return key
    if key is None or key is True or key is False:
        return _CONSTANTS[key]
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return _float(key)
    raise TypeError("keys must be str, int, float, bool or None, not %s" % type(key).__name__)
