"""traceroute's text: the header line and one line per hop, streamed."""


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
        parts.append("  %.3f ms" % probe.rtt)
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


def trace_text(trace, numeric=False, as_lookup=False, complete=True):
    """A whole trace as pytraceroute streams it: the header and a line per hop, the
    last line's newline only when the trace ran through (an error ends it there)."""
    text = header_line(trace) + "".join("\n" + hop_line(hop, numeric, as_lookup)
                                        for hop in trace.hops)
    return text + "\n" if complete else text
