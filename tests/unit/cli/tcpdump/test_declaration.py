"""pytcpdump's command line, parsed as tcpdump's getopt_long parses it, and its
complaints (the words are tcpdump 4.99.3's, as the lab tests compare them)."""

import pytest

from pynettools.cli.tcpdump.declaration import COMMAND, Complaint, ShowUsage, filter_expression
from pynettools.errors import FilterFileError, OptionError


def parsed(*argv):
    return COMMAND.parse(list(argv))


def test_flags_cluster_and_count():
    args = parsed("-nnvvv", "-ttt", "-XX", "-e")
    assert (args.numeric, args.verbose, args.timestamps, args.hex_ascii) == (2, 3, 3, 2)
    assert args.link_header is True and args.quiet == 0


def test_operands_and_options_mix_and_join_as_the_expression():
    args = parsed("tcp", "-r", "f.pcap", "port", "80", "-c5", "--", "-n")
    assert (args.read_file, args.count) == ("f.pcap", 5)
    assert filter_expression(args) == "tcp port 80 -n"


def test_values_are_converted_as_tcpdump_does():
    args = parsed("-C", "2", "-W", "10", "-G", "0", "-s", "0x100", "-B", "4", "-y", "raw",
                  "-Q", "IN", "--time-stamp-precision=nanoseconds")
    assert (args.file_size, args.file_count, args.rotate_seconds) == (2_000_000, 10, 0)
    assert (args.snaplen, args.buffer_size, args.linktype) == (256, 4096, 101)
    assert (args.direction, args.precision) == ("in", "nano")
    assert parsed("-c", " 7x").count == 7  # atoi
    assert parsed("--micro").precision == "micro" and parsed("--nano").precision == "nano"


@pytest.mark.parametrize("argv, message", [
    (["-c", "0"], "invalid packet count 0"),
    (["-c", "x"], "invalid packet count x"),
    (["-C", "1k"], "invalid file size 1k"),
    (["-C", "99999999999999"], "file size 99999999999999 is too large"),
    (["-G", "-1"], "invalid number of seconds -1"),
    (["-W", "0"], "invalid number of output files 0"),
    (["-s", "262145"], "invalid snaplen 262145 (must be >= 0 and <= 262144)"),
    (["-B", "0"], "invalid packet buffer size 0"),
    (["-y", "FOO"], "invalid data link type FOO"),
    (["-Q", "sideways"], "unknown capture direction `sideways'"),
    (["-j", "atomic"], "invalid time stamp type atomic"),
    (["-T", "foo"], "unknown packet type `foo'"),
    (["--time-stamp-precision", "pico"], "unsupported time stamp precision"),
])
def test_a_bad_value_is_said_in_tcpdumps_words(argv, message):
    with pytest.raises(Complaint) as raised:
        parsed(*argv)
    assert raised.value.message == message


def test_values_are_checked_in_getopt_order():
    with pytest.raises(Complaint):
        parsed("-c", "0", "-k")  # the count first, as tcpdump's switch sees it
    with pytest.raises(OptionError):
        parsed("-k", "-c", "0")


def test_help_stops_the_parse_where_it_stands():
    assert parsed("-h", "-c", "0").action == "help"
    assert parsed("--fp-type", "-k").action == "fp-type"


def test_an_ambiguous_prefix_lists_candidates_in_tcpdumps_table_order():
    with pytest.raises(OptionError) as raised:
        parsed("--n")
    assert raised.value.candidates == ("nano", "no-optimize", "no-promiscuous-mode", "number")
    assert parsed("--coun").count_only is True
    assert parsed("--json").json is True  # exact beats the prefix of --json-schema


def test_y_prints_the_usage_alone():
    with pytest.raises(ShowUsage):
        parsed("-Y")
    assert COMMAND.error_lines(ShowUsage())[0] == "pytcpdump version 4.99.3 (pynettools 0.1.0)"


def test_an_option_error_says_getopts_words_then_the_usage():
    lines = COMMAND.error_lines(OptionError("invalid", "-k"))
    assert lines[0] == "pytcpdump: invalid option -- 'k'"
    assert lines[3].startswith("Usage: pytcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ]")
    assert lines[-1] == "\t\t[ --json ] [ --owners ] [ --json-schema ]"


def test_the_filter_file_blanks_comments(tmp_path):
    path = tmp_path / "filter"
    path.write_text("tcp # web\n and port 80\n")
    assert filter_expression(parsed("-F", str(path), "ignored")) == \
        "tcp      \n and port 80\n"
    with pytest.raises(FilterFileError):
        filter_expression(parsed("-F", str(tmp_path / "none")))
