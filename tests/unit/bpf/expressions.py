"""Filter expressions the tests compile and run beside tcpdump: every form
pcap-filter(7) users write, and the errors libpcap gives.

Host names are `localhost` (in /etc/hosts) or UNKNOWN_HOST, whose 64-byte
label the resolver refuses before asking DNS: no test sends a DNS query.
"""

UNKNOWN_HOST = "x" * 64 + ".invalid"

# Every primitive, qualifier and operator form, with inherited qualifiers.
EXPRESSIONS = """
host 192.0.2.1
src host 192.0.2.1
dst host 192.0.2.1
src or dst host 192.0.2.1
src and dst host 192.0.2.1
host 192.0.2.1 or 192.0.2.2
host 192.0.2.1 and not 192.0.2.2
not host 192.0.2.1 and 192.0.2.2
ip host 192.0.2.1
arp host 192.0.2.1
rarp src host 198.51.100.7
ip6 host 2001:db8::1
host 2001:db8::1
src host ::1
ip6 dst host 2001:db8::2
src 192.0.2.1
dst 2001:db8:1::7
host localhost
net 192.0.2.0/24
net 192.0.2.0 mask 255.255.255.0
src net 10
dst net 192.0
net 198.51.100
ip6 net 2001:db8::/32
net 2001:db8::/48
net ::/0
net 0.0.0.0/0
host 192.0
net loopback
port 80
tcp port 80
udp port 53
sctp port 9
src port 80
dst port 80
tcp src port 80
tcp dst port 80 or 443
port 80 or 443 or 8080
port domain
tcp port http
udp port domain
port \\80
portrange 1000-2000
tcp portrange 1-1024
src portrange 5-1
udp dst portrange 53-53
portrange 20-ftp
ip
ip6
arp
rarp
tcp
udp
icmp
icmp6
sctp
igmp
igrp
pim
vrrp
carp
ah
esp
atalk
aarp
decnet
lat
sca
moprc
mopdl
iso
stp
ipx
netbeui
esis
isis
clnp
l1
l2
iih
lsp
snp
csnp
psnp
proto 6
ip proto 1
ip6 proto 58
proto \\tcp
ip proto \\udp
ip proto ipv6-icmp
ether proto 0x800
ether proto \\ip
ether proto \\arp
ether proto 100
ether proto \\aarp
ether proto \\ipx
ether proto \\iso
ether proto \\loopback
iso proto \\isis
isis proto 18
ether host 02:00:00:00:00:0a
ether src 02:00:00:00:00:0a
ether dst 02:00:00:00:00:0b
ether src or dst 00:11:22:33:44:55
ether host 0011.2233.4455
ether broadcast
broadcast
ether multicast
multicast
ip multicast
ip6 multicast
ip broadcast
vlan
vlan 10
vlan and ip
vlan 10 and vlan 20 and tcp port 80
vlan 100 && vlan 200
vlan and vlan 20 and ip
mpls
mpls 100
mpls and ip
mpls 100000 and mpls 1024 and host 192.0.2.2
pppoed
pppoes
pppoes 0x27
pppoes and ip
pppoes 1 and tcp port 80
greater 100
less 100
len > 100
len <= 64
ip[8] < 5
ip[0] & 0xf != 5
ip[6:2] & 0x1fff = 0
tcp[13] & 2 != 0
tcp[tcpflags] & (tcp-syn|tcp-fin) != 0
tcp[tcpflags] & (tcp-rst|tcp-ack) == (tcp-rst|tcp-ack)
tcp[tcpflags] & (tcp-push|tcp-urg|tcp-ece|tcp-cwr) != 0
icmp[icmptype] == icmp-echo
icmp[icmptype] != icmp-echo and icmp[icmptype] != icmp-echoreply
icmp[icmpcode] = 3 or icmp[0] = icmp-timxceed
icmp6[icmp6type] != icmp6-echo
icmp6[icmp6type] = icmp6-neighborsolicit
ether[0] & 1 != 0
ether[0] & 1 = 0 and ip[16] >= 224
tcp port 80 and (((ip[2:2] - ((ip[0]&0xf)<<2)) - ((tcp[12]&0xf0)>>2)) != 0)
udp[8:4] = 0x12345678
tcp[0:2] > 1023
arp[6:2] = 1
ip6[6] = 17
link[12:2] = 0x800
len - 14 > 100
len * 2 / 3 % 5 > 1
-len = 1
len ^ 3 = 1
1 + 2 * 3 - 4 / 2 = len
(len + 1) * 2 > 5
len & 1 | 2 = 3
len << 2 >> 1 = 4
ip[2:2] - len = 0
tcp[0] + udp[1] = 1
ip[ip[0] & 0xf] = 1
tcp[tcp[12] >> 4] = 0
ip[0:4] = 0x45000028
inbound
outbound
ifindex 7
byte 12 = 8
byte 13 < 2
byte 23 > 6
llc
llc i
llc s
llc u
llc rr
llc ui
host 192.0.2.1 and (192.0.2.2 or 192.0.2.3)
(host 192.0.2.1 or host 192.0.2.2) and tcp
not (tcp or udp)
! tcp && ! udp || icmp
host 192.0.2.1 and (tcp) or 192.0.2.2
port 80 or (443)
port 80 or (443 or 22)
port 80 or (5) = 5
1 = 1
ip and not ip6
ip[8]>5 and ip[8]<3
ether host 02:00:00:00:00:0a and not ether broadcast
""".strip().splitlines()

