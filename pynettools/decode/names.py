"""Names tcpdump 4.99.3 prints for protocol numbers, table by table, as its
binary holds them (tcpdump looks a number up in order; the first entry wins)."""

# Ethernet types (ethertype_values)
ETHERTYPES = {
    2048: 'IPv4', 34887: 'MPLS unicast', 34888: 'MPLS multicast', 34525: 'IPv6',
    33024: '802.1Q', 37120: '802.1Q-9100', 34984: '802.1Q-QinQ', 37376: '802.1Q-9200',
    35045: '802.1AE MACsec', 512: 'PUP', 2054: 'ARP', 32821: 'Reverse ARP', 1536: 'NS',
    1280: 'Sprite', 4096: 'Trail', 24577: 'MOP DL', 24578: 'MOP RC', 24579: 'DN', 24580: 'LAT',
    24583: 'SCA', 25944: 'TEB', 32824: 'Lanbridge', 32828: 'DEC DNS', 32830: 'DEC DTS',
    32859: 'VEXP', 32860: 'VPROD', 32923: 'Appletalk', 33011: 'Appletalk ARP', 33079: 'IPX',
    34827: 'PPP', 34824: 'MPCP', 34825: 'Slow Protocols', 34915: 'PPPoE D', 34916: 'PPPoE S',
    34958: 'EAPOL', 34969: 'Realtek protocols', 34927: 'MS NLB heartbeat', 34928: 'Jumbo',
    35151: 'NSH', 36864: 'Loopback', 65278: 'OSI', 254: 'GRE-OSI', 43981: 'CFM (old)',
    35074: 'CFM', 35130: 'IEEE1905.1', 35020: 'LLDP', 35018: 'TIPC', 1799: 'GeoNet (old)',
    35143: 'GeoNet', 4369: 'CALM FAST', 34978: 'AoE', 35063: 'PTP',
    53899: 'Arista Vendor Specific Protocol',
}

# IP protocol numbers as -v prints them (ipproto_values)
IP_PROTOCOLS = {
    0: 'Options', 1: 'ICMP', 2: 'IGMP', 4: 'IPIP', 6: 'TCP', 8: 'EGP', 9: 'IGRP', 17: 'UDP',
    33: 'DCCP', 41: 'IPv6', 43: 'Routing', 44: 'Fragment', 46: 'RSVP', 47: 'GRE', 50: 'ESP',
    51: 'AH', 55: 'Mobile IP', 58: 'ICMPv6', 62: 'Mobile IP (old)', 88: 'EIGRP', 89: 'OSPF',
    103: 'PIM', 108: 'Compressed IP', 112: 'VRRP', 113: 'PGM', 132: 'SCTP', 135: 'Mobility',
    143: 'Ethernet',
}

# ICMP types without a format of their own (icmp2str)
ICMP_TYPES = {
    0: 'echo reply', 4: 'source quench', 8: 'echo request', 10: 'router solicitation',
    13: 'time stamp request', 14: 'time stamp reply', 15: 'information request',
    16: 'information reply', 17: 'address mask request',
}

# ICMPv6 types (icmp6_type_values)
ICMP6_TYPES = {
    1: 'destination unreachable', 2: 'packet too big', 3: 'time exceeded in-transit',
    4: 'parameter problem', 128: 'echo request', 129: 'echo reply',
    130: 'multicast listener query', 131: 'multicast listener report',
    132: 'multicast listener done', 133: 'router solicitation', 134: 'router advertisement',
    135: 'neighbor solicitation', 136: 'neighbor advertisement', 137: 'redirect',
    138: 'router renumbering', 141: 'inverse neighbor solicitation',
    142: 'inverse neighbor advertisement', 143: 'multicast listener report v2',
    144: 'ha discovery request', 145: 'ha discovery reply', 146: 'mobile router solicitation',
    147: 'mobile router advertisement', 139: 'who-are-you request', 140: 'who-are-you reply',
    201: 'mtrace message', 200: 'mtrace response', 155: 'RPL',
}

# ICMPv6 destination unreachable codes
ICMP6_UNREACHABLE_CODES = {
    0: 'unreachable route', 1: ' unreachable prohibited', 2: 'beyond scope',
    3: 'unreachable address', 4: 'unreachable port',
}

