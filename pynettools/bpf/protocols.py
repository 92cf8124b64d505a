"""Protocol primitives: `ip`, `tcp`, `proto N`, `ether proto`, and the
encapsulations that move the offsets of what follows (`vlan`, `mpls`,
`pppoes`), as libpcap generates them.

`tcp` (and `udp`, `sctp`, ...) without `ip` means IPv4 or IPv6; on IPv6 the
next header must be the protocol, or a fragment header followed by it.
"""

import pynettools.bpf.linklayer as linklayer
import pynettools.bpf.opcodes as opcodes
import pynettools.bpf.tables as tables
from pynettools.bpf.blocks import gen_and, gen_not, gen_or, jump_block, Stmt
from pynettools.bpf.linklayer import OR_LINKHDR, OR_LINKPL, OR_LINKPL_NOSNAP
from pynettools.capture import linktypes

# pname -> (ip protocol, qualifier) for the abbreviations that are `proto N`.
_IP_ABBREVIATIONS = {
    "SCTP": (tables.IPPROTO_SCTP, tables.Q_DEFAULT), "TCP": (tables.IPPROTO_TCP, tables.Q_DEFAULT),
    "UDP": (tables.IPPROTO_UDP, tables.Q_DEFAULT), "ICMP": (tables.IPPROTO_ICMP, "IP"),
    "IGMP": (tables.IPPROTO_IGMP, "IP"), "IGRP": (tables.IPPROTO_IGRP, "IP"),
    "PIM": (tables.IPPROTO_PIM, tables.Q_DEFAULT), "VRRP": (tables.IPPROTO_VRRP, "IP"),
    "CARP": (tables.IPPROTO_VRRP, "IP"), "ICMPV6": (tables.IPPROTO_ICMPV6, "IPV6"),
    "AH": (tables.IPPROTO_AH, tables.Q_DEFAULT), "ESP": (tables.IPPROTO_ESP, tables.Q_DEFAULT),
}
# pname -> link-layer protocol for the abbreviations that are `ether proto N`.
_LINK_ABBREVIATIONS = {
    "IP": tables.ETHERTYPE_IP, "ARP": tables.ETHERTYPE_ARP, "RARP": tables.ETHERTYPE_REVARP,
    "ATALK": tables.ETHERTYPE_ATALK, "AARP": tables.ETHERTYPE_AARP,
    "DECNET": tables.ETHERTYPE_DN, "SCA": tables.ETHERTYPE_SCA, "LAT": tables.ETHERTYPE_LAT,
    "MOPDL": tables.ETHERTYPE_MOPDL, "MOPRC": tables.ETHERTYPE_MOPRC,
    "IPV6": tables.ETHERTYPE_IPV6, "ISO": tables.LLCSAP_ISONS, "STP": tables.LLCSAP_8021D,
    "IPX": tables.LLCSAP_IPX, "NETBEUI": tables.LLCSAP_NETBEUI,
}
# ISO protocols over 802.2, and the IS-IS PDU types.
ISO8473_CLNP, ISO9542_ESIS, ISO10589_ISIS = 0x81, 0x82, 0x83
_ISIS_PDUS = {"L1": (0x0F, 0x11, 0x12, 0x18, 0x1A), "L2": (0x10, 0x11, 0x14, 0x19, 0x1B),
              "IIH": (0x0F, 0x10, 0x11), "LSP": (0x12, 0x14), "SNP": (0x18, 0x19, 0x1A, 0x1B),
              "CSNP": (0x18, 0x19), "PSNP": (0x1A, 0x1B)}
_ENCAPSULATES_NOTHING = {"ARP": "arp", "RARP": "rarp", "LAT": "LAT", "SCA": "SCA",
                         "MOPRC": "MOPRC", "MOPDL": "MOPDL"}


