"""The JSON writer: json.dumps' text exactly, from records too."""

import json
import os
import subprocess
import sys

import pytest

import pynettools
from pynettools.models import record
from pynettools.output.jsonout import dumps, json_line, to_json_value

Point = record("Point", "name where tags")

DOCUMENTS = [
    {}, [], "", 0, -1, 10**30, 1.5, 1e-07, 1e22, -0.0, float("nan"), float("inf"), float("-inf"),
    True, False, None,
    {"a": [], "b": {}, "c": [1, [2, [3, {}]]], "d": {"e": {"f": None}}},
    ["é", "\u2603", "\U0001f600", "\udc80 bytes that were not UTF-8", "\"\\\n\t\x00\x1f\x7f"],
    {1: "int key", 2.5: "float key", True: "bool key", None: "null key", "s": "str key"},
    (1, (2, 3)),
]


@pytest.mark.parametrize("indent", [2, 4])
@pytest.mark.parametrize("document", DOCUMENTS, ids=repr)
def test_the_text_is_json_dumps_text(document, indent):
    assert dumps(document, indent) == json.dumps(document, indent=indent) + "\n"


def test_records_become_objects():
    point = Point("a", (1, 2), [Point("b", None, ())])
    expected = {"name": "a", "where": [1, 2], "tags": [{"name": "b", "where": None, "tags": []}]}
    assert to_json_value(point) == expected
    assert dumps(point) == json.dumps(expected, indent=2) + "\n"
    assert json_line(point) == json.dumps(expected, separators=(",", ":")) + "\n"


def test_what_json_cannot_write_is_a_type_error():
    with pytest.raises(TypeError, match="Object of type bytes is not JSON serializable"):
        dumps({"a": b"x"})
    with pytest.raises(TypeError):
        dumps({(1, 2): "tuple key"})


def test_a_document_needs_no_json_import():
    code = ("import sys\nfrom pynettools.output.jsonout import dumps\ndumps({'a': [1.5, None]})\n"
            "print('json' in sys.modules, 're' in sys.modules)")
    # -S: without site, whose .pth hooks (an editable install's) import re
    root = os.path.dirname(os.path.dirname(pynettools.__file__))
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True,
                         check=True, env=dict(os.environ, PYTHONPATH=root))
    assert out.stdout.split() == ["False", "False"]
