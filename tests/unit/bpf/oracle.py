"""tcpdump as the oracle of the filter tests: what it compiles (-d, -dd,
-ddd, with or without -O), what it says when it cannot, and which packets
of a savefile it selects (-r FILE -w -), beside the same from pynettools.bpf.

tcpdump runs as whoever runs the tests (nobody included): -d and -r need no
privilege.  As root, `-Z root` keeps Debian's tcpdump from switching to its
own user, which could not read files in a private temporary directory.
"""

import io
import os
import shutil
import subprocess

import pytest

from pynettools.bpf import DEAD, compile_filter, dump
from pynettools.capture import linktypes
from pynettools.capture.savefile import open_savefile
from pynettools.errors import FilterError

TCPDUMP = shutil.which("tcpdump") or "/usr/bin/tcpdump"
needs_tcpdump = pytest.mark.skipif(not os.path.exists(TCPDUMP),
                                   reason="needs tcpdump (Debian: tcpdump), the oracle")
LINKTYPE_NAMES = {number: names[0] for number, names in linktypes.NAMES.items()}
LINKTYPE_NAMES[9] = "PPP"


def _privilege_options():
    return ["-Z", "root"] if os.geteuid() == 0 else []


def _error(completed):
    """tcpdump's complaint without its "tcpdump: " prefix."""
    lines = completed.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1].replace("tcpdump: ", "", 1) if lines else "status %d" % completed.returncode


def tcpdump_program(expression, linktype=linktypes.ETHERNET, optimize=True, level=1):
    """tcpdump -d[d[d]] -y TYPE [-O] EXPR: its lines, or ("error", reason)."""
    argv = [TCPDUMP, "-" + "d" * level, "-y", LINKTYPE_NAMES[linktype]] + \
        ([] if optimize else ["-O"]) + ["--", expression]
    completed = subprocess.run(argv, capture_output=True, timeout=60)
    if completed.returncode:
        return ("error", _error(completed))
    return completed.stdout.decode().splitlines()


def our_program(expression, linktype=linktypes.ETHERNET, optimize=True, level=1):
    try:
        program = compile_filter(expression, linktype, optimize=optimize, source=DEAD)
    except FilterError as error:
        return ("error", error.reason)
    return dump.lines(program, level)


def _index(packet):
    return packet.timestamp_ns // 1_000_000_000 - 1000


def tcpdump_selection(path, expression, optimize=True):
    """The indexes of the packets tcpdump -r PATH selects, or ("error", reason)."""
    argv = [TCPDUMP, "-r", str(path), "-w", "-"] + _privilege_options() + \
        ([] if optimize else ["-O"]) + ["--", expression]
    completed = subprocess.run(argv, capture_output=True, timeout=60)
    if completed.returncode:
        return ("error", _error(completed))
    return [_index(packet) for packet in open_savefile(io.BytesIO(completed.stdout))]


def read_packets(path):
    with open(path, "rb") as stream:
        reader = open_savefile(stream)
        return reader, list(reader)


def our_selection(path, expression, optimize=True, packets=None):
    """The indexes of the packets pynettools.bpf selects from PATH, or ("error", reason)."""
    reader, all_packets = read_packets(path) if packets is None else packets
    try:
        program = compile_filter(expression, reader.linktype, reader.snaplen, optimize=optimize)
    except FilterError as error:
        return ("error", error.reason)
    run = program.run
    return [_index(packet) for packet in all_packets if run(packet.data, packet.wire_length)]
