"""Text and JSON formatters read the same records."""

import json

from pynettools.models import ListeningSocket, ServiceEntry, ServiceLookup
from pynettools.output.jsonout import dumps
from pynettools.output.services import listening_lines, service_line

HTTP = ServiceEntry("http", 80, "tcp", ("www",), "World Wide Web")


def test_service_line_pads_the_name_to_21_bytes_like_getent():
    assert service_line(HTTP) == "http                  80/tcp www"
    # printf counts bytes: a two-byte character takes two columns of padding.
    assert service_line(ServiceEntry("caf\u00e9", 1, "t", (), None)) == "caf\u00e9" + " " * 16 + " 1/t"
    long_name = ServiceEntry("n" * 30, 1, "t", (), None)
    assert service_line(long_name) == "n" * 30 + " 1/t"


def test_json_carries_every_field_of_the_records():
    document = {"lookups": [ServiceLookup("http", HTTP), ServiceLookup("nope", None)]}
    assert json.loads(dumps(document)) == {"lookups": [
        {"key": "http", "entry": {"name": "http", "port": 80, "protocol": "tcp",
                                  "aliases": ["www"], "comment": "World Wide Web"}},
        {"key": "nope", "entry": None}]}


def test_json_is_ascii_even_for_undecodable_bytes():
    text = dumps([ServiceEntry("w\udcff", 1, "t", (), None)])
    assert text.isascii() and "\\udcff" in text


def test_listening_lines_show_owner_or_dash():
    sockets = [ListeningSocket("tcp", "inet", "0.0.0.0", 80, 7, "httpd", HTTP),
               ListeningSocket("udp", "inet6", "::", 9999, None, None, None)]
    header, first, second = listening_lines(sockets)
    assert header.startswith("Proto Local Address")
    assert first.split() == ["tcp", "0.0.0.0", "80", "http", "7/httpd"]
    assert second.split() == ["udp", "::", "9999", "-", "-"]