# MLDv2 group record types
MLD2_RECORD_TYPES = {
    1: 'is_in', 2: 'is_ex', 3: 'to_in', 4: 'to_ex', 5: 'allow', 6: 'block',
}

# neighbour discovery option types
ND_OPTIONS = {
    1: 'source link-address', 2: 'destination link-address', 3: 'prefix info',
    4: 'redirected header', 5: 'mtu', 25: 'rdnss', 31: 'dnssl', 7: 'advertisement interval',
    8: 'homeagent information', 24: 'route info',
}

# ARP operations (arpop_values)
ARP_OPERATIONS = {
    1: 'Request', 2: 'Reply', 3: 'Reverse Request', 4: 'Reverse Reply', 8: 'Inverse Request',
    9: 'Inverse Reply', 10: 'NACK Reply',
}

# ARP hardware types (arphrd_values)
ARP_HARDWARE = {
    1: 'Ethernet', 6: 'TokenRing', 7: 'ArcNet', 15: 'FrameRelay', 23: 'Strip', 24: 'IEEE 1394',
    19: 'ATM', 32: 'InfiniBand',
}

# DNS record types (ns_type2str)
DNS_TYPES = {
    1: 'A', 2: 'NS', 3: 'MD', 4: 'MF', 5: 'CNAME', 6: 'SOA', 7: 'MB', 8: 'MG', 9: 'MR',
    10: 'NULL', 11: 'WKS', 12: 'PTR', 13: 'HINFO', 14: 'MINFO', 15: 'MX', 16: 'TXT', 17: 'RP',
    18: 'AFSDB', 19: 'X25', 20: 'ISDN', 21: 'RT', 22: 'NSAP', 23: 'NSAP_PTR', 24: 'SIG',
    25: 'KEY', 26: 'PX', 27: 'GPOS', 28: 'AAAA', 29: 'LOC', 30: 'NXT', 31: 'EID', 32: 'NIMLOC',
    33: 'SRV', 34: 'ATMA', 35: 'NAPTR', 36: 'KX', 37: 'CERT', 38: 'A6', 39: 'DNAME',
    40: 'SINK', 41: 'OPT', 42: 'APL', 43: 'DS', 44: 'SSHFP', 45: 'IPSECKEY', 46: 'RRSIG',
    47: 'NSEC', 48: 'DNSKEY', 99: 'SPF', 100: 'UINFO', 101: 'UID', 102: 'GID', 103: 'UNSPEC',
    104: 'UNSPECA', 249: 'TKEY', 250: 'TSIG', 251: 'IXFR', 252: 'AXFR', 253: 'MAILB',
    254: 'MAILA', 255: 'ANY', 256: 'URI',
}

# DNS classes (ns_class2str)
DNS_CLASSES = {
    1: 'IN', 3: 'CHAOS', 4: 'HS', 255: 'ANY',
}

# EDNS option codes
EDNS_OPTIONS = {
    1: 'LLQ', 2: 'UL', 3: 'NSID', 5: 'DAU', 6: 'DHU', 7: 'N3U', 8: 'ECS', 9: 'EXPIRE',
    10: 'COOKIE', 11: 'KEEPALIVE', 12: 'PADDING', 13: 'CHAIN', 14: 'KEY-TAG', 16: 'CLIENT-TAG',
    17: 'SERVER-TAG',
}

# TCP option kinds (tcp_option_values)
TCP_OPTIONS = {
    0: 'eol', 1: 'nop', 2: 'mss', 3: 'wscale', 4: 'sackOK', 5: 'sack', 6: 'echo',
    7: 'echoreply', 8: 'TS', 11: 'cc', 12: 'ccnew', 13: '', 19: 'md5', 20: 'scps', 28: 'uto',
    29: 'tcp-ao', 30: 'mptcp', 34: 'tfo', 254: 'exp',
}

# IPv4 option types (ip_option_values)
IP_OPTIONS = {
    0: 'EOL', 1: 'NOP', 68: 'timestamp', 130: 'security', 7: 'RR', 137: 'SSRR', 131: 'LSRR',
    148: 'RA', 82: 'traceroute',
}

