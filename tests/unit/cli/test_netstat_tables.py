"""pynetstat's modes over crafted /proc/net tables, run inline through the procfs
root (no root needed): what netstat printed for the same tables, byte for byte.

The expected outputs are netstat's own (tests/data/netstat-golden.json, see
tests/data/record_netstat_golden.py); tests/lab/test_pynetstat_golden.py keeps
them true to the installed netstat.
"""

import json
import pathlib

import pytest

from tests.lab.netstat_lab import as_pynetstat
from tests.netstat_tables import golden_runs

GOLDEN = json.loads((pathlib.Path(__file__).parents[2] / "data" / "netstat-golden.json")
                    .read_text())
RUNS = golden_runs()


@pytest.mark.parametrize("name, files, argv", RUNS, ids=[name for name, _f, _a in RUNS])
def test_modes_over_crafted_tables_as_netstat(procfs_root, run_inline, name, files, argv):
    for table, text in files.items():
        (procfs_root / "net" / table).write_bytes(text.encode("latin-1"))
    out, err, status = GOLDEN[name]
    assert run_inline("netstat", argv) == (as_pynetstat(out.encode("latin-1")),
                                           as_pynetstat(err.encode("latin-1")), status)
