"""pynettools: Python clones of traceroute, netstat, telnet, getent services and tcpdump.

Kept empty of imports: every command starts here, and start-up time counts
for commands run from scripts.
"""

__version__ = "0.1.0"


def traceroute(host, **options):
    """Trace the route to host: a `pynettools.models.Trace` with its hops as a list.

    Parameters, return value and the errors it raises (all from
    `pynettools.errors`) are those of `pynettools.tracing.traceroute`, which
    is imported on first call, so that `import pynettools` stays free.
    """
    from pynettools.tracing import traceroute as trace

    return trace(host, **options)


def traceroutes(hosts, **options):
    """Trace the route to many hosts at once: an iterator of traces as they complete.

    Parameters, the records it yields and the errors it raises are those of
    `pynettools.batch.traceroutes` (imported on first call).
    """
    from pynettools.batch import traceroutes as trace_all

    return trace_all(hosts, **options)


def report(host, **options):
    """mtr's report for host: a `pynettools.models.Report` with per-hop statistics.

    Parameters, return value and errors are those of
    `pynettools.reporting.report` (imported on first call).
    """
    from pynettools.reporting import report as run_report

    return run_report(host, **options)


def packets(source=None, filter=None, **options):
    """The decoded packets of a savefile (`source`: a path or a binary file), or
    of a live capture (`interface="a0"`), that the pcap-filter(7) expression
    `filter` accepts: an iterator of records, each the object `pytcpdump
    --json` prints for the packet.

    Parameters (`count`, `optimize`, `interface`, `promiscuous`) and errors are those of
    `pynettools.capturing.packets` (imported on first call).
    """
    from pynettools.capturing import packets as read_packets

    return read_packets(source, filter, **options)
