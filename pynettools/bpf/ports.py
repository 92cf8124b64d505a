"""`port` and `portrange`, over IPv6 first and then IPv4, as libpcap does.

Without a protocol a port is tested for SCTP, TCP and UDP.  On IPv4 the port
is read after the IP header's own length, and only in a packet that is not a
fragment other than the first; on IPv6 the next header must be the protocol
itself (no extension header is walked) and the port sits right after the
40-byte header.
"""

import pynettools.bpf.opcodes as opcodes
import pynettools.bpf.tables as tables
from pynettools.bpf.blocks import gen_and, gen_or
from pynettools.bpf.hosts import by_direction
from pynettools.bpf.linklayer import OR_LINKPL, OR_TRAN_IPV4, OR_TRAN_IPV6

_PROTOCOLS = {"UDP": tables.IPPROTO_UDP, "TCP": tables.IPPROTO_TCP,
              "SCTP": tables.IPPROTO_SCTP, tables.Q_DEFAULT: tables.PROTO_UNDEF}
_NAMES = {tables.IPPROTO_TCP: "tcp", tables.IPPROTO_UDP: "udp", tables.IPPROTO_SCTP: "sctp"}


def ip_protocol(compiler, proto, what):
    """The IP protocol a `port`/`portrange` qualifier stands for."""
    if proto not in _PROTOCOLS:
        compiler.error("illegal qualifier of '%s'" % what)
    return _PROTOCOLS[proto]


def named_protocol(compiler, proto, found, name, what):
    """The protocol to test for a port found by name: the qualifier's, which
    must not contradict what the services database says."""
    wanted = _PROTOCOLS[proto]
    if wanted == tables.PROTO_UNDEF:
        return found
    if found not in (tables.PROTO_UNDEF, wanted):
        compiler.error("%s '%s' is %s" % (what, name, _NAMES[found]))
    return wanted


def check_port(compiler, number):
    if number < 0:
        compiler.error("illegal port number %d < 0" % number)
    if number > 65535:
        compiler.error("illegal port number %d > 65535" % number)


def _atom(compiler, offrel, offset, low, high):
    if high is None:
        return compiler.cmp(offrel, offset, opcodes.H, low)
    if low > high:
        low, high = high, low
    first = compiler.cmp_ge(offrel, offset, opcodes.H, low)
    second = compiler.cmp_le(offrel, offset, opcodes.H, high)
    gen_and(first, second)
    return second


def _portop(compiler, low, high, protocol, direction, ipv6):
    if ipv6:
        first = compiler.cmp(OR_LINKPL, 6, opcodes.B, protocol)
        offrel = OR_TRAN_IPV6
    else:
        proto_test = compiler.cmp(OR_LINKPL, 9, opcodes.B, protocol)
        first = compiler.ipfrag()
        gen_and(proto_test, first)
        offrel = OR_TRAN_IPV4
    second = by_direction(compiler, direction,
                          lambda: _atom(compiler, offrel, 0, low, high),
                          lambda: _atom(compiler, offrel, 2, low, high), "ports")
    gen_and(first, second)
    return second


def _port(compiler, low, high, protocol, direction, ipv6):
    first = compiler.linktype_test(tables.ETHERTYPE_IPV6 if ipv6 else tables.ETHERTYPE_IP)
    if protocol == tables.PROTO_UNDEF:
        tcp = _portop(compiler, low, high, tables.IPPROTO_TCP, direction, ipv6)
        second = _portop(compiler, low, high, tables.IPPROTO_UDP, direction, ipv6)
        gen_or(tcp, second)
        gen_or(_portop(compiler, low, high, tables.IPPROTO_SCTP, direction, ipv6), second)
    else:
        second = _portop(compiler, low, high, protocol, direction, ipv6)
    gen_and(first, second)
    return second


def port(compiler, number, protocol, direction, high=None):
    """A port (or, with `high`, a range) over IPv4 or IPv6: the IPv6 test comes first."""
    ipv4 = _port(compiler, number, high, protocol, direction, ipv6=False)
    gen_or(_port(compiler, number, high, protocol, direction, ipv6=True), ipv4)
    return ipv4
