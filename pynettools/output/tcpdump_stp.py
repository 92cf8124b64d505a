"""The bridges' link-local protocols as tcpdump prints them: spanning tree
BPDUs (stp_print: 802.1d configuration and topology change, 802.1w rapid
STP and 802.1s MSTP with its MSTIs at -v; SPB's (802.1aq) own fields at -v
are not described) and LLDP's summary line (lldp_print without -v)."""

from pynettools.output.tcpdump_common import Cut, need, u16, u32
from pynettools.output.tcpdump_dns_names import printable

VERSIONS = {0: "802.1d", 2: "802.1w", 3: "802.1s", 4: "802.1aq"}
TYPES = {0x00: "Config", 0x02: "Rapid STP", 0x80: "Topology Change"}
FLAGS = ((0x01, "Topology change"), (0x02, "Proposal"), (0x10, "Learn"), (0x20, "Forward"),
         (0x40, "Agreement"), (0x80, "Topology change ACK"))
ROLES = {0: "Unknown", 1: "Alternate", 2: "Root", 3: "Designated"}
BPDU, MSTP_MIN, TIME_BASE = 36, 102, 256.0
RAPID, MSTP, SPB = 2, 3, 4
LLDP_SYSTEM_NAME = 5


def _flags(value):
    return ", ".join(word for bit, word in FLAGS if value & bit) or "none"


def _bridge(p, data, at):
    need(p, at, 8)
    return "%02x%02x.%s" % (data[at], data[at + 1], ":".join("%02x" % byte for byte in
                                                              data[at + 2:at + 8]))


def print_stp(p, data, offset, length):
    out = p.out
    p.protocol = "stp"
    if length < 4:
        out.append(" (invalid)")
        return
    need(p, offset, 4)
    if u16(data, offset):
        out.append("unknown STP version, length %u" % length)
        return
    version = data[offset + 2]
    out.append("STP %s" % VERSIONS.get(version, "Unknown STP protocol (0x%02x)" % version))
    if version not in VERSIONS:
        return
    kind = data[offset + 3]
    out.append(", %s" % TYPES.get(kind, "Unknown BPDU Type (0x%02x)" % kind))
    if kind == 0x00 or (kind == 0x02 and version == RAPID):
        if length < (BPDU - 1 if kind == 0 else BPDU):
            out.append(" (invalid)")
            return
        _config(p, data, offset, length, version)
    elif kind == 0x02 and version in (MSTP, SPB):
        need(p, offset + 35, 1)
        if length < MSTP_MIN or data[offset + 35]:
            out.append(" (invalid)")
            return
        need(p, offset + 36, 2)
        if length < BPDU + u16(data, offset + 36) + 2:
            out.append(" (invalid)")
            return
        _mstp(p, data, offset, length)


def _times(p, data, offset):
    need(p, offset + 27, 8)
    return "\n\tmessage-age %.2fs, max-age %.2fs, hello-time %.2fs, forwarding-delay %.2fs" % \
        tuple(u16(data, offset + at) / TIME_BASE for at in (27, 29, 31, 33))


def _config(p, data, offset, length, version):
    out = p.out
    need(p, offset + 4, 1)
    flags = data[offset + 4]
    out.append(", Flags [%s]" % _flags(flags))
    bridge = _bridge(p, data, offset + 17)
    need(p, offset + 25, 2)
    out.append(", bridge-id %s.%04x, length %u" % (bridge, u16(data, offset + 25), length))
    if not p.verbose:
        return
    out.append(_times(p, data, offset))
    root = _bridge(p, data, offset + 5)
    need(p, offset + 13, 4)
    out.append("\n\troot-id %s, root-pathcost %u" % (root, u32(data, offset + 13)))
    if version == RAPID:
        out.append(", port-role %s" % ROLES[(flags & 0x0C) >> 2])


def _mstp(p, data, offset, length):
    out = p.out
    flags = data[offset + 4]
    out.append(", CIST Flags [%s], length %u" % (_flags(flags), length))
    if not p.verbose:
        return
    out.append("\n\tport-role %s, " % ROLES[(flags & 0x0C) >> 2])
    root = _bridge(p, data, offset + 5)
    need(p, offset + 13, 4)
    out.append("CIST root-id %s, CIST ext-pathcost %u" % (root, u32(data, offset + 13)))
    out.append("\n\tCIST regional-root-id %s, " % _bridge(p, data, offset + 17))
    need(p, offset + 25, 2)
    out.append("CIST port-id %04x," % u16(data, offset + 25))
    out.append(_times(p, data, offset))
    out.append("\n\tv3len %u, MCID Name " % u16(data, offset + 36))
    _print_name(p, data, offset + 39, 32)
    need(p, offset + 71, 22)
    out.append(", rev %u,\n\t\tdigest %s, " % (u16(data, offset + 71),
                                              data[offset + 73:offset + 89].hex()))
    out.append("CIST int-root-pathcost %u," % u32(data, offset + 89))
    out.append("\n\tCIST bridge-id %s, CIST remaining-hops %u" % (
        _bridge(p, data, offset + 93), data[offset + 101]))
    _mstis(p, data, offset, u16(data, offset + 36))


def _print_name(p, data, at, size):
    """nd_printjnp: up to `size` characters, to the first NUL, each as read."""
    for index in range(size):
        need(p, at + index, 1)
        if not data[at + index]:
            return
        p.out.append(printable(data[at + index:at + index + 1]))


def _mstis(p, data, offset, v3_length):
    out = p.out
    left, at = v3_length - 64, offset + 102
    while left >= 16:
        need(p, at, 16)
        instance, flags = u16(data, at + 1) & 0x0FFF, data[at]
        out.append("\n\tMSTI %u, Flags [%s], port-role %s" % (instance, _flags(flags),
                                                           ROLES[(flags & 0x0C) >> 2]))
        out.append("\n\t\tMSTI regional-root-id %s, pathcost %u" % (_bridge(p, data, at + 1),
                                                                   u32(data, at + 9)))
        out.append("\n\t\tMSTI bridge-prio %u, port-prio %u, hops %u" % (
            data[at + 13] >> 4, data[at + 14] >> 4, data[at + 15]))
        left -= 16
        at += 16


def print_lldp(p, data, offset, length):
    """ "LLDP, length N: SYSTEM-NAME", the TLVs walked as tcpdump walks them
    (a cut one ends the line with its mark); the others' contents, shown at
    -v, are not decoded."""
    p.protocol = "lldp"
    p.out.append("LLDP, length %u" % length)
    at, left = offset, length
    while left >= 2:
        if at + 2 > p.end:
            raise Cut()  # tcpdump's checks here print the mark and return
        kind, size = data[at] >> 1, (data[at] & 1) << 8 | data[at + 1]
        at += 2
        left -= 2
        if not kind or not size:
            break
        if at + size > p.end or left < size:
            raise Cut()
        if kind == LLDP_SYSTEM_NAME:  # the one TLV shown without -v
            p.out.append(": " + printable(data[at:at + size]))
        at += size
        left -= size
