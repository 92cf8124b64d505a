"""pytcpdump's packet lines beside tcpdump's, byte for byte: every file of the -r
corpus under every printing option, numeric and with names; the filter's
crafted files packet by packet, but for the few packets of protocols that
MANUAL_NOTES says are not decoded (the table NOT_DECODED).

Needs the tcpdump binary (the oracle), not root: both read the committed files.
"""

import re

import pytest

from pynettools.output.tcpdump_notes import MANUAL_NOTES
from tests.tcpdump_corpus import (NAMED_OPTION_SETS, OPTION_SETS, corpus_files, filter_files,
                                  numbered, printed, printed_packets, split_packets,
                                  tcpdump_missing, tcpdump_printed)

pytestmark = [pytest.mark.skipif(tcpdump_missing() is not None, reason=str(tcpdump_missing())),
              pytest.mark.usefixtures("utc")]
FILES = corpus_files()


def _same(path, argv):
    expected = tcpdump_printed(path, argv)
    assert expected, "tcpdump printed nothing for %s" % path.name
    assert printed(path, argv) == expected


@pytest.mark.parametrize("argv", OPTION_SETS, ids=" ".join)
@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_lines_are_tcpdumps(path, argv):
    _same(path, numbered(argv))


@pytest.mark.parametrize("argv", NAMED_OPTION_SETS, ids=lambda argv: " ".join(argv) or "plain")
@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_names_are_tcpdumps(path, argv):
    # this machine's resolver and /etc/services, for both
    _same(path, argv)


@pytest.mark.parametrize("argv", [("-nn",), ("-nn", "-ttt"), ("-nn", "-tt", "-v")], ids=" ".join)
def test_nanosecond_time_stamps_are_tcpdumps(argv):
    path = next(path for path in FILES if path.stem == "mix-nano")
    expected = tcpdump_printed(path, (*argv, "--time-stamp-precision=nano"))
    assert printed(path, argv, nanoseconds=True) == expected


# Packets of the filter's corpus whose protocol the printer does not decode,
# by the name MANUAL_NOTES gives it: what marks them in tcpdump's lines, and
# whether only -v's description of them is left out.
NOT_DECODED = {
    "IGRP": (r"igrp: ", False),
    "IPX": (r"\bIPX\b|\b[0-9a-f]{8}\.[0-9a-f:]{17}\.[0-9a-f]{4} > ", False),
    "IS-IS": (r"IS-IS|\[\|isis\]", False),
    "CLNP": (r"CLNP|ES-IS", False),
    "AppleTalk": (r"\bAT |aarp|at-#", False),
    "LLDP": (r"\bLLDP\b", True),
    "DECnet": (r"pktlen|ethertype DN ", False),
    "Ethernet loopback": (r"Loopback, skipCount|ethertype Loopback", False),
}


def _skipped(verbose):
    return re.compile("|".join("(?:%s)" % pattern for pattern, at_v in NOT_DECODED.values()
                               if verbose or not at_v))


def test_what_is_skipped_is_named_in_the_manual():
    for name in NOT_DECODED:
        assert name in MANUAL_NOTES, name


@pytest.mark.parametrize("argv", OPTION_SETS, ids=" ".join)
@pytest.mark.parametrize("path", filter_files(), ids=lambda path: path.stem)
def test_filter_corpus_packets_are_tcpdumps(path, argv):
    skipped = _skipped(any("v" in argument for argument in argv))
    argv = numbered(argv)
    ours = printed_packets(path, (*argv, "-#"))
    theirs = split_packets(tcpdump_printed(path, (*argv, "-#")), len(ours))
    compared = 0
    for number, (mine, expected) in enumerate(zip(ours, theirs), 1):
        if skipped.search(expected):
            continue
        assert mine == expected, number
        compared += 1
    assert compared >= len(ours) * 2 // 3, (compared, len(ours))
