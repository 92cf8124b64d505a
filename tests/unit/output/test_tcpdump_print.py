"""pytcpdump's printer without tcpdump beside it: lines checked against tcpdump's
(recorded from tcpdump 4.99.3 for these packets), the state kept between
packets, names from a given resolver and services file, the raw dumps, and the
JSON records of the whole corpus against the schema.  tests/lab/
test_pytcpdump_print.py compares the corpus with the running tcpdump."""

import pytest

from pynettools.capture.packet import Packet
from pynettools.capture.savefile import open_savefile
from pynettools.output import tcpdump_hex
from pynettools.output.jsonout import json_line
from pynettools.output.tcpdump import Printer, PrintOptions
from pynettools.output.tcpdump_notes import MANUAL_NOTES
from pynettools.services import ServicesDB
from tests.data import crafted
from tests.jsoncheck import assert_valid
from tests.tcpdump_corpus import all_files, print_options

A, B = "192.0.2.1", "198.51.100.2"
ETHERNET = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
START = 1_700_000_000_123_456_000  # 2023-11-14 22:13:20.123456 UTC
pytestmark = pytest.mark.usefixtures("utc")


def segment(sport, dport, seq, ack, flags, payload=b"", source=A, destination=B):
    data = crafted.tcp(sport, dport, seq, ack, flags, payload=payload)
    data = crafted.with_checksum(data, crafted._pseudo4(source, destination, 6, len(data)), 16)
    return ETHERNET + crafted.ipv4(source, destination, 6, data)


def conversation():
    """A handshake and a data segment, 1.5 ms apart."""
    frames = [segment(40000, 9, 1000, 0, crafted.SYN),
              segment(9, 40000, 5000, 1001, crafted.SYN | crafted.ACK, source=B, destination=A),
              segment(40000, 9, 1001, 5001, crafted.ACK),
              segment(40000, 9, 1001, 5001, crafted.ACK | crafted.PSH, b"hello"),
              segment(9, 40000, 5001, 1006, crafted.ACK, source=B, destination=A)]
    return [Packet(START + index * 1_500_000, len(frame), frame, 1)
            for index, frame in enumerate(frames)]


def lines(argv, packets=None, **extra):
    printer = Printer(print_options(argv, **extra))
    return "".join(printer.text(packet) for packet in packets or conversation()).splitlines()


HANDSHAKE = [
    "IP 192.0.2.1.40000 > 198.51.100.2.9: Flags [S], seq 1000, win 8192, length 0",
    "IP 198.51.100.2.9 > 192.0.2.1.40000: Flags [S.], seq 5000, ack 1001, win 8192, length 0",
    "IP 192.0.2.1.40000 > 198.51.100.2.9: Flags [.], ack 1, win 8192, length 0",
    "IP 192.0.2.1.40000 > 198.51.100.2.9: Flags [P.], seq 1:6, ack 1, win 8192, length 5",
    "IP 198.51.100.2.9 > 192.0.2.1.40000: Flags [.], ack 6, win 8192, length 0"]


def test_sequence_numbers_are_relative_after_the_handshake():
    assert lines(["-nn"]) == ["22:13:20.%06d %s" % (123456 + 1500 * index, line)
                              for index, line in enumerate(HANDSHAKE)]


def test_dash_s_keeps_them_absolute():
    assert lines(["-nn", "-S", "-t"])[2:4] == [
        "IP 192.0.2.1.40000 > 198.51.100.2.9: Flags [.], ack 5001, win 8192, length 0",
        "IP 192.0.2.1.40000 > 198.51.100.2.9: Flags [P.], seq 1001:1006, ack 5001, win 8192, "
        "length 5"]


def test_verbose_shows_the_ip_header_and_checks_the_checksum():
    assert lines(["-nn", "-v", "-t"])[:2] == [
        "IP (tos 0x0, ttl 64, id 4660, offset 0, flags [none], proto TCP (6), length 40)",
        "    192.0.2.1.40000 > 198.51.100.2.9: Flags [S], cksum 0x037a (correct), seq 1000, "
        "win 8192, length 0"]


@pytest.mark.parametrize("argv, first, second", [
    (["-ttt"], " 00:00:00.000000 ", " 00:00:00.001500 "),
    (["-ttttt"], " 00:00:00.000000 ", " 00:00:00.001500 "),
    (["-tt"], "1700000000.123456 ", "1700000000.124956 "),
    (["-tttt"], "2023-11-14 22:13:20.123456 ", "2023-11-14 22:13:20.124956 "),
    (["-t"], "", ""),
    (["-#", "-t"], "    1  ", "    2  ")])
