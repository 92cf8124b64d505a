"""The prose of pynetstat(1); options come from the declaration in `netstat`.

Format: see `services_manual`.  The sections of the route, interface,
group and statistics modes live in `netstat_modes_manual` and are appended
here, each to the section of its title.
"""

from pynettools.cli.netstat_modes_manual import MODE_SECTIONS

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
usage text on stderr); 130 when interrupted.""",
    "EXAMPLES": """\
  $ pynetstat -tln            # listening TCP sockets, numeric
  $ pynetstat -tanp           # all TCP sockets with their processes (run as root)
  $ pynetstat -xa             # UNIX domain sockets
  $ pynetstat -tan --json""",
    "DIFFERENCES FROM NETSTAT": """\
-V prints pynetstat's version, not net-tools' banner. --json is not in netstat.
Messages that start with `netstat:' start with `pynetstat:'.""",
}

for _title, _text in MODE_SECTIONS:
    SECTIONS[_title] = SECTIONS[_title] + "\n\n" + _text if _title in SECTIONS else _text
