"""The printer's shortcuts against the general code they stand in for: DNS names
read without dnspython, and the common packet's line in one call
(tcpdump_fast) beside the general printer's, on crafted and cut-short packets."""

import io
import itertools

import pytest
from hypothesis import given, settings, strategies as st

from pynettools.capture.savefile import open_savefile
from pynettools.decode.dns import Message
from pynettools.output import tcpdump_dns_names
from pynettools.output.tcpdump import Printer, PrintOptions
from tests.data import print_protocols
from tests.tcpdump_corpus import corpus_files


def _name_by_dnspython(wire, at):
    """name() as dnspython alone reads it (the shortcut turned off)."""
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(tcpdump_dns_names, "_read", lambda data, at, parts: None)
        return _printed_name(wire, at)


def _printed_name(wire, at):
    parts = []
    try:
        after = tcpdump_dns_names.name(Message(wire), at, parts)
    except tcpdump_dns_names.Cut:
        after = "cut"
    return "".join(parts), after


LABEL = st.one_of(st.binary(min_size=1, max_size=70),
                  st.builds(lambda n: bytes((0xC0 | n >> 8, n & 0xFF)),
                            st.integers(0, 0x3FFF)))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(LABEL, st.builds(lambda size, body: bytes((size,)) + body,
                                           st.integers(0, 63), st.binary(max_size=64))),
                max_size=12),
       st.integers(0, 40))
def test_names_read_here_are_what_dnspython_reads(pieces, at):
    wire = b"".join(pieces)
    at = min(at, len(wire))
    assert _printed_name(wire, at) == _name_by_dnspython(wire, at)


def test_names_with_pointers_long_chains_and_the_length_limit():
    long_name = b"".join(b"\x3f" + b"a" * 63 for _ in range(4)) + b"\x00"  # 257 bytes
    # "abc." at 0, then pointers each to the one before it: from the k-th, k + 1 hops
    chain = b"\x03abc\x00\xc0\x00" + b"".join(bytes((0xC0, 5 + 2 * index))
                                               for index in range(20))
    cases = [(b"\x03www\x07example\x03com\x00\xc0\x04", 17),
             (b"\x03www\x07example\x03com\x00\x02ns\xc0\x04", 17), (long_name, 0),
             (long_name[64:], 0), (chain, 5 + 2 * 15), (chain, 5 + 2 * 16), (b"\xc0\x00", 0),
             (b"\x01\x80\x00", 0), (b"\x41x\x00", 0), (b"\x02\x81\xff\x00", 0)]
    for wire, at in cases:
        assert _printed_name(wire, at) == _name_by_dnspython(wire, at), (wire, at)


def _lines(printer, stream):
    return list(itertools.starmap(printer.line, open_savefile(stream).records()))


def _general(options):
    printer = Printer(options)
    printer.line = printer.general_line
    return printer


def test_the_one_call_line_is_the_general_printers():
    files = [path.read_bytes() for path in corpus_files()]
    files += [print_protocols.savefile(1, print_protocols.ETHERNET_FRAMES +
                                       print_protocols.SUMMARY_FRAMES, cut=cut)
              for cut in (None, 34, 40, 54, 60)]
    for options in (dict(numeric=2), dict(numeric=2, quiet=1), dict(numeric=2, timestamps=3),
                    dict(numeric=2, packet_number=True, absolute_sequence=True)):
        for data in files:
            fast = _lines(Printer(PrintOptions(**options)), io.BytesIO(data))
            assert fast == _lines(_general(PrintOptions(**options)), io.BytesIO(data))
