"""The text rules of netstat's socket lines that a namespace rarely shows."""

from pynettools.sockets.records import InternetSocket, SocketOwner, SocketTimer
from pynettools.output import netstat_sockets as text
from pynettools.sockets.names import Names, without_mapping


def test_endpoints_are_cut_to_22_characters_keeping_the_port():
    assert text.endpoint("2001:db8:1:2:3:4:5:6", "40001", False) == "2001:db8:1:2:3:4:" + ":40001"
    assert text.endpoint("2001:db8:1:2:3:4:5:6", "40001", True) == "2001:db8:1:2:3:4:5:6:40001"
    assert text.endpoint("10.0.0.1", "*", False) == "10.0.0.1:*"


def test_long_service_names_keep_18_characters():
    assert text.endpoint("192.0.2.1", "a-very-long-service-name", False) == (
        "192.:a-very-long-servic")
    names = Names(numeric_hosts=True)
    names._ports = {(9, "tcp"): "a-very-long-service-name"}
    line, = text.internet_lines([sock("tcp", (0, 0, 0, 0))._replace(local_port=9)], names,
                                text.Layout())
    assert line.split()[3] == "0.0.:a-very-long-servic"


def test_owner_is_cut_to_19_bytes_even_inside_a_character():
    assert text.owner_text(SocketOwner(12345, "abcdefghijklmnop")) == "12345/abcdefghijklm"
    cut = text.owner_text(SocketOwner(1, "\u00e9" * 20))
    assert text.encode(cut) == ("1/" + "\u00e9" * 8).encode() + b"\xc3"
    assert text.owner_text(None) == "-"


def sock(protocol, timer):
    return InternetSocket(protocol, "inet", 0, 0, "0.0.0.0", 1, "0.0.0.0", 0, "", 0, 0,
                          SocketTimer(*timer), None)


def test_timer_texts_per_protocol():
    assert text.timer_text(sock("tcp", (0, 0, 3, 1))) == "off (0.00/3/1)"
    assert text.timer_text(sock("tcp6", (1, 20, 2, 0))) == "on (0.20/2/0)"
    assert text.timer_text(sock("tcp", (2, 719995, 0, 0))) == "keepalive (7199.95/0/0)"
    assert text.timer_text(sock("tcp", (9, 5, 0, 0))) == "unkn-9 (0.05/0/0)"
    assert text.timer_text(sock("udp", (2, 100, 0, 0))) == "on2 (1.00/0/0)"
    assert text.timer_text(sock("raw6", (3, 100, 0, 0))) == "unkn-3 (1.00/0/0)"


def test_paths_stop_at_c_blanks_and_mapped_addresses_lose_their_prefix():
    assert text.first_word("/tmp/with space") == "/tmp/with"
    assert text.first_word("\t/x\vy") == "/x"
    assert text.first_word("") == ""
    assert without_mapping("::ffff:127.0.0.1") == "127.0.0.1"
    assert without_mapping("localhost") == "localhost"
    assert without_mapping("host.example") == "host.example"
