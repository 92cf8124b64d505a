"""The main proof: over savefiles of every link type, compile + interpreter
select exactly the packets tcpdump -r selects, for every expression form,
optimised and with -O.

The files are tests/data/pcap/*.pcap: the crafted bpf-*.pcap (fragments,
VLAN tags, ARP and RARP, IPv6 extension headers, LLC, MPLS, PPPoE, short
captures), the real traffic captured for these tests (bpf-live-*.pcap) and
whatever other corpus is there.
"""

import pathlib

import pytest

from pynettools.bpf import compile_filter
from tests.data import make_bpf_pcaps
from tests.data.bpf_corpus import FILE_NAMES, LINKTYPES
from tests.unit.bpf import expressions
from tests.unit.bpf.oracle import needs_tcpdump, our_selection, read_packets, tcpdump_selection

PCAP_DIR = pathlib.Path(make_bpf_pcaps.PCAP_DIR)
FILES = sorted(PCAP_DIR.glob("*.pcap"))
# Fewer forms on the other corpora (real traffic, the decoder's files): they
# add packets, not code paths.
SAMPLE = expressions.EXPRESSIONS[::4] + expressions.REJECTING


def _differences(path, forms, optimize):
    packets = read_packets(path)
    found = []
    for expression in forms:
        ours = our_selection(path, expression, optimize, packets)
        theirs = tcpdump_selection(path, expression, optimize, packets)
        if ours != theirs:
            found.append((expression, ours, theirs))
    return found


@needs_tcpdump
@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_same_packets_as_tcpdump(path):
    crafted = path.stem in FILE_NAMES.values()
    forms = expressions.EXPRESSIONS + expressions.REJECTING if crafted else SAMPLE
    assert _differences(path, forms, optimize=True) == []


@needs_tcpdump
@pytest.mark.parametrize("path", [PCAP_DIR / (FILE_NAMES[linktype] + ".pcap")
                                  for linktype in LINKTYPES], ids=lambda path: path.name)
def test_same_packets_as_tcpdump_unoptimised(path):
    assert _differences(path, SAMPLE + expressions.EXPRESSIONS[1::4], optimize=False) == []


@pytest.mark.parametrize("linktype", LINKTYPES, ids=lambda linktype: FILE_NAMES[linktype])
def test_committed_files_are_what_the_script_writes(linktype):
    path = PCAP_DIR / (FILE_NAMES[linktype] + ".pcap")
    assert path.read_bytes() == make_bpf_pcaps.crafted_bytes(linktype), \
        "regenerate with: python -m tests.data.make_bpf_pcaps"


def test_the_corpus_exercises_both_outcomes():
    """Each expression selects some packets and rejects others somewhere, so
    agreeing with tcpdump says something (the few exceptions are listed)."""
    always_or_never = []
    corpora = [read_packets(PCAP_DIR / (FILE_NAMES[linktype] + ".pcap")) for linktype in LINKTYPES]
    for expression in expressions.EXPRESSIONS:
        outcomes = set()
        for reader, packets in corpora:
            try:
                program = compile_filter(expression, reader.linktype)
            except Exception:
                continue
            outcomes.update(bool(program.run(packet.data, packet.wire_length))
                            for packet in packets)
        if outcomes != {True, False}:
            always_or_never.append(expression)
    assert always_or_never == ["-len = 1", "port 80 or (5) = 5", "1 = 1",
                               "ip[8]>5 and ip[8]<3"]
