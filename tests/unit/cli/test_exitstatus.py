"""The exit-status tables: what the front ends and the runner ask of an IntEnum."""

import os
import pickle
import subprocess
import sys

import pytest

import pynettools
from pynettools.cli import exitstatus


class Table(exitstatus.ExitStatus):
    OK = 0
    FAILED = 1
    ALSO_FAILED = 1  # an alias, as IntEnum allows
    USAGE = 64
    _private = 5  # not a member


def test_members_are_named_ints():
    assert Table.USAGE == 64 and isinstance(Table.USAGE, int)
    assert Table.USAGE.name == "USAGE" and Table.USAGE.value == 64
    assert repr(Table.USAGE) == "<Table.USAGE: 64>"
    assert str(Table.USAGE) == "64" and "%d %s" % (Table.USAGE, Table.USAGE) == "64 64"
    assert Table.USAGE + 1 == 65 and type(Table.USAGE + 1) is int


def test_lookup_by_value_gives_the_first_name():
    assert Table(1) is Table.FAILED and Table(64) is Table.USAGE
    assert list(Table) == [Table.OK, Table.FAILED, Table.USAGE] and len(Table) == 3
    assert Table._private == 5 and 5 not in list(Table)
    with pytest.raises(ValueError, match="3 is not a valid Table"):
        Table(3)
    with pytest.raises(ValueError):
        Table([])


def test_pickled_member_comes_back_as_itself():
    assert pickle.loads(pickle.dumps(Table.USAGE)) is Table.USAGE


def test_tables_are_apart():
    class Other(exitstatus.ExitStatus):
        OK = 0

    assert list(Other) == [Other.OK] and Other.OK is not Table.OK and Other.OK == Table.OK


def test_a_member_is_an_exit_status():
    code = ("from pynettools.cli.services.status import ExitStatus\n"
            "import sys\nsys.exit(ExitStatus.USAGE)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 64


@pytest.mark.parametrize("module", ["pynettools.cli.services.command", "pynettools.cli.netstat.command"])
def test_quick_commands_import_neither_enum_nor_collections(module):
    # start-up: each costs a large share of a bare interpreter's start.  -S:
    # without site, whose .pth hooks (an editable install's) import both.
    code = "import sys, %s\nprint(' '.join(sorted({'enum', 'collections'} & set(sys.modules))))" % module
    root = os.path.dirname(os.path.dirname(pynettools.__file__))
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True,
                         check=True, env=dict(os.environ, PYTHONPATH=root))
    assert out.stdout.strip() == ""
