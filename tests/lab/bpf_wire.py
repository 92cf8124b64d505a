"""Run inside a test namespace (as root): send frames on one end of a veth
pair and report, per filter, which of them a packet socket on the other end
received with the compiled program attached in the kernel.

    python -m tests.lab.bpf_wire SEND RECEIVE FRAMES.pcap LINKTYPE < expressions

FRAMES.pcap holds Ethernet frames; LINKTYPE is 1 (a raw socket: Ethernet
frames, the outer VLAN tag moved by the kernel into metadata) or 276 (a
cooked socket, as `-i any` uses).  Prints one JSON line per expression:
{"expression": ..., "received": [indexes]}, or {"expression": ..., "error":
reason}; the first line, {"views": [[index, view], ...]}, says what the
kernel showed an accept-all filter for each frame (its data and the
metadata the interpreter needs to emulate the kernel).
"""

import json
import select
import socket
import struct
import sys
import time

from pynettools.bpf import LIVE, compile_filter, kernel
from pynettools.capture.savefile import open_savefile
from pynettools.errors import FilterError

ETH_P_ALL = 0x0003
SOL_PACKET, PACKET_AUXDATA = 263, 8
TP_STATUS_VLAN_VALID, TP_STATUS_VLAN_TPID_VALID = 0x10, 0x40
_AUXDATA = struct.Struct("=IIIHHHH")
QUIET_SECONDS = 0.15


def receiver(interface, linktype):
    kind = socket.SOCK_DGRAM if linktype == 276 else socket.SOCK_RAW
    sock = socket.socket(socket.AF_PACKET, kind, socket.htons(ETH_P_ALL))
    sock.bind((interface, 0))
    sock.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    return sock


def drain(sock):
    while select.select([sock], [], [], 0)[0]:
        sock.recv(65536)


def receive_all(sock):
    """(data, sockaddr_ll fields, vlan tci or None, tpid) until QUIET_SECONDS pass empty."""
    found = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and select.select([sock], [], [], QUIET_SECONDS)[0]:
        data, ancillary, _flags, address = sock.recvmsg(65536, 256)
        tci = tpid = None
        for level, kind, value in ancillary:
            if level == SOL_PACKET and kind == PACKET_AUXDATA:
                status, _, _, _, _, vlan_tci, vlan_tpid = _AUXDATA.unpack(value[:_AUXDATA.size])
                if status & TP_STATUS_VLAN_VALID:
                    tci = vlan_tci
                    tpid = vlan_tpid if status & TP_STATUS_VLAN_TPID_VALID else 0x8100
        found.append((data, address, tci, tpid))
    return found


def outer_tag(frame):
    """The (tpid, tci) of a frame's outer tag when the kernel moves it to metadata."""
    tpid = int.from_bytes(frame[12:14], "big")
    return (tpid, int.from_bytes(frame[14:16], "big")) if tpid in (0x8100, 0x88A8) else None


def kernel_data(frame, linktype):
    """The bytes the kernel hands the filter for `frame`."""
    tag = outer_tag(frame)
    if linktype == 276:
        return frame[18:] if tag else frame[14:]
    return frame[:12] + frame[16:] if tag else frame


def link_protocol(frame):
    """The protocol a socket address gives an untagged frame (802.3 ones: 802.2, or
    raw 802.3 for Novell's 0xffff)."""
    ethertype = int.from_bytes(frame[12:14], "big")
    if ethertype >= 0x600:
        return ethertype
    return 0x0001 if frame[14:16] == b"\xff\xff" else 0x0004


def identify(frames, data, tci, protocol, linktype, taken):
    """The index of the frame (not yet matched) the kernel delivered as `data`, or None."""
    for index, frame in enumerate(frames):
        tag = outer_tag(frame)
        if index not in taken and (tag[1] if tag else None) == tci and \
                kernel_data(frame, linktype) == data and \
                (tag is not None or link_protocol(frame) == protocol):
            taken.add(index)
            return index
    return None


def run_filter(sender, receive_interface, frames, linktype, program):
    """[(index, what the kernel showed the filter)] of the frames the socket received."""
    sock = receiver(receive_interface, linktype)
    kernel.attach(sock, kernel.REJECT_ALL)
    drain(sock)
    kernel.attach(sock, program)
    for frame in frames:
        sender.send(frame)
    received = receive_all(sock)
    sock.close()
    found, taken = [], set()
    for data, address, tci, tpid in received:
        _name, protocol, pkttype, hatype, _mac = address
        index = identify(frames, data, tci, protocol, linktype, taken)
        if index is not None and outer_tag(frames[index]):
            # The filter saw skb->protocol, the type after the outer tag; a
            # cooked socket's address gives the innermost type instead.
            protocol = int.from_bytes(frames[index][16:18], "big")
        found.append((index, {
            "data": data.hex(), "protocol": protocol, "pkttype": pkttype, "hatype": hatype,
            "vlan_present": int(tci is not None), "vlan_tci": tci or 0,
            "vlan_tpid": tpid or 0, "ifindex": socket.if_nametoindex(receive_interface)}))
    return found


def main(argv):
    send_interface, receive_interface, frames_path, linktype = argv[:3] + [int(argv[3])]
    with open(frames_path, "rb") as stream:
        frames = [packet.data for packet in open_savefile(stream)]
    sender = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sender.bind((send_interface, 0))
    everything = kernel.for_socket(compile_filter("", linktype, source=LIVE))
    print(json.dumps({"views": run_filter(sender, receive_interface, frames, linktype,
                                          everything)}), flush=True)
    for expression in sys.stdin.read().splitlines():
        try:
            program = kernel.for_socket(compile_filter(expression, linktype, source=LIVE),
                                        cooked=linktype == 276)
        except FilterError as error:
            print(json.dumps({"expression": expression, "error": error.reason}), flush=True)
            continue
        if program is None:
            print(json.dumps({"expression": expression, "error": "userland"}), flush=True)
            continue
        found = run_filter(sender, receive_interface, frames, linktype, program)
        print(json.dumps({"expression": expression,
                          "received": sorted(index for index, _ in found)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
