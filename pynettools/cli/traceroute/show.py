"""Running a trace for pytraceroute: the header, then each hop as it completes.

--json streams the same records as JSON Lines: a "hop" line as each hop is
complete, flushed, then an "end" line, so a reader follows a slow trace and
keeps what it saw after a Ctrl-C.
"""

import sys

from pynettools.output import write
from pynettools.output.traceroute import header_line, hop_line


def show(request, as_json):
    """Run the trace in `request`, printing as it goes."""
    from pynettools.tracing import hops, open_method, trace_record

    trace = trace_record(request, hops(request, open_method(request)))
    if as_json:
        _show_json(trace)
        return
    # As traceroute: each line's newline is written when the next line starts,
    # so an error after the header leaves it unterminated, byte for byte.
    write(header_line(trace))
    sys.stdout.flush()
    for hop in trace.hops:
        write("\n" + hop_line(hop, request.numeric, request.as_lookup))
        sys.stdout.flush()
    write("\n")


def _show_json(trace):
    from pynettools.output.jsonout import json_line, tagged
    from pynettools.output.traceroute import hop_object, trace_object

    done = []
    for hop in trace.hops:
        write(json_line(tagged("pytraceroute", {"type": "hop", **hop_object(hop)})))
        sys.stdout.flush()
        done.append(hop)
    write(json_line(tagged("pytraceroute", trace_object("end", trace, done))))
