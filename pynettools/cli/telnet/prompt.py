"""The `telnet>` prompt: telnet's commands, abbreviations and answers.

Reached with no HOST (a loop until `quit` or end of input) or with the
escape character during a session (one command, then back to the session).
Texts are telnet's, as it prints them.
"""

import os
import signal
import subprocess
import sys

from pynettools.cli.telnet.authcommands import do_auth, do_encrypt
from pynettools.cli.telnet.charcommands import (character_lines, check_characters,
                                               set_character)
from pynettools.cli.telnet.commandline import (AGAIN, NEED_CONNECTION, connected, lookup,
                                               make_argv)
from pynettools.cli.telnet.environcommand import do_environ
from pynettools.cli.telnet.messages import describe_escape, parse_escape, say
from pynettools.cli.telnet.modecommands import do_mode, do_slc, slc_state
from pynettools.cli.telnet.status import ExitStatus, failure
from pynettools.cli.telnet.texts import COMMAND_HELP, SEND_HELP, SET_HELP, TOGGLES, toggle_help
from pynettools.errors import PynettoolsError
from pynettools.telnet import constants as T
from pynettools.telnet.slc import CHARACTER_NAMES
from pynettools.telnet.terminal import terminal_characters

PROMPT = "telnet> "
# What a command that failed returns: after the escape character, telnet keeps
# the prompt until a command succeeds (or an empty line is entered).


def prompt_loop(client):
    """Commands until quit or end of input; the exit status of telnet."""
    while True:
        ending = run_command(client)
        if ending == "eof" and client.session is not None:
            do_quit(client, [])  # a connection held after SIGINT: telnet's quit closes it
        if ending == "quit" or ending == "eof":
            return ExitStatus.OK
        if ending == "peer" or ending == "silence":
            return client.last_status


def run_until_success(client):
    """After the escape character: commands until one succeeds; how the session ends."""
    while True:
        ending = run_command(client)
        if ending != AGAIN:
            return ending


def run_command(client):
    """Read and run one command; how the session ends, None, or AGAIN on failure."""
    line = read_line(client, PROMPT)
    if line is None:
        say("\n")
        return "eof"
    words = make_argv(line)
    if not words:
        return None
    name = lookup(words[0], COMMANDS)
    if name is None:
        return AGAIN
    return COMMANDS[name](client, words[1:])


def read_line(client, prompt):
    """One line from stdin (None at its end), after printing the prompt."""
    say(prompt)
    buffer = client.input_buffer
    while b"\n" not in buffer:
        data = os.read(0, 4096)
        if not data:
            if not buffer:
                return None
            break
        buffer += data
    line, _, rest = bytes(buffer).partition(b"\n")
    buffer[:] = rest
    return line.decode("utf-8", "surrogateescape")


def do_close(client, words):
    if not connected(client):
        return AGAIN
    client.session.close()
    say("Connection closed.\n")
    client.end_held_session()
    return "user"


def do_quit(client, words):
    if client.session is not None:
        client.session.close()
        say("Connection closed.\n")
        client.end_held_session()
    return "quit"


def do_logout(client, words):
    if connected(client):
        client.session.protocol.ask_remote(18, True)  # DO LOGOUT (RFC 727)
        client.session.flush()
        if client.session.held:
            client.session.write_pending()  # telnet flushes here, even when held
    return None


def do_open(client, words):
    if client.session is not None:
        say("?Already connected to %s\n" % client.hostname)
        return AGAIN
    if not words:
        line = read_line(client, "(to) ")
        words = line.split() if line else []
    target = _open_arguments(client, words)
    if target is None:
        say("usage: open [-4] [-6] [-l user] [-b addr] [-a] host-name [port]\n")
        return AGAIN
    host, port, user = target
    try:
        client.last_status = client.open(host, port, user=user)
    except PynettoolsError as error:
        failure(error).write()
        return AGAIN
    return client.session_ended


def _open_arguments(client, words):
    """(host, port or None, user or None) as telnet's `open` reads its words, or None
    for its usage line.  -4, -6, -b and -a set what telnet's options set, for good."""
    import socket

    host = port = user = None
    words = list(words)
    while words:
        word = words.pop(0)
        if word == "help" or "?".startswith(word):
            return None
        if word in ("-l", "-b"):
            if not words:
                return None
            value = words.pop(0)
            if word == "-l":
                user = value
            else:
                client.args.bind = value
        elif word == "-a":
            client.args.login = True
        elif word in ("-4", "-6"):
            client.args.family = socket.AF_INET if word == "-4" else socket.AF_INET6
        elif host is None:
            host = word
        elif port is None:
            port = word
        else:
            return None
    return None if host is None else (host, port, user)


