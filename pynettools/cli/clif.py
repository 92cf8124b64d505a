"""The command-line style of Linux traceroute ("clif"), on the shared declarations.

traceroute does not use getopt; its parser, as observed on traceroute 2.1.2:

- words are read left to right, options and operands mixed, `--` ends the
  options; a lone `-` is an operand;
- short flags cluster (`-nI`); an option with an argument takes the rest of
  its word only when it starts the word (`-m5`), else the next word
  (`-nm 5`); a declared multi-letter short option (`-UL`) must be a word
  of its own;
- a long option is spelled in full (no abbreviations) and takes its
  argument only as `--name=value`;
- `--help` and `-V` act as soon as they are read, before later words are
  looked at and before the values are checked;
- option arguments are converted as they come (`-s` is resolved at once),
  operands after all options (so `host -6` resolves host as IPv6); every
  complaint names the word's index in argv ("argc N").

Complaints are bare lines (no `prog:` prefix); traceroute's `status` gives
them exit status 2.
"""


from pynettools.cli.options import Command, SimpleNamespace
from pynettools.errors import UsageError

HELP_COLUMN = 30
RUNNER_ACTIONS = ("json-schema",)  # answered by the shared runner, on stdout
HELP_WIDTH = 79  # the longest help line traceroute prints


class RunOnComplaint(ValueError):
    """A converter's complaint that traceroute prints without ending its line."""


