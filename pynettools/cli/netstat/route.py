"""pynetstat -r: routing tables (and caches, -C) of the families asked for.

Families come in the order they were named (-A inet6,inet: IPv6 first);
the first that fails ends the listing with its status, as in netstat.
"""

import sys

from pynettools import procfs
from pynettools.cli.netstat.status import ExitStatus
from pynettools.output import write, write_lines

# What netstat 2.10 says for the families it routes but Linux here lacks:
# (stdout, stderr) and the status.
UNCONFIGURED = {
    "ax25": ("AX.25 not configured in this system.\n",
             "/proc/net/ax25_route: No such file or directory\n", ExitStatus.FAILED),
    "ipx": ("IPX routing not in file /proc/net/ipx/route or /proc/net/ipx_route found.\n",
            "No such file or directory\n", ExitStatus.FAILED),
    "ddp": ("", "Error opening /proc/net/atalk_route: No such file or directory\n"
                "DDP (AppleTalk) not configured on this system.\n", ExitStatus.FAILED),
    "netrom": ("NET/ROM not configured in this system.\n",
               "/proc/net/nr_nodes: No such file or directory\n"
               "/proc/net/nr_neigh: Invalid argument\n", ExitStatus.FAILED),
    "rose": ("", "/proc/net/rose_nodes: No such file or directory\n"
                 "ROSE not configured in this system.\n", ExitStatus.FAILED),
    "x25": ("X.25 not configured in this system.\n", "", ExitStatus.FAILED),
    "bluetooth": ("", "Address family `bluetooth' not supported.\n", ExitStatus.USAGE),
}


def run(args):
    tables = []
    status = ExitStatus.OK
    for family in args.address_families or ["inet"]:
        status = _family_tables(family, args, tables)
        if status:
            break
    if args.json:
        from pynettools.cli.netstat.json_output import write_json

        write_json(args, {"tables": tables})
    return status


def _family_tables(family, args, tables):
    """Read and (unless --json) print one family's tables; the status."""
    if family in UNCONFIGURED:
        out, err, status = UNCONFIGURED[family]
        _fail(out, err)
        return status
    if family not in ("inet", "inet6"):
        _fail("", "No routing for address family `%s'.\n" % family)
        return ExitStatus.USAGE
    show_fib = args.fib or not args.cache
    for cache in (False, True):
        if cache and not args.cache or not cache and not show_fib:
            continue
        status = _table(family, cache, args, tables)
        if status:
            return status
    return ExitStatus.OK


def _table(family, cache, args, tables):
    from pynettools.netinfo import routes
    from pynettools.netinfo.names import NameResolver
    from pynettools.output import netstat_route as layout

    resolve = NameResolver(bool(args.numeric or args.numeric_hosts or args.symbolic))
    extend = args.extend or 0
    table = routes.IPV6_ROUTE if family == "inet6" else (
        routes.ROUTE_CACHE if cache else routes.ROUTE)
    try:
        if family == "inet6":
            entries = routes.read_ipv6_routes()
            lines = layout.ipv6_route_lines(entries, cache, resolve)
        elif cache:
            entries = routes.read_route_cache_header()
            lines = layout.ipv4_cache_lines(entries, extend)
        else:
            entries = routes.read_ipv4_routes()
            lines = layout.ipv4_route_lines(entries, extend, resolve)
    except OSError as error:
        _fail("%s not configured in this system.\n" % (
            "INET6 (IPv6)" if family == "inet6" else "INET (IPv4)"),
            "%s: %s\n" % (procfs.as_shown(table), error.strerror))
        return ExitStatus.FAILED
    if args.json:
        if cache and family == "inet":
            entries = []  # Linux has kept no IPv4 cache entries since 3.6
        elif family == "inet6":
            entries = layout.ipv6_route_objects(
                [route for route in entries if bool(route.flags & routes.RTF_CACHE) == cache],
                resolve)
        else:
            entries = layout.ipv4_route_objects(entries, resolve)
        tables.append({"family": family, "cache": cache, "routes": list(entries)})
    else:
        write_lines(lines)
    return ExitStatus.OK


def _fail(out, err):
    if err:
        write(err, sys.stderr)
    if out:
        write(out)
