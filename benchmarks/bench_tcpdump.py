"""pytcpdump -r -nn beside tcpdump -r -nn, on a 300,000-packet file.

The file repeats the packets of the printer's corpus that carry ARP, ICMP,
ICMPv6, TCP, UDP and DNS (tests/data/pcap: mix, dns, tcp, udp, icmp), their
time stamps moved on by a millisecond a packet so that the file reads as one
long capture; it is built in a temporary folder and removed afterwards.  Both
tools print to /dev/null, in UTC.  Start-up (`pytcpdump -r` of a small file)
is in bench_startup.  The live capture's share of an iperf3 stream is the
live capture's own comparison.  "CPython floor" (tcpdump_floor.py) reads the
same file and writes only each packet's time stamp: the loop any printer in
this interpreter pays before it decodes a byte, beside the 1.5x target.
"""

import os
import pathlib
import shutil
import tempfile

from benchmarks.run import Comparison, tool

PACKETS = 300_000
CORPUS = pathlib.Path(__file__).resolve().parents[1] / "tests" / "data" / "pcap"
MIX = ("mix", "dns", "tcp", "udp", "icmp")
FLOOR = pathlib.Path(__file__).resolve().parent / "tcpdump_floor.py"


def mixed_packets():
    """The corpus' Ethernet packets of the mix, in file order."""
    from pynettools.capture.savefile import open_savefile

    packets = []
    for name in MIX:
        with open(CORPUS / (name + ".pcap"), "rb") as stream:
            packets += list(open_savefile(stream))
    return packets


def write_big_file(path, count=PACKETS):
    """`count` packets repeating the mix, one millisecond apart."""
    from pynettools.capture import linktypes
    from pynettools.capture.packet import Packet
    from pynettools.capture.savefile import PcapWriter

    packets = mixed_packets()
    start = packets[0].timestamp_ns
    with open(path, "wb") as stream:
        writer = PcapWriter(stream, linktypes.ETHERNET, 262144)
        for number in range(count):
            packet = packets[number % len(packets)]
            writer.write(Packet(start + number * 1_000_000, packet.wire_length, packet.data,
                                packet.linktype))


def comparisons():
    directory = tempfile.mkdtemp(prefix="pynettools-bench-")
    big = os.path.join(directory, "mix-300k.pcap")
    write_big_file(big)
    tz = ["env", "TZ=UTC"]
    yield Comparison(
        "pytcpdump -r -nn: 300,000 packets of ARP, ICMP, TCP, UDP and DNS",
        {"tcpdump -r -nn": tz + ["tcpdump", "-r", big, "-nn"],
         "pytcpdump -r -nn": tz + [tool("pytcpdump"), "-r", big, "-nn"],
         "CPython floor": tz + [tool("python"), str(FLOOR), big]},
        baseline="tcpdump -r -nn", rounds=5, note="target: at most 1.5x tcpdump",
        same_output=[("pytcpdump -r -nn", "tcpdump -r -nn")],
        cleanup=lambda: shutil.rmtree(directory))
