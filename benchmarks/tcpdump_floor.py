"""What any CPython printer of `tcpdump -r` pays before decoding a byte.

    python -m benchmarks.tcpdump_floor FILE > /dev/null

Reads the savefile with pynettools' reader and writes, for each packet,
only the time stamp pytcpdump prints ("HH:MM:SS.ffffff IP\n"), in blocks of
1,024 lines as pytcpdump writes them: the per-packet loop every printer in
this interpreter runs.  bench_tcpdump times it beside tcpdump to show how
much of the budget it leaves for the decoding itself.
"""

import sys

from pynettools.capture.savefile import open_savefile
from pynettools.output.tcpdump import Printer, PrintOptions

BATCH = 1024


def main(path):
    stamp = Printer(PrintOptions(numeric=2)).stamp
    write = sys.stdout.buffer.write
    lines = []
    with open(path, "rb") as stream:
        for timestamp, _wire, _data, _linktype in open_savefile(stream).records():
            lines.append(stamp(timestamp) + "IP\n")
            if len(lines) == BATCH:
                write("".join(lines).encode())
                lines.clear()
    write("".join(lines).encode())


if __name__ == "__main__":
    main(sys.argv[1])
