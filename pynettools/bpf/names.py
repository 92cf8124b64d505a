"""Names in filter expressions, looked up where libpcap looks them up.

Hosts go through the system resolver (getaddrinfo: every address of the
name, in its order); ports through the services database as getaddrinfo
reads it (the shared `ServicesDB`; a name found for both TCP and UDP with
the same number stands for both); protocols through /etc/protocols
(getprotobyname); networks through /etc/networks and Ethernet names
through /etc/ethers, both matched without regard to case as glibc does.
"""

import pynettools.bpf.tables as tables

NETWORKS_PATH = "/etc/networks"
ETHERS_PATH = "/etc/ethers"
_services = None


def host_addresses(name):
    """[(4 or 6, address bytes)] for `name`, or [] when it does not resolve."""
    import socket  # only now: most expressions name no host

    try:
        answers = socket.getaddrinfo(name, None, socket.AF_UNSPEC, socket.SOCK_STREAM,
                                     socket.IPPROTO_TCP)
    except (OSError, UnicodeError, ValueError):
        return []
    found = []
    for family, _type, _proto, _canonical, address in answers:
        if family in (socket.AF_INET, socket.AF_INET6):
            found.append((4 if family == socket.AF_INET else 6,
                          socket.inet_pton(family, address[0].split("%")[0])))
    return found


def _services_db():
    global _services
    if _services is None:
        from pynettools.services import ServicesDB

        _services = ServicesDB()
    return _services


def _service_port(name, protocol):
    """The port getaddrinfo finds for service `name` and `protocol`, or None.
    All-digit names are numbers, as glibc reads them (strtoul into an int,
    then 16 bits)."""
    if name.isascii() and name.isdigit():
        value = min(int(name), 0xFFFFFFFFFFFFFFFF) & 0xFFFFFFFF
        return None if value >= 0x80000000 else value & 0xFFFF
    entry = _services_db().by_name(name, protocol)
    return entry.port if entry is not None else None


def port(name):
    """(port, ip protocol) for a service name as pcap_nametoport answers, or None;
    the protocol is PROTO_UNDEF when TCP and UDP agree on the number."""
    tcp_port = _service_port(name, "tcp")
    udp_port = _service_port(name, "udp")
    if tcp_port is not None:
        if udp_port == tcp_port:
            return tcp_port, tables.PROTO_UNDEF
        return tcp_port, tables.IPPROTO_TCP
    if udp_port is not None:
        return udp_port, tables.IPPROTO_UDP
    return None


def _scan_int(text):
    """sscanf's %d: optional blanks and sign, then decimal digits; (value, rest) or None."""
    stripped = text.lstrip(" \t\n\r\v\f")
    end = 1 if stripped[:1] in ("+", "-") else 0
    start = end
    while end < len(stripped) and stripped[end].isdigit():
        end += 1
    if end == start:
        return None
    return int(stripped[:end]), stripped[end:]


def port_range(name):
    """(first, last, ip protocol) for `a-b` as pcap_nametoportrange reads it, or None."""
    first = _scan_int(name)
    if first is not None and first[1].startswith("-"):
        second = _scan_int(first[1][1:])
        if second is not None:
            return first[0], second[0], tables.PROTO_UNDEF
    low_name, dash, high_name = name.partition("-")
    if not dash:
        return None
    low, high = port(low_name), port(high_name)
    if low is None or high is None:
        return None
    protocol = high[1] if high[1] == low[1] else tables.PROTO_UNDEF
    return low[0], high[0], protocol


def protocol_number(name):
    """The number /etc/protocols gives `name` (or an alias), or None."""
    import socket

    try:
        return socket.getprotobyname(name)
    except (OSError, UnicodeError, ValueError):
        return None


def _lines(path):
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as stream:
            text = stream.read()
    except OSError:
        return []
    return [line.split("#", 1)[0].split() for line in text.splitlines()]


def inet_network(text):
    """inet_network(3): up to four parts (decimal, 0-octal, 0x-hex), packed right; or None."""
    parts = text.split(".")
    if len(parts) > 4:
        return None
    value = 0
    for part in parts:
        number = _c_number(part)
        if number is None or number > 255:
            return None
        value = (value << 8) | number
    return value


def _c_number(text):
    try:
        if text[:2] in ("0x", "0X"):
            return int(text[2:], 16)
        if text.startswith("0") and len(text) > 1:
            return int(text, 8)
        return int(text, 10) if text.isdigit() else None
    except ValueError:
        return None


def network_number(name):
    """The number /etc/networks gives `name` (or an alias), as getnetbyname, or None."""
    wanted = name.casefold()
    for fields in _lines(NETWORKS_PATH):
        if len(fields) >= 2 and wanted in (field.casefold() for field in [fields[0]] + fields[2:]):
            return inet_network(fields[1])
    return None


def ether_address(name):
    """The 6 bytes /etc/ethers gives host `name`, as ether_hostton, or None."""
    wanted = name.casefold()
    for fields in _lines(ETHERS_PATH):
        if len(fields) >= 2 and fields[1].casefold() == wanted:
            octets = fields[0].split(":")
            try:
                values = [int(octet, 16) for octet in octets]
            except ValueError:
                continue
            if len(values) == 6 and all(0 <= value <= 255 for value in values):
                return bytes(values)
    return None


def ether_aton(text):
    """An Ethernet address as pcap_ether_aton reads it: hex pairs, with or
    without ':', '.' or '-' between them."""
    digits = "0123456789abcdefABCDEF"
    result = bytearray()
    position = 1 if text.startswith(":") else 0
    while position < len(text):
        value = int(text[position], 16) if text[position] in digits else 0
        position += 1
        if position < len(text) and text[position] in digits:
            value = (value << 4) | int(text[position], 16)
            position += 1
        result.append(value & 0xFF)
        if position < len(text) and text[position] in ":.-":
            position += 1
    return bytes(result[:6]).ljust(6, b"\0")


def decnet_address(text):
    """A DECnet `area.node` as __pcap_atodn reads it (sscanf "%d.%d"), or None."""
    area = _scan_int(text)
    if area is None or not area[1].startswith("."):
        return None
    node = _scan_int(area[1][1:])
    if node is None:
        return None
    return (area[0] << 10) & 0xFC00 | node[0] & 0x3FF


def atoin(text):
    """(address, bits) for a dotted IPv4 number as __pcap_atoin reads it (a
    short one is left in the low bits), or None when a part is above 255."""
    address = 0
    bits = 0
    for part in text.split("."):
        value = 0
        for character in part:
            if value > 25:
                return None
            value = value * 10 + ord(character) - ord("0")
        if value > 255:
            return None
        address = ((address << 8) | (value & 0xFF)) & 0xFFFFFFFF
        bits += 8
    return address, bits
