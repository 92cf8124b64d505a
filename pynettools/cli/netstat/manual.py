"""The prose of pynetstat(1); options come from its `declaration`.

Format: see `pynettools.cli.services.manual`.  The sections of the route,
interface, group and statistics modes live in `modes_manual` and are appended
here, each to the section of its title.
"""

from pynettools.cli.netstat.modes_manual import MODE_SECTIONS

SECTIONS = {
    "NAME": "print network connections, routing tables, interface statistics",
    "DESCRIPTION": """\
pynetstat stands in for net-tools netstat (2.10): the same options, the same output and
the same exit status, so that scripts and people reading its tables see no difference.
With no mode option it lists sockets: the Internet section (TCP, UDP, UDP-Lite, raw; IPv4
and IPv6) and the UNIX domain section. -r shows the routing table, -i the interfaces,
-g the multicast group memberships, -s the protocol statistics.

Its synopsis, as netstat's usage text (-h) gives it:

  pynetstat [-vWeenNcCF] [<Af>] -r
  pynetstat {-V|--version|-h|--help}
  pynetstat [-vWnNcaeol] [<Socket> ...]
  pynetstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

where <Socket> is any of -t, -u, -U, -S, -w, -x (and --ax25, --ipx, --netrom) and <Af>
is -4, -6, -A AF or --AF, for example --inet6.

It reads the current network namespace, so under `ip netns exec' it shows that
namespace's sockets.""",
    "EXIT STATUS": """\
0 on success; 1 when a requested address family is not supported or not present (as
netstat), or for -M and -Z; 3 for a bad option, -? or conflicting modes (with netstat's
usage text on stderr). Interrupted (Ctrl-C), it dies of SIGINT, as netstat does, so a
shell loop running it stops too.""",
    "JSON OUTPUT": """\
With --json, the socket listing prints one JSON object per pass instead of text (so
-c prints one object a second); the exit status and the messages on stderr are the
same. The object has "internet" when the Internet section is shown and "unix" when
the UNIX section is (no object at all when neither is nor -g), each an array of sockets in the order netstat lists them, after
the -a/-l selection. Numbers and addresses are numeric whatever -n says; names are
for the text.

INTERNET socket: {"protocol": "tcp", "tcp6", "udp", "udp6", "udpl", "udpl6", "raw"
or "raw6", "family": "inet" or "inet6", "recv_queue": number, "send_queue": number,
"local_address": string, "local_port": number, "remote_address": string,
"remote_port": number, "state": string (as in the text: "LISTEN", "" for an
unconnected UDP socket, the protocol state number for raw), "uid": number, "inode":
number, "timer": TIMER, "owner": OWNER or null}. Raw sockets' ports are IP protocol
numbers.

UNIX socket: {"protocol": "unix", "refcount": number, "flags": array of "ACC", "W",
"N", "type": "STREAM", "DGRAM", "SEQPACKET", ..., "state": "LISTENING", "CONNECTED",
"", ..., "inode": number, "path": string (whole, where the text stops at a blank;
"@name" for an abstract name, "" when unbound), "owner": OWNER or null}.

TIMER is {"code": 0 none, 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 zero-window
probe, "clock_ticks": time left in 1/100 s, "retransmits": number, "timeouts":
number}. OWNER is {"pid": number, "program": argv[0] without its directory}, set
only with -p and only for processes the user may inspect. Example:

  $ pynetstat -tlp --json
  {
    "internet": [
      {
        "protocol": "tcp",
        "family": "inet",
        "recv_queue": 0,
        "send_queue": 0,
        "local_address": "0.0.0.0",
        "local_port": 22,
        "remote_address": "0.0.0.0",
        "remote_port": 0,
        "state": "LISTEN",
        "uid": 0,
        "inode": 89704,
        "timer": {
          "code": 0,
          "clock_ticks": 0,
          "retransmits": 0,
          "timeouts": 0
        },
        "owner": {
          "pid": 812,
          "program": "sshd"
        }
      }
    ]
  }

With -g the object also has "groups", the memberships as -g's mode describes them
below.""",
    "EXAMPLES": """\
  $ pynetstat -tln            # listening TCP sockets, numeric
  $ pynetstat -tanp           # all TCP sockets with their processes (run as root)
  $ pynetstat -xa             # UNIX domain sockets
  $ pynetstat -tan --json""",
    "DIFFERENCES FROM NETSTAT": """\
-V prints pynetstat's version, not net-tools' banner. --json is not in netstat; -h
and --help print netstat's text, then a "Beyond netstat" list of such additions.
Messages that start with `netstat:' start with `pynetstat:'. -Z always reports that
SELinux is not enabled (for this application, when the machine has it).

SCTP sockets are not listed when the sctp module is loaded (netstat lists them); when
it is not, the messages are netstat's. The same goes for the IPX, AX.25, X.25,
NET/ROM and ROSE tables, which current kernels no longer have. An IPv4 address whose
first byte is 0 is shown numerically (netstat asks getnetbyaddr, which finds nothing
on usual systems).

On systems without /proc/net (not Linux), sockets come from psutil's net_connections
alone: queues, uid and inode are 0, timers are off, raw and UDP-Lite tables are empty,
UNIX sockets have no refcount, flags or state (bound ones count as servers), and -p
shows the process name as psutil gives it.""",
}

for _title, _text in MODE_SECTIONS:
    SECTIONS[_title] = SECTIONS[_title] + "\n\n" + _text if _title in SECTIONS else _text