# organisationally unique identifiers (oui_values)
OUI = {
    0: 'Ethernet', 12: 'Cisco', 94: 'IANA', 129: 'Nortel Networks SONMP', 248: 'Cisco bridged',
    32962: 'Ethernet bridged', 41022: 'ATM Forum', 57391: 'DOCSIS Spanning Tree',
    524295: 'Appletalk', 36969: 'Juniper', 524297: 'Hewlett-Packard',
    4623: 'IEEE 802.3 Private', 4795: 'ANSI/TIA', 6945: 'DCBX', 8992: 'Nicira Networks',
    6035143: 'Big Switch Networks', 11588341: 'Vello Systems', 9345: 'HP', 1258: 'HP-Labs',
    7636849: 'Infoblox Inc', 10756869: 'Open Networking Lab', 1183: 'Freescale',
    5549: 'Netronome', 4120: 'Broadcom', 57348: 'PMC-Sierra', 13693147: 'Ericsson',
}

# Protocol names tcpdump prints for later fragments without -n (netdb_protonames)
PROTOCOL_NAMES = {
    0: 'hopopt', 1: 'icmp', 2: 'igmp', 3: 'ggp', 4: 'ipencap', 5: 'st', 6: 'tcp', 7: 'cbt',
    8: 'egp', 9: 'igp', 10: 'bbn-rcc-mon', 11: 'nvp-ii', 12: 'pup', 13: 'argus', 14: 'emcon',
    15: 'xnet', 16: 'chaos', 17: 'udp', 18: 'mux', 19: 'dcn-meas', 20: 'hmp', 21: 'prm',
    22: 'xns-idp', 23: 'trunk-1', 24: 'trunk-2', 25: 'leaf-1', 26: 'leaf-2', 27: 'rdp',
    28: 'irtp', 29: 'iso-tp4', 30: 'netblt', 31: 'mfe-nsp', 32: 'merit-inp', 33: 'dccp',
    34: '3pc', 35: 'idpr', 36: 'xtp', 37: 'ddp', 38: 'idpr-cmtp', 39: 'tp++', 40: 'il',
    41: 'ipv6', 42: 'sdrp', 43: 'ipv6-route', 44: 'ipv6-frag', 45: 'idrp', 46: 'rsvp',
    47: 'gre', 48: 'dsr', 49: 'bna', 50: 'esp', 51: 'ah', 52: 'i-nlsp', 53: 'swipe',
    54: 'narp', 55: 'mobile', 56: 'tlsp', 57: 'skip', 58: 'ipv6-icmp', 59: 'ipv6-nonxt',
    60: 'ipv6-opts', 62: 'cftp', 64: 'sat-expak', 65: 'kryptolan', 66: 'rvd', 67: 'ippc',
    69: 'sat-mon', 70: 'visa', 71: 'ipcv', 72: 'cpnx', 73: 'rspf', 74: 'wsn', 75: 'pvp',
    76: 'br-sat-mon', 77: 'sun-nd', 78: 'wb-mon', 79: 'wb-expak', 80: 'iso-ip', 81: 'vmtp',
    82: 'secure-vmtp', 83: 'vines', 84: 'ttp', 85: 'nsfnet-igp', 86: 'dgp', 87: 'tcf',
    88: 'eigrp', 89: 'ospf', 90: 'sprite-rpc', 91: 'larp', 92: 'mtp', 93: 'ax.25', 94: 'ipip',
    95: 'micp', 96: 'scc-sp', 97: 'etherip', 98: 'encap', 100: 'gmtp', 101: 'ifmp',
    102: 'pnni', 103: 'pim', 104: 'aris', 105: 'scps', 106: 'qnx', 107: 'a/n', 108: 'ipcomp',
    109: 'snp', 110: 'compaq-peer', 111: 'ipx-in-ip', 112: 'vrrp', 113: 'pgm', 115: 'l2tp',
    116: 'ddx', 117: 'iatp', 118: 'stp', 119: 'srp', 120: 'uti', 121: 'smp', 122: 'sm',
    123: 'ptp', 124: 'isis', 125: 'fire', 126: 'crtp', 127: 'crudp', 128: 'sscopmce',
    129: 'iplt', 130: 'sps', 131: 'pipe', 132: 'sctp', 133: 'fc', 134: 'rsvp-e2e-ignore',
    135: 'mobility-header', 136: 'udplite', 137: 'mpls-in-ip', 138: 'manet', 139: 'hip',
    140: 'shim6', 141: 'wesp', 142: 'rohc', 253: 'exptest-253', 254: 'exptest-254',
    255: 'reserved',
}
