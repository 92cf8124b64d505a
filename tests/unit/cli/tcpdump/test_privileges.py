"""What pytcpdump checks and imports before it gives up root (the drop itself is
tested in child processes, tests/lab)."""

import os
import shutil
import sys
import tempfile

import pytest

from pynettools.cli.tcpdump import privileges


@pytest.fixture
def top():
    """open/ (0755), closed/ (0700) and closed/inner/ (0755), in a folder every user
    may search (tmp_path is under one only its owner may)."""
    top = tempfile.mkdtemp(prefix="pnt%d-" % os.getpid())
    os.chmod(top, 0o755)
    for name, mode in (("open", 0o755), ("closed", 0o700), ("closed/inner", 0o755)):
        os.mkdir(os.path.join(top, name))
        os.chmod(os.path.join(top, name), mode)
    yield top
    shutil.rmtree(top)


@pytest.mark.parametrize("entries, readable", [
    (["open"], True), (["closed"], False), (["open", "closed"], False),
    (["closed/inner"], False),  # below a folder others may not search
    (["open", "open/missing.zip"], True),  # entries that are not there are not read
])
def test_imports_are_readable_only_when_every_folder_is(monkeypatch, top, entries, readable):
    monkeypatch.setattr(sys, "path", [os.path.join(top, entry) for entry in entries])
    assert privileges._others_may_read_imports() is readable


@pytest.mark.parametrize("json_records", [False, True])
def test_preload_imports_what_the_decoders_import_late(json_records):
    privileges._preload(json_records)
    assert {"pynettools.output.tcpdump_dns", "pynettools.capture.rotation", "dns.name",
            "pynettools.output.jsonout"} <= set(sys.modules)
    if json_records:
        assert {"dns.message", "dns.rdtypes.IN.A", "dns.rdtypes.ANY.SOA"} <= set(sys.modules)


@pytest.mark.skipif(os.geteuid() == 0, reason="as root it would give up root for the suite")
def test_without_root_there_is_nothing_to_give_up():
    uid = os.getuid()
    privileges.drop_privileges("nosuchuser", keep_file_access=True)
    assert os.getuid() == uid