def test_time_stamps_and_numbers(argv, first, second):
    printed = lines(["-nn"] + argv)
    assert printed[0] == first + HANDSHAKE[0] and printed[1] == second + HANDSHAKE[1]


def test_deltas_before_the_previous_packet_are_negative_and_drop_days():
    frame = conversation()[0].data
    stamps = [10 ** 12, 10 ** 12 - 500_000_000, 10 ** 12 + (2 * 86400 + 3723) * 10 ** 9]
    packets = [Packet(stamp, len(frame), frame, 1) for stamp in stamps]
    assert [line[:17] for line in lines(["-nn", "-ttt"], packets)] == [
        " 00:00:00.000000 ", "-00:00:00.500000 ", " 01:02:03.500000 "]


def test_quiet():
    assert lines(["-nn", "-q", "-t"])[3] == "IP 192.0.2.1.40000 > 198.51.100.2.9: tcp 5"


def test_names_come_from_the_resolver_and_services_given(tmp_path):
    services = tmp_path / "services"
    services.write_text("sink 9/tcp\nsink2 9/tcp\n")
    table = {bytes([192, 0, 2, 1]): "client.example"}
    printed = lines(["-t"], resolver=table.get, services=ServicesDB(str(services)))
    assert printed[0] == "IP client.example.40000 > 198.51.100.2.sink: Flags [S], seq 1000, " \
        "win 8192, length 0"


def test_any_n_prints_numbers_only():
    printed = lines(["-n", "-t"], resolver=lambda address: "never.example")
    assert printed[0] == HANDSHAKE[0]


def test_cut_short_by_the_snapshot_length():
    packet = conversation()[0]
    short = Packet(packet.timestamp_ns, packet.wire_length, packet.data[:40], 1)
    assert lines(["-nn", "-t"], [short]) == ["IP 192.0.2.1.40000 > 198.51.100.2.9:  [|tcp]"]


def test_headers_tcpdump_does_not_believe_and_link_types_it_cannot_print():
    data = conversation()[0].data
    assert lines(["-t"], [Packet(START, 10, data, 1)]) == ["[Invalid header: len(10) < caplen(54)]"]
    assert lines(["-t"], [Packet(START, 0, b"", 1)]) == ["[Invalid header: caplen==0, len==0]"]
    assert lines(["-t"], [Packet(START, 4, b"\x00\x01\x02\x03", 147)]) == [
        "UNSUPPORTED", "\t0x0000:  0001 0203                                ...."]


def test_raw_dumps():
    data = bytes(range(0x41, 0x41 + 18))
    assert tcpdump_hex.hex_only(data) == \
        "\n\t0x0000:  4142 4344 4546 4748 494a 4b4c 4d4e 4f50\n\t0x0010:  5152"
    assert tcpdump_hex.hex_ascii(b"E\x00 a") == \
        "\n\t0x0000:  4500 2061" + " " * 30 + "  E..a"
    # -A: a CR shows as a dot, except before a newline or as one of the last two bytes
    assert tcpdump_hex.ascii_only(b"a\rb\r\nc\x01\r") == "\na.b\nc."


def test_link_header_in_dumps_only_with_doubled_letters():
    packet = conversation()[0]
    assert lines(["-nn", "-t", "-x"], [packet])[1].startswith("\t0x0000:  4500 0028")
    assert lines(["-nn", "-t", "-xx"], [packet])[1].startswith("\t0x0000:  0200 0000 0002")


@pytest.mark.parametrize("path", all_files(), ids=lambda path: path.stem)
def test_records_follow_the_schema(path):
    printer = Printer(PrintOptions())
    with open(path, "rb") as stream:
        text = "".join(json_line(printer.record(packet)) for packet in open_savefile(stream))
    records = assert_valid("pytcpdump", text)
    assert all(record["layers"] for record in records)


def test_record_of_a_segment():
    record = Printer().record(conversation()[3])
    assert [layer["protocol"] for layer in record["layers"]] == ["ethernet", "ipv4", "tcp"]
    tcp = record["layers"][2]
    assert (tcp["seq"], tcp["ack"], tcp["flags"], tcp["payload_length"], tcp["checksum_valid"]) \
        == (1001, 5001, ["PSH", "ACK"], 5, True)
    assert record["time"] == "2023-11-14T22:13:20.127956000Z"


def test_manual_notes_name_what_is_not_decoded():
    for word in ("NTP", "DHCP", "SNMP", "UNSUPPORTED", "ip-proto-N", "dnspython"):
        assert word in MANUAL_NOTES