def proto(compiler, number, qualifier, direction):
    """`[ip|ip6|ether|iso|isis] proto N`."""
    if direction != tables.Q_DEFAULT:
        compiler.error("direction applied to 'proto'")
    if qualifier == tables.Q_DEFAULT:
        first = proto(compiler, number, "IP", direction)
        second = proto(compiler, number, "IPV6", direction)
        gen_or(first, second)
        return second
    if qualifier == "LINK":
        return compiler.linktype_test(number)
    if qualifier == "IP":
        first = compiler.linktype_test(tables.ETHERTYPE_IP)
        second = compiler.cmp(OR_LINKPL, 9, opcodes.B, number)
        gen_and(first, second)
        return second
    if qualifier == "IPV6":
        first = compiler.linktype_test(tables.ETHERTYPE_IPV6)
        fragment = compiler.cmp(OR_LINKPL, 6, opcodes.B, tables.IPPROTO_FRAGMENT)
        second = compiler.cmp(OR_LINKPL, 40, opcodes.B, number)
        gen_and(fragment, second)
        gen_or(compiler.cmp(OR_LINKPL, 6, opcodes.B, number), second)
        gen_and(first, second)
        return second
    if qualifier == "ISO":
        first = compiler.linktype_test(tables.LLCSAP_ISONS)
        second = compiler.cmp(OR_LINKPL_NOSNAP, 0, opcodes.B, number)
        gen_and(first, second)
        return second
    if qualifier == "ISIS":
        first = proto(compiler, ISO10589_ISIS, "ISO", tables.Q_DEFAULT)
        second = compiler.cmp(OR_LINKPL_NOSNAP, 4, opcodes.B, number)
        gen_and(first, second)
        return second
    _no_proto(compiler, qualifier)


def _no_proto(compiler, qualifier):
    from pynettools.bpf.hosts import PROTO_WORDS

    if qualifier in _ENCAPSULATES_NOTHING:
        compiler.error("%s does not encapsulate another protocol"
                       % _ENCAPSULATES_NOTHING[qualifier])
    if qualifier == "ATALK":
        compiler.error("AppleTalk encapsulation is not specifiable")
    if qualifier == "DECNET":
        compiler.error("DECNET encapsulation is not specifiable")
    if qualifier == "CLNP":
        compiler.error("'clnp proto' is not supported")
    compiler.error("'%s proto' is bogus" % PROTO_WORDS[qualifier])


def abbreviation(compiler, pname):
    """A protocol keyword on its own (`tcp`, `arp`, `icmp6`, `l1`, ...)."""
    if pname in _IP_ABBREVIATIONS:
        number, qualifier = _IP_ABBREVIATIONS[pname]
        return proto(compiler, number, qualifier, tables.Q_DEFAULT)
    if pname in _LINK_ABBREVIATIONS:
        return compiler.linktype_test(_LINK_ABBREVIATIONS[pname])
    if pname in ("ESIS", "ISIS", "CLNP"):
        number = {"ESIS": ISO9542_ESIS, "ISIS": ISO10589_ISIS, "CLNP": ISO8473_CLNP}[pname]
        return proto(compiler, number, "ISO", tables.Q_DEFAULT)
    if pname in _ISIS_PDUS:
        return _isis_pdus(compiler, _ISIS_PDUS[pname])
    if pname == "LINK":
        compiler.error("link layer applied in wrong context")
    compiler.error("'radio' is not a valid protocol type")


def _isis_pdus(compiler, pdu_types):
    """The first two types in order, then each later one tested before them."""
    first = proto(compiler, pdu_types[0], "ISIS", tables.Q_DEFAULT)
    block = proto(compiler, pdu_types[1], "ISIS", tables.Q_DEFAULT)
    gen_or(first, block)
    for pdu_type in pdu_types[2:]:
        gen_or(proto(compiler, pdu_type, "ISIS", tables.Q_DEFAULT), block)
    return block


def length(compiler, jump, value):
    return jump_block(jump, value, [Stmt(opcodes.LD | opcodes.W | opcodes.LEN)])


def less(compiler, value):
    block = length(compiler, opcodes.JGT, value)
    gen_not(block)
    return block


def greater(compiler, value):
    return length(compiler, opcodes.JGE, value)


