"""netstat -s: counter tables as netstat 2.10 words and indents them.

netstat walks the counters with a small state machine: the indent of a
line for a counter it has no text for, and whether a histogram title is
printed, depend on the kind of the counter printed before it.
"""

from pynettools.output.netstat_counters import (
    ALWAYS, HIDDEN, IN_HIST, KNOWN, NONZERO, OUT_HIST)

# Which of -w (raw), -t, -u selects each table netstat knows; tables it does
# not know (IcmpMsg, UdpLite, IpExt, ...) are printed whatever the selection.
SELECTED_BY = {"Ip": "raw", "Icmp": "raw", "Tcp": "tcp", "Udp": "udp", "TcpExt": "tcp",
               "Ip6": "raw", "Icmp6": "raw", "Udp6": "udp", "Tcp6": "tcp"}
HISTOGRAM_TITLES = {IN_HIST: "ICMP input histogram:", OUT_HIST: "ICMP output histogram:"}
INDENT = {ALWAYS: 4, NONZERO: 4, IN_HIST: 8, OUT_HIST: 8}


def is_selected(table, selection):
    """Whether -s prints `table` for `selection`, a set of "tcp", "udp", "raw"."""
    return table.title not in SELECTED_BY or SELECTED_BY[table.title] in selection


def statistics_lines(tables, selection):
    """The lines of netstat -s."""
    state = ALWAYS
    for table in tables:
        if table.title in SELECTED_BY:
            state = ALWAYS  # even for a table left out: netstat resets it first
        if not is_selected(table, selection):
            continue
        yield table.title + ":"
        known = KNOWN.get(table.title)
        for counter in table.counters:
            kind, text = (known or {}).get(counter.name, (None, None))
            if kind is None:
                if counter.value:
                    yield "%s%s: %d" % (" " * INDENT[state], counter.name, counter.value)
                continue
            if kind == HIDDEN:
                continue
            if kind in HISTOGRAM_TITLES and state != kind:
                yield " " * INDENT[state] + HISTOGRAM_TITLES[kind]
            if kind == ALWAYS or counter.value:
                yield " " * INDENT[kind] + text % counter.value
            state = kind
