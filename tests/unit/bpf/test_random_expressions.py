"""Random combinations of primitives (hypothesis), compared with tcpdump:
the program it prints, and the packets it selects from the crafted corpus;
and random token strings, compared with what tcpdump says about them."""

import pathlib

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.data import make_bpf_pcaps
from tests.data.bpf_corpus import FILE_NAMES, LINKTYPES
from tests.unit.bpf.oracle import (needs_tcpdump, our_program, our_selection, read_packets,
                                   tcpdump_program, tcpdump_selection)

PRIMITIVES = [
    "host 192.0.2.1", "src host 192.0.2.2", "dst host 198.51.100.7", "host 2001:db8::1",
    "net 192.0.2.0/24", "net 10", "src net 198.51.100.0 mask 255.255.255.0",
    "ip6 net 2001:db8::/32", "port 80", "tcp port 80", "udp port 53", "src port 40000",
    "tcp dst port 443", "portrange 1000-2000", "udp portrange 5-60", "ip", "ip6", "arp",
    "rarp", "tcp", "udp", "icmp", "icmp6", "sctp", "igmp", "ether host 02:00:00:00:00:0a",
    "ether src 00:11:22:33:44:55", "ether dst ff:ff:ff:ff:ff:ff", "ether proto 0x800",
    "ether proto \\arp", "vlan", "vlan 10", "vlan 20", "greater 100", "less 60", "ip[8] < 5",
    "tcp[13] & 2 != 0", "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0", "icmp[icmptype] == icmp-echo",
    "ip[2:2] > 100", "len > 64", "ether broadcast", "ether multicast", "ip multicast",
    "ip6 multicast", "proto 17", "ip proto 6", "ip6 proto 17", "mpls", "pppoes", "llc",
    "ip[0] & 0xf != 5", "udp[0:2] = 53", "ip6[6] = 6", "icmp6[icmp6type] = icmp6-echo",
    "len - 14 > 100", "arp[7] = 1", "ether[12:2] = 0x86dd", "tcp[0:2] > 1023",
    "port 22 or 23", "host 192.0.2.1 or 192.0.2.9", "src 192.0.2.1", "dst 2001:db8::2",
    "ip src 192.0.2.3", "ip6 dst host ::1", "iso", "stp", "ipx", "atalk", "pppoed",
    "ether[0] & 1 = 0", "len = 60", "tcp src portrange 1-1024", "1 = 1",
]
_BINARY = st.sampled_from([" and ", " or ", " && ", " || "])
expressions = st.recursive(
    st.sampled_from(PRIMITIVES),
    lambda inner: st.one_of(
        st.builds(lambda e: "not " + e, inner),
        st.builds(lambda e: "(" + e + ")", inner),
        st.builds(lambda a, op, b: a + op + b, inner, _BINARY, inner)),
    max_leaves=8)
_FILES = [pathlib.Path(make_bpf_pcaps.PCAP_DIR) / (FILE_NAMES[linktype] + ".pcap")
          for linktype in LINKTYPES]
_PACKETS = {}
TOKENS = ["host", "net", "port", "portrange", "src", "dst", "tcp", "udp", "ip", "ip6", "ether",
          "proto", "and", "or", "not", "(", ")", "[", "]", ":", "=", "!=", "<", ">", "+", "-",
          "*", "&", "|", "^", "%", "<<", "len", "vlan", "mask", "80", "99999", "0x800", "08",
          "192.0.2.1", "10.1", "2001:db8::1", "02:00:00:00:00:0a", "/24", "icmp-echo",
          "tcpflags", "greater", "less", "broadcast", "gateway", "byte",
          "!", "&&", "||", "@"]


def _packets(path):
    if path not in _PACKETS:
        _PACKETS[path] = read_packets(path)
    return _PACKETS[path]


@needs_tcpdump
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions, st.sampled_from(LINKTYPES), st.booleans())
def test_random_programs_are_tcpdumps(expression, linktype, optimize):
    assert our_program(expression, linktype, optimize) == \
        tcpdump_program(expression, linktype, optimize)


@needs_tcpdump
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions, st.sampled_from(_FILES))
def test_random_selections_are_tcpdumps(expression, path):
    assert our_selection(path, expression, packets=_packets(path)) == \
        tcpdump_selection(path, expression, packets=_packets(path))


@needs_tcpdump
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=7))
def test_random_token_strings_fail_as_in_tcpdump(tokens):
    expression = " ".join(tokens)
    assert our_program(expression) == tcpdump_program(expression)