def do_status(client, words):
    if client.session is None:
        say("No connection.\n")
    else:
        say("Connected to %s.\n" % client.hostname + mode_lines(client))
    say("Escape character is '%s'.\n" % describe_escape(client.escape))
    return None


def mode_lines(client):
    protocol = client.session.protocol
    mode = protocol.terminal_mode()
    if mode.kind == "linemode":
        lines = ["Operating with LINEMODE option",
                 "%s line editing" % ("Local" if mode.edit else "No"),
                 "%s catching of signals" % ("Local" if mode.trapsig else "No"),
                 slc_state(client.slc_source)]
    elif mode.kind == "obsolete":
        lines = ["Operating in obsolete linemode"]
    else:
        lines = ["Operating in single character mode"]
        if client.localchars:
            lines.append("Catching signals locally")
    lines.append("%s character echo" % ("Local" if mode.echo else "Remote"))
    if protocol.local[T.LFLOW].wanted:
        lines.append("%s flow control" % ("Local" if protocol.flow_control else "No"))
    return "\n".join(lines) + "\n"


SEND_CODES = {"ao": T.AO, "ayt": T.AYT, "brk": T.BREAK, "ec": T.EC, "el": T.EL, "ga": T.GA,
              "ip": T.IP, "nop": T.NOP, "eor": T.EOR, "abort": T.ABORT, "susp": T.SUSP,
              "eof": T.xEOF, "synch": T.DM}
SEND_VERBS = {"do": T.DO, "dont": T.DONT, "will": T.WILL, "wont": T.WONT}


SEND_NAMES = {**SEND_CODES, **SEND_VERBS, "escape": 0, "getstatus": 0, "?": 0, "help": 0}


def do_send(client, words):
    """As telnet: every argument checked first, then the connection, then all sent."""
    if not words:
        say("need at least one argument for 'send' command\n'send ?' for help\n")
        return AGAIN
    planned = []
    while words:
        word, words = words[0], words[1:]
        name = lookup(word, SEND_NAMES, "Unknown send argument '%s'\n'send ?' for help.\n" % word,
                      "Ambiguous send argument '%s'\n'send ?' for help.\n" % word)
        if name is None:
            return AGAIN
        if name in SEND_VERBS and not words:
            say("Need 1 argument to 'send %s' command.  'send %s ?' for help.\n" % (name, name),
                sys.stderr)
            return AGAIN
        if name in ("?", "help"):
            say(SEND_HELP)
            return AGAIN  # telnet stays at its prompt after help
        if name in SEND_VERBS:
            planned.append((name, words[0]))
            words = words[1:]
        else:
            planned.append((name, None))
    if not connected(client):
        say("'send ?' for help\n")
        return AGAIN
    return _send_planned(client, planned)


def _send_planned(client, planned):
    protocol = client.session.protocol
    for name, argument in planned:
        if name in SEND_VERBS:
            option = _option_number(argument)
            if option is None:
                say("'%s': unknown argument ('send %s ?' for help).\n" % (argument, name))
                return AGAIN
            protocol.ask(SEND_VERBS[name], option)
        elif name == "escape":
            client.session.send(bytes((client.escape or 0x1D,)))
        elif name == "getstatus":
            if not protocol.request_status():
                say("Remote side does not support STATUS option\n")
                client.session.flush()
                return AGAIN
        else:
            protocol.send_command(SEND_CODES[name])
    client.session.flush()
    return None


def _option_number(word):
    if word.isdigit() and int(word) < 256:
        return int(word)
    return T.OPTION_BY_WORD.get(word.lower())


def do_set(client, words, value=True):
    verb = "set" if value else "unset"
    if not words or words[0] in ("?", "help"):
        say(SET_HELP + toggle_help("enable" if value else "disable") +
            "?               display help information\n")
        return AGAIN  # telnet stays at its prompt after help
    name = words[0]
    if name in CHARACTER_NAMES:
        if set_character(client, words, value) == AGAIN:
            return AGAIN
    elif name in TOGGLES:
        _set_toggle(client, name, value)
    elif name == "escape":
        if value and len(words) < 2:
            say("Format is 'set Name Value'\n'set ?' for help.\n")
            return AGAIN
        client.escape = parse_escape(words[1]) if value else None
        say("escape character is '%s'.\n" % describe_escape(client.escape))
    else:
        say("'%s': unknown argument ('%s ?' for help).\n" % (name, verb), sys.stderr)
        return AGAIN
    if value:
        check_characters(client)
    return None