# What libpcap's optimizer proves can match nothing.
REJECTING = """
tcp or udp and icmp
host 192.0.2.1 and ip6
tcp and udp
ip and ip6
arp and ip
icmp and icmp6
port 80 and arp
1 = 2
ip[8]=1 and ip[8]=2
tcp port 80 and udp port 80
""".strip().splitlines()

# (expression, libpcap's words); Ethernet, as tcpdump -d without -y assumes.
ERRORS = [
    ("port 99999", "illegal port number 99999 > 65535"),
    ("portrange 99999-2", "illegal port number 99999 > 65535"),
    ("foo bar", "can't parse filter expression: syntax error"),
    ("(", "can't parse filter expression: syntax error"),
    (")", "can't parse filter expression: syntax error"),
    ("and", "can't parse filter expression: syntax error"),
    ("not", "can't parse filter expression: syntax error"),
    ("host 192.0.2.1 and", "can't parse filter expression: syntax error"),
    ("host (5 + 1)", "can't parse filter expression: syntax error"),
    ("TCP", "can't parse filter expression: syntax error"),
    ("len = 1a", "can't parse filter expression: syntax error"),
    ("len = 123456789012", "can't parse filter expression: syntax error"),
    ("port 80 and 99999 5", "can't parse filter expression: syntax error"),
    ("tcp or foo", "syntax error in filter expression"),
    ("ip and IP", "syntax error in filter expression"),
    ("host " + UNKNOWN_HOST, "unknown host '%s'" % UNKNOWN_HOST),
    ("ip6 host " + UNKNOWN_HOST, "unknown host '%s'" % UNKNOWN_HOST),
    ("port nosuchport", "unknown port 'nosuchport'"),
    ("port 80-90", "unknown port '80-90'"),
    ("portrange ftp-data", "unknown port in range 'ftp-data'"),
    ("udp port ssh", "port 'ssh' is tcp"),
    ("udp portrange ftp-ssh", "port in range 'ftp-ssh' is tcp"),
    ("port 99999 5", "illegal port number 99999 > 65535"),
    ("len = 08", "number 08 contains non-octal digit"),
    ("len = 4294967296", "number 4294967296 overflows 32 bits"),
    ("ip proto foo", "unknown ip proto 'foo'"),
    ("tcp proto 6", "'tcp proto' is bogus"),
    ("tcp proto foo", "unknown protocol: foo"),
    ("arp proto 1", "arp does not encapsulate another protocol"),
    ("ether proto foo", "unknown ether proto 'foo'"),
    ("host 300.1.1.1", "invalid IPv4 address '300.1.1.1'"),
    ("host 1.2.3.4.5.6", "ethernet address used in non-ether expression"),
    ("net 192.0.2.1/24", 'non-network bits set in "192.0.2.1/24"'),
    ("net 192.0.2.0 mask 255.255.0.0", 'non-network bits set in "192.0.2.0 mask 255.255.0.0"'),
    ("net 192.0.2.0/33", "mask length must be <= 32"),
    ("host 192.0.2.0/24", "Mask syntax for networks only"),
    ("ip6 host 2001:db8::1/64", 'non-network bits set in "2001:db8::1/64"'),
    ("port 1.2.3.4", "'port' modifier applied to ip host"),
    ("aa:bb:", "bogus ethernet address aa:bb:"),
    ("ether host aa:bb:cc:dd:ee:ff:00", "bogus ethernet address aa:bb:cc:dd:ee:ff:"),
    ("ip6 host 1::2::3", "bogus ethernet address 1::2::"),
    ("host ::1.2.3.300", "bogus IPv6 address ::1.2.3.300"),
    ("ip[1:3] = 1", "data size must be 1, 2, or 4"),
    ("len / 0 = 1", "division by zero"),
    ("len % 0 = 1", "modulus by zero"),
    ("len << 32 = 1", "shift by more than 31 bits"),
    ("vlan 5000", "VLAN tag 5000 greater than maximum 4095"),
    ("mpls 1048576", "MPLS label 1048576 greater than maximum 1048575"),
    ("pppoes 65536", "PPPoE session number 65536 greater than maximum 65535"),
    ("ip host ::1", "'ip' modifier applied to ip6 host"),
    ("tcp host 192.0.2.1", "'tcp' modifier applied to host"),
    ("ip6 net 10", "'ip6' modifier applied to ip host"),
    ("atalk host 1.2.3.4", "AppleTalk host filtering not implemented"),
    ("ether host 192.0.2.1", "illegal link layer address"),
    ("ether host nosuchether", "unknown ether host 'nosuchether'"),
    ("gateway 192.0.2.1", "'gateway' requires a name"),
    ("gateway foo", "'gateway' not supported in this configuration"),
    ("tcp portrange 1-2 or icmp port 1", "illegal qualifier of 'port'"),
    ("src proto 1", "can't parse filter expression: syntax error"),
    ("net foo", "unknown network 'foo'"),
    ("ip broadcast and radio[0] = 1", "radio information not present in capture"),
    ("tcp broadcast", "only link-layer/IP broadcast filters supported"),
    ("$1", "can't parse filter expression: syntax error"),
    ("host $1", "aid supported only on ARCnet"),
    ("llc foo", 'unknown LLC type name "foo"'),
    ("vpi 1", "'vpi' supported only on raw ATM"),
    ("lane", "'lane' supported only on raw ATM"),
    ("oamf4ec", "'oam4ec' supported only on raw ATM"),
    ("fisu", "'fisu' supported only on MTP2"),
    ("hmsu", "'hmsu' supported only on MTP2_HSL"),
    ("hsio 1", "'sio' supported only on SS7"),
    ("on eth0", "ifname supported only on PF linktype"),
    ("reason foo", 'unknown PF reason "foo"'),
    ("action pass", "action supported only on PF linktype"),
    ("type foo", 'unknown 802.11 type name "foo"'),
    ("type 1", "invalid 802.11 type value 0x01"),
    ("type mgt subtype beacon", "802.11 link-layer types supported only on 802.11"),
    ("type mgt subtype foo", 'unknown 802.11 subtype name "foo"'),
    ("subtype foo", "unknown 802.11 type name"),
    ("dir foo", "unknown 802.11 direction"),
    ("wlan addr1 1:2:3:4:5:6", "'addr1' and 'address1' are only supported on 802.11 with "
                                "802.11 headers"),
    ("tcp and udp", "expression rejects all packets"),
]
# (expression, link type name, libpcap's words): link-type specific errors.
LINKTYPE_ERRORS = [
    ("vlan", "LINUX_SLL", "no VLAN support for Linux cooked v1"),
    ("vlan", "LINUX_SLL2", "no VLAN support for Linux cooked v2"),
    ("vlan", "RAW", "no VLAN support for Raw IP"),
    ("mpls", "IPV6", "no MPLS support for Raw IPv6"),
    ("llc", "LINUX_SLL", "'llc' not supported for Linux cooked v1"),
    ("ether host 1:2:3:4:5:6", "LINUX_SLL2",
     "ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel"),
    ("ether host foo", "RAW", "only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel "
                              "supports link-level host name"),
    ("broadcast", "LINUX_SLL", "not a broadcast link"),
    ("multicast", "RAW", "link-layer multicast filters supported only on ethernet/FDDI/"
                         "token ring/ARCNET/802.11/ATM LANE/Fibre Channel"),
    ("arp", "RAW", "expression rejects all packets"),
    ("ip6", "IPV4", "expression rejects all packets"),
    ("host 192.0.2.1", "IPV6", "expression rejects all packets"),
]
