"""`environ` at the telnet> prompt: the variables NEW-ENVIRON offers."""

import sys

from pynettools.cli.telnet.commandline import AGAIN, subcommand
from pynettools.cli.telnet.messages import say
from pynettools.cli.telnet.texts import ENVIRON_HELP
from pynettools.telnet import constants as T

# name: how many arguments it takes
ENVIRON_COMMANDS = {"define": 2, "undefine": 1, "export": 1, "unexport": 1, "send": 1,
                    "list": 0, "help": 0, "?": 0}


def do_environ(client, words):
    name = subcommand(words, ENVIRON_COMMANDS, "environ", ENVIRON_COMMANDS)
    if name is None:
        return AGAIN
    table = client.environ_table()
    if name == "define":
        table.define(words[1], words[2])
    elif name == "undefine":
        table.undefine(words[1])
    elif name in ("export", "unexport"):
        table.export(words[1], name == "export")
    elif name == "list":
        say("".join("%s %-20s %s\n" % ("*" if exported else " ", variable, value)
                    for variable, value, exported in table.items()))
    elif name == "send":
        _send(client, words[1])
    else:
        say(ENVIRON_HELP)
    return None


def _send(client, name):
    protocol = client.session.protocol if client.session else None
    if protocol is None or not protocol.local[T.NEW_ENVIRON].enabled:
        say("Cannot send '%s': Telnet ENVIRON option not enabled\n" % name, sys.stderr)
    elif not protocol.send_environment(name):
        say("Cannot send '%s': variable not defined\n" % name, sys.stderr)
    else:
        client.session.flush()
