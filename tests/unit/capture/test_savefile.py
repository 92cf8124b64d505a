"""Savefiles read and written as libpcap does (the lab compares with tcpdump itself)."""

import io
import struct

import pytest

from pynettools.capture.packet import Packet
from pynettools.capture.savefile import PcapWriter, open_savefile
from pynettools.errors import CaptureFileError


def pcap(records, magic=0xA1B2C3D4, snaplen=262144, linktype=1, order="<"):
    data = struct.pack(order + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)
    for seconds, fraction, body, wire in records:
        data += struct.pack(order + "IIII", seconds, fraction, len(body), wire) + body
    return data


def read_all(data):
    reader = open_savefile(io.BytesIO(data))
    return reader, list(reader)


@pytest.mark.parametrize("order", ["<", ">"])
def test_both_byte_orders_and_precisions(order):
    reader, packets = read_all(pcap([(1, 2, b"abc", 60)], order=order))
    assert (reader.linktype, reader.snaplen, reader.nanosecond) == (1, 262144, False)
    assert packets == [Packet(1_000_002_000, 60, b"abc", 1)]
    reader, packets = read_all(pcap([(1, 2, b"abc", 60)], magic=0xA1B23C4D, order=order))
    assert reader.nanosecond and packets[0].timestamp_ns == 1_000_000_002


def test_written_files_read_back():
    stream = io.BytesIO()
    writer = PcapWriter(stream, 276, 262144, nanosecond=True)
    packets = [Packet(5_123_456_789, 100, b"x" * 40, 276), Packet(6_000_000_001, 2, b"yz", 276)]
    for packet in packets:
        writer.write(packet)
    reader, found = read_all(stream.getvalue())
    assert (reader.linktype, found) == (276, packets)


def test_snapshot_length_rules():
    reader, packets = read_all(pcap([(1, 2, b"y" * 150, 150)], snaplen=100))
    assert (reader.snaplen, len(packets[0].data)) == (100, 100)  # cut to the snapshot length
    assert read_all(pcap([], snaplen=0))[0].snaplen == 262144
    modified = struct.pack("<IHHiIII", 0xA1B2CD34, 2, 4, 0, 0, 100, 1) + \
        struct.pack("<IIIIIHBB", 1, 2, 3, 3, 0, 0, 0, 0) + b"abc"
    reader, packets = read_all(modified)
    assert (reader.snaplen, packets[0].data) == (114, b"abc")


@pytest.mark.parametrize("data, reason", [
    (b"", "truncated dump file; tried to read 4 file header bytes, only got 0"),
    (b"not a capture file", "unknown file format"),
    (struct.pack("<IHHiIII", 0xA1B2C3D4, 3, 4, 0, 0, 0, 1), "unsupported pcap savefile version 3.4"),
])
def test_files_that_cannot_be_opened(data, reason):
    with pytest.raises(CaptureFileError) as raised:
        open_savefile(io.BytesIO(data))
    assert raised.value.reason == reason


@pytest.mark.parametrize("cut, reason", [
    (5, "truncated dump file; tried to read 16 header bytes, only got 5"),
    (16 + 5, "truncated dump file; tried to read 20 captured bytes, only got 5"),
])
def test_truncated_records(cut, reason):
    data = pcap([(1, 2, b"z" * 20, 20)])
    with pytest.raises(CaptureFileError) as raised:
        read_all(data[:24 + cut])
    assert raised.value.reason == reason
    with pytest.raises(CaptureFileError, match="bigger than snaplen of 262144"):
        read_all(pcap([])[:24] + struct.pack("<IIII", 1, 2, 300000, 300000))


def block(kind, body):
    return struct.pack("<II", kind, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))


def pcapng(*blocks):
    return block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)) + b"".join(blocks)


def interface(linktype, options=b""):
    return block(1, struct.pack("<HHI", linktype, 0, 0) + options)


def enhanced(number, units, data):
    return block(6, struct.pack("<IIIII", number, units >> 32, units & 0xFFFFFFFF, len(data),
                                len(data)) + data + b"\0" * (-len(data) % 4))


def test_pcapng_interfaces_and_resolutions():
    nanosecond = struct.pack("<HH", 9, 1) + b"\x09\0\0\0" + struct.pack("<HH", 0, 0)
    reader, packets = read_all(pcapng(interface(1), interface(1, nanosecond),
                                      enhanced(0, 1_000_002, b"ab"), enhanced(1, 7, b"cde")))
    assert (reader.linktype, reader.snaplen) == (1, 262144)
    assert packets == [Packet(1_000_002_000, 2, b"ab", 1, 0), Packet(7, 3, b"cde", 1, 1)]


@pytest.mark.parametrize("blocks, reason", [
    ((interface(1), interface(276), enhanced(0, 1, b"x")),
     "an interface has a type 276 different from the type of the first interface"),
    ((enhanced(0, 1, b"x"),),
     "the capture file has a packet block before any Interface Description Blocks"),
])
def test_pcapng_refusals(blocks, reason):
    with pytest.raises(CaptureFileError) as raised:
        read_all(pcapng(*blocks))
    assert raised.value.reason == reason