def vlan(compiler, vlan_id=None):
    """`vlan [ID]`: an 802.1Q, 802.1ad or QinQ tag, then 4 bytes further for what
    follows.  On a live Ethernet capture the outer tag may instead be in the
    kernel's metadata (the packet then has none): both are tested, and the
    offsets of what follows become variable."""
    if compiler.label_stack_depth > 0:
        compiler.error("no VLAN match after MPLS")
    if compiler.linktype != linktypes.ETHERNET:
        compiler.error("no VLAN support for %s" % compiler.describe_linktype())
    if compiler.source == tables.LIVE and compiler.vlan_stack_depth == 0:
        block = _vlan_with_metadata(compiler, vlan_id)
    else:
        block = _tpid_test(compiler)
        if vlan_id is not None:
            test = _vid_test(compiler, vlan_id)
            gen_and(block, test)
            block = test
        compiler.off_linkpl += 4
        compiler.off_linktype += 4
    compiler.vlan_stack_depth += 1
    return block


def _tpid_test(compiler):
    first = compiler.linktype_test(tables.ETHERTYPE_8021Q)
    second = compiler.linktype_test(tables.ETHERTYPE_8021AD)
    gen_or(first, second)
    block = compiler.linktype_test(tables.ETHERTYPE_8021QINQ)
    gen_or(second, block)
    return block


def _vid_test(compiler, vlan_id):
    if vlan_id > 0x0FFF:
        compiler.error("VLAN tag %u greater than maximum %u" % (vlan_id, 0x0FFF))
    return compiler.mcmp(OR_LINKPL, 0, opcodes.H, vlan_id, 0x0FFF)


def _vlan_with_metadata(compiler, vlan_id):
    present = jump_block(opcodes.JEQ, 1, [
        Stmt(opcodes.LD | opcodes.B | opcodes.ABS, opcodes.SKF_AD_OFF + opcodes.AD_VLAN_TAG_PRESENT)])
    tpid = _tpid_test(compiler)
    vid = _vid_test(compiler, vlan_id) if vlan_id is not None else None
    # The tag in the packet moves what follows; the tests above keep the old offsets.
    compiler.vlan_vloffset = True
    moves = []
    for offset in ("linkpl", "linktype"):
        register = getattr(compiler, offset + "_reg")
        if register is None:
            register = compiler.alloc_reg()
            setattr(compiler, offset + "_reg", register)
        moves += [Stmt(opcodes.LD | opcodes.MEM, register),
                  Stmt(opcodes.ALU | opcodes.ADD | opcodes.K, 4), Stmt(opcodes.ST, register)]
    tpid.head.stmts = moves + tpid.head.stmts
    gen_or(present, tpid)
    if vid is None:
        return tpid
    # The ID from the metadata when it is there, else from the packet.
    tci = Stmt(opcodes.LD | opcodes.B | opcodes.ABS, opcodes.SKF_AD_OFF + opcodes.AD_VLAN_TAG)
    choose = Stmt(opcodes.JMP | opcodes.JEQ | opcodes.K, 1, jt=tci, jf=vid.stmts[0])
    vid.stmts = [Stmt(opcodes.LD | opcodes.B | opcodes.ABS,
                      opcodes.SKF_AD_OFF + opcodes.AD_VLAN_TAG_PRESENT), choose, tci,
                 Stmt(opcodes.JMP | opcodes.JA, len(vid.stmts) - 1)] + vid.stmts
    gen_and(tpid, vid)
    return vid


def offset_initialisation(compiler):
    """Statements the program starts with: the variable offsets set to 0."""
    if not compiler.vlan_vloffset:
        return []
    return [Stmt(opcodes.LD | opcodes.W | opcodes.IMM, 0), Stmt(opcodes.ST, compiler.linkpl_reg),
            Stmt(opcodes.ST, compiler.linktype_reg)]


