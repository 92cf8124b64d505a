"""What pytcpdump --owners' lookups cost, at 1,000 and 10,000 TCP connections.

bench_netstat's holder keeps the connections on loopback in a namespace;
each command is a Python process inside it doing one part of the owner
helper's refresh: the sock_diag dumps (TCP of both families, UDP of each),
netstat -p's fd scan, the whole table; and the capture side's cost per
packet, 100,000 flows taken from packets and answered from the cache.
Each part's cost is its time minus the first command's (the interpreter
and the imports).
"""

import os
import sys

from benchmarks.bench_netstat import held_connections
from benchmarks.run import Comparison

SCALES = (1_000, 10_000)
IMPORTS = "from pynettools.capture import owners, owner_service; "
PARTS = {
    "imports only (the baseline)": "",
    "sock_diag dumps (TCP, UDP, UDP6)": "owners.read_sockets()",
    "fd scan (netstat -p's)": "from pynettools.sockets.owners import scan; scan()",
    "whole table (dumps, addresses, scan)": "owners.read_table()",
    "100,000 packets: flow and cached answer": (
        "import socket, time\n"
        "from pynettools.capture.packet import Packet\n"
        "frame = bytes(12) + b'\\x08\\x00' + bytes.fromhex("
        "'450000280001000040060000c0000201c6336402') + bytes.fromhex("
        "'9c40005000000001000000005010020000000000')\n"
        "packet = Packet(0, len(frame), frame, 1)\n"
        "a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)\n"
        "service = owner_service.OwnerService(a, None)\n"
        "flow = owners.flow_of(packet)\n"
        "service.ends(flow)\n"
        "b.send(owner_service.encode_answer(flow, owners.NO_ENDS))\n"
        "for _ in range(100_000): service.ends(owners.flow_of(packet))"),
}


def comparisons():
    if os.geteuid() != 0:
        print("bench_owners: needs root (network namespace); skipped")
        return
    for namespace, connections in held_connections("bench-owners", SCALES):
        commands = {label: namespace.command([sys.executable, "-c", IMPORTS + code])
                    for label, code in PARTS.items()}
        yield Comparison(
            "--owners lookups: %d connections (%d sockets)" % (connections, 2 * connections),
            commands, baseline="imports only (the baseline)", rounds=10,
            note="a part's cost: its time minus the baseline's")
