"""`auth` and `encrypt` at the telnet> prompt, for a telnet with nothing to offer.

Debian's telnet knows Kerberos 5 authentication and no encryption type;
pytelnet knows neither.  So the commands answer as telnet does where it
has nothing (its help, its usage lines, "invalid ... type", its empty list
of encryption types) and `auth status` lists no authentication type.
"""

import sys

from pynettools.cli.telnet.commandline import AGAIN, NEED_CONNECTION, subcommand
from pynettools.cli.telnet.messages import say
from pynettools.cli.telnet.texts import AUTH_HELP, ENCRYPT_HELP

AUTH_TYPES = ("NULL",)  # what telnet lists besides KERBEROS_V5
AUTH_COMMANDS = {"status": 0, "disable": 1, "enable": 1, "help": 0, "?": 0}


def do_auth(client, words):
    name = subcommand(words, AUTH_COMMANDS, "auth", AUTH_COMMANDS)
    if name is None:
        return AGAIN
    if name in ("help", "?"):
        say(AUTH_HELP)
        return AGAIN
    if name == "status":
        say("Authentication enabled\n")
        return None
    kind = words[1]
    if kind in ("?", "help"):
        say("auth %s 'type'\nWhere 'type' is one of:\n%s" % (
            name, "".join("\t%s\n" % type_ for type_ in AUTH_TYPES)))
        return AGAIN
    if kind.upper() not in AUTH_TYPES:
        say("%s: invalid authentication type\n" % kind)
        return AGAIN
    return None


# name: (needs a connection, fewest and most arguments)
ENCRYPT_COMMANDS = {"enable": (True, 1, 2), "disable": (False, 1, 2), "type": (False, 1, 1),
                    "start": (True, 0, 1), "stop": (True, 0, 1), "input": (True, 0, 0),
                    "-input": (True, 0, 0), "output": (True, 0, 0), "-output": (True, 0, 0),
                    "status": (False, 0, 0), "help": (False, 0, 0), "?": (False, 0, 0)}
_USAGE = {"enable": "Usage: encrypt enable <type> [input|output]\n",
          "disable": "Usage: encrypt disable <type> [input|output]\n",
          "type": "Usage: encrypt type <type> [input|output]\n",
          "start": "Usage: encrypt start [input|output]\n",
          "stop": "Usage: encrypt stop [input|output]\n"}


def do_encrypt(client, words):
    name = subcommand(words, ENCRYPT_COMMANDS, "encrypt")
    if name is None:
        return AGAIN
    needs_connection, fewest, most = ENCRYPT_COMMANDS[name]
    given = len(words) - 1
    if not fewest <= given <= most:
        count = "%d argument%s" % (fewest, "" if fewest == 1 else "s") if fewest == most \
            else "%d-%d arguments" % (fewest, most)
        say("Need %s%s to 'encrypt %s' command.  'encrypt ?' for help.\n" % (
            "only " if given > most else "", count, name), sys.stderr)
        return AGAIN
    asks_help = given and words[1] in ("?", "help")
    if needs_connection and client.session is None and not asks_help:
        say(NEED_CONNECTION)
        return AGAIN
    if name in ("help", "?"):
        say(ENCRYPT_HELP)
        return AGAIN
    if asks_help:
        say(_USAGE.get(name, "") + ("Valid encryption types:\n" if name in (
            "enable", "disable", "type") else ""))
        return AGAIN
    if name in ("enable", "disable", "type"):
        say("%s: invalid encryption type\n" % words[1])
        return AGAIN
    return None  # status, and start/stop with nothing negotiated: nothing to say
