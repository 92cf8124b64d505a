"""IP protocols other than TCP, UDP and ICMP as tcpdump prints them: SCTP's
common header (sctp_print), IGMP (igmp_print), VRRP (vrrp_print), ESP and AH
(esp_print, ah_print) and PIM's first line (pim_print).  Each printer takes
what the IP printers hand a transport: (p, data, offset, length, version,
fragmented, ip_offset)."""

from pynettools.decode import checksum
from pynettools.output.tcpdump_common import Cut, need, u16, u32
from pynettools.output.tcpdump_dns_names import printable
from pynettools.output.tcpdump_ip import demux

IGMP_V3_RECORDS = {1: "is_in", 2: "is_ex", 3: "to_in", 4: "to_ex", 5: "allow", 6: "block"}
VRRP_AUTH = {0: "none", 1: "simple", 2: "ah"}
PIM_V2_TYPES = {0: "Hello", 1: "Register", 2: "Register Stop", 3: "Join / Prune",
                4: "Bootstrap", 5: "Assert", 6: "Graft", 7: "Graft Acknowledgement",
                8: "Candidate RP Advertisement", 9: "Prune Refresh", 10: "DF Election",
                11: "ECMP Redirect"}
SCTP_HEADER = 12





def print_sctp(p, data, offset, length, version, fragmented, ip_offset):
    """The addresses and ports (numbers, as tcpdump prints them) and "sctp"."""
    p.protocol = "sctp"
    if length < SCTP_HEADER:
        p.out.append("truncated-sctp - %u bytes missing!" % (SCTP_HEADER - length))
        return
    if offset + SCTP_HEADER > p.end:
        raise Cut()  # checked, not fetched: the link header stays out of -x
    if version == 6:
        source = p.names.ipv6(data[ip_offset + 8:ip_offset + 24])
        destination = p.names.ipv6(data[ip_offset + 24:ip_offset + 40])
    else:
        source = p.names.ipv4(data[ip_offset + 12:ip_offset + 16])
        destination = p.names.ipv4(data[ip_offset + 16:ip_offset + 20])
    p.out.append("%s.%u > %s.%u: sctp" % (source, u16(data, offset), destination,
                                          u16(data, offset + 2)))


def print_igmp(p, data, offset, length, version, fragmented, ip_offset):
    out = p.out
    p.protocol = "igmp"
    if p.qflag:
        out.append("igmp")
        return
    need(p, offset, 1)
    kind = data[offset]
    if kind == 0x11:
        out.append("igmp query")
        if length >= 12:
            _igmp_v3_query(p, data, offset, length)
        else:
            need(p, offset + 1, 1)
            response = data[offset + 1]
            if response:
                out.append(" v2")
                if response != 100:
                    out.append(" [max resp time %u]" % response)
            else:
                out.append(" v1")
            need(p, offset + 4, 4)
            if u32(data, offset + 4):
                out.append(" [gaddr %s]" % p.names.ipv4(data[offset + 4:offset + 8]))
            if length != 8:
                out.append(" [len %u]" % length)
    elif kind in (0x12, 0x16, 0x17):
        need(p, offset + 4, 4)
        word = {0x12: "igmp v1 report", 0x16: "igmp v2 report", 0x17: "igmp leave"}[kind]
        out.append("%s %s" % (word, p.names.ipv4(data[offset + 4:offset + 8])))
        if kind == 0x12 and length != 8:
            out.append(" [len %u]" % length)
    elif kind == 0x22:
        out.append("igmp v3 report")
        _igmp_v3_report(p, data, offset, length)
    else:
        out.append("igmp-%u" % kind)
    if p.verbose and offset + length <= p.end and \
            checksum.checksum(data[offset:offset + length]):
        out.append(" bad igmp cksum %x!" % u16(data, offset + 2))


