"""pynetstat -r, -s, -g and -i against netstat over crafted /proc/net files.

Tables the kernel of the test machine would never show (every route flag,
unreachable and cached IPv6 routes, each counter netstat has a text for,
counters it has never heard of, missing files) are written into a tmpfs
mounted over /proc in a private mount namespace; netstat and pynetstat read
the same files, and their output and exit status must be equal.  Numeric
output only (-n): names are compared in the namespace tests.
"""

from tests.commands import command_path, needs_root
from tests.lab.mountns import run_over_proc_net
from tests.netstat_tables import (group_and_interface_runs, interface_counter_runs, route_runs,
                                  scope_runs, statistics_runs)


def _compare(runs):
    """Each (files, argv) run by netstat and by pynetstat: the mismatches."""
    pynetstat = command_path("pynetstat")
    commands = [(files, argv) for files, argv in runs]
    theirs = run_over_proc_net([(files, ["netstat", *argv]) for files, argv in commands])
    ours = run_over_proc_net([(files, [pynetstat, *argv]) for files, argv in commands])
    ours = [tuple(part.replace(b"pynetstat:", b"netstat:") if isinstance(part, bytes) else part
                  for part in our) for our in ours]
    return [(argv, files, their, our) for (files, argv), their, our in zip(runs, theirs, ours)
            if their != our]


@needs_root
def test_routes_as_netstat_prints_them():
    assert _compare(route_runs()) == []


@needs_root
def test_statistics_as_netstat_prints_them():
    assert _compare(statistics_runs()) == []


@needs_root
def test_groups_and_interfaces_with_files_missing():
    assert _compare(group_and_interface_runs()) == []


@needs_root
def test_interface_counters_and_vanished_interfaces():
    """Counters of every size on lo (binary units, column overflow), and a
    /proc/net/dev line for an interface that does not exist (netstat stops)."""
    assert _compare(interface_counter_runs()) == []


@needs_root
def test_ipv6_scopes_and_ipv4_mapped_addresses():
    """Every scope bit combination netstat names, and ::ffff:a.b.c.d shown as IPv4."""
    assert _compare(scope_runs()) == []
