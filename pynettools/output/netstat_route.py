"""netstat -r: the kernel routing tables in net-tools 2.10's layouts.

`extend` is the number of -e given: none shows MSS/Window/irtt, one
Metric/Ref/Use, two both, and netstat 2.10 prints no IPv4 header or row at
all for three or more.  Names come from `resolve` (a NameResolver), which
answers with numbers under -n.
"""

import functools

RTF_REJECT = 0x0200
IPV4_TITLE = "Kernel IP routing table"
IPV4_CACHE_TITLE = "Kernel IP routing cache"
IPV6_TITLE = "Kernel IPv6 routing table"
IPV6_CACHE_TITLE = "Kernel IPv6 routing cache"
IPV4_HEADERS = {
    0: "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface",
    1: "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface",
    2: "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    "
       "MSS   Window irtt",
}
IPV4_CACHE_HEADERS = {
    0: "Source          Destination     Gateway         Flags   MSS Window  irtt Iface",
    1: "Source          Destination     Gateway         Flags Metric Ref    Use Iface",
}
IPV4_CACHE_FULL_HEADERS = {
    1: "Source          Destination     Gateway         Flags Metric Ref    Use Iface    "
       "MSS   Window irtt  HH  Arp",
    2: "Source          Destination     Gateway         Flags Metric Ref    Use Iface    "
       "MSS   Window irtt  TOS HHRef HHUptod     SpecDst",
}
IPV6_HEADER = "Destination                    Next Hop                   Flag Met Ref  Use If"
# netstat guesses the rt_cache layout from which of these its header contains.
CACHE_COLUMN_BITS = (("IRTT", 1), ("TOS", 2), ("HHRef", 4), ("HHUptod", 8), ("SpecDst", 16),
                     ("HH", 32), ("ARP", 64))
CACHE_FORMATS = {63: 2, 97: 1}

# Letters in the order netstat appends them; REJECT replaces what came before.
IPV4_FLAG_LETTERS = (
    (0x0001, "U"), (0x0002, "G"), (RTF_REJECT, "!"), (0x0004, "H"), (0x0008, "R"),
    (0x0010, "D"), (0x0020, "M"), (0x00010000, "d"), (0x00020000, "a"), (0x00040000, "c"),
    (0x00200000, "o"), (0x00400000, "e"), (0x01000000, "c"), (0x02000000, "f"),
    (0x04000000, "p"), (0x80000000, "l"), (0x0040, "u"), (0x0080, "w"), (0x0100, "i"),
    (0x0400, "n"))
IPV6_FLAG_LETTERS = (
    (0x0001, "U"), (RTF_REJECT, "!"), (0x0002, "G"), (0x0004, "H"), (0x00010000, "D"),
    (0x00040000, "A"), (0x01000000, "C"), (0x00020000, "a"), (0x00400000, "e"), (0x0020, "m"),
    (0x00200000, "n"), (0x02000000, "f"))


@functools.lru_cache(maxsize=None)
def ipv4_flags(flags):
    text = ""
    for bit, letter in IPV4_FLAG_LETTERS:
        if flags & bit:
            text = "!" if bit == RTF_REJECT else text + letter
    return text


@functools.lru_cache(maxsize=None)
def ipv6_flags(flags):
    return "".join(letter for bit, letter in IPV6_FLAG_LETTERS if flags & bit)


def ipv4_route_lines(routes, extend, resolve):
    yield IPV4_TITLE
    if extend > 2:
        return
    yield IPV4_HEADERS[extend]
    for route in routes:
        yield _ipv4_line(route, extend, resolve)


def _ipv4_line(route, extend, resolve):
    host = bool(route.flags & 0x0004)
    destination = resolve.ipv4_destination(route.destination, route.mask, host)[:15]
    mask = route.mask[:15]
    flags = ipv4_flags(route.flags)
    if route.flags & RTF_REJECT:
        if extend == 0:
            return "%-15s -               %-15s %-5s     - -          - -" % (
                destination, mask, flags)
        tail = "" if extend == 1 else "        -     -      -"
        return "%-15s -               %-15s %-5s %-6d -  %7d -%s" % (
            destination, mask, flags, route.metric, route.use, tail)
    gateway = resolve.ipv4_host(route.gateway)[:15]
    if extend == 0:
        return "%-15s %-15s %-15s %-5s %5d %-5d %6d %s" % (
            destination, gateway, mask, flags, route.mss, route.window, route.irtt,
            route.interface)
    if extend == 1:
        return "%-15s %-15s %-15s %-5s %-6d %-2d %7d %s" % (
            destination, gateway, mask, flags, route.metric, route.refcnt, route.use,
            route.interface)
    return "%-15s %-15s %-15s %-5s %-6d %-3d %6d %-6.6s   %-5d %-6d %d" % (
        destination, gateway, mask, flags, route.metric, route.refcnt, route.use,
        route.interface, route.mss, route.window, route.irtt)


def ipv4_cache_lines(header, extend):
    """The IPv4 cache: its headers only (Linux has kept no entries since 3.6)."""
    yield IPV4_CACHE_TITLE
    text = " ".join(header.columns)
    layout = CACHE_FORMATS.get(sum(bit for name, bit in CACHE_COLUMN_BITS if name in text))
    if layout is None:
        yield "ERROR: proc_guess_fmt(/proc/net/rt_cache,... returned: %d" % sum(
            bit for name, bit in CACHE_COLUMN_BITS if name in text)
    if extend < 2:
        yield IPV4_CACHE_HEADERS[extend]
    elif extend == 2 and layout:
        yield IPV4_CACHE_FULL_HEADERS[layout]


def ipv6_route_lines(routes, cache, resolve):
    """The IPv6 table (cache False) or cache (True): routes with RTF_CACHE or not."""
    yield IPV6_CACHE_TITLE if cache else IPV6_TITLE
    yield IPV6_HEADER
    for route in routes:
        if bool(route.flags & 0x01000000) != cache:
            continue
        destination = "%s/%d" % (resolve.ipv6(route.destination), route.prefix_length)
        yield "%-30s %-26s %-4s %-3d %-1d %6d %s" % (
            destination, resolve.ipv6(route.next_hop), ipv6_flags(route.flags), route.metric,
            route.refcnt, route.use, route.interface)
