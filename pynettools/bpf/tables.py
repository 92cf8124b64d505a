"""The fixed vocabulary of pcap-filter(7): keywords, named numbers, qualifiers,
and the protocol numbers libpcap knows by heart."""

# Where the packets come from: libpcap's code differs for live captures
# (metadata the kernel keeps beside the packet) and savefiles.
SAVEFILE, LIVE, DEAD = "savefile", "live", "dead"

# word -> token kind, as libpcap's scanner returns them (case-sensitive).
KEYWORDS = {
    "dst": "DST", "src": "SRC",
    "link": "LINK", "ether": "LINK", "ppp": "LINK", "slip": "LINK",
    "fddi": "LINK", "tr": "LINK", "wlan": "LINK",
    "arp": "ARP", "rarp": "RARP", "ip": "IP", "sctp": "SCTP", "tcp": "TCP", "udp": "UDP",
    "icmp": "ICMP", "igmp": "IGMP", "igrp": "IGRP", "pim": "PIM", "vrrp": "VRRP",
    "carp": "CARP", "radio": "RADIO",
    "ip6": "IPV6", "icmp6": "ICMPV6", "ah": "AH", "esp": "ESP",
    "atalk": "ATALK", "aarp": "AARP", "decnet": "DECNET", "lat": "LAT", "sca": "SCA",
    "moprc": "MOPRC", "mopdl": "MOPDL",
    "iso": "ISO", "esis": "ESIS", "es-is": "ESIS", "isis": "ISIS", "is-is": "ISIS",
    "l1": "L1", "l2": "L2", "iih": "IIH", "lsp": "LSP", "snp": "SNP", "csnp": "CSNP",
    "psnp": "PSNP", "clnp": "CLNP", "stp": "STP", "ipx": "IPX", "netbeui": "NETBEUI",
    "host": "HOST", "net": "NET", "mask": "NETMASK", "port": "PORT",
    "portrange": "PORTRANGE", "proto": "PROTO", "protochain": "PROTOCHAIN",
    "gateway": "GATEWAY",
    "type": "TYPE", "subtype": "SUBTYPE", "direction": "DIR", "dir": "DIR",
    "address1": "ADDR1", "addr1": "ADDR1", "address2": "ADDR2", "addr2": "ADDR2",
    "address3": "ADDR3", "addr3": "ADDR3", "address4": "ADDR4", "addr4": "ADDR4",
    "ra": "RA", "ta": "TA",
    "less": "LESS", "greater": "GREATER", "byte": "CBYTE",
    "broadcast": "TK_BROADCAST", "multicast": "TK_MULTICAST",
    "and": "AND", "or": "OR", "not": "!",
    "len": "LEN", "length": "LEN", "inbound": "INBOUND", "outbound": "OUTBOUND",
    "ifindex": "IFINDEX",
    "vlan": "VLAN", "mpls": "MPLS", "pppoed": "PPPOED", "pppoes": "PPPOES", "geneve": "GENEVE",
    "lane": "LANE", "llc": "LLC", "metac": "METAC", "bcc": "BCC", "oam": "OAM",
    "oamf4": "OAMF4", "oamf4ec": "OAMF4EC", "oamf4sc": "OAMF4SC", "sc": "SC",
    "ilmic": "ILMIC", "vpi": "VPI", "vci": "VCI", "connectmsg": "CONNECTMSG",
    "metaconnect": "METACONNECT",
    "on": "PF_IFNAME", "ifname": "PF_IFNAME", "rset": "PF_RSET", "ruleset": "PF_RSET",
    "rnr": "PF_RNR", "rulenum": "PF_RNR", "srnr": "PF_SRNR", "subrulenum": "PF_SRNR",
    "reason": "PF_REASON", "action": "PF_ACTION",
    "fisu": "FISU", "lssu": "LSSU", "lsu": "LSSU", "msu": "MSU", "hfisu": "HFISU",
    "hlssu": "HLSSU", "hmsu": "HMSU", "sio": "SIO", "opc": "OPC", "dpc": "DPC", "sls": "SLS",
    "hsio": "HSIO", "hopc": "HOPC", "hdpc": "HDPC", "hsls": "HSLS",
}

