"""Link layers: where each one keeps its type field and payload, and how a
filter asks "does this packet carry protocol P" on it (libpcap's gen_linktype)."""

import pynettools.bpf.opcodes as opcodes
import pynettools.bpf.tables as tables
from pynettools.bpf.blocks import gen_and, gen_not, gen_or, gen_uncond
from pynettools.capture import linktypes

NULL, LOOP, PPP = 0, 108, 9

# Where a load's offset counts from.
OR_PACKET, OR_LINKHDR, OR_PREVLINKHDR, OR_LLC, OR_PREVMPLSHDR = range(5)
OR_LINKPL, OR_LINKPL_NOSNAP, OR_LINKTYPE, OR_TRAN_IPV4, OR_TRAN_IPV6 = range(5, 10)
_AF_INET, _AF_INET6 = 2, 10          # Linux's
_BSD_AF_INET6, _FREEBSD_AF_INET6, _DARWIN_AF_INET6 = 24, 28, 30


class Layout:
    """Offsets of a link type: of its type field (None: it has none), of its
    payload, and of the network header within the payload (with and without
    an 802.2 SNAP header)."""

    __slots__ = ("linktype", "payload", "network", "network_nosnap")

    def __init__(self, linktype, payload, network=0, network_nosnap=0):
        self.linktype = linktype
        self.payload = payload
        self.network = network
        self.network_nosnap = network_nosnap


LAYOUTS = {
    linktypes.ETHERNET: Layout(12, 14, 0, 3),
    linktypes.LINUX_SLL: Layout(14, 16),
    linktypes.LINUX_SLL2: Layout(0, 20),
    linktypes.RAW: Layout(None, 0),
    linktypes.IPV4: Layout(None, 0),
    linktypes.IPV6: Layout(None, 0),
    NULL: Layout(0, 4),
    LOOP: Layout(0, 4),
    PPP: Layout(2, 4),
}
SUPPORTED = frozenset(LAYOUTS)
# libpcap's LINKTYPE_MATCHING range: a type in it that it has no code for takes
# link[] loads only; one above it (or below 104 and unknown) it refuses outright,
# even for an empty expression, with the range in its message.
MATCHING_MIN, MATCHING_MAX = 104, 289


def layout(linktype):
    if linktype not in LAYOUTS:
        from pynettools.errors import FilterError

        if linktype in linktypes.NAMES:
            raise FilterError("link layer type %s not supported by this filter compiler"
                              % linktypes.NAMES[linktype][0])
        if not MATCHING_MIN <= linktype <= MATCHING_MAX:
            raise FilterError("unknown data link type %d (min %d, max %d)" % (
                linktype, MATCHING_MIN, MATCHING_MAX))
        raise FilterError("unknown data link type %d" % linktype)
    return LAYOUTS[linktype]


def gen_linktype(compiler, ll_proto):
    linktype = compiler.linktype
    if linktype == linktypes.ETHERNET:
        return _ethernet(compiler, ll_proto)
    if linktype == linktypes.LINUX_SLL:
        return _cooked(compiler, ll_proto)
    if linktype == linktypes.LINUX_SLL2:
        return compiler.cmp(OR_LINKTYPE, 0, opcodes.H, ll_proto)
    if linktype == linktypes.RAW:
        if ll_proto == tables.ETHERTYPE_IP:
            return compiler.mcmp(OR_LINKHDR, 0, opcodes.B, 0x40, 0xF0)
        if ll_proto == tables.ETHERTYPE_IPV6:
            return compiler.mcmp(OR_LINKHDR, 0, opcodes.B, 0x60, 0xF0)
        return gen_uncond(False)
    if linktype in (linktypes.IPV4, linktypes.IPV6):
        wanted = tables.ETHERTYPE_IP if linktype == linktypes.IPV4 else tables.ETHERTYPE_IPV6
        return gen_uncond(ll_proto == wanted)
    if linktype == PPP:
        return compiler.cmp(OR_LINKTYPE, 0, opcodes.H, _ppp_type(ll_proto))
    return _loopback(compiler, ll_proto)





def _not_length(compiler):
    """The Ethernet type/length field is a length (an 802.3 frame)."""
    block = compiler.cmp_gt(OR_LINKTYPE, 0, opcodes.H, tables.ETHERMTU)
    gen_not(block)
    return block


def snap(compiler, orgcode, ptype):
    """An 802.2 SNAP header with this organisation code and protocol type."""
    header = bytes([tables.LLCSAP_SNAP, tables.LLCSAP_SNAP, 0x03]) + \
        orgcode.to_bytes(3, "big") + ptype.to_bytes(2, "big")
    return compiler.bcmp(OR_LLC, 0, header)


