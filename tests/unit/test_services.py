"""The services(5) parser and database, on crafted files.

The expectations here were read off getent (glibc 2.36); tests/lab compares
the two directly.
"""

import pytest
from hypothesis import given, settings, strategies as st

from pynettools.errors import ServicesFileError
from pynettools.models import ServiceEntry
from pynettools.services import (
    ServicesDB, parse_line, parse_services, port_of_key, split_key)


def entry(name, port, protocol, aliases=(), comment=None):
    return ServiceEntry(name, port, protocol, tuple(aliases), comment)


@pytest.mark.parametrize("line, expected", [
    (b"http 80/tcp www # World Wide Web", entry("http", 80, "tcp", ["www"], "World Wide Web")),
    (b"  ssh\t22/tcp\r", entry("ssh", 22, "tcp")),
    (b"o\t8/tcp\x0b\x0cal\r", entry("o", 8, "tcp", ["al"])),
    (b"d 0x10/udp", entry("d", 16, "udp")),
    (b"e 010/udp", entry("e", 8, "udp")),
    (b"f +0x50/t", entry("f", 80, "t")),
    (b"g 70000/tcp", entry("g", 4464, "tcp")),
    (b"j 4294967295/t", entry("j", 65535, "t")),
    (b"z -0/t", entry("z", 0, "t")),
    (b"j 9//tcp/x al1 al2#c", entry("j", 9, "tcp/x", ["al1", "al2"], "c")),
    (b"n 5/", entry("n", 5, "")),
    (b"n 5/ alias", entry("n", 5, "", ["alias"])),
    (b"a 80", entry("a", 80, "")),
    (b"i 85#x", entry("i", 85, "", (), "x")),
    (b"w\xff 7/tcp \xe9", entry("w\udcff", 7, "tcp", ["\udce9"])),
    (b"a 1/tcp x\0y z", entry("a", 1, "tcp", ["x"])),
])
def test_parses_what_glibc_accepts(line, expected):
    assert parse_line(line) == expected


@pytest.mark.parametrize("line", [
    b"", b"   ", b"# comment", b"  # comment", b"http", b"http 80 /tcp", b"e 84\t",
    b"c 82 x y", b"k 87 # c", b"d 83x/tcp", b"h 08", b"f 0x",
    b"http /tcp", b"h 08/tcp", b"i 0x/tcp", b"f -1/tcp", b"l -0x10/t", b"b - 1/t",
    b"c 4294967296/t", b"k 99999999999999999999999/t", b"b\0 2/tcp", b"\0c 3/tcp",
    b"foo#bar 80/tcp", b"m 1e2/t",
])
def test_skips_what_glibc_skips(line):
    assert parse_line(line) is None


def test_last_line_with_leading_blanks_keeps_its_tail():
    # glibc moves the line without its terminator: the tail shows twice.
    assert parse_services(b"a 1/tcp\n  http 80/tcp") == [
        entry("a", 1, "tcp"), entry("http", 80, "tcpcp")]
    assert parse_services(b"  http 80/tcp x")[0].aliases == ("x", "x")
    assert parse_services(b"  http 80/tcp\n")[0].protocol == "tcp"


def test_keeps_file_order_and_duplicates():
    data = b"b 2/udp\na 1/tcp\n\n# c 3/tcp\nb 2/udp\n"
    assert [e.name for e in parse_services(data)] == ["b", "a", "b"]


def test_hostile_bytes_do_not_raise():
    junk = bytes(range(256)) * 400 + b"\n" + b"x" * 100_000 + b" 1/tcp\n"
    entries = parse_services(junk)
    assert entries[-1].name == "x" * 100_000


@pytest.mark.parametrize("text, port", [
    ("80", 80), ("080", 80), ("0", 0), ("65535", 65535), ("65536", None), ("+80", None),
    (" 80", None), ("80 ", None), ("0x50", None), ("", None), ("٣", None), ("-1", None),
])
def test_port_of_key_follows_getent(text, port):
    assert port_of_key(text) == port


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "services"
    path.write_bytes(
        b"http 80/tcp www\nhttp 80/udp\nalt 80/tcp\nkerberos 88/tcp krb5 # Kerberos v5\n"
        b"domain 53/udp\nodd 65616/tcp\nempty 9/ e\n914c-g 211/tcp 914c/g\n")
    return ServicesDB(str(path))


@pytest.mark.parametrize("key, expected", [
    ("http", ("http", "tcp")), ("www", ("http", "tcp")), ("http/udp", ("http", "udp")),
    ("80", ("http", "tcp")), ("080", ("http", "tcp")), ("80/udp", ("http", "udp")),
    ("krb5", ("kerberos", "tcp")), ("53", ("domain", "udp")), ("53/tcp", None),
    ("HTTP", None), ("http/TCP", None), ("http/sctp", None), ("", None), ("80/", None),
    ("/tcp", None), ("http/", None), ("65536", None), ("9/", ("empty", "")),
    ("e/", ("empty", "")), ("914c/g", None), ("914c-g", ("914c-g", "tcp")),
])
def test_lookup_answers_as_getent(db, key, expected):
    found = db.lookup(key)
    assert (None if found is None else (found.name, found.protocol)) == expected


