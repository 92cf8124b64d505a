"""How the telnet> prompt reads a command: words, names by prefix, failures."""

import sys

from pynettools.cli.telnet.messages import say

# What a command that failed returns: after the escape character, telnet keeps
# the prompt until a command succeeds (or an empty line is entered).
AGAIN = "again"
NEED_CONNECTION = "?Need to be connected first.\n"

_C_SPACE = " \t\n\v\f\r"  # C's isspace: ^] and the other controls are part of a word


def make_argv(line):
    """The words of a command line as telnet splits them (quotes, backslash, a leading !)."""
    words = []
    if line.startswith("!"):
        words.append("!")
        line = line[1:]
    position, length = 0, len(line)
    while position < length:
        while position < length and line[position] in _C_SPACE:
            position += 1
        if position == length:
            break
        word, quote = [], None
        while position < length:
            character = line[position]
            position += 1
            if quote:
                if character == quote:
                    quote = None
                    continue
            elif character == "\\":
                if position == length:
                    break
                character = line[position]
                position += 1
            elif character in "\"'":
                quote = character
                continue
            elif character in _C_SPACE:
                break
            word.append(character)
        words.append("".join(word))
    return words


def lookup(word, table, invalid="?Invalid command\n", ambiguous="?Ambiguous command\n"):
    """The entry `word` names in table (exactly or by a unique prefix), or None."""
    if word in table:
        return word
    matches = [name for name in table if name.startswith(word)]
    if len(matches) == 1:
        return matches[0]
    say(ambiguous if matches else invalid)
    return None


def connected(client):
    if client.session is None:
        say(NEED_CONNECTION)
        return False
    return True


def lookup_argument(word, table, command):
    """A sub-command's argument by prefix, or None after telnet's message (on stderr)."""
    matches = [name for name in table if name.startswith(word)]
    if word in table:
        return word
    if len(matches) == 1:
        return matches[0]
    say("'%s': %s argument ('%s ?' for help).\n" % (
        word, "ambiguous" if matches else "unknown", command), sys.stderr)
    return None


def need_arguments(command, name, wanted, given):
    """telnet's complaint when `command name` gets a wrong number of arguments."""
    say("Need %s%d argument%s to '%s %s' command.  '%s ?' for help.\n" % (
        "only " if wanted < given + 2 else "", wanted, "" if wanted == 1 else "s",
        command, name, command), sys.stderr)


def subcommand(words, table, command, counts=None):
    """The sub-command `words` start with (environ, auth, ...), or None after telnet's message.

    With `counts` (name -> arguments it takes), a wrong count is an error too.
    """
    if not words:
        say("Need an argument to '%s' command.  '%s ?' for help.\n" % (command, command),
            sys.stderr)
        return None
    name = lookup_argument(words[0], table, command)
    if name is not None and counts is not None and counts[name] + 1 != len(words):
        need_arguments(command, name, counts[name], len(words) + 1)
        return None
    return name
