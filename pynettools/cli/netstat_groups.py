"""pynetstat -g: multicast groups joined, IPv4 then IPv6 (-4 or -6 for one)."""

from pynettools.output import write, write_lines


def memberships(args):
    """The memberships of the families `args` selects."""
    from pynettools.netinfo import groups

    chosen = args.selection
    return ((groups.read_ipv4_groups() if chosen.inet else [])
            + (groups.read_ipv6_groups() if chosen.inet6 else []))


def run(args):
    """Print the group table once for `args`; return the exit status."""
    found = memberships(args)
    if args.json:
        from pynettools.output.jsonout import dumps

        write(dumps({"groups": found}))
        return 0
    from pynettools.netinfo.names import NameResolver
    from pynettools.output.netstat_groups import group_lines

    write_lines(group_lines(found, NameResolver(bool(args.numeric or args.numeric_hosts))))
    return 0
