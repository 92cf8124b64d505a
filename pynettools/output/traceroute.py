"""traceroute's text (the header line and one line per hop, streamed) and the
JSON objects of the same records (see the schema, pynettools/schemas/pytraceroute.json)."""



def header_line(trace):
    return "traceroute to %s (%s), %d hops max, %d byte packets" % (
        trace.target, trace.address, trace.max_hops, trace.packet_length)


def hop_line(hop, numeric=False, as_lookup=False):
    """`%2d ` then each probe; a responder is named when it differs from the previous one."""
    parts, shown = ["%2d " % hop.ttl], None
    for probe in hop.probes:
        if probe.address is None:
            parts.append(" *")
            continue
        if probe.address != shown:
            parts.append(_responder(probe, numeric, as_lookup))
            shown = probe.address
        parts.append("  %s ms" % rtt_text(probe))
        if probe.annotation:
            parts.append(" " + probe.annotation)
        if probe.mtu:
            parts.append(" F=%d" % probe.mtu)
    return "".join(parts)


def _responder(probe, numeric, as_lookup):
    text = " %s" % probe.address if numeric else \
        " %s (%s)" % (probe.name or probe.address, probe.address)
    if as_lookup:
        text += " [%s]" % (probe.asn or "*")
    if probe.back_hops is not None:
        text += " '-%d'" % probe.back_hops
    if probe.mpls:
        text += " <MPLS:%s>" % "/".join("L=%d,E=%d,S=%d,T=%d" % label for label in probe.mpls)
    return text


def rtt_text(probe):
    """The round trip as traceroute prints it: milliseconds, 3 decimals."""
    return "%.3f" % probe.rtt


def hop_object(hop):
    """A TraceHop as JSON: {"ttl", "probes"}, round trips rounded as the text rounds them."""
    from pynettools.output.jsonout import to_json_value  # json: not for the text

    return {"ttl": hop.ttl, "probes": [to_json_value(
        probe if probe.rtt is None else probe._replace(rtt=float(rtt_text(probe))))
        for probe in hop.probes]}


def reached(trace, hops):
    """Whether the target itself answered a probe of `hops`."""
    return any(probe.address == trace.address for hop in hops for probe in hop.probes)


def trace_object(kind, trace, hops):
    """The object that closes a trace ("end", after its "hop" lines) or holds a whole
    one ("trace", with `hops` in it): the header's settings and whether it reached
    the target."""
    settings = {name: value for name, value in zip(trace._fields, trace) if name != "hops"}
    document = {"type": kind, **settings, "reached": reached(trace, hops)}
    if kind == "trace":
        document["hops"] = [hop_object(hop) for hop in hops]
    return document


def trace_text(trace, numeric=False, as_lookup=False, complete=True):
    """A whole trace as pytraceroute streams it: the header and a line per hop, the
    last line's newline only when the trace ran through (an error ends it there)."""
    text = header_line(trace) + "".join("\n" + hop_line(hop, numeric, as_lookup)
                                        for hop in trace.hops)
    return text + "\n" if complete else text
