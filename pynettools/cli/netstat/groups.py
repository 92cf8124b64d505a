"""pynetstat -g: multicast groups joined, IPv4 then IPv6 (-4 or -6 for one).

netstat prints them as a section of the socket listing, which calls `run`
for the text and puts `memberships` in its document under --json.
"""

from pynettools.cli.netstat.declaration import COMMAND
from pynettools.cli.netstat.status import ExitStatus
from pynettools.output import write, write_lines


def memberships(args):
    """The memberships of the families `args` selects."""
    from pynettools.netinfo import groups

    chosen = args.selection
    return ((groups.read_ipv4_groups() if chosen.inet else [])
            + (groups.read_ipv6_groups() if chosen.inet6 else []))


def objects(args):
    """The memberships as JSON objects, with the names the table shows."""
    from pynettools.output.netstat_groups import group_objects

    return list(group_objects(memberships(args), _resolver(args)))


def _resolver(args):
    from pynettools.netinfo.names import NameResolver

    return NameResolver(bool(args.numeric or args.numeric_hosts))


def run(args):
    """Print the group table once for `args`; return the exit status.

    Without /proc/net/igmp netstat complains and fails, but still lists the
    IPv6 groups; a missing igmp6 it passes over in silence.
    """
    import os
    import sys

    from pynettools import procfs
    from pynettools.netinfo.groups import IGMP
    from pynettools.output.netstat_groups import group_lines

    status = ExitStatus.OK
    if args.selection.inet and not os.path.exists(procfs.net(IGMP)):
        write("%s: no support for `AF INET (igmp)' on this system.\n" % COMMAND.prog,
              sys.stderr)
        status = ExitStatus.FAILED
    write_lines(group_lines(memberships(args), _resolver(args)))
    return status
