"""A lab router's stand-in ICMP: MPLS extensions, and forgeries around them.

Run inside r1 as `python icmpforge.py IFACE CLIENT MODE`, with r1's own
time-exceeded messages dropped by nft (those marked MARK pass).  For every
IPv4 probe arriving on IFACE with TTL 1 it sends, from r1, the
time-exceeded message r1 would have sent, carrying an RFC 4884 extension
with an RFC 4950 MPLS label stack entry (label LABEL, S=1, TTL 1).

MODE "forge" first sends, for the same probe, what must never become a hop:
the message from a forged source quoting a different destination, one with
a quote cut short, an echo reply from a forged source with the probe's
identifiers, and then the genuine answer twice.
It runs for at most LIFETIME seconds.
"""

import socket
import struct
import sys
import time

from pynettools.probe.packets import checksum

LIFETIME = 600
MARK = 7
LABEL = 16005
FORGED_SOURCE = "192.0.2.66"
ETH_P_IP = 0x0800
IP_HDRINCL = 3


def with_checksum(message, offset=2):
    value = checksum(message)
    return message[:offset] + struct.pack("!H", value) + message[offset + 2:]


def mpls_extension():
    entry = struct.pack("!I", (LABEL << 12) | (1 << 8) | 1)
    objects = struct.pack("!HBB", 4 + len(entry), 1, 1) + entry
    return with_checksum(struct.pack("!BBH", 0x20, 0, 0) + objects)


def time_exceeded(probe, extension=True):
    """ICMP time exceeded quoting `probe`, padded to 128 bytes with an extension."""
    if not extension:
        return with_checksum(struct.pack("!BBHI", 11, 0, 0, 0) + probe[:28])
    quoted = probe[:128].ljust(128, b"\0")
    header = struct.pack("!BBHBBH", 11, 0, 0, 0, len(quoted) // 4, 0)
    return with_checksum(header + quoted + mpls_extension())


def ip_packet(source, destination, payload, protocol=1):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0, 0, 64, protocol, 0,
                         socket.inet_aton(source), socket.inet_aton(destination))
    return with_checksum(header, 10) + payload


def forgeries(probe, client):
    """(source, ICMP message) pairs that do not answer the probe."""
    elsewhere = probe[:16] + socket.inet_aton("198.51.100.99") + probe[20:]
    elsewhere = with_checksum(elsewhere, 10)
    protocol = probe[9]  # 1: ICMP
    forged = [(FORGED_SOURCE, time_exceeded(elsewhere, extension=False)),
              (FORGED_SOURCE, with_checksum(struct.pack("!BBHI", 11, 0, 0, 0) + probe[:12]))]
    if protocol == 1:  # an echo request: an echo reply with its identifiers, not from the target
        forged.append((FORGED_SOURCE, with_checksum(b"\0\0\0\0" + probe[24:28] + probe[28:])))
    return forged


def serve(interface, client, mode):
    sniffer = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_IP))
    sniffer.bind((interface, 0))
    sniffer.settimeout(1)
    sender = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    sender.setsockopt(socket.SOL_SOCKET, socket.SO_MARK, MARK)
    spoofer = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    spoofer.setsockopt(socket.IPPROTO_IP, IP_HDRINCL, 1)
    spoofer.setsockopt(socket.SOL_SOCKET, socket.SO_MARK, MARK)
    print("ready", flush=True)
    deadline = time.monotonic() + LIFETIME
    while time.monotonic() < deadline:
        try:
            packet, (_name, _protocol, kind, *_rest) = sniffer.recvfrom(65535)
        except socket.timeout:
            continue
        if kind == socket.PACKET_OUTGOING or len(packet) < 28 or packet[8] != 1:
            continue
        if socket.inet_ntoa(packet[12:16]) != client:
            continue
        if mode == "forge":
            for source, message in forgeries(packet, client):
                spoofer.sendto(ip_packet(source, client, message), (client, 0))
        genuine = time_exceeded(packet)
        for _ in range(2 if mode == "forge" else 1):
            sender.sendto(genuine, (client, 0))


if __name__ == "__main__":
    serve(*sys.argv[1:4])
