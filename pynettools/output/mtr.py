"""mtr 0.95's report (`mtr --report`) and its `--json` document, from a Report record.

The report is mtr's default field order, "LS NABWV": Loss%, Snt, a blank,
Last, Avg, Best, Wrst, StDev.  mtr writes each field at a fixed offset of
its line buffer (the host column ends at 33), each write cutting off what
an earlier, wider one spilled there; `_place` does the same, so long names
and wide numbers are cut exactly as mtr cuts them.
"""

import time

from pynettools.output.jsonout import dumps

HOST_COLUMN = 33
UNKNOWN = "???"
# (title, width, C format, ReportHop field); the blank field has no value
FIELDS = (("Loss%", 6, " %4.1f%%", "loss"), ("Snt", 6, " %5d", "sent"), (" ", 1, " ", None),
          ("Last", 6, " %5.1f", "last"), ("Avg", 6, " %5.1f", "average"),
          ("Best", 6, " %5.1f", "best"), ("Wrst", 6, " %5.1f", "worst"),
          ("StDev", 6, " %5.1f", "stdev"))
JSON_KEYS = (("Loss%", "loss"), ("Snt", "sent"), ("Last", "last"), ("Avg", "average"),
             ("Best", "best"), ("Wrst", "worst"), ("StDev", "stdev"))
JSON_PRECISION = "%.5g"  # jansson's JSON_REAL_PRECISION(5), which mtr asks for
BIT_PATTERN = "0x40"  # pytraceroute's probes are padded with "@", as traceroute's


def start_line(started):
    """`Start: 2024-01-01T12:00:00+0000`, the local time `started` (time.time())."""
    return "Start: " + time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started))


def header_line(report):
    return _place("HOST: %-33s" % report.source,
                  ["%*s" % (width, title) for title, width, _form, _field in FIELDS])


def hop_lines(hop, numeric):
    """The hop's line, then a line for each other responder it had (named as the hop)."""
    lines = [_place(" %2d.|-- %-33s" % (hop.ttl, host(hop, numeric)),
                    [form % getattr(hop, field) if field else form
                     for _title, _width, form, field in FIELDS])]
    for address, name in zip(hop.addresses, hop.names):
        if address != hop.address:
            lines.append("        %-33s" % _named(address, name, numeric))
    return lines


def report_lines(report, numeric):
    lines = [start_line(report.started), header_line(report)]
    for hop in report.hops:
        lines += hop_lines(hop, numeric)
    return lines


def host(hop, numeric):
    """The responder as mtr names it: its name, else its address; `???` for none."""
    if hop.address is None:
        return UNKNOWN
    return _named(hop.address, hop.name, numeric)


def _named(address, name, numeric):
    return address if numeric or not name else name


def _place(start, texts):
    """mtr's line buffer: each field's text written at its offset, cutting what followed."""
    line, offset = start, HOST_COLUMN
    for text, (_title, width, _form, _field) in zip(texts, FIELDS):
        line = line[:offset] + text
        offset += width
    return line


def json_document(report, numeric, schema):
    """mtr's `--report --json` document, the `schema` tag before its "report"."""
    return {
        "schema": schema,
        "report": {
            "mtr": {"src": report.source, "dst": report.target, "tos": report.tos,
                    "tests": report.cycles, "psize": str(report.packet_length),
                    "bitpattern": BIT_PATTERN},
            "hubs": [_hub(hop, numeric) for hop in report.hops],
        },
    }


def _hub(hop, numeric):
    hub = {"count": hop.ttl, "host": host(hop, numeric)}
    for key, field in JSON_KEYS:
        value = getattr(hop, field)
        hub[key] = value if field == "sent" else float(JSON_PRECISION % value)
    return hub


def json_text(report, numeric, schema):
    """The document as mtr prints it: four-space indents."""
    return dumps(json_document(report, numeric, schema), indent=4)
