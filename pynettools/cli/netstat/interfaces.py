"""pynetstat -i: the interface table, or ifconfig-style blocks with -e."""

import errno
import sys

from pynettools import procfs
from pynettools.cli.netstat.status import ExitStatus
from pynettools.output import write, write_lines

def run(args):
    """Print the interfaces once for `args`; return the exit status."""
    interfaces, error = _read(bool(args.all), args.portable)
    if args.json:
        from pynettools.cli.netstat.json_output import write_json
        from pynettools.output.netstat_interfaces import interface_objects

        write_json(args, {"interfaces": list(interface_objects(interfaces))})
    else:
        from pynettools.output import netstat_interfaces as layout

        lines = layout.long_lines if args.extend else layout.short_lines
        # netstat -ic prints the table's title before its first pass only
        write_lines(lines(interfaces, first_pass=args.pass_number == 1))
    if error is None:
        return ExitStatus.OK
    name, failure = error
    reason = "Device not found" if failure.errno == errno.ENODEV else failure.strerror
    sys.stdout.flush()
    write("%s: error fetching interface information: %s\n"
          "missing interface information: %s\n" % (name, reason, failure.strerror), sys.stderr)
    return ExitStatus.FAILED


def _read(include_down, portable):
    """Linux: /proc/net/dev and ioctls, as netstat; elsewhere: psutil."""
    import os

    if portable:
        from pynettools.netinfo.interfaces_psutil import read_interfaces

        return read_interfaces(include_down)
    from pynettools.netinfo.interfaces import DEV, read_interfaces

    if not os.access(procfs.net(DEV), os.R_OK):
        write("Warning: cannot open %s (No such file or directory). Limited output.\n"
              % procfs.as_shown(DEV), sys.stderr)
    return read_interfaces(include_down)