def _ethernet(compiler, ll_proto):
    if ll_proto in (tables.LLCSAP_ISONS, tables.LLCSAP_IP, tables.LLCSAP_NETBEUI):
        first = _not_length(compiler)
        second = compiler.cmp(OR_LLC, 0, opcodes.H, (ll_proto << 8) | ll_proto)
        gen_and(first, second)
        return second
    if ll_proto == tables.LLCSAP_IPX:
        first = compiler.cmp(OR_LLC, 0, opcodes.B, tables.LLCSAP_IPX)
        second = compiler.cmp(OR_LLC, 0, opcodes.H, 0xFFFF)
        gen_or(first, second)
        gen_or(snap(compiler, 0, 0x8137), second)
        first = _not_length(compiler)
        gen_and(first, second)
        gen_or(compiler.cmp(OR_LINKTYPE, 0, opcodes.H, 0x8137), second)
        return second
    if ll_proto in (tables.ETHERTYPE_ATALK, tables.ETHERTYPE_AARP):
        first = _not_length(compiler)
        second = _appletalk_snap(compiler, ll_proto)
        gen_and(first, second)
        gen_or(compiler.cmp(OR_LINKTYPE, 0, opcodes.H, ll_proto), second)
        return second
    if ll_proto <= tables.ETHERMTU:
        first = _not_length(compiler)
        second = compiler.cmp(OR_LINKTYPE, 2, opcodes.B, ll_proto)
        gen_and(first, second)
        return second
    return compiler.cmp(OR_LINKTYPE, 0, opcodes.H, ll_proto)


def _appletalk_snap(compiler, ll_proto):
    if ll_proto == tables.ETHERTYPE_ATALK:
        return snap(compiler, 0x080007, tables.ETHERTYPE_ATALK)
    return snap(compiler, 0, tables.ETHERTYPE_AARP)


def _cooked(compiler, ll_proto):
    def p_802_2():
        return compiler.cmp(OR_LINKTYPE, 0, opcodes.H, tables.LINUX_SLL_P_802_2)

    if ll_proto in (tables.LLCSAP_ISONS, tables.LLCSAP_IP, tables.LLCSAP_NETBEUI):
        first = p_802_2()
        second = compiler.cmp(OR_LINKPL, 0, opcodes.H, (ll_proto << 8) | ll_proto)
        gen_and(first, second)
        return second
    if ll_proto == tables.LLCSAP_IPX:
        first = compiler.cmp(OR_LLC, 0, opcodes.B, tables.LLCSAP_IPX)
        second = snap(compiler, 0, 0x8137)
        gen_or(first, second)
        gen_and(p_802_2(), second)
        gen_or(compiler.cmp(OR_LINKTYPE, 0, opcodes.H, tables.LINUX_SLL_P_802_3), second)
        gen_or(compiler.cmp(OR_LINKTYPE, 0, opcodes.H, 0x8137), second)
        return second
    if ll_proto in (tables.ETHERTYPE_ATALK, tables.ETHERTYPE_AARP):
        first = p_802_2()
        second = _appletalk_snap(compiler, ll_proto)
        gen_and(first, second)
        gen_or(compiler.cmp(OR_LINKTYPE, 0, opcodes.H, ll_proto), second)
        return second
    if ll_proto <= tables.ETHERMTU:
        first = p_802_2()
        second = compiler.cmp(OR_LINKHDR, compiler.off_linkpl, opcodes.B, ll_proto)
        gen_and(first, second)
        return second
    return compiler.cmp(OR_LINKTYPE, 0, opcodes.H, ll_proto)



def _ppp_type(ll_proto):
    return {tables.ETHERTYPE_IP: 0x0021, tables.ETHERTYPE_IPV6: 0x0057,
            tables.ETHERTYPE_DN: 0x0027, tables.ETHERTYPE_ATALK: 0x0029, 0x0600: 0x0025,
            tables.LLCSAP_ISONS: 0x0023, tables.LLCSAP_8021D: 0x0031,
            tables.LLCSAP_IPX: 0x002B}.get(ll_proto, ll_proto)


def _loopback(compiler, ll_proto):
    """NULL and LOOP: a 32-bit address family, in host order for NULL (this
    host's order is assumed for savefiles too) and network order for LOOP.
    IPv6 in a savefile may come from a BSD, whose AF_INET6 values are checked."""
    if ll_proto == tables.ETHERTYPE_IP:
        return _loopback_family(compiler, _AF_INET)
    if ll_proto != tables.ETHERTYPE_IPV6:
        return gen_uncond(False)
    if compiler.source != tables.SAVEFILE:
        return _loopback_family(compiler, _AF_INET6)
    first = _loopback_family(compiler, _BSD_AF_INET6)
    block = _loopback_family(compiler, _FREEBSD_AF_INET6)
    gen_or(first, block)
    gen_or(_loopback_family(compiler, _DARWIN_AF_INET6), block)
    return block


def _loopback_family(compiler, family):
    if compiler.linktype == NULL:
        family = int.from_bytes(family.to_bytes(4, "little" if _little_endian() else "big"),
                                "big")
    return compiler.cmp(OR_LINKHDR, 0, opcodes.W, family)


def _little_endian():
    import sys

    return sys.byteorder == "little"


def mpls_linktype(compiler, ll_proto):
    """Inside an MPLS stack: the bottom-of-stack bit, then the IP version."""
    if ll_proto not in (tables.ETHERTYPE_IP, tables.ETHERTYPE_IPV6):
        compiler.error("unsupported protocol over mpls")
    version = 0x40 if ll_proto == tables.ETHERTYPE_IP else 0x60
    first = compiler.mcmp(OR_LINKPL, -2, opcodes.B, 0x01, 0x01)
    second = compiler.mcmp(OR_LINKPL, 0, opcodes.B, version, 0xF0)
    gen_and(first, second)
    return second
