"""The traceroute-style parser on its own (the lab tests compare it with traceroute)."""

import pytest

from pynettools.cli.clif import strtod, strtol
from pynettools.cli.traceroute.declaration import COMMAND
from pynettools.errors import UsageError


@pytest.mark.parametrize("text, value", [("10", 10), (" 7", 7), ("0x10", 16), ("010", 8),
                                         ("-3", -3), ("+4", 4), ("0", 0)])
def test_strtol_reads_c_integers(text, value):
    assert strtol(text) == value


@pytest.mark.parametrize("text", ["", "1x", "0x", "08", "1 ", "--1", "1_0"])
def test_strtol_rejects_what_c_leaves_unread(text):
    with pytest.raises(ValueError):
        strtol(text)


@pytest.mark.parametrize("text, value", [("1.5", 1.5), ("1e1", 10.0), (" -2", -2.0)])
def test_strtod_reads_c_floats(text, value):
    assert strtod(text) == value


def test_clusters_joined_arguments_and_operands_after_options():
    args = COMMAND.parse(["-nI", "-m5", "127.0.0.1", "-q", "2", "--sport=7"])
    assert (args.numeric, args.icmp, args.max_hops, args.queries, args.sport) == (
        True, True, 5, 2, 7)
    assert args.operands == [("127.0.0.1", 2, "127.0.0.1")]


def test_help_acts_before_later_words():
    assert COMMAND.parse(["--help", "-x"]).immediate == "help"
    with pytest.raises(UsageError, match=r"Bad option `-x' \(argc 1\)"):
        COMMAND.parse(["-x", "--help"])


def test_wait_parts_not_given_are_zero():
    assert COMMAND.parse(["-w", "2", "127.0.0.1"]).wait == (2.0, 0.0, 0.0)
