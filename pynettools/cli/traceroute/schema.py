"""The tag pytraceroute's JSON objects carry under "schema", and the schema
fragment (schema_fragment.json beside this file) that describes what
--targets --json and --report --json print, until it joins
pynettools/schemas/pytraceroute.json."""

import os

SCHEMA_TAG = "pytraceroute/2"
FRAGMENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema_fragment.json")


def fragment(shape):
    """A JSON Schema for one shape of the fragment: "trace-line" or "report-document"."""
    import json

    with open(FRAGMENT, encoding="utf-8") as text:
        schema = json.load(text)
    return dict(schema, **{"$ref": "#/$defs/" + shape})
