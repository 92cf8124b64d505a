"""netstat -i (one line per interface) and -ie (ifconfig's blocks), and their JSON."""

from pynettools.netinfo.names import unmapped

TITLE = "Kernel Interface table"
HEADER = ("Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR "
          "Flg")
NO_STATISTICS = "     - no statistics available -"
# Flag letters of the short table, in netstat's order (P twice: PROMISC, POINTOPOINT).
SHORT_FLAGS = ((0x200, "A"), (0x2, "B"), (0x4, "D"), (0x8, "L"), (0x1000, "M"), (0x8000, "d"),
               (0x100, "P"), (0x20, "N"), (0x80, "O"), (0x10, "P"), (0x800, "s"), (0x400, "m"),
               (0x40, "R"), (0x1, "U"))
LONG_FLAGS = ((0x1, "UP"), (0x2, "BROADCAST"), (0x4, "DEBUG"), (0x8, "LOOPBACK"),
              (0x10, "POINTOPOINT"), (0x20, "NOTRAILERS"), (0x40, "RUNNING"), (0x80, "NOARP"),
              (0x100, "PROMISC"), (0x200, "ALLMULTI"), (0x800, "SLAVE"), (0x400, "MASTER"),
              (0x1000, "MULTICAST"), (0x8000, "DYNAMIC"))
SCOPES = ((0x80, "compat"), (0x20, "link"), (0x40, "site"), (0x10, "host"))
UNSPEC = ("unspec", "UNSPEC", 16, "-")
# ARPHRD_* type: (name, title, address bytes shown or 0 for none, separator).
HARDWARE = {1: ("ether", "Ethernet", 6, ":"), 772: ("loop", "Local Loopback", 0, ""),
            512: ("ppp", "Point-to-Point Protocol", 0, ""),
            776: ("sit", "IPv6-in-IPv4", 0, ""), 768: ("tunnel", "IPIP Tunnel", 0, "")}
BYTE_UNITS = ((1 << 60, "EiB"), (1 << 50, "PiB"), (1 << 40, "TiB"), (1 << 30, "GiB"),
              (1 << 20, "MiB"), (1 << 10, "KiB"))


def short_lines(interfaces, first_pass=True):
    """The table; under -c netstat prints its title on the first pass only."""
    if first_pass:
        yield TITLE
    yield HEADER
    for interface in interfaces:
        yield _short_line(interface)


def _short_line(interface):
    line = "%-15.15s %5d " % (interface.name, interface.mtu)
    counters = interface.counters
    if counters is None:
        line += "%-56s" % NO_STATISTICS
    else:
        line += "%8d %6d %6d %-6d %8d %6d %6d %6d " % (
            counters.rx_packets, counters.rx_errors, counters.rx_dropped,
            counters.rx_fifo_errors, counters.tx_packets, counters.tx_errors,
            counters.tx_dropped, counters.tx_fifo_errors)
    flags = interface.flags
    letters = "".join(letter for bit, letter in SHORT_FLAGS if flags & bit)
    return line + (letters if flags else "[NO FLAGS]")


def long_lines(interfaces, first_pass=True):
    if first_pass:
        yield TITLE
    for interface in interfaces:
        yield from _block(interface)


def flag_names(flags):
    """The IFF_* bits set in `flags`, by the names -ie shows: ["UP", "BROADCAST", ...]."""
    return [name for bit, name in LONG_FLAGS if flags & bit]