# Names the scanner turns into numbers wherever they appear.
NAMED_NUMBERS = {
    "icmptype": 0, "icmpcode": 1,
    "icmp-echoreply": 0, "icmp-unreach": 3, "icmp-sourcequench": 4, "icmp-redirect": 5,
    "icmp-echo": 8, "icmp-routeradvert": 9, "icmp-routersolicit": 10, "icmp-timxceed": 11,
    "icmp-paramprob": 12, "icmp-tstamp": 13, "icmp-tstampreply": 14, "icmp-ireq": 15,
    "icmp-ireqreply": 16, "icmp-maskreq": 17, "icmp-maskreply": 18,
    "icmp6type": 0, "icmp6code": 1,
    "icmp6-destinationunreach": 1, "icmp6-packettoobig": 2, "icmp6-timeexceeded": 3,
    "icmp6-parameterproblem": 4, "icmp6-echo": 128, "icmp6-echoreply": 129,
    "icmp6-multicastlistenerquery": 130, "icmp6-multicastlistenerreportv1": 131,
    "icmp6-multicastlistenerdone": 132, "icmp6-routersolicit": 133,
    "icmp6-routeradvert": 134, "icmp6-neighborsolicit": 135, "icmp6-neighboradvert": 136,
    "icmp6-redirect": 137, "icmp6-routerrenum": 138, "icmp6-nodeinformationquery": 139,
    "icmp6-nodeinformationresponse": 140, "icmp6-ineighbordiscoverysolicit": 141,
    "icmp6-ineighbordiscoveryadvert": 142, "icmp6-multicastlistenerreportv2": 143,
    "icmp6-homeagentdiscoveryrequest": 144, "icmp6-homeagentdiscoveryreply": 145,
    "icmp6-mobileprefixsolicit": 146, "icmp6-mobileprefixadvert": 147,
    "icmp6-certpathsolicit": 148, "icmp6-certpathadvert": 149,
    "icmp6-multicastrouteradvert": 151, "icmp6-multicastroutersolicit": 152,
    "icmp6-multicastrouterterm": 153,
    "tcpflags": 13, "tcp-fin": 0x01, "tcp-syn": 0x02, "tcp-rst": 0x04, "tcp-push": 0x08,
    "tcp-ack": 0x10, "tcp-urg": 0x20, "tcp-ece": 0x40, "tcp-cwr": 0x80,
}

# Qualifiers.  addr (the type of the id):
Q_DEFAULT = 0
Q_HOST, Q_NET, Q_PORT, Q_GATEWAY, Q_PROTO, Q_PROTOCHAIN, Q_PORTRANGE = 1, 2, 3, 4, 5, 6, 7
Q_UNDEF = 255
# dir:
Q_SRC, Q_DST, Q_OR, Q_AND, Q_ADDR1, Q_ADDR2, Q_ADDR3, Q_ADDR4, Q_RA, Q_TA = range(1, 11)
# proto: the pname keywords (LINK is ether, fddi, tr, wlan, ppp, slip, link).
PROTO_QUALIFIERS = (
    "LINK", "IP", "ARP", "RARP", "SCTP", "TCP", "UDP", "ICMP", "IGMP", "IGRP", "ATALK",
    "DECNET", "LAT", "SCA", "MOPRC", "MOPDL", "IPV6", "ICMPV6", "AH", "ESP", "PIM", "VRRP",
    "AARP", "ISO", "ESIS", "ISIS", "CLNP", "STP", "IPX", "NETBEUI", "L1", "L2", "IIH", "SNP",
    "CSNP", "PSNP", "LSP", "RADIO", "CARP")