class ClifCommand(Command):
    """A Command parsed and complained about as traceroute does.

    `converters` maps an option's dest to a function of the text that
    returns the value or raises ValueError; `operand_names` are the
    operands' names for messages ("host", "packetlen"), `operand_converters`
    their converters, called with (text, namespace-so-far).
    `accumulating` names repeatable options whose converter is called with
    (text, the list so far) and returns the new list.
    `usage_synopsis` is the literal usage line, `arguments_help` the text
    after the options in --help.  `first_operand_from` names an option
    whose value, when given, stands for the first operand (which is then
    None and not taken from the words).  The namespace's `given` maps each
    option given to (its spelling, its argc).
    """

    def __init__(self, *args, converters=None, operand_names=(), operand_converters=(),
                 usage_synopsis="", arguments_help="", accumulating=(), first_operand_from=None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.converters = converters or {}
        self.operand_names = tuple(operand_names)
        self.operand_converters = tuple(operand_converters)
        self.usage_synopsis = usage_synopsis
        self.arguments_help = arguments_help
        self.accumulating = frozenset(accumulating)
        self.first_operand_from = first_operand_from

    def parse(self, argv):
        return ClifParser(self).parse(argv)

    def error_lines(self, error):
        return [error.message]

    def message_prefix(self):
        return ""

    def help_text(self):
        lines = ["Usage:", "  %s %s" % (self.prog, self.usage_synopsis), "Options:"]
        lines += [_help_lines(option) for option in self.options]
        if self.arguments_help:
            lines += ["", self.arguments_help]
        return "\n".join(lines) + "\n"


def _spelled(option):
    short = "-" + option.short if option.short else ""
    long = "--" + option.long if option.long else ""
    if option.takes_argument:
        short += " " + option.metavar if short else ""
        long += "=" + option.metavar if long else ""
    return "  ".join(part for part in (short, long) if part)


def _help_lines(option):
    first = "  " + _spelled(option)
    if len(first) >= HELP_COLUMN:
        first += "\n"
    lines, line = [], first.ljust(HELP_COLUMN) if "\n" not in first else first + " " * HELP_COLUMN
    for word in option.help.split():
        if len(line.rsplit("\n", 1)[-1]) + len(word) > HELP_WIDTH and line.strip():
            lines.append(line.rstrip())
            line = " " * HELP_COLUMN
        line += word + " "
    lines.append(line.rstrip())
    return "\n".join(lines)


class ClifParser:
    """One parse of argv by a ClifCommand's declarations."""

    def __init__(self, command):
        self.command = command
        self.shorts = {option.short: option for option in command.options if option.short}
        self.longs = {option.long: option for option in command.options if option.long}
        # `immediate`: --help or -V, read before anything else was wrong; not
        # `action`, which the shared runner would answer on stdout.
        self.values = SimpleNamespace(operands=[], action=None, immediate=None, words=0,
                                            given={})
        for option in command.options:
            setattr(self.values, option.dest, [] if option.repeat else option.default)

    def parse(self, argv):
        index, only_operands, pending = 0, False, []
        self.values.words = len(argv)
        while index < len(argv) and self.values.immediate is None:
            word = argv[index]
            index += 1
            if only_operands or word == "-" or not word.startswith("-"):
                pending.append((word, index))
            elif word == "--":
                only_operands = True
            elif word.startswith("--"):
                index = self._long(word, argv, index)
            else:
                index = self._shorts(word, argv, index)
        if self.values.immediate is None:
            stand_in = self.command.first_operand_from
            if stand_in and getattr(self.values, stand_in) is not None:
                self.values.operands.append(None)
            for word, argc in pending:  # after the options: -6 may follow the host
                self._operand(word, argc)
        return self.values

    def _long(self, word, argv, index):
        name, equals, value = word[2:].partition("=")
        option = self.longs.get(name)
        if option is None or (equals and not option.takes_argument):
            suffix = " (with arg `%s')" % value if equals else ""
            raise UsageError("Bad option `%s'%s (argc %d)" % (word, suffix, index))
        if option.takes_argument and not equals:
            raise UsageError("Option `--%s' (argc %d) requires an argument: `--%s=%s'"
                             % (name, index, name, option.metavar))
        self._store(option, "--" + name, value if equals else None, index)
        return index

    def _shorts(self, word, argv, index):
        if word[1:] in self.shorts and len(word) > 2:
            self._store(self.shorts[word[1:]], word, None, index)
            return index
        for position in range(1, len(word)):
            option = self.shorts.get(word[position])
            if option is None:
                raise UsageError("Bad option `-%s' (argc %d)" % (word[position], index))
            if not option.takes_argument:
                self._store(option, "-" + option.short, None, index)
            elif position == 1 and len(word) > 2:
                self._store(option, "-" + option.short, word[2:], index)
                break
            elif position + 1 < len(word) or index >= len(argv):
                raise UsageError("Option `-%s' (argc %d) requires an argument: `-%s %s'"
                                 % (option.short, index, option.short, option.metavar))
            else:
                self._store(option, "-" + option.short, argv[index], index + 1)
                return index + 1
            if self.values.immediate is not None:
                break
        return index

    def _store(self, option, spelled, text, argc):
        self.values.given[option.dest] = (spelled, argc)
        if option.action:
            self.values.immediate = option.action  # it, too, acts as soon as it is read
            if option.action in RUNNER_ACTIONS:
                self.values.action = option.action
            return
        if not option.takes_argument:
            setattr(self.values, option.dest, True)
            return
        converter = self.command.converters.get(option.dest, str)
        accumulates = option.dest in self.command.accumulating
        try:
            value = converter(text, getattr(self.values, option.dest)) if accumulates \
                else converter(text)
        except ValueError as error:
            detail = str(error)
            if detail.startswith("!"):  # the converter words the complaint itself
                raise UsageError(detail[1:]) from None
            end = "" if isinstance(error, RunOnComplaint) or not detail else "\n"
            raise UsageError("%s%sCannot handle `%s' option with arg `%s' (argc %d)"
                             % (detail, end, spelled, text, argc)) from None
        if accumulates:
            setattr(self.values, option.dest, value)
        elif option.repeat:
            getattr(self.values, option.dest).append(value)
        else:
            setattr(self.values, option.dest, value)

    def _operand(self, word, argc):
        position = len(self.values.operands) + 1
        if position > len(self.command.operand_names):
            raise UsageError("Extra arg `%s' (position %d, argc %d)" % (word, position, argc))
        name = self.command.operand_names[position - 1]
        try:
            value = self.command.operand_converters[position - 1](word, self.values)
        except ValueError as error:
            raise UsageError(operand_complaint(str(error), name, word, position, argc)) from None
        self.values.operands.append(value)


def operand_complaint(detail, name, word, position, argc):
    """traceroute's words for an operand its converter refused (with the converter's)."""
    return "%sCannot handle \"%s\" cmdline arg `%s' on position %d (argc %d)" % (
        detail + "\n" if detail else "", name, word, position, argc)


def strtol(text):
    """C strtol(text, &end, 0) that must consume all of text (leading blanks allowed)."""
    stripped = text.lstrip(" \t\n\v\f\r")
    sign, digits = "", stripped
    if digits[:1] in "+-" and digits:
        sign, digits = digits[0], digits[1:]
    base = 10
    if digits[:2].lower() == "0x" and len(digits) > 2:
        base, digits = 16, digits[2:]
    elif digits[:1] == "0" and len(digits) > 1:
        base, digits = 8, digits[1:]
    if not digits or not all(c in "0123456789abcdefABCDEF"[:base if base <= 10 else 22]
                             for c in digits):
        raise ValueError("")
    return int(sign + digits, base)


def strtod(text):
    """C strtod(text) that must consume all of text (leading blanks allowed)."""
    stripped = text.lstrip(" \t\n\v\f\r")
    if not stripped or "_" in stripped or stripped != stripped.rstrip():
        raise ValueError("")
    try:
        return float(stripped)
    except ValueError:
        raise ValueError("") from None
