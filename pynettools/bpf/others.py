"""The grammar's other primitives: `less`, `greater`, `byte`, `inbound`,
`ifindex`, `vlan`, `mpls`, `pppoed`, `pppoes`, `llc`, `broadcast`,
`multicast`, and the keywords of link types none of ours is (802.11, ATM,
SS7, OpenBSD pf), which fail with libpcap's words once their arguments parse.
"""

import pynettools.bpf.hosts as hosts
import pynettools.bpf.lexer as lexer
import pynettools.bpf.opcodes as opcodes
import pynettools.bpf.protocols as protocols
import pynettools.bpf.tables as tables
from pynettools.bpf.blocks import gen_and, gen_not, jump_block
from pynettools.bpf.linklayer import OR_LINKTYPE, OR_LLC
from pynettools.capture import linktypes
from pynettools.errors import FilterError

_ATM = {"LANE": "lane", "METAC": "metac", "BCC": "bcc", "OAMF4EC": "oam4ec",
        "OAMF4SC": "oam4sc", "SC": "sc", "ILMIC": "ilmic", "OAM": "oam", "OAMF4": "oamf4",
        "CONNECTMSG": "connectmsg", "METACONNECT": "metaconnect"}
_MTP2 = {"FISU": "'fisu' supported only on MTP2", "LSSU": "'lssu' supported only on MTP2",
         "MSU": "'msu' supported only on MTP2", "HFISU": "'hfisu' supported only on MTP2_HSL",
         "HLSSU": "'hlssu' supported only on MTP2_HSL",
         "HMSU": "'hmsu' supported only on MTP2_HSL"}
_FIELDS = {"VPI": "'vpi' supported only on raw ATM", "VCI": "'vci' supported only on raw ATM",
           "SIO": "'sio' supported only on SS7", "OPC": "'opc' supported only on SS7",
           "DPC": "'dpc' supported only on SS7", "SLS": "'sls' supported only on SS7",
           "HSIO": "'sio' supported only on SS7", "HOPC": "'opc' supported only on SS7",
           "HDPC": "'dpc' supported only on SS7", "HSLS": "'sls' supported only on SS7"}
_PF = {"PF_IFNAME": (lexer.ID, "ifname"), "PF_RSET": (lexer.ID, "ruleset"),
       "PF_RNR": (lexer.NUM, "rnr"), "PF_SRNR": (lexer.NUM, "srnr")}
_PF_REASONS = {"match", "bad-offset", "fragment", "short", "normalize", "memory",
               "bad-timestamp", "congestion", "ip-option", "proto-cksum", "state-mismatch",
               "state-insert", "state-limit", "src-limit", "synproxy"}
_PF_ACTIONS = {"pass", "accept", "drop", "block", "scrub", "noscrub", "nat", "nonat", "binat",
               "nobinat", "rdr", "nordr"}
_WLAN_TYPES = {"data": 0x08, "mgt": 0x00, "management": 0x00, "ctl": 0x04, "control": 0x04}
_WLAN_SUBTYPES = {
    0x00: {"assocreq", "assoc-req", "assocresp", "assoc-resp", "reassocreq", "reassoc-req",
           "reassocresp", "reassoc-resp", "probereq", "probe-req", "proberesp", "probe-resp",
           "beacon", "atim", "disassoc", "disassociation", "auth", "authentication", "deauth",
           "deauthentication"},
    0x04: {"ps-poll", "rts", "cts", "ack", "cf-end", "cf-end-ack"},
    0x08: {"data", "data-cf-ack", "data-cf-poll", "data-cf-ack-poll", "null", "cf-ack",
           "cf-poll", "cf-ack-poll", "qos-data", "qos-data-cf-ack", "qos-data-cf-poll",
           "qos-data-cf-ack-poll", "qos", "qos-cf-poll", "qos-cf-ack-poll"},
}
_WLAN_DIRECTIONS = {"nods", "tods", "fromds", "dstods"}
# `llc` subtypes: (mask, value) of the control byte.
_LLC_TYPES = {"rr": (0x0F, 0x01), "rnr": (0x0F, 0x05), "rej": (0x0F, 0x09),
              "ui": (0xEF, 0x03), "ua": (0xEF, 0x63), "disc": (0xEF, 0x43), "dm": (0xEF, 0x0F),
              "sabme": (0xEF, 0x6F), "test": (0xEF, 0xE3), "xid": (0xEF, 0xAF),
              "frmr": (0xEF, 0x87)}


