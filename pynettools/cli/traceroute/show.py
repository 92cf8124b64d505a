"""Running a trace for pytraceroute: the header, then each hop as it completes."""

import sys

from pynettools.output import write
from pynettools.output.traceroute import header_line, hop_line


def show(request, as_json):
    """Run the trace in `request`, printing as it goes."""
    from pynettools.tracing import hops, open_method, trace_record

    trace = trace_record(request, hops(request, open_method(request)))
    if as_json:
        from pynettools.output.jsonout import dumps

        write(dumps(trace._replace(hops=list(trace.hops))))
        return
    # As traceroute: each line's newline is written when the next line starts,
    # so an error after the header leaves it unterminated, byte for byte.
    write(header_line(trace))
    sys.stdout.flush()
    for hop in trace.hops:
        write("\n" + hop_line(hop, request.numeric, request.as_lookup))
        sys.stdout.flush()
    write("\n")
