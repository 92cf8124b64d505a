"""pynetstat --json: one document, or under -c one JSON line a pass.

Every mode hands its object here.  A pass of a repeating mode under -c is
one compact line with the time the pass started ("time", seconds since the
epoch), flushed at once, so `pynetstat -c --json` can be read line by line
while it runs; otherwise the object is one indented document.
"""

from pynettools.output import write


def write_json(args, document):
    from pynettools.output.jsonout import dumps, json_line, tagged

    started = getattr(args, "pass_started", None)
    if started is None:
        write(dumps(tagged("pynetstat", document)))
        return
    import sys

    write(json_line(tagged("pynetstat", {"time": round(started, 6), **document})))
    sys.stdout.flush()
