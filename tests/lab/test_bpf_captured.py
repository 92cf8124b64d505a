"""Fresh real traffic (tests/data/bpf_capture.py: a veth pair, -i any in both
cooked forms, a tun device for raw IP), captured by tcpdump -w in namespaces
now, then selected by our compiler and interpreter as tcpdump -r selects it."""

import pytest

from tests.commands import needs_root
from tests.data import bpf_capture
from tests.unit.bpf.oracle import our_selection, read_packets, tcpdump_selection
from tests.unit.bpf.test_selection import SAMPLE

pytestmark = [needs_root, pytest.mark.lab]


@pytest.fixture(scope="module")
def captures(tmp_path_factory):
    return bpf_capture.capture_all(tmp_path_factory.mktemp("captures"))


def test_every_capture_has_traffic(captures):
    for path in captures:
        reader, packets = read_packets(path)
        assert len(packets) >= 10, path.name


def test_fresh_captures_select_as_tcpdump(captures):
    differences = []
    for path in captures:
        packets = read_packets(path)
        for expression in SAMPLE:
            ours = our_selection(path, expression, packets=packets)
            theirs = tcpdump_selection(path, expression, packets=packets)
            if ours != theirs:
                differences.append((path.name, expression, ours, theirs))
    assert differences == []
