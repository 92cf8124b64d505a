"""Man-page prose for pynetstat's route, interface, group and statistics modes.

MODE_SECTIONS is a list of (section title, text) pairs in the format of
`pynettools.cli.services.manual`; `manual` appends each text to the section of
that title (or adds the section).
"""

MODE_SECTIONS = [
    ("ROUTING TABLES", """\
-r prints the kernel's IPv4 routing table (/proc/net/route), -r -6 (or -A inet6) the IPv6
one (/proc/net/ipv6_route); -A inet,inet6 prints both, in the order named. Without -e the
columns are MSS, Window and irtt; -e shows Metric, Ref and Use; -ee all of them. -C shows
the routing cache instead (Linux has kept no IPv4 cache entries since 3.6, so only its
headers), -F the table, both together both. Destinations and gateways are names unless
-n, --numeric-hosts or -N is given: `default' for 0.0.0.0, network names from
/etc/networks, host names from the resolver, `[::]' for the IPv6 unspecified address.
Flags: U up, G gateway, H host, ! reject (unreachable, prohibit), D dynamic, M modified,
R reinstate, C cache entry, A address configuration, n no next hop, e expires, and the
rarer letters netstat uses."""),
    ("INTERFACES", """\
-i prints one line per interface that is up (-a: all) with its MTU and the receive and
transmit packet, error, drop and overrun counters of /proc/net/dev, and netstat's flag
letters (B broadcast, L loopback, M multicast, R running, U up, O no ARP, P promiscuous or
point-to-point, ...). Address labels such as eth0:1 are listed too, without counters.
-ie prints ifconfig-style blocks instead: flags, MTU, the primary IPv4 address with its
netmask and broadcast, each IPv6 address with its scope, the hardware address and queue
length, and the byte counters in binary units. Names are sorted as netstat sorts them
(eth2 before eth10). Flags, MTU and addresses come from the same ioctls netstat uses."""),
    ("GROUP MEMBERSHIPS", """\
-g lists the multicast groups joined on each interface, with the kernel's reference
count: IPv4 from /proc/net/igmp, then IPv6 from /proc/net/igmp6 (-4 or -6 for one family).
Group addresses are resolved unless -n or --numeric-hosts is given."""),
    ("STATISTICS", """\
-s prints the counters of /proc/net/snmp and /proc/net/netstat (-6: /proc/net/snmp6 and
the TCP counters) in netstat's words, for example `12 active connection openings'.
-t keeps the TCP tables, -u the UDP ones, -w the IP and ICMP ones; tables netstat has no
words for (IcmpMsg, UdpLite, IpExt, MPTcpExt, ...) are always printed, as `Name: value'
lines for their counters that are not zero, and so are counters it does not know in
known tables. A family other than inet or inet6 is refused, with status 1."""),
    ("EXAMPLES", """\
  $ pynetstat -rn             # the IPv4 routing table, numeric
  $ pynetstat -rn -A inet,inet6 -ee
  $ pynetstat -ie             # interfaces as ifconfig shows them
  $ pynetstat -gn             # multicast memberships
  $ pynetstat -s -t           # TCP counters
  $ pynetstat -s6 --json"""),
    ("DIFFERENCES FROM NETSTAT", """\
The route, interface, group and statistics modes read Linux's /proc/net and ioctls, as
netstat does. On other systems -i takes the interfaces from psutil instead: the overrun,
frame and carrier counters read 0 and the queue length is not shown; -r, -g and -s need
Linux. Under -c, netstat's later
passes of -g print garbage for IPv4 groups and `bogus igmp6 line' warnings: pynetstat
prints the table again. Route cache entries are not printed (Linux has none), nor the
AX.25, NET/ROM, ROSE, IPX, AppleTalk and X.25 tables: pynetstat says, as netstat does on
a kernel without them, that they are not configured. Hardware types other than Ethernet,
loopback, PPP, SIT and IPIP are shown as netstat shows unknown ones (unspec)."""),
]