def _block(interface):
    flags = interface.flags
    yield "%s: flags=%d<%s>  mtu %d" % (interface.name, flags, ",".join(flag_names(flags)),
                                        interface.mtu)
    inet = interface.inet
    if inet is not None:
        line = "        inet %s  netmask %s" % (inet.address, inet.netmask)
        if inet.broadcast is not None:
            line += "  broadcast %s" % inet.broadcast
        if inet.destination is not None:
            line += "  destination %s" % inet.destination
        yield line
    for address in interface.inet6:
        yield "        inet6 %s  prefixlen %d  scopeid 0x%x%s" % (
            unmapped(address.address), address.prefix_length, address.scope,
            _scope(address.scope))
    yield _hardware_line(interface)
    counters = interface.counters
    if counters is not None:
        yield "        RX packets %d  bytes %d (%s)" % (
            counters.rx_packets, counters.rx_bytes, _scaled(counters.rx_bytes))
        yield "        RX errors %d  dropped %d  overruns %d  frame %d" % (
            counters.rx_errors, counters.rx_dropped, counters.rx_fifo_errors,
            counters.rx_frame_errors)
        yield "        TX packets %d  bytes %d (%s)" % (
            counters.tx_packets, counters.tx_bytes, _scaled(counters.tx_bytes))
        yield "        TX errors %d  dropped %d overruns %d  carrier %d  collisions %d" % (
            counters.tx_errors, counters.tx_dropped, counters.tx_fifo_errors,
            counters.tx_carrier_errors, counters.collisions)
    device = _device_line(interface.device_map)
    if device:
        yield device
    yield ""


def _scope(scope):
    """`<compat,link>` and the like: "global" when no scope bit but compat's is set."""
    names = [name for bit, name in SCOPES if scope & bit]
    if not scope & 0x7F:
        names.insert(1 if scope & 0x80 else 0, "global")
    return "<%s>" % ",".join(names) if names else ""


def hardware_view(hardware):
    """(name, title, octets shown, separator) of a Hardware as -ie shows it: the octets
    its type has (6 for Ethernet, none for loopback), all 16 for a type netstat does
    not know."""
    name, title, shown, separator = HARDWARE.get(hardware.type, UNSPEC)
    return name, title, hardware.address.split(":")[:shown] if shown else [], separator


def _hardware_line(interface):
    name, title, octets, separator = hardware_view(interface.hardware)
    line = "        " + name
    if octets:
        line += " " + separator.join(octet.upper() if separator == "-" else octet
                                     for octet in octets)
    if interface.tx_queue_length is not None:
        line += "  txqueuelen %d" % interface.tx_queue_length
    return line + "  (%s)" % title


def _device_line(device_map):
    """netstat's `device interrupt ... base ... memory ...` line, or None."""
    if device_map is None or not (device_map.irq or device_map.mem_start or device_map.dma
                                  or device_map.base_addr >= 0x100):
        return None
    line = "        device "
    if device_map.irq:
        line += "interrupt %d  " % device_map.irq
    if device_map.base_addr >= 0x100:
        line += "base 0x%x  " % device_map.base_addr
    if device_map.mem_start:
        line += "memory 0x%x-%x  " % (device_map.mem_start, device_map.mem_end)
    if device_map.dma:
        line += "  dma 0x%x" % device_map.dma
    return line


def _scaled(count):
    """Bytes in binary units with one truncated decimal, as "63.6 MiB".

    Above 1 EiB netstat divides by a tenth of an EiB rounded down (its
    count times ten would overflow), which rounds 2**64 - 1 up to 16.0 EiB.
    """
    tenths, unit = count * 10, "B"
    for size, name in BYTE_UNITS:
        if count > size:
            tenths = count // (size // 10) if name == "EiB" else count * 10 // size
            unit = name
            break
    return "%d.%d %s" % (tenths // 10, tenths % 10, unit)


def interface_objects(interfaces):
    """Interfaces as JSON: the record, flags by name, the hardware address at its length."""
    from pynettools.output.jsonout import to_json_value  # json: not for the text

    for interface in interfaces:
        name, _title, octets, _separator = hardware_view(interface.hardware)
        yield {**to_json_value(interface), "flags": flag_names(interface.flags),
               "hardware": {"type": interface.hardware.type, "name": name,
                            "address": ":".join(octets) or None}}
