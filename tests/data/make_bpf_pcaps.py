"""Regenerate the filter tests' savefiles in tests/data/pcap/:

    .venv/bin/python -m tests.data.make_bpf_pcaps            # the crafted files
    .venv/bin/python -m tests.data.make_bpf_pcaps --capture  # and real traffic (root)

The crafted files, bpf-ether.pcap, bpf-sll.pcap, bpf-sll2.pcap, bpf-raw.pcap,
bpf-ipv4.pcap, bpf-ipv6.pcap, bpf-null.pcap and bpf-loop.pcap, hold the
packets of tests/data/bpf_corpus.py (the same bytes on every run; a test
checks that the committed files are what this script writes).

--capture makes real traffic in network namespaces (tests/lab/netns.py) and
records it with the real `tcpdump -w`: ping, TCP, UDP, fragments, ARP and
NDP over IPv4 and IPv6, on a veth pair and on a VLAN on top of it
(bpf-live-ether.pcap), on every interface (-i any: bpf-live-sll2.pcap;
with -y LINUX_SLL: bpf-live-sll.pcap), and through an ipip/ip6ip6 tunnel
(raw IP: bpf-live-raw.pcap).  Its packets and times differ from run to run;
the tests compare selections with tcpdump on whatever files are there.
"""

import argparse
import pathlib
import sys

from pynettools.capture.savefile import PcapWriter
from tests.data import bpf_corpus

PCAP_DIR = pathlib.Path(__file__).resolve().parent / "pcap"


def crafted_bytes(linktype):
    """The savefile of the crafted corpus for `linktype`, as bytes."""
    import io

    stream = io.BytesIO()
    writer = PcapWriter(stream, linktype, 262144)
    for packet in bpf_corpus.packets(linktype):
        writer.write(packet)
    return stream.getvalue()


def write_crafted(directory):
    directory.mkdir(parents=True, exist_ok=True)
    for linktype in bpf_corpus.LINKTYPES:
        path = directory / (bpf_corpus.FILE_NAMES[linktype] + ".pcap")
        path.write_bytes(crafted_bytes(linktype))
        print(path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=PCAP_DIR)
    parser.add_argument("--capture", action="store_true", help="also capture real traffic (root)")
    args = parser.parse_args(argv)
    write_crafted(args.out)
    if args.capture:
        from tests.data import bpf_capture

        for path in bpf_capture.capture_all(args.out):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
