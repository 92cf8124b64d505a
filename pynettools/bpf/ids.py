"""What an id means under its qualifiers (libpcap's gen_ncode, gen_scode,
gen_mcode, gen_mcode6): a number, a name, a dotted address, `net/len`,
`net mask`, or an IPv6 address, turned into a host, net, port, portrange or
protocol test."""

import pynettools.bpf.hosts as hosts
import pynettools.bpf.names as names
import pynettools.bpf.ports as ports
import pynettools.bpf.protocols as protocols
import pynettools.bpf.tables as tables
from pynettools.bpf.blocks import gen_or

_ALL_ONES_128 = b"\xff" * 16


def number(compiler, text, value, qualifiers):
    """A NUM (`text` None) or a dotted HID (`text`, with `value` unused)."""
    proto, direction, addr = qualifiers.proto, qualifiers.dir, qualifiers.addr
    if text is None:
        bits = 32
    elif proto == "DECNET":
        value = names.decnet_address(text)
        if value is None:
            compiler.error("malformed decnet address '%s'" % text)
        bits = 32
    else:
        parsed = names.atoin(text)
        if parsed is None:
            compiler.error("invalid IPv4 address '%s'" % text)
        value, bits = parsed
    if addr in (tables.Q_DEFAULT, tables.Q_HOST, tables.Q_NET):
        if proto == "DECNET":
            return hosts.host(compiler, value, 0, proto, direction, addr)
        if proto == "LINK":
            compiler.error("illegal link layer address")
        mask = 0xFFFFFFFF
        if text is None and addr == tables.Q_NET:
            while value and not value & 0xFF000000:
                value, mask = (value << 8) & 0xFFFFFFFF, (mask << 8) & 0xFFFFFFFF
        else:
            value, mask = (value << (32 - bits)) & 0xFFFFFFFF, (mask << (32 - bits)) & 0xFFFFFFFF
        return hosts.host(compiler, value, mask, proto, direction, addr)
    if addr in (tables.Q_PORT, tables.Q_PORTRANGE):
        what = "port" if addr == tables.Q_PORT else "portrange"
        protocol = ports.ip_protocol(compiler, proto, what)
        if value > 65535:
            compiler.error("illegal port number %u > 65535" % value)
        return ports.port(compiler, value, protocol, direction,
                          value if addr == tables.Q_PORTRANGE else None)
    if addr == tables.Q_GATEWAY:
        compiler.error("'gateway' requires a name")
    if addr == tables.Q_PROTO:
        return protocols.proto(compiler, value, proto, direction)
    if addr == tables.Q_PROTOCHAIN:
        protochain(compiler, proto)
    syntax(compiler)


def syntax(compiler):
    compiler.error("syntax error in filter expression")


def protochain(compiler, proto):
    if proto not in (tables.Q_DEFAULT, "IP", "IPV6"):
        compiler.error("bad protocol applied for 'protochain'")
    compiler.error("'protochain' is not supported by this filter compiler")


def name(compiler, text, qualifiers):
    """An ID: a host, network, port, port range or protocol name."""
    proto, direction, addr = qualifiers.proto, qualifiers.dir, qualifiers.addr
    if addr == tables.Q_NET:
        value = names.network_number(text)
        if not value:
            compiler.error("unknown network '%s'" % text)
        mask = 0xFFFFFFFF
        while value and not value & 0xFF000000:
            value, mask = (value << 8) & 0xFFFFFFFF, (mask << 8) & 0xFFFFFFFF
        return hosts.host(compiler, value, mask, proto, direction, addr)
    if addr in (tables.Q_DEFAULT, tables.Q_HOST):
        return _host_name(compiler, text, proto, direction, addr)
    if addr in (tables.Q_PORT, tables.Q_PORTRANGE):
        return _port_name(compiler, text, proto, direction, ranged=addr == tables.Q_PORTRANGE)
    if addr == tables.Q_GATEWAY:
        compiler.error("'gateway' not supported in this configuration")
    if addr in (tables.Q_PROTO, tables.Q_PROTOCHAIN):
        value = _protocol_name(compiler, text, proto)
        if addr == tables.Q_PROTOCHAIN:
            protochain(compiler, proto)
        return protocols.proto(compiler, value, proto, direction)
    syntax(compiler)