def test_port_lookup_uses_the_truncated_port(db):
    assert db.by_port(80, "tcp").name == "http"
    assert db.by_port(65616 & 0xFFFF, "tcp").name == "http"
    assert db.lookup("65616") is None


def test_protocol_default_applies_only_without_one(db):
    assert db.lookup("http", protocol="udp").protocol == "udp"
    assert db.lookup("http/tcp", protocol="udp").protocol == "tcp"


def test_select_filters(db):
    assert [e.name for e in db.select(protocol="udp")] == ["http", "domain"]
    assert [e.name for e in db.select(ports=(53, 88))] == ["http", "http", "alt", "kerberos",
                                                            "domain", "odd"]
    assert [e.name for e in db.select(containing="KERBEROS V")] == ["kerberos"]
    assert [e.name for e in db.select(containing="ww")] == ["http"]
    assert db.select(protocol="tcp", ports=(1, 60)) == []


def test_default_file_missing_reads_as_empty_like_getent(monkeypatch, tmp_path):
    monkeypatch.setattr("pynettools.services.DEFAULT_PATH", str(tmp_path / "none"))
    assert ServicesDB().entries() == []


def test_named_file_missing_is_an_error(tmp_path):
    with pytest.raises(ServicesFileError, match="No such file or directory"):
        ServicesDB(str(tmp_path / "none")).entries()


# Lines made of the pieces glibc's parser treats specially (as the lab's
# random files), so that the key search meets every quirk.
_BLANK = st.sampled_from([b" ", b"\t", b"  ", b"\x0b", b"\x0c", b"\r", b" \t"])
_WORD = st.sampled_from([b"a", b"ab", b"b", b"tcp", b"http", b"h\xff", b"x-y", b"80", b"a/b"])
_PORT = st.sampled_from([b"80", b"0x50", b"0120", b"08", b"+80", b"-0", b"65616", b"131152",
                         b"4294967295", b"4294967376", b"4294967296", b"0", b"65535", b"22",
                         b"", b"8#0", b"80\0"])
_PROTOCOL = st.sampled_from([b"/tcp", b"/udp", b"//tcp", b"/", b"", b" /tcp", b"/t/x"])
_TAIL = st.sampled_from([b"", b"#", b"# a 80/tcp", b"\0a", b"#a", b" a#"])


@st.composite
def services_file(draw):
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        parts = [draw(st.sampled_from([b"", b" ", b"\t "])), draw(_WORD), draw(_BLANK),
                 draw(_PORT), draw(_PROTOCOL)]
        for _ in range(draw(st.integers(0, 2))):
            parts += [draw(_BLANK), draw(_WORD)]
        lines.append(b"".join(parts) + draw(_TAIL))
    return b"\n".join(lines) + draw(st.sampled_from([b"\n", b""]))


@settings(max_examples=400, deadline=None)
@given(services_file(), st.lists(st.sampled_from(
    ["a", "ab", "b", "tcp", "http", "h\udcff", "x-y", "a/b", "80", "22", "0", "65535", "80/tcp",
     "80/udp", "a/tcp", "a/", "ab/udp", "0/t/x", "http/tcp", "80/", "", "a b", "a#",
     # what glibc's memmove quirk makes of a last line with leading blanks
     "abab", "bb", "aa", "8080", "a/tcpcp", "2222"]),
    min_size=1, max_size=4))
def test_key_search_answers_as_the_whole_parse(data, keys):
    """lookup searches the bytes for the key and parses only lines that may hold
    it; the answer must be the first entry of the whole file's parse."""
    parsed = ServicesDB()
    parsed._data, parsed._entries = data, parse_services(data)
    searched = ServicesDB()
    searched._data = data
    for key in keys:
        expected = _whole_parse_answer(parsed, key)
        assert searched.lookup(key) == expected, key


def _whole_parse_answer(db, key):
    name, protocol = split_key(key)
    port = port_of_key(name)
    if port is not None:
        return db.by_port(port, protocol)
    return db.by_name(name, protocol)


def test_a_key_in_every_line_but_as_a_field_is_still_found_late():
    data = b"".join(b"s%d %d/tcp a%d\n" % (n, n, n) for n in range(2000)) + b"tcp 7/udp\n"
    db = ServicesDB()
    db._data = data
    assert db.lookup("tcp") == entry("tcp", 7, "udp")
    assert db.lookup("udp") is None


def test_keys_that_only_glibc_memmove_quirk_makes_are_found():
    db = ServicesDB()
    db._data = b"a 1/tcp\n q 2/tcp al\0z\n  x 80"
    assert db.lookup("all") == entry("q", 2, "tcp", ["all"])  # the NUL ends that line
    assert db.lookup("8080") == entry("x", 8080, "")  # no newline ends the last one
