"""The prose of pytcpdump(1); options come from its `declaration` (format: see
`pynettools.cli.services.manual`)."""

from pynettools.cli.tcpdump.owners import MANUAL_TEXT as OWNERS_TEXT
from pynettools.output.tcpdump_notes import MANUAL_NOTES

SECTIONS = {
    "NAME": "capture, filter and print network packets, read and write pcap files",
    "DESCRIPTION": """\
pytcpdump stands in for tcpdump 4.99.3 (with libpcap 1.10.3, as Debian 12 ships them):
the same options, parsed as tcpdump's getopt_long parses them (options and the filter
expression mixed, clustered flags such as -nnvv, long options abbreviated), the same
lines on stdout, the same messages on stderr and the same exit statuses. Its usage, as
-h prints it after the version lines:

  pytcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
          [ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
          [ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
          [ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
          [ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
          [ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
          [ --time-stamp-precision precision ] [ --micro ] [ --nano ]
          [ -z postrotate-command ] [ -Z user ] [ expression ]
          [ --json ] [ --owners ] [ --json-schema ]

With -r FILE (- for the standard input) it reads a savefile: pcap in either byte order,
with microsecond or nanosecond time stamps, the "modified" pcap of Kuznetzov's patches,
and pcapng whose interfaces share one link type. It prints "reading from file FILE,
link-type EN10MB (Ethernet), snapshot length 262144" on stderr, then one line (or more,
with -v, -x, -X, -A) per packet the filter expression accepts. -V FILE reads the
savefiles named in FILE, one a line, as one stream (with -w, all must have the same
link type). Without -r or -V it captures from an interface (-i), live.

The filter expression is the operands joined by spaces, or the contents of the -F file
(from # to the end of a line is a comment), in pcap-filter(7)'s language. It is
compiled to classic BPF in Python: run over the packets of a file by a BPF interpreter,
attached to the capture socket in the kernel (SO_ATTACH_FILTER) live. -d, -dd and -ddd
print the program instead of running it: for the -r file's link type, for the
interface's live, else for Ethernet ("Warning: assuming Ethernet" on stderr) or -y's
link type. Without -O the program is optimised as libpcap optimises it and selects the
same packets, but its instructions may differ from libpcap's; with -O they are
libpcap's own, instruction for instruction. An expression that can match no packet
fails with "expression rejects all packets", as libpcap's optimizer finds it (-O: it
is accepted and matches nothing).

-w FILE (- for the standard output) writes the accepted packets to a pcap savefile
(microsecond time stamps, nanosecond with --nano or --time-stamp-precision=nano) in
this machine's byte order, readable by tcpdump and Wireshark; nothing is printed
then, unless --print is given. -C N starts a new file when the current one is over N
million bytes, named FILE, FILE1, FILE2 ... (FILE0, FILE1 ... padded to the digits of
N-1 with -W N, which makes the numbers go round a ring of N files). -G S starts a new
file when S seconds have passed on the clock since the current one was opened, and
FILE is then a strftime(3) pattern (FILE-%H%M%S); with -W N and no -C it stops after N
files ("Maximum file limit reached: N"). Errors writing a -w file are ignored, as
tcpdump ignores them; a file that cannot be created fails at the start. -z COMMAND runs
COMMAND FILE, at the lowest priority and not waited for, on each file a rotation closes.

-c N stops after N packets accepted; --count prints only "N packets" after reading a
file. -l flushes the standard output after each packet; -U each packet written to -w.

""" + MANUAL_NOTES.rstrip(),
    "EXIT STATUS": """\
0 when the packets were read (or captured until -c, or Ctrl-C: tcpdump then prints its
statistics and exits 0), and for -h, --help and --version. 1 for a bad option (with the
version and usage lines on stderr), a value tcpdump rejects ("invalid packet count 0"),
a file that cannot be opened, a savefile that is not one or is cut short ("truncated
dump file; tried to read 16 header bytes, only got 5", after the packets before it),
a filter expression that cannot be compiled ("can't parse filter expression: syntax
error"), a capture that cannot be opened, and an option not built here. 14 when the
printed output cannot be written ("Unable to write output: Broken pipe": the reader
of a pipe went away, as in pytcpdump -r big.pcap | head), with no statistics.""",
    "JSON OUTPUT": """\
With --json, pytcpdump prints one compact JSON object per packet, one a line (JSON
Lines), each written and flushed as the packet is read or captured, instead of tcpdump's
lines; -c, the filter, -w with --print and the banners on stderr are the same. The
printing options (-v, -e, -n, -x, ...) do not change the objects: every layer that is
decoded is there, with numbers as the headers carry them.

  $ pytcpdump -r dns.pcap --json -c 1 udp port 53 2>/dev/null
  {"schema":"pytcpdump/1","time":"2026-12-01T21:33:57.513989000Z","timestamp_ns":1796160837513989000,"length":71,"captured_length":71,"linktype":"EN10MB","interface":0,"layers":[{"protocol":"ethernet","destination":"ee:ba:98:9e:8d:93","source":"62:4a:23:ef:15:a9","ethertype":2048},{"protocol":"ipv4","version":4,"header_length":20,"dscp":0,"ecn":0,"total_length":57,"id":48855,"flags":["DF"],"fragment_offset":0,"ttl":64,"next_protocol":17,"checksum":36773,"source":"192.0.2.1","destination":"198.51.100.2","checksum_valid":true},{"protocol":"udp","source_port":47127,"destination_port":53,"length":37,"checksum":60525,"payload_length":29,"checksum_valid":false},{"protocol":"dns","id":37229,"response":false,"opcode":"QUERY","rcode":"NOERROR","flags":["RD"],"question":[{"name":"example.com.","type":"A","class":"IN"}],"answer":[],"authority":[],"additional":[]}],"truncated":false}

The objects, as --json-schema prints them:""",
    "PACKET OWNERS": OWNERS_TEXT,
    "EXAMPLES": """\
  $ pytcpdump -nn -r capture.pcap 'tcp port 80'
  $ pytcpdump -r capture.pcap -w web.pcap 'tcp port 80 or tcp port 443'
  $ pytcpdump -r capture.pcap -c 10 -vv icmp
  $ pytcpdump -d 'host 192.0.2.1 and udp'     # the BPF program, for Ethernet
  $ pytcpdump -r capture.pcap --json | jq .layers[1].source
  $ pytcpdump -i eth0 -w ring.pcap -C 10 -W 5  # five files of 10 MB, round a ring
  $ pytcpdump -i lo -nn --owners tcp port 8080  # which processes talk on 8080""",
    "DIFFERENCES FROM TCPDUMP": """\
Not built, exits 1 saying so: -T (printing packets as another protocol). Accepted with
no effect, because what they change is not decoded here: -b (BGP), -E (ESP), -H
(802.11s), -M (TCP-MD5 signatures), -u (NFS); -a is ignored as by tcpdump; -m is
ignored with tcpdump's own message (Debian's tcpdump has no libsmi); -Y prints the
usage and fails, as on Debian (no parser debugging). -y names the link types listed in
pynettools' table (EN10MB, RAW, LINUX_SLL, LINUX_SLL2, IPV4, IPV6, NULL, LOOP, ...) and
no others. --version names pynettools beside the versions it follows; there is no
OpenSSL line. --json, --json-schema and --owners are not in tcpdump.

Reading files (-r, -V) as root, pytcpdump drops to -Z's user (Debian's default:
tcpdump) once the first file is open and the filter compiled, as tcpdump does: it keeps
the capability to create its -w files anywhere, which then belong to that user; the
later files of -V are opened as that user, and an unknown -Z user fails ("Couldn't find
user"). Without -w, -V and -Z the drop would change nothing a run prints, and
pytcpdump skips it. Where the user could not read the interpreter's modules (Python
installed in root's home), the ones a capture imports late are imported before the drop,
at a cost to start-up (about 0.1 s; with --json, about 0.2 s more).""",
    "LIVE CAPTURE": """\
Packets come through a Linux AF_PACKET socket and a TPACKET_V3 ring mapped with mmap,
as libpcap 1.10 reads them: blocks of 256 KiB, -B bytes in all (2 MiB by default), a
block handed over when full or after 1 second, so memory stays fixed however fast the
packets come. The filter is compiled here and attached with SO_ATTACH_FILTER after a
reject-all program (ss -0 -b -p shows it); one the kernel cannot run (a cooked-header
field of -i any it has no ancillary load for) filters in user space. -i any captures
cooked (LINUX_SLL2, or LINUX_SLL with -y, or when any is the default device); an
outgoing packet on lo is shown once, as libpcap shows it; -Q filters by the packet
type in user space. --immediate-mode (implied when printing to a terminal) hands blocks
over after 1 ms, where libpcap falls back to TPACKET_V2. As root the capture drops to
user tcpdump, as Debian's tcpdump does, unless -Z names another user. -D lists the
devices as libpcap orders them, with its pseudo-devices; capture on
bluetooth-monitor, nflog, nfqueue, dbus-system and dbus-session is not built and exits
1 saying so. -j accepts only host (the others warn, as for a device without them); -I
fails as on a device without monitor mode; -y DOCSIS is not offered. "packets dropped
by interface" is what the device counts as missed or overrun since the start
(/sys/class/net/DEV/statistics), in promiscuous mode only, as libpcap 1.10 counts them.""",
    "ENVIRONMENT": """\
TZ: the time zone of the printed time stamps (and of -G's strftime names), as for
tcpdump. PYNETTOOLS_DEBUG: when set, an internal error shows its Python traceback.""",
    "SEE ALSO": "tcpdump(8), pcap-filter(7), pcap-savefile(5), pynetstat(1)",
}
