"""pynetstat -s: protocol counters, IPv4 (the default) or IPv6 (-6)."""

import sys

from pynettools import procfs
from pynettools.cli.netstat.declaration import COMMAND
from pynettools.cli.netstat.status import ExitStatus
from pynettools.output import write, write_lines


def run(args):
    family = ",".join(args.address_families) or "inet"
    if family not in ("inet", "inet6"):
        write("%s: No statistics support for specified address family: %s\n" % (
            COMMAND.prog, family))
        return ExitStatus.FAILED
    selection = {name for name in ("tcp", "udp", "raw") if getattr(args.selection, name)}
    tables = _read_tables(family)
    if args.json:
        from pynettools.cli.netstat.json_output import write_json
        from pynettools.output.netstat_statistics import is_selected

        write_json(args, {"family": family,
                          "tables": [table for table in tables if is_selected(table, selection)]})
    else:
        from pynettools.output.netstat_statistics import statistics_lines

        write_lines(statistics_lines(tables, selection))
    return ExitStatus.OK


def _read_tables(family):
    """The family's counter tables; a file that cannot be read ends them early."""
    from pynettools.netinfo import statistics

    reading = statistics.SNMP6 if family == "inet6" else statistics.SNMP
    try:
        if family == "inet6":
            tables = statistics.read_snmp6()
            reading = statistics.SNMP
            # netstat -s6 adds the TCP counters, which Linux keeps for both families.
            return tables + [table for table in statistics.read_paired_tables(statistics.SNMP)
                             if table.title == "Tcp"]
        tables = statistics.read_paired_tables(statistics.SNMP)
    except OSError as error:
        write("cannot open %s: %s\n" % (procfs.as_shown(reading), error.strerror), sys.stderr)
        return []
    try:
        return tables + statistics.read_paired_tables(statistics.NETSTAT)
    except OSError:
        return tables
