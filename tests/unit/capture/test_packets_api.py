"""pynettools.packets(): a savefile's decoded packets for Python, as --json prints them."""

import io
import json

import pytest

import pynettools
from pynettools.errors import CaptureFileError, FileReadError, FilterError
from tests.jsoncheck import assert_valid
from tests.tcpdump_corpus import CORPUS

MIX = CORPUS / "mix.pcap"


def test_records_are_the_json_lines_of_pytcpdump(run_inline):
    out, _err, status = run_inline("tcpdump", ["-r", str(MIX), "--json", "udp"])
    assert status == 0
    records = list(pynettools.packets(str(MIX), "udp"))
    assert records == assert_valid("pytcpdump", out)
    assert json.loads(json.dumps(records)) == records


def test_a_file_object_a_count_and_no_filter():
    records = list(pynettools.packets(io.BytesIO(MIX.read_bytes()), count=5))
    assert len(records) == 5 and records[0]["layers"][1]["protocol"] == "arp"
    assert len(list(pynettools.packets(MIX))) == 44


def test_errors_are_typed(tmp_path):
    with pytest.raises(FileReadError):
        list(pynettools.packets(tmp_path / "missing.pcap"))
    with pytest.raises(FilterError):
        list(pynettools.packets(MIX, "tcp and"))
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(MIX.read_bytes()[:200])
    read = []
    with pytest.raises(CaptureFileError):
        for record in pynettools.packets(cut):
            read.append(record)
    assert len(read) == 2
