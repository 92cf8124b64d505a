"""pynetstat's socket listing: a placeholder until its implementation lands.

Only -g without a socket type works yet, through the "groups" mode.
"""

from pynettools.errors import CommandNotImplemented


def run(args):
    """One pass of the listing for `args`; return the exit status."""
    chosen = args.selection
    if chosen.groups and not (chosen.tcp or chosen.sctp or chosen.udp or chosen.udplite
                              or chosen.raw or chosen.unix):
        from pynettools.cli import netstat_groups

        return netstat_groups.run(args)
    raise CommandNotImplemented("netstat socket listing is not implemented yet")
