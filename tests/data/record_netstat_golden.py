"""Record what netstat prints over the crafted tables of tests/netstat_tables.py.

    sudo .venv/bin/python -m tests.data.record_netstat_golden

writes tests/data/netstat-golden.json: {run name: [stdout, stderr, status]},
text as latin-1, program names as netstat prints them.  The unit tests run
pynetstat over the same tables and compare; tests/lab/test_pynetstat_golden.py
fails when the file no longer says what the installed netstat prints.
"""

import json
import pathlib

from tests.lab.mountns import run_over_proc_net
from tests.netstat_tables import golden_runs

GOLDEN = pathlib.Path(__file__).with_name("netstat-golden.json")


def record():
    """{run name: [stdout, stderr, status]} of netstat over every golden run."""
    runs = golden_runs()
    done = run_over_proc_net([(files, ["netstat", *argv]) for _name, files, argv in runs])
    return {name: [out.decode("latin-1"), err.decode("latin-1"), status]
            for (name, _files, _argv), (out, err, status) in zip(runs, done)}


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(record(), indent=0, sort_keys=True) + "\n")
