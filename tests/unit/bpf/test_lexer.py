"""The scanner cuts expressions as libpcap's flex scanner: longest match,
then the rule written first; keywords are case-sensitive."""

import pytest

from pynettools.bpf.lexer import is_ipv6_form, tokenize


def kinds(text):
    return [(token.kind, token.value) for token in tokenize(text)][:-1]


@pytest.mark.parametrize("text, expected", [
    ("tcp", [("TCP", "tcp")]),
    ("TCP", [("ID", "TCP")]),
    ("ether", [("LINK", "ether")]), ("wlan", [("LINK", "wlan")]),
    ("not", [("!", "not")]), ("and", [("AND", "and")]), ("&&", [("AND", "&&")]),
    ("ip6", [("IPV6", "ip6")]), ("ipx", [("IPX", "ipx")]), ("ip-x", [("ID", "ip-x")]),
    ("10", [("NUM", 10)]), ("0x1F", [("NUM", 31)]), ("010", [("NUM", 8)]), ("0", [("NUM", 0)]),
    ("0x", [("ID", "0x")]),
    ("08", [("LEX_ERROR", "number 08 contains non-octal digit")]),
    ("4294967296", [("LEX_ERROR", "number 4294967296 overflows 32 bits")]),
    ("tcp-syn", [("NUM", 2)]), ("icmp-echo", [("NUM", 8)]), ("icmp-echoreply", [("NUM", 0)]),
    ("icmp6-echo", [("NUM", 128)]), ("tcpflags", [("NUM", 13)]), ("icmp-echox", [("ID", "icmp-echox")]),
    ("1.2", [("HID", "1.2")]), ("192.0.2.1", [("HID", "192.0.2.1")]),
    ("1.2.3.4.5", [("ID", "1.2.3.4.5")]), ("1.0x", [("ID", "1.0x")]),
    ("1.2.3.4.5.6", [("EID", "1.2.3.4.5.6")]),
    ("0:1:2:3:4:5", [("EID", "0:1:2:3:4:5")]), ("00-11-22-33-44-55", [("EID", "00-11-22-33-44-55")]),
    ("0011.2233.4455", [("EID", "0011.2233.4455")]), ("001122334455", [("EID", "001122334455")]),
    ("aa:bb:", [("LEX_ERROR", "bogus ethernet address aa:bb:")]),
    ("::1", [("HID6", "::1")]), ("2001:db8::/32", [("HID6", "2001:db8::"), ("/", "/"), ("NUM", 32)]),
    ("::ffff:1.2.3.4", [("HID6", "::ffff:1.2.3.4")]),
    ("::1.2.3.300", [("LEX_ERROR", "bogus IPv6 address ::1.2.3.300")]),
    ("1::2::3", [("LEX_ERROR", "bogus ethernet address 1::2::"), ("NUM", 3)]),
    ("fe80::1%eth0", [("HID6", "fe80::1"), ("%", "%"), ("ID", "eth0")]),
    ("$1", [("AID", "$1")]), ("\\tcp", [("ID", "tcp")]), ("\\80", [("ID", "80")]),
    ("a-", [("ID", "a"), ("-", "-")]), ("-a", [("-", "-"), ("ID", "a")]),
    ("len>=1", [("LEN", "len"), ("GEQ", ">="), ("NUM", 1)]),
    ("a==b!=c<<d>>e", [("ID", "a"), ("=", "=="), ("ID", "b"), ("NEQ", "!="), ("ID", "c"),
                       ("LSH", "<<"), ("ID", "d"), ("RSH", ">>"), ("ID", "e")]),
    ("1000-2000", [("ID", "1000-2000")]),
    ("@", [("LEX_ERROR", None)]),
    (" \t\r\n", []),
])
def test_tokens(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text, valid", [
    ("::", True), ("::1", True), ("1::", True), ("1:2:3:4:5:6:7:8", True),
    ("1:2:3:4:5:6:7::", True), ("::2:3:4:5:6:7:8", True), ("1:2:3:4:5:6:1.2.3.4", True),
    ("::1.2.3.4", True), ("1:2:3:4:5:6:7", False), ("1:2:3:4:5:6:7:8:9", False),
    (":::", False), ("1::2::3", False), ("12345::", False), ("1.2.3.4::", False)])
def test_ipv6_shapes(text, valid):
    assert is_ipv6_form(text) == valid
