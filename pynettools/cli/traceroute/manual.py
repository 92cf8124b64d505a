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
    "REPORT MODE": """\
With --report, pytraceroute prints mtr 0.95's report (mtr --report) instead of the
trace: --cycles rounds (default 10, mtr's -c) of one probe to every hop, a round taking
--interval seconds (default 1, mtr's -i), then the Start: line, the HOST: line and one
line per hop with Loss%, Snt, Last, Avg, Best, Wrst and StDev in mtr's columns and number
formats, ??? for a hop that never answered, and one line under a hop for each other
address that answered it (    |  `|-- ADDRESS). The probes are sent as mtr sends them:
one every interval/N seconds, N being the hops the last round probed, a round ending at
the hop where the target answered, at the maximum TTL (-m), or once more than 12 hops
below never answered. The report shows the hops from -f to the first hop that the
target answered or that answered with an ICMP error other than port unreachable (the
path ends there), else to one hop past the last hop that answered. Loss% is the share
of a hop's probes (Snt) that got no answer within MAX seconds (the first part of -w,
default 5); the other parts of -w, -q, -N and -z do not apply.

The method is pytraceroute's: the default UDP probes compare with mtr -u, -I with
plain mtr (ICMP echo), -T with mtr -T; -U, -UL, -P, -M tcpconn, -6, -4, -n, -p, -f, -m,
-s, -i, -t, -l, -F, --fwmark, --sport, --paris and -g apply as they do to a trace.
Options with no place in the report are refused with status 2: -q, --mtu, --back, -A,
-e and --targets. With --json the report is mtr's --json document (see JSON OUTPUT).
On a terminal, stderr shows the cycle under way (erased when the report is printed).""",
    "MANY TARGETS": """\
With --targets=FILE (--targets=- for the standard input), pytraceroute traces every host
listed in FILE, one a line (blank lines, lines starting with # and what follows a # are
skipped), all in one process with the probes of every trace in flight at once: each
trace keeps its own -N, -w and -z, and all the traces together send no more than
--rate probes a second (default 1000, in bursts of at most a hundredth of that). Every
option applies to every target; a packetlen operand may follow as usual.

Each target's output is exactly what pytraceroute OPTIONS TARGET prints alone, TARGET
standing where --targets=FILE stands (so an unknown host gives traceroute's two lines
with the same argc), and it is printed whole as soon as that trace is complete, so
traces never interleave; they come in the order they complete, not the file's. A host
line longer than 4096 bytes is refused (Line N of `FILE' is longer than 4096 bytes),
and the batch goes on. Checks that do not depend on the target (-m, -q, -w, -z, -M, -O
help, packetlen) are made once, before the file is read. The file is read as traces
start, so a file of any length takes bounded memory: at most 512 traces are under way
at once (fewer where the open-file limit is low, and 16 with the raw methods, whose
every socket receives every ICMP message the host gets).

With --json each trace is one "trace" line (see JSON OUTPUT), written when it is
complete. On a terminal, stderr shows a progress line (traces done, of how many once
FILE is read, and probes in flight), erased when the batch ends; never when stderr is
not a terminal. Reverse lookups (without -n) and name resolution are synchronous and
shared by every trace.""",
    "EXIT STATUS": """\
0 when the trace ran, whether or not it reached the host; 2 for a bad command line or
an unknown host (with traceroute's message); 1 for an error while tracing (e.g.
bind: Cannot assign requested address, or You do not have enough privileges to use
this traceroute method.). Interrupted (Ctrl-C), it dies of SIGINT, as traceroute does,
so a shell loop running it stops too. With --targets: 0 when every trace ran, else the
highest status any target would have had alone; 2 when FILE cannot be read.""",
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

With --targets, each trace is one "trace" line, written when the trace is complete:
the end line's settings and "reached" with its "hops" in it. A target that fails prints
its message on stderr and no line, as it would alone.

With --report, the document is mtr 0.95's --json document with every key mtr prints,
plus "schema" first: {"schema", "report": {"mtr": {"src" (this host's name), "dst" (the
target as given), "tos", "tests" (the cycles), "psize" (the packet length, a string),
"bitpattern" ("0x40", the padding byte)}, "hubs": [{"count" (the hop's TTL), "host"
(name, address or "???"), "Loss%", "Snt", "Last", "Avg", "Best", "Wrst", "StDev"}, ...]}},
numbers rounded as mtr rounds them (five significant digits), indented by four spaces.

The objects, as --json-schema prints them:""",
    "PYTHON API": """\
  import pynettools
  trace = pynettools.traceroute("192.0.2.7", max_hops=10, numeric=True)
  for hop in trace.hops:
      print(hop.ttl, [probe.address for probe in hop.probes])

  report = pynettools.report("192.0.2.7", cycles=10, interval=1.0, method="icmp")
  for hop in report.hops:
      print(hop.ttl, hop.address, hop.loss, hop.sent, hop.average)

  for trace in pynettools.traceroutes(["192.0.2.7", "2001:db8::7"], rate=1000):
      print(trace.target, len(trace.hops))   # or a TraceFailure(target, error, trace)

The keywords are those of pynettools.tracing.traceroute (pynettools.reporting.report
and pynettools.batch.traceroutes add theirs); the records (pynettools.models: Trace,
TraceHop, TraceProbe, Report, ReportHop, TraceFailure) hold what the JSON output shows
(round trips unrounded).""",
    "EXAMPLES": """\
  $ pytraceroute example.org
  $ pytraceroute -n -q 1 -w 1 -m 12 192.0.2.7
  $ pytraceroute -I 2001:db8::7            # ICMP echo, raw as root, else datagram
  $ sudo pytraceroute -T -p 443 192.0.2.7  # TCP SYN
  $ pytraceroute --mtu 192.0.2.7           # shows F=MTU where the path MTU drops
  $ pytraceroute --json 192.0.2.7 | jq -c 'select(.type == "end") | .reached'
  $ pytraceroute --report -n 192.0.2.7     # mtr -r -u -n 192.0.2.7
  $ pytraceroute --report --cycles=100 --interval=0.2 -I --json 192.0.2.7
  $ pytraceroute -n -w 1 -m 8 --targets=hosts.txt
  $ cut -d, -f1 hosts.csv | pytraceroute --targets=- --json --rate=200""",
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
--paris, --as-server, --report, --cycles, --interval, --targets and --rate are not in
traceroute.
--report differs from mtr in these: the method is UDP unless -I or -T says otherwise;
pytraceroute ends a round at a hop that answered with an ICMP error (mtr probes on to
the maximum TTL; the hops past it are never shown); it ends once every probe is
answered or MAX seconds old (mtr always waits 5 seconds more); names come from the
system resolver, as a trace's do.""",
    "ENVIRONMENT": """\
PYNETTOOLS_DEBUG: when set, an internal error shows its Python traceback.""",
}
