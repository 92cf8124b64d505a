"""pynetstat and netstat over crafted /proc/net tables: odd states, bogus lines.

A tmpfs over /proc in a private mount namespace (`run_over_proc_net`) makes
both commands read the same hand-written tables: states, timers and flags a
test namespace cannot produce, malformed lines, missing tables.
"""

import pytest

from tests.commands import command_path, needs_root
from tests.lab.mountns import run_over_proc_net
from tests.lab.netstat_lab import as_pynetstat
from tests.netstat_tables import SOCKET_CASES as CASES

pytestmark = needs_root


@pytest.fixture(scope="module")
def results():
    """{(table set, flags): (netstat's result, pynetstat's)}, all in one mount namespace."""
    runs = []
    for files, flags in CASES:
        runs += [(files, ["netstat", *flags.split()]),
                 (files, [command_path("pynetstat"), *flags.split()])]
    done = run_over_proc_net(runs)
    return {index: (done[2 * index], done[2 * index + 1]) for index in range(len(CASES))}


@pytest.mark.parametrize("index", range(len(CASES)),
                         ids=["%s:%s" % (sorted(files)[:1], flags) for files, flags in CASES])
def test_crafted_tables_as_netstat(results, index):
    (out, err, status), ours = results[index]
    assert ours == (as_pynetstat(out), as_pynetstat(err), status)
