"""The pytcpdump -r corpus (tests/data/pcap, made by tests/data/make_pcaps.py) and
how the tests print it: with pynettools' Printer in this process, and with the
real `tcpdump -r` beside it (the oracle), both in UTC."""

import os
import pathlib
import shutil
import subprocess

from pynettools.capture.savefile import open_savefile
from pynettools.output.tcpdump import Printer, PrintOptions

CORPUS = pathlib.Path(__file__).resolve().parent / "data" / "pcap"

# Every printing option, alone and in the combinations that interact (-e with
# -v and -q, the dumps with the link header); -nn is added unless -n is named.
OPTION_SETS = (
    (), ("-v",), ("-vv",), ("-vvv",), ("-e",), ("-q",), ("-S",), ("-t",), ("-tt",),
    ("-ttt",), ("-tttt",), ("-ttttt",), ("-#",), ("-K", "-v"), ("-x",), ("-xx",), ("-X",),
    ("-XX",), ("-A",), ("-AA",), ("-e", "-v"), ("-q", "-e"), ("-vvv", "-e", "-X"),
    ("-S", "-vv"), ("-#", "-tttt", "-q"), ("-n",), ("-n", "-e", "-v"),
)
# with names: hosts through the resolver, ports from /etc/services, Ethernet vendors
NAMED_OPTION_SETS = ((), ("-e",), ("-v",), ("-q", "-e"))


def corpus_files():
    """The printer's corpus: what tests/data/make_pcaps.py captures.  The
    bpf-*.pcap beside it are the filter's (tests/data/make_bpf_pcaps.py):
    crafted to reach every pcap-filter(7) primitive, some of their packets
    carry protocols the printer does not decode (IS-IS, IPX, STP, ..., see
    MANUAL_NOTES), so they are compared packet by packet (`filter_files`)."""
    return sorted(path for path in CORPUS.glob("*.pcap") if not path.stem.startswith("bpf-"))


def filter_files():
    """The filter's savefiles (tests/data/make_bpf_pcaps.py)."""
    return sorted(CORPUS.glob("bpf-*.pcap"))


def all_files():
    """Every savefile of tests/data/pcap, the filter's crafted ones included."""
    return sorted(CORPUS.glob("*.pcap"))


def printed_packets(path, argv, **extra):
    """What pynettools prints, one string per packet."""
    printer = Printer(print_options(argv, **extra))
    with open(path, "rb") as stream:
        return [printer.text(packet) for packet in open_savefile(stream)]


def split_packets(text, count):
    """tcpdump's output of a run with -# cut into `count` packets: a packet
    starts at the line that begins with the next packet number (a number in
    a payload's dump cannot be the next one in turn and also start a line
    the same way, in this corpus)."""
    packets = []
    for line in text.splitlines(keepends=True):
        if len(packets) < count and line.startswith("%5u  " % (len(packets) + 1)):
            packets.append(line)
        elif packets:
            packets[-1] += line
        else:
            raise AssertionError("output before the first packet: %r" % line)
    assert len(packets) == count, (len(packets), count)
    return packets


def print_options(argv, **extra):
    """PrintOptions for tcpdump command-line printing flags."""
    fields = dict(verbose=0, link_header=False, numeric=0, quiet=0, absolute_sequence=False,
                  timestamps=0, packet_number=False, no_checksums=False, hex=0, hex_ascii=0,
                  ascii=0, nanoseconds=False, strip_domains=False)
    letters = {"v": "verbose", "n": "numeric", "q": "quiet", "t": "timestamps", "x": "hex",
               "X": "hex_ascii", "A": "ascii"}
    switches = {"e": "link_header", "S": "absolute_sequence", "K": "no_checksums",
                "#": "packet_number", "N": "strip_domains"}
    for argument in argv:
        if argument == "--time-stamp-precision=nano":
            fields["nanoseconds"] = True
            continue
        for letter in argument[1:]:
            if letter in letters:
                fields[letters[letter]] += 1
            else:
                fields[switches[letter]] = True
    fields.update(extra)
    return PrintOptions(**fields)


def printed(path, argv, **extra):
    """What pynettools prints for the file's packets, as one string."""
    printer = Printer(print_options(argv, **extra))
    with open(path, "rb") as stream:
        return "".join(printer.text(packet) for packet in open_savefile(stream))


def tcpdump_printed(path, argv, prefix=()):
    """What `tcpdump -r FILE ARGV` prints on its standard output (TZ=UTC)."""
    result = subprocess.run([*prefix, "tcpdump", "-r", str(path), *argv], capture_output=True,
                            timeout=60, env=dict(os.environ, TZ="UTC"))
    assert result.returncode == 0, result.stderr
    return result.stdout.decode("ascii", "backslashreplace")


def tcpdump_missing():
    """Why the comparisons cannot run here, or None."""
    if shutil.which("tcpdump") is None:
        return "needs tcpdump (Debian: tcpdump; .ci/setup installs it)"
    return None


def numbered(argv):
    """The argument list as run: -nn added unless a -n is there."""
    return tuple(argv) if any(argument.startswith("-n") for argument in argv) else \
        ("-nn", *argv)


def compare_crafted(tmp_path, linktype, packets, argv, cut=None, names=False):
    """Crafted `packets` (cut to `cut` bytes) printed by pynettools and by tcpdump -r
    with `argv` and -#, packet by packet; -nn added unless `names`."""
    from tests.data.print_protocols import savefile

    path = tmp_path / "crafted.pcap"
    path.write_bytes(savefile(linktype, packets, cut=cut))
    argv = (*(argv if names else numbered(argv)), "-#")
    ours = printed_packets(path, argv)
    theirs = split_packets(tcpdump_printed(path, argv), len(ours))
    for number, (mine, expected) in enumerate(zip(ours, theirs), 1):
        assert mine == expected, (number, cut)