DIRECTIONS = {"SRC": Q_SRC, "DST": Q_DST, "ADDR1": Q_ADDR1, "ADDR2": Q_ADDR2,
              "ADDR3": Q_ADDR3, "ADDR4": Q_ADDR4, "RA": Q_RA, "TA": Q_TA}
ADDRESS_TYPES = {"HOST": Q_HOST, "NET": Q_NET, "PORT": Q_PORT, "PORTRANGE": Q_PORTRANGE}


class Qualifiers:
    """What a primitive's keywords said: `proto` (a pname token kind, or
    Q_DEFAULT / Q_UNDEF), `dir` and `addr` (Q_ numbers)."""

    __slots__ = ("proto", "dir", "addr")

    def __init__(self, proto=Q_DEFAULT, dir=Q_DEFAULT, addr=Q_DEFAULT):
        self.proto = proto
        self.dir = dir
        self.addr = addr

    def __repr__(self):
        return "Qualifiers(%r, %r, %r)" % (self.proto, self.dir, self.addr)


UNDEFINED = Qualifiers(Q_UNDEF, Q_UNDEF, Q_UNDEF)

# Protocol numbers
IPPROTO_ICMP, IPPROTO_IGMP, IPPROTO_TCP, IPPROTO_IGRP, IPPROTO_UDP = 1, 2, 6, 9, 17
IPPROTO_FRAGMENT, IPPROTO_ESP, IPPROTO_AH, IPPROTO_ICMPV6 = 44, 50, 51, 58
IPPROTO_PIM, IPPROTO_VRRP, IPPROTO_SCTP = 103, 112, 132
PROTO_UNDEF = -1

# Ethernet types and LLC SAPs
ETHERMTU = 1500
ETHERTYPE_IP, ETHERTYPE_ARP, ETHERTYPE_REVARP, ETHERTYPE_IPV6 = 0x0800, 0x0806, 0x8035, 0x86DD
ETHERTYPE_8021Q, ETHERTYPE_8021AD, ETHERTYPE_8021QINQ = 0x8100, 0x88A8, 0x9100
ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTI = 0x8847, 0x8848
ETHERTYPE_PPPOED, ETHERTYPE_PPPOES = 0x8863, 0x8864
ETHERTYPE_ATALK, ETHERTYPE_AARP = 0x809B, 0x80F3
ETHERTYPE_DN, ETHERTYPE_LAT, ETHERTYPE_SCA, ETHERTYPE_MOPDL, ETHERTYPE_MOPRC = (
    0x6003, 0x6004, 0x6007, 0x6001, 0x6002)
LLCSAP_IP, LLCSAP_8021D, LLCSAP_IPX, LLCSAP_NETBEUI, LLCSAP_ISONS, LLCSAP_SNAP = (
    0x06, 0x42, 0xE0, 0xF0, 0xFE, 0xAA)
LINUX_SLL_P_802_3, LINUX_SLL_P_802_2 = 0x0001, 0x0004
LINUX_SLL_OUTGOING = 4
PACKET_OUTGOING = 4

# `ether proto NAME`: libpcap's own table, then its LLC names.
ETHER_PROTO_NAMES = {
    "aarp": ETHERTYPE_AARP, "arp": ETHERTYPE_ARP, "atalk": ETHERTYPE_ATALK,
    "decnet": ETHERTYPE_DN, "ip": ETHERTYPE_IP, "ip6": ETHERTYPE_IPV6, "lat": ETHERTYPE_LAT,
    "loopback": 0x9000, "mopdl": ETHERTYPE_MOPDL, "moprc": ETHERTYPE_MOPRC,
    "rarp": ETHERTYPE_REVARP, "sca": ETHERTYPE_SCA,
}
LLC_NAMES = {"iso": LLCSAP_ISONS, "stp": LLCSAP_8021D, "ipx": LLCSAP_IPX,
             "netbeui": LLCSAP_NETBEUI}
