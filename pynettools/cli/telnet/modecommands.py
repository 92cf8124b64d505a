"""`mode` and `slc` at the telnet> prompt: LINEMODE and the old line-by-line mode.

`mode line` offers LINEMODE (and, while telnet is in the old mode, DONT
SGA), `mode character` withdraws it (or asks for SGA), both then ask about
ECHO; the terminal follows what is now wanted, answered or not.  The mode
bits (`isig`, `edit`, ...) need LINEMODE.  `slc` chooses whose special
characters LINEMODE uses.
"""

import sys

from pynettools.cli.telnet.commandline import AGAIN, NEED_CONNECTION, lookup_argument
from pynettools.cli.telnet.messages import say
from pynettools.cli.telnet.texts import MODE_HELP, SLC_HELP
from pynettools.telnet import constants as T


def line_mode(protocol):
    if protocol.kludge_linemode:
        protocol.ask_remote(T.SGA, False)
    protocol.ask_local(T.LINEMODE, True)
    protocol.ask_remote(T.ECHO, False)


def character_mode(protocol):
    if protocol.kludge_linemode:
        protocol.ask_remote(T.SGA, True)
    else:
        protocol.ask_local(T.LINEMODE, False)
    protocol.ask_remote(T.ECHO, True)


_MODE_BITS = {"isig": T.MODE_TRAPSIG, "edit": T.MODE_EDIT, "softtabs": T.MODE_SOFT_TAB,
              "litecho": T.MODE_LIT_ECHO}
# name: (needs a connection, what it does); "?" and "help" print MODE_HELP.
MODES = {"character": character_mode, "line": line_mode, "help": None, "?": None,
         **{prefix + name: (prefix != "-", bit) for name, bit in _MODE_BITS.items()
            for prefix in ("", "+", "-")}}


def do_mode(client, words):
    if len(words) != 1:
        say("'mode' command requires an argument\n'mode ?' for help.\n")
        return AGAIN
    name = _mode_name(words[0])
    if name is None:
        return AGAIN
    action = MODES[name]
    if action is None:
        say(MODE_HELP)
        return AGAIN  # telnet stays at its prompt after help
    if client.session is None:
        say(NEED_CONNECTION + "'mode ?' for help.\n")
        return AGAIN
    protocol = client.session.protocol
    if callable(action):
        action(protocol)
    elif not protocol.local[T.LINEMODE].wanted:
        say("?Need to have LINEMODE option enabled first.\n'mode ?' for help.\n")
        return AGAIN
    else:
        on, bit = action
        protocol.set_linemode(protocol.linemode_mode | bit if on else
                              protocol.linemode_mode & ~bit)
    client.session.flush()
    return None


def _mode_name(word):
    if word in MODES:
        return word
    matches = [name for name in MODES if name.startswith(word)]
    if len(matches) == 1:
        return matches[0]
    say("%s mode '%s' ('mode ?' for help).\n" % ("Ambiguous" if matches else "Unknown", word),
        sys.stderr)
    return None


SLC_COMMANDS = ("export", "import", "check", "help", "?")


def do_slc(client, words):
    if len(words) != 1:
        say("Need an argument to 'slc' command.  'slc ?' for help.\n", sys.stderr)
        return AGAIN
    name = lookup_argument(words[0], SLC_COMMANDS, "slc")
    if name is None:
        return AGAIN
    if name in ("help", "?"):
        say(SLC_HELP)
    else:
        client.slc_source = name
        if client.session is not None:
            client.session.protocol.choose_slc(name)
            client.session.flush()
    say(slc_state(client.slc_source) + "\n")
    return None


_SLC_WORDS = {"export": "local", "import": "remote default", "check": "remote"}


def slc_state(source):
    """telnet's line on whose special characters LINEMODE uses."""
    return "Special characters are %s values" % _SLC_WORDS[source]
