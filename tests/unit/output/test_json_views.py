"""The JSON objects of the records: the values the text shows, for scripts."""

from pynettools.models import MplsLabel, Trace, TraceHop, TraceProbe
from pynettools.netinfo.records import Hardware, Interface, Ipv4Route
from pynettools.output.jsonout import json_line, tagged
from pynettools.output.netstat_interfaces import interface_objects
from pynettools.output.netstat_route import flag_names, ipv4_route_objects
from pynettools.output.netstat_sockets import internet_objects, shown_name, timer_text
from pynettools.output.traceroute import hop_line, hop_object, trace_object
from pynettools.sockets.names import Names
from pynettools.sockets.records import InternetSocket, SocketTimer
from tests.jsoncheck import assert_valid

ROUTER = TraceProbe("192.0.2.2", "r1.lab", 0.11420249938964844, 11, 0, "", False, None, None,
                    (MplsLabel(16, 0, 1, 1),), None)
TARGET = TraceProbe("192.0.2.7", None, 1.0005, 3, 3, "", True, None, None, (), None)
SILENT = TraceProbe(None, None, None, None, None, "", False, None, None, (), None)
TRACE = Trace("host", "192.0.2.7", 4, "udp", 33434, 1, 30, 3, 60, None)


def test_hop_object_rounds_round_trips_as_the_text():
    hop = TraceHop(1, (ROUTER, SILENT))
    probes = hop_object(hop)["probes"]
    assert probes[0]["rtt"] == 0.114 and "0.114 ms" in hop_line(hop)
    assert probes[0]["mpls"] == [{"label": 16, "exp": 0, "bottom": 1, "ttl": 1}]
    assert probes[1]["rtt"] is None


def test_trace_objects_say_whether_the_target_answered():
    hops = [TraceHop(1, (ROUTER,)), TraceHop(2, (SILENT, TARGET))]
    end = trace_object("end", TRACE, hops)
    assert (end["type"], end["reached"], "hops" in end) == ("end", True, False)
    assert trace_object("end", TRACE, hops[:1])["reached"] is False
    whole = trace_object("trace", TRACE, hops)
    assert [hop["ttl"] for hop in whole["hops"]] == [1, 2]
    lines = [json_line(tagged("pytraceroute", {"type": "hop", **hop_object(hop)}))
             for hop in hops]
    lines += [json_line(tagged("pytraceroute", end)), json_line(tagged("pytraceroute", whole))]
    assert len(assert_valid("pytraceroute", "".join(lines))) == 4


def test_sockets_carry_names_beside_numbers_and_timers_in_seconds():
    sock = InternetSocket("tcp", "inet", 0, 0, "127.0.0.1", 7, "0.0.0.0", 0, "ESTABLISHED",
                          0, 1234, SocketTimer(2, 719057, 0, 1), None)
    numeric, = internet_objects([sock], Names(True, True, True))
    assert (numeric["local_host"], numeric["local_service"], numeric["user"]) == (None, None, None)
    assert numeric["timer"] == {"name": "keepalive", "seconds": 7190.57, "retransmits": 0,
                                "timeouts": 1}
    assert "keepalive (7190.57/0/1)" == timer_text(sock)
    assert numeric["remote_host"] is None and numeric["remote_service"] is None
    assert_valid("pynetstat", json_line(tagged("pynetstat", {"internet": [numeric]})))


def test_shown_name_is_none_where_the_text_shows_the_number():
    assert shown_name("localhost", "127.0.0.1") == "localhost"
    for shown, number in (("127.0.0.1", "127.0.0.1"), ("*", "0"), ("[::]", "::"),
                          ("192.0.2.1", "::ffff:192.0.2.1"), ("22", "22")):
        assert shown_name(shown, number) is None


def test_flags_by_name_and_hardware_addresses_at_their_length():
    assert flag_names(0x0003) == ["UP", "GATEWAY"]
    assert flag_names(0x0400 | 0x0200) == ["REJECT", "0x400"]
    ether = Interface("eth0", 0x1043, 1500, None, None, (),
                      Hardware(1, ":".join(["02", "fc", "00", "00", "00", "01"] + ["00"] * 10)),
                      1000, None)
    loop = ether._replace(name="lo", flags=0x49, hardware=Hardware(772, ":".join(["00"] * 16)))
    first, second = interface_objects([ether, loop])
    assert first["flags"] == ["UP", "BROADCAST", "RUNNING", "MULTICAST"]
    assert first["hardware"] == {"type": 1, "name": "ether", "address": "02:fc:00:00:00:01"}
    assert second["hardware"] == {"type": 772, "name": "loop", "address": None}
    route = Ipv4Route("eth0", "0.0.0.0", "192.0.2.1", "0.0.0.0", 3, 0, 0, 0, 0, 0, 0)

    class Numeric:
        def ipv4_destination(self, address, mask, host):
            return "default" if address == "0.0.0.0" else address

        def ipv4_host(self, address):
            return address

    route_object, = ipv4_route_objects([route], Numeric())
    assert (route_object["destination_name"], route_object["gateway_name"]) == ("default", None)
    assert route_object["flags"] == ["UP", "GATEWAY"]
    document = {"interfaces": [first, second]}
    assert_valid("pynetstat", json_line(tagged("pynetstat", document)))
    routes = {"tables": [{"family": "inet", "cache": False, "routes": [route_object]}]}
    assert_valid("pynetstat", json_line(tagged("pynetstat", routes)))