def mpls(compiler, label=None):
    """`mpls [LABEL]`: an MPLS header (the bottom-of-stack bit clear, when nested)."""
    if compiler.label_stack_depth > 0:
        block = compiler.mcmp(linklayer.OR_PREVMPLSHDR, 2, opcodes.B, 0, 0x01)
    elif compiler.linktype == linktypes.ETHERNET:
        block = compiler.linktype_test(tables.ETHERTYPE_MPLS)
    elif compiler.linktype == linklayer.PPP:
        block = compiler.linktype_test(0x0281)
    else:
        compiler.error("no MPLS support for %s" % compiler.describe_linktype())
    if label is not None:
        if label > 0xFFFFF:
            compiler.error("MPLS label %u greater than maximum %u" % (label, 0xFFFFF))
        test = compiler.mcmp(OR_LINKPL, 0, opcodes.W, label << 12, 0xFFFFF000)
        gen_and(block, test)
        block = test
    compiler.off_nl_nosnap += 4
    compiler.off_nl += 4
    compiler.label_stack_depth += 1
    return block


def pppoed(compiler):
    return compiler.linktype_test(tables.ETHERTYPE_PPPOED)


def pppoes(compiler, session=None):
    """`pppoes [ID]`: a PPPoE session, whose PPP header then decides what follows."""
    block = compiler.linktype_test(tables.ETHERTYPE_PPPOES)
    if session is not None:
        if session > 0xFFFF:
            compiler.error("PPPoE session number %u greater than maximum %u"
                           % (session, 0xFFFF))
        test = compiler.mcmp(OR_LINKPL, 0, opcodes.W, session, 0xFFFF)
        gen_and(block, test)
        block = test
    compiler.linktype = linklayer.PPP
    compiler.off_linkhdr = compiler.off_linkpl + compiler.off_nl + 6
    compiler.linkhdr_reg = compiler.linkpl_reg
    compiler.off_linktype, compiler.linktype_reg = compiler.off_linkhdr, compiler.linkhdr_reg
    compiler.off_linkpl = compiler.off_linkhdr + 2
    compiler.off_nl = 0
    compiler.off_nl_nosnap = 0
    return block


def direction(compiler, outbound):
    """`inbound` / `outbound`: the cooked header's packet type, or the kernel's
    packet type for a live capture on another link type."""
    if compiler.linktype == linktypes.LINUX_SLL:
        block = compiler.cmp(OR_LINKHDR, 0, opcodes.H, tables.LINUX_SLL_OUTGOING)
    elif compiler.linktype == linktypes.LINUX_SLL2:
        block = compiler.cmp(OR_LINKHDR, 10, opcodes.B, tables.LINUX_SLL_OUTGOING)
    else:
        _require_metadata(compiler, "inbound/outbound")
        block = compiler.cmp(OR_LINKHDR, opcodes.SKF_AD_OFF + opcodes.AD_PKTTYPE, opcodes.H,
                             tables.PACKET_OUTGOING)
    if not outbound:
        gen_not(block)
    return block


def ifindex(compiler, index):
    if compiler.linktype == linktypes.LINUX_SLL2:
        return compiler.cmp(OR_LINKHDR, 4, opcodes.W, index)
    _require_metadata(compiler, "ifindex")
    return compiler.cmp(OR_LINKHDR, opcodes.SKF_AD_OFF + opcodes.AD_IFINDEX, opcodes.W, index)


def _require_metadata(compiler, what):
    if compiler.source == tables.SAVEFILE:
        compiler.error("%s not supported on %s when reading savefiles"
                       % (what, compiler.describe_linktype()))


def byte_test(compiler, operator, index, value):
    """`byte N op V`, libpcap's old shorthand (its `&` and `|` forms test A unloaded)."""
    if operator == "=":
        return compiler.cmp(OR_LINKHDR, index, opcodes.B, value)
    if operator == "<":
        return compiler.cmp_lt(OR_LINKHDR, index, opcodes.B, value)
    if operator == ">":
        return compiler.cmp_gt(OR_LINKHDR, index, opcodes.B, value)
    alu = opcodes.OR if operator == "|" else opcodes.AND
    block = jump_block(opcodes.JEQ, 0, [Stmt(opcodes.ALU | alu | opcodes.K, value)])
    gen_not(block)
    return block
