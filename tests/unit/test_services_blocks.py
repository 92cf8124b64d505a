"""The full listing's block reader: the common-shape path prints exactly what the
line-by-line parse prints, and is taken where it should be."""

import io

import pytest
from hypothesis import given, settings, strategies as st

from pynettools import services_blocks
from pynettools.output.services import raw_service_text
from pynettools.services import CommonLines, raw_fields
from pynettools.services_blocks import blocks

COMMON = [b"http 80/tcp www", b"s 0/udp", b"s 65535/t", b"n 5/", b"n 5/ alias", b"j 9/tcp/x a b",
          b"w\xff 7/tcp \xe9", b"n" * 40 + b" 1/tcp " + b"a" * 40, b"a/b 22/a/b c/d",
          b"t 1/ /x"]
ODD = [b"a 80", b"b 00/tcp", b"c 080/tcp", b"d 65536/tcp", b"e 70000/tcp", b"f 0x50/tcp",
       b"g +5/t", b"h 9//tcp", b"i  1/tcp", b"j 1/tcp ", b" k 1/tcp", b"l\t1/tcp", b"m 1/tcp\r",
       b"o 1/tcp\x0bx", b"p 1/tcp #c", b"q", b"", b"r 1/tcp a  b", b"s 1 /tcp"]


def line_by_line(lines):
    return raw_service_text([fields for fields in map(raw_fields, lines) if fields is not None])


class InMemory:
    """A services.ServicesDB's file, as bytes."""

    def __init__(self, data):
        self.data = data

    def open_file(self):
        return io.BytesIO(self.data)


def listing(data):
    return b"".join(map(raw_service_text, blocks(InMemory(data))))


@pytest.fixture
def any_block_size(monkeypatch):
    """Blocks of any size may take the common path (large ones only, otherwise)."""
    monkeypatch.setattr(services_blocks, "_COMMON_BYTES", 0)


def test_common_lines_take_the_common_path_and_print_as_parsed(any_block_size):
    found = services_blocks._entries(b"\n".join(COMMON) + b"\n")
    assert isinstance(found, CommonLines)
    assert raw_service_text(found) == line_by_line(COMMON)


@pytest.mark.parametrize("odd", ODD)
def test_one_odd_line_sends_its_block_line_by_line(odd, any_block_size):
    lines = COMMON + [odd] + COMMON
    found = services_blocks._entries(b"\n".join(lines) + b"\n")
    assert not isinstance(found, CommonLines)
    assert raw_service_text(found) == line_by_line(lines)


# Lines near the common shape: mostly single spaces and plain ports, with the
# pieces glibc reads otherwise mixed in.
_BLANK = st.sampled_from([b" "] * 6 + [b"  ", b"\t", b"\r", b""])
_WORD = st.sampled_from([b"a", b"ab", b"\xff", b"a/b", b"80", b"#", b"\0", b"/x"])
_PORT = st.sampled_from([b"0", b"80", b"65535", b"00", b"08", b"080", b"65536", b"99999", b"0x5",
                         b"+1", b"-0", b""])
_PROTOCOL = st.sampled_from([b"/tcp", b"/tcp", b"/", b"//tcp", b"", b"/t/x", b"/#"])


@st.composite
def near_common_line(draw):
    parts = [draw(st.sampled_from([b""] * 6 + [b" "])), draw(_WORD), draw(_BLANK), draw(_PORT),
             draw(_PROTOCOL)]
    for _ in range(draw(st.integers(0, 3))):
        parts += [draw(_BLANK), draw(_WORD)]
    return b"".join(parts) + draw(st.sampled_from([b""] * 6 + [b" ", b"\t"]))


@settings(max_examples=1000, deadline=None)
@given(st.lists(near_common_line(), min_size=1, max_size=3))
def test_any_lines_print_as_parsed(lines):
    """Whatever path a block takes, its text is the line-by-line parse's: each
    line alone (where the common path is likeliest), then all of them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services_blocks, "_COMMON_BYTES", 0)
        for line in lines:
            assert listing(line + b"\n") == line_by_line([line]), line
        assert listing(b"\n".join(lines) + b"\n") == line_by_line(lines)


def test_large_files_stream_across_blocks(monkeypatch):
    monkeypatch.setattr(services_blocks, "BLOCK_BYTES", 64)
    lines = [b"svc%d %d/tcp alias%d" % (n, n, n) for n in range(200)] + [b"x" * 300 + b" 1/t"]
    data = b"\n".join(lines) + b"\nlast 2/udp"  # the last line has no newline
    assert listing(data) == line_by_line(lines) + b"last                  2/udp\n"