class GrammarError(FilterError):
    """An error libpcap's grammar reports itself (not its code generators)."""


def other(parser):
    """Parse and generate one of the other primitives (a block)."""
    proto = tables.Q_DEFAULT
    if parser.kind() in tables.PROTO_QUALIFIERS:
        proto = parser.take().kind
    kind = parser.take().kind
    if kind == "TK_BROADCAST":
        return parser._generate(hosts.broadcast, proto)
    if kind == "TK_MULTICAST":
        return parser._generate(hosts.multicast, proto)
    if kind in ("TYPE", "SUBTYPE", "DIR"):
        return _wlan(parser, kind)
    if proto != tables.Q_DEFAULT:
        parser.fail()
    if kind in ("LESS", "GREATER"):
        value = parser.take(lexer.NUM).value
        return parser._generate(protocols.less if kind == "LESS" else protocols.greater, value)
    if kind == "CBYTE":
        index = parser.take(lexer.NUM).value
        operator = parser.take("&", "|", "<", ">", "=").kind
        value = parser.take(lexer.NUM).value
        return parser._generate(protocols.byte_test, operator, index, value)
    if kind in ("INBOUND", "OUTBOUND"):
        return parser._generate(protocols.direction, kind == "OUTBOUND")
    if kind == "IFINDEX":
        return parser._generate(protocols.ifindex, parser.take(lexer.NUM).value)
    if kind in ("VLAN", "MPLS", "PPPOES", "GENEVE"):
        value = parser.pnum() if parser.kind() in (lexer.NUM, "(") else None
        generator = {"VLAN": protocols.vlan, "MPLS": protocols.mpls,
                     "PPPOES": protocols.pppoes, "GENEVE": _geneve}[kind]
        return parser._generate(generator, value)
    if kind == "PPPOED":
        return parser._generate(protocols.pppoed)
    if kind == "LLC":
        return _llc(parser)
    return _foreign(parser, kind)


def _geneve(compiler, vni):
    compiler.error("'geneve' is not supported by this filter compiler")


def _foreign(parser, kind):
    """Primitives of link types we never have: their errors, after their arguments."""
    if kind in _ATM:
        return _fail(parser, "'%s' supported only on raw ATM" % _ATM[kind])
    if kind in _MTP2:
        return _fail(parser, _MTP2[kind])
    if kind in _FIELDS:
        if parser.kind() == "(":
            parser.take()
            parser.take(lexer.NUM)
            return _fail(parser, _FIELDS[kind])
        if parser.kind() in (">", "GEQ", "=", "LEQ", "<", "NEQ"):
            parser.take()
        parser.take(lexer.NUM)
        return _fail(parser, _FIELDS[kind])
    if kind in _PF:
        argument, word = _PF[kind]
        parser.take(argument)
        return _fail(parser, "%s supported only on PF linktype" % word)
    if kind == "PF_REASON":
        token = parser.take(lexer.NUM, lexer.ID)
        if token.kind == lexer.ID and token.value.lower() not in _PF_REASONS:
            return _fail(parser, 'unknown PF reason "%s"' % token.value, grammar=True)
        return _fail(parser, "reason supported only on PF linktype")
    if kind == "PF_ACTION":
        token = parser.take(lexer.ID)
        if token.value.lower() not in _PF_ACTIONS:
            return _fail(parser, 'unknown PF action "%s"' % token.value, grammar=True)
        return _fail(parser, "action supported only on PF linktype")
    parser.fail()


