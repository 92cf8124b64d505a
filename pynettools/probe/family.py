"""What differs between IPv4 and IPv6 probing: only these constants."""

import _socket as socket  # the C module: `socket` costs ~15 ms of enum set-up

from pynettools.models import record

Family = record("Family", "af version header_length level ttl_option tos_option "
                          "recverr_option recvttl_option ttl_message mtu_discover_option "
                          "icmp_protocol icmp_origin time_exceeded "
                          "unreachable echo_request echo_reply too_big unreachable_marks "
                          "port_unreachable")

# Socket option numbers from <linux/in.h> and <linux/in6.h>; the socket
# module lacks some of them.
IPV4 = Family(
    af=socket.AF_INET, version=4, header_length=20, level=socket.IPPROTO_IP,
    ttl_option=socket.IP_TTL, tos_option=socket.IP_TOS, recverr_option=11,
    recvttl_option=12, ttl_message=socket.IP_TTL, mtu_discover_option=10,
    icmp_protocol=socket.IPPROTO_ICMP, icmp_origin=2, time_exceeded=11, unreachable=3,
    echo_request=8, echo_reply=0, too_big=None, port_unreachable=3,
    # destination-unreachable code -> mark (port unreachable: the target answered)
    unreachable_marks={0: "!N", 1: "!H", 2: "!P", 3: "", 5: "!S", 6: "!N", 7: "!H", 8: "!N",
                       9: "!X", 10: "!X", 11: "!N", 12: "!H", 13: "!X", 14: "!V", 15: "!C"},
)
IPV6 = Family(
    af=socket.AF_INET6, version=6, header_length=40, level=socket.IPPROTO_IPV6,
    ttl_option=socket.IPV6_UNICAST_HOPS, tos_option=67, recverr_option=25,
    recvttl_option=51, ttl_message=52, mtu_discover_option=23,
    icmp_protocol=socket.IPPROTO_ICMPV6, icmp_origin=3, time_exceeded=3, unreachable=1,
    echo_request=128, echo_reply=129, too_big=2, port_unreachable=4,
    unreachable_marks={0: "!N", 1: "!X", 2: "!S", 3: "!H", 4: ""},
)
FRAGMENTATION_NEEDED = 4  # IPv4 destination-unreachable code
PMTUDISC_DONT, PMTUDISC_PROBE = 0, 3  # PROBE: DF set, the cached path MTU ignored, as traceroute -F


def family_of(af_or_version):
    """The constants for an address family (AF_INET6) or IP version (6)."""
    return IPV6 if af_or_version in (socket.AF_INET6, 6) else IPV4


def classify(family, icmp_type, icmp_code, mtu):
    """(annotation, final) for an ICMP error, as traceroute marks it.

    Time exceeded in transit is the ordinary answer of a router; any other
    error ends the trace, marked unless it is "port unreachable".
    """
    if icmp_type == family.time_exceeded and icmp_code == 0:
        return "", False
    if icmp_type == family.unreachable:
        if family.version == 4 and icmp_code == FRAGMENTATION_NEEDED:
            return "!F-%d" % mtu, True
        return family.unreachable_marks.get(icmp_code, "!<%d>" % icmp_code), True
    if icmp_type == family.too_big:
        return "!F-%d" % mtu, True
    return "!<%d-%d>" % (icmp_type, icmp_code), True


def scoped(address, scope_id):
    """`address` as traceroute prints it: with `%interface` when it has a scope (link-local)."""
    if not scope_id:
        return address
    try:
        return "%s%%%s" % (address, socket.if_indextoname(scope_id))
    except OSError:  # the interface went away: its number, as getnameinfo gives it
        return "%s%%%d" % (address, scope_id)


def split_scope(text):
    """(address, scope id) from an address as `scoped` writes it; scope 0 when it has none."""
    address, _, scope = text.partition("%")
    if not scope:
        return address, 0
    if scope.isdigit():
        return address, int(scope)
    try:
        return address, socket.if_nametoindex(scope)
    except OSError:
        return address, 0


def socket_address(family, text, port, flow_label=0):
    """The socket address for `text` (scope included: link-local targets need it)."""
    if family.version == 4:
        return (text, port)
    address, scope_id = split_scope(text)
    return (address, port, flow_label, scope_id)