def _host_name(compiler, text, proto, direction, addr):
    if proto == "LINK":
        from pynettools.capture import linktypes

        if compiler.linktype != linktypes.ETHERNET:
            compiler.error("only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel "
                           "supports link-level host name")
        address = names.ether_address(text)
        if address is None:
            compiler.error("unknown ether host '%s'" % text)
        return hosts.ether_host(compiler, address, direction)
    if proto == "DECNET":
        compiler.error("decnet name support not included, '%s' cannot be translated" % text)
    addresses = names.host_addresses(text)
    if not addresses:
        compiler.error("unknown host '%s'" % text)
    proto4 = proto6 = proto
    if compiler.off_linktype is None and proto == tables.Q_DEFAULT:
        proto4, proto6 = "IP", "IPV6"
    block = None
    for family, address in addresses:
        if family == 4:
            if proto4 == "IPV6":
                continue
            test = hosts.host(compiler, int.from_bytes(address, "big"), 0xFFFFFFFF, proto4,
                              direction, addr)
        else:
            if proto6 == "IP":
                continue
            test = hosts.host6(compiler, address, _ALL_ONES_128, proto6, direction, addr)
        if block is not None:
            gen_or(block, test)
        block = test
    if block is None:
        compiler.error("unknown host '%s'%s" % (
            text, "" if proto == tables.Q_DEFAULT else " for specified address family"))
    return block


def _port_name(compiler, text, proto, direction, ranged=False):
    """`port NAME` or (`ranged`) `portrange NAME-NAME`, looked up as pcap_nametoport does."""
    what, found = ("portrange", names.port_range(text)) if ranged else ("port", names.port(text))
    if proto not in (tables.Q_DEFAULT, "UDP", "TCP", "SCTP"):
        compiler.error("illegal qualifier of '%s'" % what)
    if found is None:
        compiler.error("unknown port%s '%s'" % (" in range" if ranged else "", text))
    *numbers, protocol = found
    protocol = ports.named_protocol(compiler, proto, protocol, text,
                                    "port in range" if ranged else "port")
    for number in numbers:
        ports.check_port(compiler, number)
    return ports.port(compiler, numbers[0], protocol, direction, numbers[1] if ranged else None)


def _protocol_name(compiler, text, proto):
    if proto in (tables.Q_DEFAULT, "IP", "IPV6"):
        value = names.protocol_number(text)
        if value is None:
            compiler.error("unknown ip proto '%s'" % text)
        return value
    if proto == "LINK":
        if text in tables.ETHER_PROTO_NAMES:
            return tables.ETHER_PROTO_NAMES[text]
        if text in tables.LLC_NAMES:
            return tables.LLC_NAMES[text]
        compiler.error("unknown ether proto '%s'" % text)
    if proto == "ISO":
        iso = {"esis": protocols.ISO9542_ESIS, "isis": protocols.ISO10589_ISIS,
               "clnp": protocols.ISO8473_CLNP}
        if text not in iso:
            compiler.error("unknown osi proto '%s'" % text)
        return iso[text]
    compiler.error("unknown protocol: %s" % text)


def network(compiler, text, mask_text, mask_length, qualifiers):
    """`A.B.C.D/len` or `A.B.C.D mask M.M.M.M`."""
    parsed = names.atoin(text)
    if parsed is None:
        compiler.error("invalid IPv4 address '%s'" % text)
    address = (parsed[0] << (32 - parsed[1])) & 0xFFFFFFFF
    if mask_text is not None:
        parsed_mask = names.atoin(mask_text)
        if parsed_mask is None:
            compiler.error("invalid IPv4 address '%s'" % mask_text)
        mask = (parsed_mask[0] << (32 - parsed_mask[1])) & 0xFFFFFFFF
        if address & ~mask & 0xFFFFFFFF:
            compiler.error('non-network bits set in "%s mask %s"' % (text, mask_text))
    else:
        if mask_length > 32:
            compiler.error("mask length must be <= 32")
        mask = (0xFFFFFFFF << (32 - mask_length)) & 0xFFFFFFFF if mask_length else 0
        if address & ~mask & 0xFFFFFFFF:
            compiler.error('non-network bits set in "%s/%d"' % (text, mask_length))
    if qualifiers.addr != tables.Q_NET:
        compiler.error("Mask syntax for networks only")
    return hosts.host(compiler, address, mask, qualifiers.proto, qualifiers.dir,
                      qualifiers.addr)


def network6(compiler, text, mask_length, qualifiers):
    """An IPv6 address, with `/len` or (as a host) 128 bits."""
    import socket  # the scanner checked the address already

    address = socket.inet_pton(socket.AF_INET6, text)
    if mask_length > 128:
        compiler.error("mask length must be <= 128")
    mask = ((1 << 128) - (1 << (128 - mask_length))).to_bytes(16, "big")
    if any(byte & ~bits & 0xFF for byte, bits in zip(address, mask)):
        compiler.error('non-network bits set in "%s/%d"' % (text, mask_length))
    if qualifiers.addr in (tables.Q_DEFAULT, tables.Q_HOST) and mask_length != 128:
        compiler.error("Mask syntax for networks only")
    if qualifiers.addr not in (tables.Q_DEFAULT, tables.Q_HOST, tables.Q_NET):
        compiler.error("invalid qualifier against IPv6 address")
    return hosts.host6(compiler, address, mask, qualifiers.proto, qualifiers.dir,
                       qualifiers.addr)
