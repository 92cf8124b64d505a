"""The prose of pytraceroute(1); options come from its `declaration`.

Format: see `pynettools.cli.services.manual`.
"""

SECTIONS = {
    "NAME": "print the route packets trace to network host",
    "DESCRIPTION": """\
pytraceroute traces the route IP packets take to a host, as Linux traceroute 2.1 does,
so that it can stand in for traceroute in scripts and in front of eyes that know it: the
same options, the same lines, the same exit statuses.

It sends probes with a rising time-to-live (hop limit) and prints, per hop, who
answered each probe and after how long. Up to 16 probes (-N) are in flight at once;
a probe is given up after MAX seconds, or HERE times the round trip of an answered
probe of the same hop, or NEAR times that of a later hop (-w MAX,HERE,NEAR, default
5,3,10; parts not given are 0, which turns that rule off). The trace ends after the
hop where the target answered or an error marked a probe (!H host, !N network, !P
protocol unreachable, !X administratively prohibited, !S source route failed, !V host
precedence violation, !C precedence cutoff, !F-MTU fragmentation needed, !<CODE>
another unreachable code), or at the maximum TTL (-m). Each hop line is printed as
soon as its probes are done.

Methods: the default sends UDP datagrams to port 33434 and up, one datagram socket
per probe, and reads the ICMP errors they provoke from the socket's error queue
(IP_RECVERR), which needs no privileges. -U sends UDP to one port (53), -UL UDP-Lite.
-I sends ICMP echo requests: on a raw socket as root, else on an unprivileged ICMP
datagram socket where net.ipv4.ping_group_range allows it. -T sends TCP SYN
segments to port 80 on a raw socket and needs root; -M tcpconn makes a TCP connect()
per probe (root too, as with traceroute). -P PROTOCOL (-M raw) sends raw IP packets of
that protocol (253 by default).

Names of responders come from the system resolver (getnameinfo), so /etc/hosts
counts, as it does for traceroute; -n prints addresses only. With -e, MPLS label stack
entries that a router reports in an ICMP extension (RFC 4884, RFC 4950) follow its
address as <MPLS:L=label,E=exp,S=bottom,T=ttl>; with -A its origin AS follows as
[ASnnn], or [*] when there is none; with --back, '-N' when the replies came back over
N hops instead of as many as the probe went.

An answer counts only when it answers a probe in flight: with the datagram methods the
kernel matches the ICMP error to the probe's socket by the quoted header; with the raw
methods pytraceroute checks that an error quotes a probe to the target with its
identifiers (ICMP identifier and sequence, TCP ports and sequence) and that a reply
comes from the target itself. Stray, forged, truncated and repeated messages are
ignored.

The command line is read as traceroute reads it: flags cluster as in the usage line's
[ -46dFITnreAUDV ]; an option's argument follows it in the same word only when the
option starts the word (-m5); long options take arguments only as --name=value and
cannot be abbreviated; --help and -V act as soon as they are read; messages name the
offending word's position (argc N) and the exit status is 2.""",
    "PARIS TRACING": """\
With --paris every probe of the trace has the same flow identifiers: the same source
and destination addresses, the same protocol, the same source and destination ports
(the default UDP method no longer raises the port per probe), the same TOS and the
same IPv6 flow label. Load balancers that hash those fields then send every probe the
same way, so the hops shown belong to one path. For UDP that means one probe in flight
at a time (-N 1), as with --sport, so that an answer can only be for the probe out; TCP
probes are told apart by their sequence numbers. ICMP echo probes keep the identifier
but not the checksum (the sequence number changes), which some load balancers hash.
Datagram probes (UDP, UDPLITE, unprivileged ICMP) go out from sockets that are never
connected: Linux gives a connected socket a random flow hash, which its packets carry
(on IPv6 as their flow label, across a veth too) and which a Linux router balancing
over equal-cost paths uses instead of the addresses and ports. -M tcpconn cannot avoid
it (each probe is a new connection), so with --paris its probes may still take
different paths behind such a router.""",
    "EXIT STATUS": """\
0 when the trace ran, whether or not it reached the host; 2 for a bad command line or
an unknown host (with traceroute's message); 1 for an error while tracing (e.g.
bind: Cannot assign requested address, or You do not have enough privileges to use
this traceroute method.). Interrupted (Ctrl-C), it dies of SIGINT, as traceroute does,
so a shell loop running it stops too.""",
    "JSON OUTPUT": """\
With --json, pytraceroute prints JSON Lines instead of text: one compact object per
line, each written and flushed as soon as it is known, so that a script can follow a
slow trace and an interrupted one keeps the lines already printed. A trace prints a
hop line as soon as each hop is complete, in TTL order, then an end line with the
settings of the text's header line and "reached", whether the target itself answered.
Times are milliseconds rounded as the text rounds them; icmp_type and icmp_code are
those the answer carried (a UDP trace's target answers 3/3, port unreachable). Errors
and exit statuses are as without --json. Example, in the test lab
(tests/lab/routers.py):

  $ pytraceroute --json -q 1 -f 4 dest.lab
  {"schema":"pytraceroute/2","type":"hop","ttl":4,"probes":[{"address":"192.0.2.14","name":"r4.lab","rtt":0.813,"icmp_type":11,"icmp_code":0,"annotation":"","final":false,"mtu":null,"back_hops":null,"mpls":[],"asn":null}]}
  {"schema":"pytraceroute/2","type":"hop","ttl":5,"probes":[{"address":"203.0.113.2","name":"dest.lab","rtt":0.547,"icmp_type":3,"icmp_code":3,"annotation":"","final":true,"mtu":null,"back_hops":null,"mpls":[],"asn":null}]}
  {"schema":"pytraceroute/2","type":"end","target":"dest.lab","address":"203.0.113.2","family":4,"method":"udp","port":33434,"first_hop":4,"max_hops":30,"queries":1,"packet_length":60,"reached":true}
  $ pytraceroute --json dest.lab | jq -r 'select(.type == "hop") | .probes[0].address'
  192.0.2.2
  192.0.2.6
  192.0.2.10
  192.0.2.14
  203.0.113.2

The objects, as --json-schema prints them:""",
    "PYTHON API": """\
  import pynettools
  trace = pynettools.traceroute("192.0.2.7", max_hops=10, numeric=True)
  for hop in trace.hops:
      print(hop.ttl, [probe.address for probe in hop.probes])

The keywords are those of pynettools.tracing.traceroute; the records hold what the
JSON lines show (round trips unrounded).""",
    "EXAMPLES": """\
  $ pytraceroute example.org
  $ pytraceroute -n -q 1 -w 1 -m 12 192.0.2.7
  $ pytraceroute -I 2001:db8::7            # ICMP echo, raw as root, else datagram
  $ sudo pytraceroute -T -p 443 192.0.2.7  # TCP SYN
  $ pytraceroute --mtu 192.0.2.7           # shows F=MTU where the path MTU drops
  $ pytraceroute --json 192.0.2.7 | jq -c 'select(.type == "end") | .reached'""",
    "DIFFERENCES FROM TRACEROUTE": """\
-V prints pytraceroute's own version. -D (DCCP) is not implemented: on a kernel that
has DCCP pytraceroute says so and exits 1 (where it has none, the failure is
traceroute's). -g works as traceroute's: IPv4 probes carry a loose source route
(IP_OPTIONS) through at most 8 gateways; IPv6 probes would carry a routing header
(type 2, or the leading number of -g), which current kernels refuse ("setsockopt
IPV6_RTHDR: Invalid argument", exit status 1).
-A looks up origin AS numbers through DNS (the TXT records of origin.asn.cymru.com
style zones) with dnspython instead of asking a whois server; --as-server names the
DNS server. --mtu works with the datagram methods (default, -U, -UL, unprivileged -I)
only. -O takes help, raw and dgram; other module options are ignored. --json, --json-schema,
--paris and --as-server are not in traceroute.""",
    "ENVIRONMENT": """\
PYNETTOOLS_DEBUG: when set, an internal error shows its Python traceback.""",
}
