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


def tcpdump_selection(path, expression, optimize=True, packets=None):
    """The positions in PATH of the packets tcpdump -r selects, or ("error", reason)."""
    # nanosecond stamps both ways, so a nanosecond file's packets are found again
    argv = [TCPDUMP, "--time-stamp-precision=nano", "-r", str(path), "-w", "-"] + \
        _privilege_options() + \
        ([] if optimize else ["-O"]) + ["--", expression]
    completed = subprocess.run(argv, capture_output=True, timeout=60)
    if completed.returncode:
        return ("error", _error(completed))
    _, all_packets = read_packets(path) if packets is None else packets
    positions = {}
    for position, packet in enumerate(all_packets):
        positions.setdefault((packet.timestamp_ns, packet.data), []).append(position)
    selected = []
    for packet in open_savefile(io.BytesIO(completed.stdout)):
        candidates = positions[(packet.timestamp_ns, packet.data)]
        selected.append(candidates.pop(0) if len(candidates) > 1 else candidates[0])
    return selected


def read_packets(path):
    with open(path, "rb") as stream:
        reader = open_savefile(stream)
        return reader, list(reader)


def our_selection(path, expression, optimize=True, packets=None):
    """The positions of the packets pynettools.bpf selects from PATH, or ("error", reason)."""
    reader, all_packets = read_packets(path) if packets is None else packets
    try:
        program = compile_filter(expression, reader.linktype, reader.snaplen, optimize=optimize)
    except FilterError as error:
        return ("error", error.reason)
    run = program.run
    return [position for position, packet in enumerate(all_packets)
            if run(packet.data, packet.wire_length)]
