"""Routing tables: /proc/net/route, /proc/net/ipv6_route, /proc/net/rt_cache."""

from pynettools import procfs
from pynettools.netinfo.records import Ipv4Route, Ipv6Route, RouteCacheHeader

ROUTE = "route"  # names in /proc/net
IPV6_ROUTE = "ipv6_route"
ROUTE_CACHE = "rt_cache"
RTF_UP = 0x0001
RTF_CACHE = 0x01000000
_IPV4_FIELDS = ("Iface", "Destination", "Gateway", "Flags", "RefCnt", "Use", "Metric", "Mask",
                "MTU", "Window", "IRTT")


def read_ipv4_routes():
    """The routes of /proc/net/route that are up, in kernel order.

    Columns are found by their header names, as netstat finds them.  Raises
    OSError when the file cannot be read.
    """
    with open(procfs.net(ROUTE), "rb") as route_file:
        lines = route_file.read().decode("ascii", "surrogateescape").splitlines()
    if not lines:
        return []
    columns = lines[0].split()
    where = [columns.index(name) if name in columns else None for name in _IPV4_FIELDS]
    routes = []
    address, number = _ipv4, _c_int
    standard = where == list(range(len(_IPV4_FIELDS)))
    for line in lines[1:]:
        fields = line.split()
        if len(fields) < 10:
            continue
        if not standard or len(fields) < len(_IPV4_FIELDS):
            fields = [fields[index] if index is not None and index < len(fields) else "0"
                      for index in where]
        try:
            flags = int(fields[3], 16)
            if flags & RTF_UP:
                routes.append(Ipv4Route(
                    fields[0], address(fields[1]), address(fields[2]), address(fields[7]),
                    flags, number(fields[4]), number(fields[5]), number(fields[6]),
                    number(fields[8]), number(fields[9]), number(fields[10])))
        except ValueError:  # not the kernel's format: skipped, never a traceback
            continue
    return routes


def read_ipv6_routes():
    """Every line of /proc/net/ipv6_route, in kernel order (OSError if unreadable)."""
    with open(procfs.net(IPV6_ROUTE), "rb") as route_file:
        lines = route_file.read().decode("ascii", "surrogateescape").splitlines()
    routes = []
    for line in lines:
        fields = line.split()
        if len(fields) < 10:
            continue
        try:
            routes.append(Ipv6Route(
                _ipv6(fields[0]), int(fields[1], 16), _ipv6(fields[2]), int(fields[3], 16),
                _ipv6(fields[4]), *(_signed_hex(text) for text in fields[5:9]), fields[9][:15]))
        except ValueError:  # not the kernel's format: skipped
            continue
    return routes


def read_route_cache_header():
    """The column names of the IPv4 route cache (OSError if absent)."""
    with open(procfs.net(ROUTE_CACHE), "rb") as cache_file:
        first = cache_file.readline().decode("ascii", "surrogateescape")
    return RouteCacheHeader(tuple(first.split()))


def _ipv4(text):
    """A /proc/net/route address: host-order hex of a network-order word, read
    as netstat's %X reads it (also when it is not 8 hex digits)."""
    word = int(text, 16) & 0xFFFFFFFF
    return "%d.%d.%d.%d" % (word & 0xFF, word >> 8 & 0xFF, word >> 16 & 0xFF, word >> 24)


def _ipv6(text):
    # imported here: `pynetstat -rn`, IPv4 only, then needs no C socket module
    from _socket import AF_INET6, inet_ntop

    return inet_ntop(AF_INET6, bytes.fromhex(text))


def _c_int(text):
    """A decimal field read as netstat's %d reads it."""
    try:
        value = int(text)
    except ValueError:
        return 0
    return value if -0x80000000 <= value <= 0x7FFFFFFF else _wrap32(value)


def _signed_hex(text):
    """A %08x field read back into a C int (metric 0xffffffff is -1)."""
    return _wrap32(int(text, 16))


def _wrap32(value):
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value
