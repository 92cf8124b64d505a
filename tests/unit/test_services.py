"""The services(5) parser and database, on crafted files.

The expectations here were read off getent (glibc 2.36); tests/lab compares
the two directly.
"""

import pytest

from pynettools.errors import ServicesFileError
from pynettools.models import ServiceEntry
from pynettools.services import ServicesDB, parse_line, parse_services, port_of_key


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
