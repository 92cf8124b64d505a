"""ARP and RARP as tcpdump prints them (arp_print)."""

from pynettools.decode import arp
from pynettools.decode import names as tables
from pynettools.output import tcpdump_hex
from pynettools.output.tcpdump_common import Truncated

REQUEST, REPLY, REVERSE_REQUEST, REVERSE_REPLY, INVERSE_REQUEST, INVERSE_REPLY = 1, 2, 3, 4, 8, 9


def print_arp(p, data, offset, length):
    out = p.out
    p.protocol = "arp"
    end = p.end
    if end - offset < 8:
        raise Truncated()
    header = arp.fields(data, offset, end)
    if header is None:  # the addresses were not all captured
        raise Truncated()
    hardware, protocol, operation, sender_mac, sender, target_mac, target = header
    verbose = p.verbose
    if not p.eflag:
        out.append("ARP, ")
    if (protocol not in (0x0800, 0x1000) or len(sender) != 4 or not sender_mac or verbose):
        out.append("%s (len %u), %s (len %u)" % (
            tables.ARP_HARDWARE.get(hardware, "Unknown Hardware (%u)" % hardware),
            len(sender_mac),
            tables.ETHERTYPES.get(protocol, "Unknown Protocol (0x%04x)" % protocol),
            len(sender)))
        if not verbose:
            out.append(", length %u" % length)
            return
    out.append("%s%s " % (", " if verbose else "",
                          tables.ARP_OPERATIONS.get(operation, "Unknown (%u)" % operation)))
    link_address = p.names.link_address
    if operation == REQUEST:
        out.append("who-has %s" % _protocol_address(p, target))
        if any(target_mac):
            out.append(" (%s)" % link_address(target_mac))
        out.append(" tell %s" % _protocol_address(p, sender))
    elif operation == REPLY:
        out.append("%s is-at %s" % (_protocol_address(p, sender), link_address(sender_mac)))
    elif operation in (REVERSE_REQUEST, INVERSE_REQUEST):
        out.append("who-is %s tell %s" % (link_address(target_mac), link_address(sender_mac)))
    elif operation == REVERSE_REPLY:
        out.append("%s at %s" % (link_address(target_mac), _protocol_address(p, target)))
    elif operation == INVERSE_REPLY:
        out.append("%s at %s" % (link_address(sender_mac), _protocol_address(p, sender)))
    else:
        out.append(tcpdump_hex.hex_ascii(data[offset:end]))
        return
    out.append(", length %u" % length)


def _protocol_address(p, address):
    if len(address) != 4:
        return "<wrong proto addr len>"
    return p.names.ipv4(address)
