"""Ethernet types as tcpdump dispatches them (ethertype_print), for Ethernet,
the cooked headers and SNAP: IPv4, IPv6, ARP, LLDP, and here MPLS label
stacks (mpls_print) and PPPoE discovery and session frames (pppoe_print,
ppp_print), with the IPv4 and IPv6 inside them."""

from pynettools.output import tcpdump_hex
from pynettools.output.tcpdump_arp import print_arp
from pynettools.output.tcpdump_common import Truncated, need
from pynettools.output.tcpdump_ip import print_ipv4
from pynettools.output.tcpdump_ip6 import print_ipv6
from pynettools.output.tcpdump_stp import print_lldp

ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_ARP, ETHERTYPE_RARP = 0x0800, 0x86DD, 0x0806, 0x8035
MPLS_TYPES, PPPOE_TYPES, ETHERTYPE_LLDP = (0x8847, 0x8848), (0x8863, 0x8864), 0x88CC
MPLS_LABEL_NAMES = ("IPv4 explicit NULL", "router alert", "IPv6 explicit NULL",
                    "implicit NULL") + ("rsvd",) * 12
PPPOE_CODES = {0x09: "PADI", 0x07: "PADO", 0x19: "PADR", 0x65: "PADS", 0xA7: "PADT", 0: ""}
PPPOE_TAGS = {0: "EOL", 0x0101: "Service-Name", 0x0102: "AC-Name", 0x0103: "Host-Uniq",
              0x0104: "AC-Cookie", 0x0105: "Vendor-Specific", 0x0110: "Relay-Session-ID",
              0x0120: "PPP-Max-Payload", 0x0201: "Service-Name-Error",
              0x0202: "AC-System-Error", 0x0203: "Generic-Error"}
PPPOE_HEADER, MAX_TAG_TEXT = 6, 79
PPP_TYPES = {0x0021: "IP", 0x0057: "IP6", 0x002B: "IPX", 0x003D: "MLPPP", 0x0281: "MPLS",
             0x0283: "MPLS Mcast", 0xC021: "LCP", 0x8021: "IPCP", 0x8057: "IP6CP",
             0xC023: "PAP", 0xC223: "CHAP", 0x80FD: "CCP"}
PPP_IP, PPP_IPV6 = (0x0021, 0x0800), 0x0057



def print_ethertype(p, ethertype, data, offset, length):
    """ethertype_print: False when tcpdump has no printer for the type."""
    if ethertype == ETHERTYPE_IPV4:
        print_ipv4(p, data, offset, length)
    elif ethertype == ETHERTYPE_IPV6:
        print_ipv6(p, data, offset, length)
    elif ethertype == ETHERTYPE_ARP or ethertype == ETHERTYPE_RARP:
        print_arp(p, data, offset, length)
    elif ethertype in MPLS_TYPES:
        print_mpls(p, data, offset, length)
    elif ethertype in PPPOE_TYPES:
        print_pppoe(p, data, offset, length)
    elif ethertype == ETHERTYPE_LLDP and not p.verbose:
        print_lldp(p, data, offset, length)
    else:
        return False
    return True


def _default_print(p, data, offset, length):
    """ND_DEFAULTPRINT: the bytes in hex and ASCII, marked when cut short."""
    if p.suppress_default:
        return
    end = min(offset + length, p.end)
    p.out.append(tcpdump_hex.hex_ascii(data[offset:end]))
    if end < offset + length:
        p.out.append(" [|%s]" % p.protocol)


def print_mpls(p, data, offset, length):
    out = p.out
    p.protocol = "mpls"
    out.append("MPLS")
    depth = 0
    while True:
        if length < 4:
            out.append(" (invalid)")
            need(p, offset, length)
            return
        need(p, offset, 4)
        entry = int.from_bytes(data[offset:offset + 4], "big")
        label = entry >> 12
        out.append("%s(label %u" % ("\n\t" if depth and p.verbose else " ", label))
        depth += 1
        if p.verbose and label < 16:
            out.append(" (%s)" % MPLS_LABEL_NAMES[label])
        out.append(", tc %u" % (entry >> 9 & 7))
        if entry & 0x100:
            out.append(", [S]")
        out.append(", ttl %u)" % (entry & 0xFF))
        offset += 4
        length -= 4
        if entry & 0x100:
            break
    _mpls_payload(p, data, offset, length, label)