def do_unset(client, words):
    return do_set(client, words, False)


def do_toggle(client, words):
    if not words or words[0] in ("?", "help"):
        say(toggle_help("toggle") + "\n?               display help information\n")
        return AGAIN  # telnet stays at its prompt after help
    for name in words:
        if name not in TOGGLES:
            say("'%s': unknown argument ('toggle ?' for help).\n" % name, sys.stderr)
            return AGAIN
        _set_toggle(client, name, not client.toggles.get(name, TOGGLES[name][1]))
    return None


def _set_toggle(client, name, value):
    client.toggles[name] = value
    if name == "autoflush" and client.session is not None:
        client.session.protocol.autoflush = value
    if name == "crlf":
        client.crlf = value
        if client.session is not None:
            client.session.protocol.crlf = value
        say("Will send carriage returns as telnet <CR><%s>.\n" % ("LF" if value else "NUL"))
    elif name == "localchars":
        client.localchars = value
        say("%s recognize certain control characters.\n" % ("Will" if value else "Won't"))
    elif name in ("binary", "inbinary", "outbinary"):
        if client.session is not None:
            protocol = client.session.protocol
            if name != "outbinary":
                protocol.ask_remote(T.BINARY, value)
            if name != "inbinary":
                protocol.ask_local(T.BINARY, value)
            client.session.flush()
        say("Negotiating %s mode with remote host.\n" % ("binary" if value else "network ascii"))
    else:
        say("%s %s.\n" % ("Will" if value else "Won't", TOGGLES[name][0]))


def do_display(client, words):
    lines = ["%s %s." % ("will" if client.toggles.get(name, default) else "won't", text)
             for name, (text, default) in TOGGLES.items() if text]
    lines += ["", "echo            [^E]", "escape          [%s]" % describe_escape(client.escape),
              "rlogin          [off]", 'tracefile       "(standard output)"']
    lines += character_lines(client)
    say("\n".join(lines) + "\n")
    if client.session is not None:
        from pynettools.cli.telnet.optiondump import option_dump

        say(option_dump(client.session.protocol))
    return None


def do_z(client, words):
    """Suspend as telnet does: the terminal restored, SIGTSTP to our process group."""
    if client.terminal:
        client.terminal.restore()
    from pynettools.telnet.terminal import window_size

    before = window_size(0)
    previous = signal.signal(signal.SIGTSTP, signal.SIG_DFL)
    try:
        os.kill(0, signal.SIGTSTP)
    finally:
        signal.signal(signal.SIGTSTP, previous)
    if client.session is not None:
        after = window_size(0)
        if after is not None and after != before:
            client.session.protocol.window_changed(after)
            client.session.flush()
    if client.terminal:
        client.terminal.reread()  # the settings may have changed while stopped
    client.characters.reset(terminal_characters(0))  # and so may the characters (as telnet)
    return None


def do_shell(client, words):
    shell = os.environ.get("SHELL", "/bin/sh")
    subprocess.call([shell] + (["-c", " ".join(words)] if words else []))
    return None


def do_help(client, words):
    if words:
        for word in words:
            name = lookup(word, COMMANDS, "?Invalid help command %s\n" % word,
                          "?Ambiguous help command %s\n" % word)
            if name:
                say("%s\n" % dict(COMMAND_HELP)[name])
        return None
    say("Commands may be abbreviated.  Commands are:\n\n" + "".join(
        "%-8s\t%s\n" % (name, text) for name, text in COMMAND_HELP))
    return AGAIN


COMMANDS = {
    "close": do_close, "logout": do_logout, "display": do_display, "mode": do_mode,
    "open": do_open, "quit": do_quit, "send": do_send, "set": do_set, "unset": do_unset,
    "status": do_status, "toggle": do_toggle, "slc": do_slc, "auth": do_auth,
    "encrypt": do_encrypt, "z": do_z, "!": do_shell, "environ": do_environ,
    "?": do_help, "help": do_help,
}