def relative_time(seconds):
    """unsigned_relts_print: "1h2m3s", "0s" for none."""
    if not seconds:
        return "0s"
    parts = []
    for unit, name in ((31536000, "y"), (604800, "w"), (86400, "d"), (3600, "h"), (60, "m"),
                       (1, "s")):
        if seconds >= unit:
            parts.append("%u%s" % (seconds // unit, name))
            seconds %= unit
    return "".join(parts)


def _igmp_v3_query(p, data, offset, length):
    out = p.out
    out.append(" v3")
    if length < 12 or length & 3:
        out.append(" [invalid len %u]" % length)
        return
    need(p, offset + 1, 1)
    code = data[offset + 1]
    time = code if code < 128 else ((code & 0x0F) | 0x10) << (((code & 0x70) >> 4) + 3)
    if code != 100:
        out.append(" [max resp time %s]" % ("%.1fs" % (time * 0.1) if time < 600 else
                                            relative_time(time // 10)))
    need(p, offset + 4, 4)
    if not u32(data, offset + 4):
        return
    out.append(" [gaddr %s" % p.names.ipv4(data[offset + 4:offset + 8]))
    need(p, offset + 10, 2)
    sources = u16(data, offset + 10)
    if sources:
        if length < 12 + (sources << 2):
            out.append(" [invalid number of sources]")
        elif p.verbose > 1:
            out.append(" {")
            _addresses(p, data, offset + 12, sources)
            out.append(" }")
        else:
            out.append(", %u source(s)" % sources)
    out.append("]")


def _addresses(p, data, at, count):
    for index in range(count):
        need(p, at + 4 * index, 4)
        p.out.append(" %s" % p.names.ipv4(data[at + 4 * index:at + 4 * index + 4]))


def _igmp_v3_report(p, data, offset, length):
    out = p.out
    if length < 16 or length & 3:
        out.append(" [invalid len %u]" % length)
        return
    need(p, offset + 6, 2)
    groups = u16(data, offset + 6)
    out.append(", %u group record(s)" % groups)
    if not p.verbose:
        return
    group = 8
    for _ in range(groups):
        if length < group + 8:
            out.append(" [invalid number of groups]")
            return
        at = offset + group
        need(p, at + 4, 4)
        out.append(" [gaddr %s" % p.names.ipv4(data[at + 4:at + 8]))
        out.append(" %s" % IGMP_V3_RECORDS.get(data[at], " [v3-report-#%u]" % data[at]))
        sources = u16(data, at + 2)
        if length < group + 8 + (sources << 2):
            out.append(" [invalid number of sources %u]" % sources)
            return
        if p.verbose == 1:
            out.append(", %u source(s)" % sources)
        else:
            out.append(" {")
            _addresses(p, data, at + 8, sources)
            out.append(" }")
        group += 8 + (sources << 2)
        out.append("]")


def print_vrrp(p, data, offset, length, version, fragmented, ip_offset):
    out = p.out
    p.protocol = "vrrp"
    need(p, offset, 1)
    vrrp_version, kind = data[offset] >> 4, data[offset] & 0x0F
    ttl = data[ip_offset + 7] if version == 6 else data[ip_offset + 8]
    out.append("VRRPv%u, %s" % (vrrp_version, "Advertisement" if kind == 1 else
                                "unknown type (%u)" % kind))
    if ttl != 255:
        out.append(", (ttl %u)" % ttl)
    if vrrp_version not in (2, 3) or kind != 1:
        return
    need(p, offset + 1, 2)
    out.append(", vrid %u, prio %u" % (data[offset + 1], data[offset + 2]))
    need(p, offset + 4, 2)
    authentication = data[offset + 4]
    if vrrp_version == 2:
        out.append(", authtype %s" % VRRP_AUTH.get(authentication, "#%u" % authentication))
        out.append(", intvl %us, length %u" % (data[offset + 5], length))
    else:
        out.append(", intvl %ucs, length %u" % ((data[offset + 4] & 0x0F) << 8 |
                                                data[offset + 5], length))
    if p.verbose:
        _vrrp_details(p, data, offset, length, vrrp_version, authentication, ip_offset)


def _vrrp_details(p, data, offset, length, vrrp_version, authentication, ip_offset):
    out = p.out
    count = data[offset + 3]
    if offset + length <= p.end:
        initial = 0
        if vrrp_version == 3:  # IPv4's pseudo-header, as tcpdump computes it
            initial = checksum.pseudo_header4(data[ip_offset + 12:ip_offset + 16],
                                              data[ip_offset + 16:ip_offset + 20], 112,
                                              length)
        if checksum.checksum(data[offset:offset + length], initial):
            out.append(", (bad vrrp cksum %x)" % u16(data, offset + 6))
    out.append(", addrs")
    if count > 1:
        out.append("(%u)" % count)
    out.append(":")
    separator = " "
    at = offset + 8
    for _ in range(count):
        need(p, at, 4)
        out.append(separator + p.names.ipv4(data[at:at + 4]))
        separator = ","
        at += 4
    if vrrp_version == 2 and authentication == 1:
        need(p, at, 8)
        text = data[at:at + 8].split(b"\0")[0]
        out.append(' auth "%s"' % printable(text))


def print_esp(p, data, offset, length, version, fragmented, ip_offset):
    """The SPI and sequence number (there is no key to decrypt with)."""
    p.protocol = "esp"
    if offset + 8 >= p.end:
        p.out.append(" [|esp]")
        return
    p.out.append("ESP(spi=0x%08x,seq=0x%x), length %u" % (u32(data, offset),
                                                         u32(data, offset + 4), length))


def print_ah(p, data, offset, length, version, fragmented, ip_offset):
    """The header, then what follows it by its next-header field."""
    out = p.out
    p.protocol = "ah"
    out.append("AH(")
    need(p, offset, 2)
    size = (data[offset + 1] + 2) * 4  # the header's length, ICV included
    if p.verbose:
        out.append("length=%u(%u-bytes)," % (data[offset + 1], size))
    need(p, offset + 4, 4)
    out.append("spi=0x%08x," % u32(data, offset + 4))
    need(p, offset + 8, 4)
    out.append("seq=0x%x,icv=0x" % u32(data, offset + 8))
    need(p, offset, size)
    out.append("%s): " % data[offset + 12:offset + size].hex())
    demux(p, data, offset + size, length - size, version, fragmented, data[offset], ip_offset)


def print_pim(p, data, offset, length, version, fragmented, ip_offset):
    """The version, the PIMv2 message type and the length."""
    p.protocol = "pim"
    need(p, offset, 1)
    pim_version, kind = data[offset] >> 4, data[offset] & 0x0F
    if pim_version == 2:
        name = PIM_V2_TYPES.get(kind, "Unknown Type")
        if p.verbose:
            p.out.append("PIMv2, length %u\n\t%s" % (length, name))
        else:
            p.out.append("PIMv2, %s, length %u" % (name, length))
    else:
        p.out.append("PIMv%u, length %u" % (pim_version, length))


PRINTERS = {132: print_sctp, 2: print_igmp, 112: print_vrrp, 50: print_esp, 51: print_ah,
            103: print_pim}
