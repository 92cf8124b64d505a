"""The getopt_long-compatible parser and the texts derived from declarations."""

import pytest

from pynettools.cli.options import ARGP_STANDARD, Command, Option, describe_option_error, parse
from pynettools.errors import OptionError

OPTIONS = [
    Option("f", "file", "read PATH", metavar="PATH"),
    Option("n", "numeric", "no names"),
    Option(None, "numeric-hosts", "no host names"),
    Option("v", "verbose", "more", repeat=True),
    Option("e", "extend", "collect", metavar="X", repeat=True),
    Option(None, "json", "JSON"),
    *ARGP_STANDARD,
]


def test_mixes_options_and_operands_like_gnu_getopt():
    values = parse(OPTIONS, ["a", "-n", "b", "--file", "F", "c"])
    assert values.operands == ["a", "b", "c"]
    assert values.numeric is True and values.file == "F"


def test_double_dash_ends_options():
    assert parse(OPTIONS, ["--", "-1", "--json"]).operands == ["-1", "--json"]


def test_posixly_correct_stops_at_first_operand(monkeypatch):
    monkeypatch.setenv("POSIXLY_CORRECT", "1")
    values = parse(OPTIONS, ["a", "-n"])
    assert values.operands == ["a", "-n"] and values.numeric is None


@pytest.mark.parametrize("argv", [["-fF"], ["-f", "F"], ["--file=F"], ["--file", "F"],
                                  ["--fi=F"], ["-nfF"]])
def test_argument_spellings(argv):
    assert parse(OPTIONS, argv).file == "F"


def test_exact_long_name_beats_longer_ones():
    values = parse(OPTIONS, ["--numeric"])
    assert values.numeric is True and values.numeric_hosts is None


def test_repeats_count_flags_and_collect_values():
    values = parse(OPTIONS, ["-vv", "--verbose", "-e1", "--extend", "2"])
    assert values.verbose == 3 and values.extend == ["1", "2"]


def test_dash_alone_is_an_operand():
    assert parse(OPTIONS, ["-"]).operands == ["-"]


def test_help_stops_parsing_like_argp():
    values = parse(OPTIONS, ["--help", "--bogus"])
    assert values.action == "help"
    assert parse(OPTIONS, ["-?x"]).action == "help"


@pytest.mark.parametrize("argv, message", [
    (["-x"], "invalid option -- 'x'"),
    (["-1"], "invalid option -- '1'"),
    (["--bogus"], "unrecognized option '--bogus'"),
    (["--bogus=1"], "unrecognized option '--bogus=1'"),
    (["--num"], "option '--num' is ambiguous; possibilities: '--numeric' '--numeric-hosts'"),
    (["-f"], "option requires an argument -- 'f'"),
    (["--file"], "option '--file' requires an argument"),
    (["--json=1"], "option '--json' doesn't allow an argument"),
    (["--js=1"], "option '--json' doesn't allow an argument"),
])
def test_errors_in_glibc_words(argv, message):
    with pytest.raises(OptionError) as raised:
        parse(OPTIONS, argv)
    assert describe_option_error(raised.value) == message


def test_help_lists_every_option_in_argp_layout():
    command = Command("prog", "[KEY...]", "Does things.", OPTIONS)
    text = command.help_text()
    assert text.startswith("Usage: prog [OPTION...] [KEY...]\nDoes things.\n\n")
    assert "  -f, --file=PATH            read PATH\n" in text
    assert "      --numeric-hosts        no host names\n" in text
    for option in OPTIONS:
        assert all(spelling in text for spelling in option.spellings())


def test_usage_lists_every_spelling():
    usage = Command("prog", "[KEY...]", "", OPTIONS).usage_text()
    assert usage.startswith("Usage: prog [-nv?V] [-f PATH] [-e X] [--file=PATH]")
    assert all(len(line) <= 79 for line in usage.splitlines())


def test_on_parse_acts_in_command_line_order():
    seen = []

    def stop(values, value):
        raise OptionError("invalid", "-" + value)

    options = [Option("a", None, "a", metavar="X", on_parse=lambda values, value: seen.append(value)),
               Option("b", None, "b", metavar="X", on_parse=stop)]
    with pytest.raises(OptionError) as raised:
        parse(options, ["-a1", "-bB", "-q"])  # -q is never reached
    assert seen == ["1"] and raised.value.option == "-B"


def test_prefix_of_one_getopt_entry_is_not_ambiguous_like_glibc():
    options = [Option(None, "inet", "x", getopt_entry="af"), Option(None, "inet6", "x", getopt_entry="af"),
               Option(None, "interfaces", "i")]
    assert parse(options, ["--ine"]).inet is True
    with pytest.raises(OptionError) as raised:
        parse(options, ["--in"])
    assert raised.value.candidates == ("inet", "interfaces")
