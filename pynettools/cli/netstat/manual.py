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
With --json, pynetstat prints one JSON document instead of text, built from the same
records: sockets, routes, interfaces or counters; the exit status and the messages on
stderr are the same. Under -c each pass is one compact line instead (JSON Lines),
written and flushed when the pass is done, with "time", when the pass started, so that
`pynetstat -c --json' can be read line by line while it runs. Numbers stay numbers
(ports, uids, addresses as numeric text) and the names the text shows for them are
beside them (local_host, local_service, user, ...), null under -n; timers are in
seconds, flags are lists of names, hardware addresses have their real length.
Example, in a network namespace with one web server:

  $ pynetstat -tlp --json
  {
    "schema": "pynetstat/2",
    "internet": [
      {
        "protocol": "tcp",
        "family": "inet",
        "recv_queue": 0,
        "send_queue": 0,
        "local_address": "127.0.0.1",
        "local_port": 80,
        "local_host": "localhost",
        "local_service": "http",
        "remote_address": "0.0.0.0",
        "remote_port": 0,
        "remote_host": null,
        "remote_service": null,
        "state": "LISTEN",
        "uid": 0,
        "user": "root",
        "inode": 663130,
        "timer": {
          "name": "off",
          "seconds": 0.0,
          "retransmits": 0,
          "timeouts": 0
        },
        "owner": {
          "pid": 25375,
          "program": "python3"
        }
      }
    ]
  }
  $ pynetstat -c -tln --json | jq -c '{time, sockets: (.internet | length)}'
  {"time":1796156351.202698,"sockets":2}
  {"time":1796156352.242691,"sockets":2}
  {"time":1796156353.277404,"sockets":2}

The objects, as --json-schema prints them:""",
    "EXAMPLES": """\
  $ pynetstat -tln            # listening TCP sockets, numeric
  $ pynetstat -tanp           # all TCP sockets with their processes (run as root)
  $ pynetstat -xa             # UNIX domain sockets
  $ pynetstat -tan --json""",
    "DIFFERENCES FROM NETSTAT": """\
-V prints pynetstat's version, not net-tools' banner. --json and --json-schema are
not in netstat; -h and --help print netstat's text, then a "Beyond netstat" list of
them.
Messages that start with `netstat:' start with `pynetstat:'. -Z always reports that
SELinux is not enabled (for this application, when the machine has it).

SCTP sockets are not listed when the sctp module is loaded (netstat lists them); when
it is not, the messages are netstat's. The same goes for the IPX, AX.25, X.25,
NET/ROM and ROSE tables, which current kernels no longer have. An IPv4 address whose
first byte is 0 is shown numerically (netstat asks getnetbyaddr, which finds nothing
on usual systems).

The TCP, UDP and UDP-Lite tables are read through the kernel's sock_diag netlink
interface (as ss reads them) where it gives exactly the lines /proc/net gives: for text
without -o, from the kernel's own /proc/net. sock_diag has no field for -o's timeout
count and gives a SYN_RECV entry uid 0, so -o, --json and -e with a SYN_RECV entry read
/proc/net, as do raw and UNIX sockets, and any table sock_diag cannot answer for. The
output is the same bytes either way; sock_diag is faster on large tables (tens of
thousands of connections). See ENVIRONMENT to turn it off.

On systems without /proc/net (not Linux), sockets come from psutil's net_connections
alone: queues, uid and inode are 0, timers are off, raw and UDP-Lite tables are empty,
UNIX sockets have no refcount, flags or state (bound ones count as servers), and -p
shows the process name as psutil gives it.""",
    "ENVIRONMENT": """PYNETTOOLS_SOCK_DIAG: 0 makes the socket listing read every table from /proc/net, never
through sock_diag netlink.

PYNETTOOLS_DEBUG: when set, an internal error shows its Python traceback.""",
}

for _title, _text in MODE_SECTIONS:
    SECTIONS[_title] = SECTIONS[_title] + "\n\n" + _text if _title in SECTIONS else _text