def _fail(parser, reason, grammar=False):
    """Fail as libpcap's code generators do, or (`grammar`) as its grammar's
    own checks do, whose words an earlier scanner error overrides."""
    if parser.compiler is not None:
        if grammar:
            raise GrammarError(reason)
        parser.compiler.error(reason)


def _wlan(parser, kind):
    if kind == "DIR":
        token = parser.take(lexer.NUM, lexer.ID)
        if token.kind == lexer.ID and token.value.lower() not in _WLAN_DIRECTIONS:
            return _fail(parser, "unknown 802.11 direction", grammar=True)
        return _fail(parser, "frame direction supported only with 802.11 headers")
    if kind == "SUBTYPE":
        name = parser.take(lexer.ID).value.lower()
        if not any(name in subtypes for subtypes in _WLAN_SUBTYPES.values()):
            return _fail(parser, "unknown 802.11 type name", grammar=True)
        return _fail(parser, "802.11 link-layer types supported only on 802.11")
    token = parser.take(lexer.NUM, lexer.ID)
    if token.kind == lexer.NUM:
        if token.value & ~0x0C:
            return _fail(parser, "invalid 802.11 type value 0x%02x" % token.value, grammar=True)
        frame_type = token.value
    elif token.value.lower() in _WLAN_TYPES:
        frame_type = _WLAN_TYPES[token.value.lower()]
    else:
        return _fail(parser, 'unknown 802.11 type name "%s"' % token.value, grammar=True)
    if parser.kind() == "SUBTYPE":
        parser.take()
        token = parser.take(lexer.NUM, lexer.ID)
        if token.kind == lexer.NUM:
            if token.value & ~0xF0:
                return _fail(parser, "invalid 802.11 subtype value 0x%02x" % token.value, grammar=True)
        elif frame_type not in _WLAN_SUBTYPES:
            return _fail(parser, "unknown 802.11 type", grammar=True)
        elif token.value.lower() not in _WLAN_SUBTYPES[frame_type]:
            return _fail(parser, 'unknown 802.11 subtype name "%s"' % token.value, grammar=True)
    return _fail(parser, "802.11 link-layer types supported only on 802.11")


def _llc(parser):
    if parser.kind() == "PF_RNR":
        parser.take()
        return parser._generate(llc, "rnr")
    if parser.kind() == lexer.ID:
        name = parser.take().value
        if name.lower() not in ("i", "s", "u") and name.lower() not in _LLC_TYPES:
            return _fail(parser, 'unknown LLC type name "%s"' % name, grammar=True)
        return parser._generate(llc, name.lower())
    return parser._generate(llc, None)


def llc(compiler, frame_type):
    """`llc [TYPE]`: an 802.2 LLC header (and its control byte's type)."""
    if compiler.linktype != linktypes.ETHERNET:
        compiler.error("'llc' not supported for %s" % compiler.describe_linktype())
    block = compiler.cmp_gt(OR_LINKTYPE, 0, opcodes.H, tables.ETHERMTU)
    gen_not(block)
    not_netware = compiler.cmp(OR_LLC, 0, opcodes.H, 0xFFFF)
    gen_not(not_netware)
    gen_and(block, not_netware)
    if frame_type is None:
        return not_netware
    if frame_type == "i":
        test = jump_block(opcodes.JSET, 0x01, compiler.load_a(OR_LLC, 2, opcodes.B))
        gen_not(test)
    elif frame_type in ("s", "u"):
        test = compiler.mcmp(OR_LLC, 2, opcodes.B, 0x01 if frame_type == "s" else 0x03, 0x03)
    else:
        mask, value = _LLC_TYPES[frame_type]
        test = compiler.mcmp(OR_LLC, 2, opcodes.B, value, mask)
    gen_and(not_netware, test)
    return test


def arcnet(compiler, qualifiers):
    compiler.error("aid supported only on ARCnet")

