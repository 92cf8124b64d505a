"""netstat -r: the kernel routing tables in net-tools 2.10's layouts.

`extend` is the number of -e given: none shows MSS/Window/irtt, one
Metric/Ref/Use, two both, and netstat 2.10 prints no IPv4 header or row at
all for three or more.  Names come from `resolve` (a NameResolver), which
answers with numbers under -n.
"""

from pynettools.output.netstat_sockets import shown_name

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


# The kernel's RTF_* bits by name (linux/route.h, linux/ipv6_route.h), for --json.
FLAG_NAMES = (
    (0x0001, "UP"), (0x0002, "GATEWAY"), (0x0004, "HOST"), (0x0008, "REINSTATE"),
    (0x0010, "DYNAMIC"), (0x0020, "MODIFIED"), (0x0040, "MTU"), (0x0080, "WINDOW"),
    (0x0100, "IRTT"), (RTF_REJECT, "REJECT"), (0x00010000, "DEFAULT"),
    (0x00020000, "ALLONLINK"), (0x00040000, "ADDRCONF"), (0x00080000, "PREFIX_RT"),
    (0x00100000, "ANYCAST"), (0x00200000, "NONEXTHOP"), (0x00400000, "EXPIRES"),
    (0x00800000, "ROUTEINFO"), (0x01000000, "CACHE"), (0x02000000, "FLOW"),
    (0x04000000, "POLICY"), (0x80000000, "LOCAL"))


def flag_names(flags):
    """The RTF_* bits set in `flags` by name; a bit without one as "0x400"."""
    known = 0
    names = []
    for bit, name in FLAG_NAMES:
        known |= bit
        if flags & bit:
            names.append(name)
    return names + ["0x%x" % (1 << shift) for shift in range(32)
                    if flags & ~known & (1 << shift)]


def ipv4_flags(flags):
    text = ""
    for bit, letter in IPV4_FLAG_LETTERS:
        if flags & bit:
            text = "!" if bit == RTF_REJECT else text + letter
    return text


def ipv6_flags(flags):
    return "".join(letter for bit, letter in IPV6_FLAG_LETTERS if flags & bit)


def ipv4_route_lines(routes, extend, resolve):
    yield IPV4_TITLE
    if extend > 2:
        return
    yield IPV4_HEADERS[extend]
    for route in routes:
        yield _ipv4_line(route, extend, resolve)


def _destination(route, resolve):
    """An IPv4 route's destination as the table names it: default, a network, a host."""
    return resolve.ipv4_destination(route.destination, route.mask, bool(route.flags & 0x0004))


def _ipv4_line(route, extend, resolve):
    destination = _destination(route, resolve)[:15]
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


def ipv4_route_objects(routes, resolve):
    """IPv4 routes as JSON: the record, flags by name, and the names the table shows."""
    for route in routes:
        yield {**route._asdict(), "flags": flag_names(route.flags),
               "destination_name": shown_name(_destination(route, resolve), route.destination),
               "gateway_name": shown_name(resolve.ipv4_host(route.gateway), route.gateway)}


def ipv6_route_objects(routes, resolve):
    """IPv6 routes as JSON, as `ipv4_route_objects`."""
    for route in routes:
        yield {**route._asdict(), "flags": flag_names(route.flags),
               "destination_name": shown_name(resolve.ipv6(route.destination),
                                              route.destination),
               "next_hop_name": shown_name(resolve.ipv6(route.next_hop), route.next_hop)}