def _mpls_payload(p, data, offset, length, label):
    """By the bottom label, or else by the first byte (the way Cisco's
    control traffic is told apart)."""
    if label in (0, 3):
        kind = 4
    elif label == 2:
        kind = 6
    else:
        if length < 1:
            return
        need(p, offset, 1)
        first = data[offset]
        kind = 4 if 0x45 <= first <= 0x4F else 6 if 0x60 <= first <= 0x6F else 0
    if not kind:  # OSI (CLNP, ES-IS, IS-IS) is not decoded here either
        _default_print(p, data, offset, length)
        return
    p.out.append("\n\t" if p.verbose else " ")
    (print_ipv4 if kind == 4 else print_ipv6)(p, data, offset, length)


def print_pppoe(p, data, offset, length):
    out = p.out
    p.protocol = "pppoe"
    if length < PPPOE_HEADER:
        out.append(" (length %u < %u) (invalid)" % (length, PPPOE_HEADER))
        return
    length -= PPPOE_HEADER
    need(p, offset, PPPOE_HEADER)
    version, kind, code = data[offset] >> 4, data[offset] & 0x0F, data[offset + 1]
    session = data[offset + 2] << 8 | data[offset + 3]
    payload_length = data[offset + 4] << 8 | data[offset + 5]
    if version != 1:
        out.append(" [ver %u]" % version)
    if kind != 1:
        out.append(" [type %u]" % kind)
    out.append("PPPoE %s" % PPPOE_CODES.get(code, "PAD-%x" % code))
    if code == 0x09 and payload_length > 1484 - PPPOE_HEADER:
        out.append(" [len %u!]" % payload_length)
    if payload_length > length:
        out.append(" [len %u > %u!]" % (payload_length, length))
        payload_length = length
    if session:
        out.append(" [ses 0x%x]" % session)
    if code:
        _pppoe_tags(p, data, offset + PPPOE_HEADER, payload_length)
    else:
        out.append(" ")
        print_ppp(p, data, offset + PPPOE_HEADER, payload_length)


def _pppoe_tags(p, data, start, length):
    """Discovery tags: text in quotes when mostly printable, else hex."""
    at, kind = start, 0xFFFF
    while kind and at < start + length:
        need(p, at, 4)
        kind, size = data[at] << 8 | data[at + 1], data[at + 2] << 8 | data[at + 3]
        at += 4
        name = PPPOE_TAGS.get(kind, "TAG-0x%x" % kind)
        if size:
            need(p, at, size)
            value = data[at:at + size]
            p.out.append(_tag_text(name, value))
        else:
            p.out.append(" [%s]" % name)
        at += size


def _tag_text(name, value):
    """The bytes fill a buffer of 79 places (a run of unprintable ones takes
    one); text when the printable ones outnumber the others it looked at."""
    text, printable, other = [], 0, 0
    for byte in value:
        if len(text) >= MAX_TAG_TEXT:
            break
        if 0x20 <= byte < 0x7F:
            text.append(chr(byte))
            printable += 1
        else:
            if not text or text[-1] != ".":
                text.append(".")
            other += 1
    if printable > other:
        return ' [%s "%s"]' % (name, "".join(text))
    return " [%s 0x%s]" % (name, value.hex().upper())


def print_ppp(p, data, offset, length):
    """ppp_print: an optional address and control field, the protocol (one
    byte when compressed), then IPv4 or IPv6; other protocols in hex."""
    out = p.out
    p.protocol = "ppp"
    whole = length
    if length < 2:
        raise Truncated()
    need(p, offset, 2)
    if data[offset:offset + 2] == b"\xff\x03":
        offset += 2
        length -= 2
    if length < 2:
        raise Truncated()
    need(p, offset, 1)
    if data[offset] & 1:
        protocol = data[offset]
        offset += 1
        length -= 1
    else:
        need(p, offset, 2)
        protocol = data[offset] << 8 | data[offset + 1]
        offset += 2
        length -= 2
    if p.eflag:
        name = PPP_TYPES.get(protocol, "unknown")
        out.append("%s (0x%04x), length %u" % (name, protocol, whole))
        if name == "unknown":
            return
        out.append(": ")
    if protocol in PPP_IP:
        print_ipv4(p, data, offset, length)
    elif protocol == PPP_IPV6:
        print_ipv6(p, data, offset, length)
    else:  # LCP, IPCP, PAP, CHAP ... are not decoded here
        out.append("%s " % PPP_TYPES.get(protocol, "unknown PPP protocol (0x%04x)" % protocol))
        end = min(offset + length, p.end)
        out.append(tcpdump_hex.hex_only(data[offset:end]))
