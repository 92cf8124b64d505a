"""pynettools: Python clones of traceroute, netstat, telnet and getent services.

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
