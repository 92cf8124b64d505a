"""pynetstat -i: the interface table, or ifconfig-style blocks with -e."""

import sys

from pynettools.output import write, write_lines

_passes = 0  # netstat -ic prints the table's title before its first pass only


def run(args):
    """Print the interfaces once for `args`; return the exit status."""
    import os

    from pynettools.netinfo.interfaces import DEV, read_interfaces

    if not os.access(DEV, os.R_OK):
        write("Warning: cannot open %s (No such file or directory). Limited output.\n" % DEV,
              sys.stderr)
    interfaces, failures = read_interfaces(bool(args.all))
    for name, reason in failures:
        write("%s: error fetching interface information: %s\n" % (name, reason), sys.stderr)
    if args.json:
        from pynettools.output.jsonout import dumps

        write(dumps({"interfaces": interfaces}))
        return 0
    from pynettools.output import netstat_interfaces as layout

    global _passes
    _passes += 1
    lines = layout.long_lines if args.extend else layout.short_lines
    write_lines(lines(interfaces, first_pass=_passes == 1))
    return 0
