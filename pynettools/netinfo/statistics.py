"""Protocol counters: /proc/net/snmp, /proc/net/netstat and /proc/net/snmp6."""

from pynettools import procfs
from pynettools.netinfo.records import Counter, CounterTable

SNMP = "snmp"  # names in /proc/net
NETSTAT = "netstat"
SNMP6 = "snmp6"
_UNSIGNED_64 = 1 << 64


def read_paired_tables(name):
    """Tables of /proc/net/`name`, written as pairs of `Title: names` / `Title: values`
    lines.

    Raises OSError when the file cannot be read.
    """
    with open(procfs.net(name), "rb") as table_file:
        lines = table_file.read().decode("ascii", "surrogateescape").splitlines()
    tables = []
    for names_line, values_line in zip(lines[::2], lines[1::2]):
        title, colon, names = names_line.partition(":")
        if not colon or ":" not in values_line:
            break
        values = values_line.partition(":")[2].split()
        counters = tuple(Counter(name, _counter_value(value))
                         for name, value in zip(names.split(), values))
        tables.append(CounterTable(title, counters))
    return tables


def read_snmp6():
    """The `name value` lines of /proc/net/snmp6, grouped by their prefix.

    The prefix runs up to the first "6" (Ip6, Icmp6, UdpLite6); a name with
    no "6" is its own table.  Consecutive names with the same prefix share a
    table, as netstat groups them.
    """
    with open(procfs.net(SNMP6), "rb") as table_file:
        lines = table_file.read().decode("ascii", "surrogateescape").splitlines()
    tables = []
    for line in lines:
        fields = line.split()
        if len(fields) < 2:
            continue
        name, value = fields[0], _counter_value(fields[1])
        cut = name.find("6")
        title = name[:cut + 1] if cut >= 0 else name
        if not tables or tables[-1][0] != title:
            tables.append((title, []))
        tables[-1][1].append(Counter(name, value))
    return [CounterTable(title, tuple(counters)) for title, counters in tables]


def _counter_value(text):
    """The value as netstat's strtoull reads it: leading digits, too large
    saturates, a negative wraps around."""
    digits = text.lstrip("-")
    end = len(digits) - len(digits.lstrip("0123456789"))
    value = min(int(digits[:end]) if end else 0, _UNSIGNED_64 - 1)
    return (_UNSIGNED_64 - value) % _UNSIGNED_64 if text.startswith("-") else value
