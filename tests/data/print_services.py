"""Crafted packets of the services on well-known ports that the printer
decodes: NTP (UDP 123: time messages of every mode and stratum, with and
without a key and digest, control messages), syslog (UDP 514: every facility
and severity, and prefixes tcpdump refuses) and SSH's identification line
(TCP 22), for tests that print them beside tcpdump.  `FRAMES` are Ethernet
frames; `CUT_POINTS` the snapshot lengths that cut them inside each part."""

import struct

from tests.data import bpf_frames as frames
from tests.data.crafted import _pseudo4, _pseudo6, ipv4, ipv6, udp, with_checksum
from tests.data.print_protocols import A4, A6, B4, B6, _segment

NTP, SYSLOG, SSH = 123, 514, 22
# 2024-01-01T00:00:00Z in NTP's seconds, and one before 1970
NEW_YEAR, EARLY = 3913056000, 1000


def _datagram(sport, dport, payload, version=4):
    if version == 6:
        datagram = with_checksum(udp(sport, dport, payload),
                                 _pseudo6(A6, B6, 17, 8 + len(payload)), 6)
        return frames.ether(ipv6(A6, B6, 17, datagram), 0x86DD)
    datagram = with_checksum(udp(sport, dport, payload), _pseudo4(A4, B4, 17, 8 + len(payload)),
                             6)
    return frames.ether(ipv4(A4, B4, 17, datagram))


def _time_message(status, stratum=2, poll=6, precision=-20, delay=0x00010000,
                  dispersion=0x00008000, reference=b"\xc0\x00\x02\x01",
                  stamps=((0, 0), (0, 0), (0, 0), (NEW_YEAR, 0x80000000)), extra=b""):
    header = struct.pack("!BBbbII4s", status, stratum, poll, precision, delay, dispersion,
                         reference)
    return header + b"".join(struct.pack("!II", *stamp) for stamp in stamps) + extra


def _ntp_messages():
    answered = ((NEW_YEAR - 10, 0x40000000), (NEW_YEAR, 0x80000000),
                (NEW_YEAR, 0x90000000), (NEW_YEAR + 1, 0x10000000))
    earlier = ((EARLY, 0), (NEW_YEAR + 5, 0x20000000), (NEW_YEAR + 2, 0x30000000),
               (NEW_YEAR, 0x10000000))
    equal = ((0, 0), (NEW_YEAR, 5), (NEW_YEAR, 5), (NEW_YEAR, 4))
    messages = [
        _time_message(0x23, stratum=0, reference=bytes(4)),
        _time_message(0x24, stamps=answered),
        _time_message(0x1C, stratum=1, poll=-3, precision=-29, reference=b"GPS\x00"),
        _time_message(0xE5, stratum=16, poll=40, stamps=earlier),
        _time_message(0x61, stratum=62, stamps=equal),
        _time_message(0x62, stratum=63, poll=-40),
        _time_message(0x23, extra=struct.pack("!I", 7)),
        _time_message(0x23, extra=struct.pack("!I", 7) + bytes(range(16))),
        _time_message(0x23, extra=struct.pack("!I", 7) + bytes(range(20))),
        _time_message(0x23, extra=b"\x01" * 12),
        _time_message(0x23)[:40],  # shorter than a time message
        struct.pack("!BBHHHHH", 0x16, 0x02, 1, 0, 0, 0, 0),
        struct.pack("!BBHHHHH", 0x16, 0xE1, 0x1234, 0x0615, 3, 8, 4) + b"abcd",
        struct.pack("!BBHHHHH", 0x16, 0x42, 9, 0, 0, 0, 40) + b"short",
        struct.pack("!BBHH", 0x16, 0x01, 1, 0),  # shorter than a control message
        _time_message(0x27),  # mode 7: nothing after the leap indicator
        b"\x23",
    ]
    packets = [_datagram(40000, NTP, message) for message in messages]
    return packets + [_datagram(NTP, NTP, messages[1], version=6)]


def _syslog_messages():
    texts = [b"<%d>Dec  2 08:00:00 host app: message %d" % (priority, priority)
             for priority in range(0, 192, 9)]
    texts += [b"<191>last local7 debug", b"<999>facility 124", b"<1234>too many digits",
              b"<>empty", b"<13", b"no priority", b"<13>", b"<13>bytes \x01\x7f\x80\xff\tend",
              b"<7>" + b"long " * 60]
    packets = [_datagram(40000, SYSLOG, text) for text in texts]
    return packets + [_datagram(SYSLOG, 40001, texts[0], version=6)]


def _ssh_segments():
    lines = (b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", b"SSH-1.99-old\n", b"SSH-\r\n",
             b"SSH-2.0-abc", b"SSH-2.0-abc\r", b"SSH-2.0-abc\rX\n", b"SSH-2.0-a\tb\r\n",
             b"SSH-2.0-a\x7fb\r\n", b"SSH-2.0-abc\r\nmore\r\n", b"SSH", b"xSH-2.0-abc\r\n",
             b"\x00\x00\x01\x0cbinary packet", b"SSH-2.0-" + b"y" * 300 + b"\r\n")
    return [_segment(line, 40000, SSH) for line in lines] + [
        _segment(lines[0], SSH, 40001, B4, A4)]


FRAMES = _ntp_messages() + _syslog_messages() + _ssh_segments()
# Ethernet, IPv4 and UDP headers end at 42, TCP's at 54: cut inside the
# messages' fields, at each of the first bytes and further on
CUT_POINTS = (42, 43, 44, 45, 46, 50, 54, 55, 56, 57, 58, 60, 62, 66, 70, 75, 80, 90,
              100)
