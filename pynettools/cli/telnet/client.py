"""pytelnet's session: connect with telnet's messages, then shuttle bytes.

One select loop moves bytes between the terminal (or a pipe) and the socket
through `TelnetProtocol`.  Sending is buffered and bounded: when the peer
stops reading, pytelnet stops reading what it would send and drops its
protocol answers (see session.MAX_UNSENT_ANSWERS), so memory stays bounded,
the peer is still read and the escape character still works.
"""

import os
import select
import _signal as signal  # the C module: `signal` builds enums of every signal (~1 ms)
import sys
import time

from pynettools.cli.telnet.messages import describe_escape, say
from pynettools.cli.telnet.status import ExitStatus, PortOutOfRange
from pynettools.telnet import constants as T
from pynettools.telnet.protocol import TelnetProtocol
from pynettools.telnet.slc import SpecialCharacters
from pynettools.telnet.terminal import terminal_characters
from pynettools.errors import ResolveError
from pynettools.telnet.session import (TELNET_PORT, TelnetSession, local_address, open_socket,
                                       resolve)

STDIN_PAUSE = 1 << 16  # stop reading input while this much is unsent
READ_SIZE = 65536
# telnet discards output until the peer answers DO TIMING-MARK, however long;
# pytelnet gives up after this many seconds (a peer that ignores the option).
FLUSH_LIMIT = 2.0


class Client:
    """What telnet keeps between commands: settings, the connection, the terminal."""

    def __init__(self, args, escape, wait):
        self.args = args
        self.escape = escape
        self.wait = wait
        self.session = None
        self.hostname = None
        self.terminal = None
        self.interactive = os.isatty(0)
        self.crlf = False
        self.localchars = True
        self.received = [] if args.json else None
        self.summary = {}
        self.started_at_prompt = False
        self.input_buffer = bytearray()  # typed ahead of a command's line
        self.toggles = {}
        self.last_status = ExitStatus.OK
        self.session_ended = None
        self.mode = None  # the TerminalMode last applied (telnet's globalmode)
        self.slc_source = "export"  # `slc`: whose special characters LINEMODE uses
        # The characters in use and the SLC table, read from the terminal once as
        # telnet does (again after `z`), kept across connections.
        self.characters = SpecialCharacters(terminal_characters(0))
        self.flush_deadline = None
        self._environment = None

    # -- connecting -------------------------------------------------------

    def open(self, host, port_text=None, user=None):
        """telnet's `open`: resolve, try each address, run the session."""
        port, negotiate = self._port(host, port_text)
        addresses, canonical = resolve(host, port, self.args.family, port_text or "telnet")
        bind = local_address(self.args.bind, addresses[0][0]) if self.args.bind else None
        quiet = self.args.json
        attempt = None if quiet else self._attempt
        started = time.monotonic()
        sock, address = open_socket(addresses, bind, attempt)
        self.summary = {"host": host, "address": address[0], "port": address[1],
                        "connect_seconds": round(time.monotonic() - started, 6)}
        self.hostname = canonical
        if not quiet:
            say("Connected to %s.\n" % canonical)
            say("Escape character is '%s'.\n" % describe_escape(self.escape))
        return self._run(sock, negotiate, user or self.args.user)

    def _port(self, host, text):
        """(port number, initiate negotiation) for the PORT operand given with `host`."""
        if text is None:
            return TELNET_PORT, True
        negotiate = text.startswith("-")
        text = text[1:] if negotiate else text
        if text.isascii() and text.isdigit():
            number = int(text)
            if not 0 < number < 65536:
                raise PortOutOfRange(text)
            return number, negotiate
        from pynettools.services import ServicesDB

        entry = ServicesDB().by_name(text, "tcp")
        if entry is None:
            raise ResolveError(host, "Servname not supported for ai_socktype", text)
        return entry.port, negotiate

    @staticmethod
    def _attempt(address, error):
        if error is None:
            say("Trying %s...\n" % address)
        else:
            say("Connection failed: %s\n" % error.strerror, sys.stderr)

    # -- the session ------------------------------------------------------

    def _run(self, sock, negotiate, user):
        from pynettools.telnet.terminal import Terminal, terminal_facts

        user = user or (login_name() if self.args.login else None)
        if user:
            self.environ_table().define("USER", user)
        facts = terminal_facts(0, os.environ, self.environ_table(), self.characters)
        protocol = TelnetProtocol(facts, self.crlf)
        protocol.slc_source = self.slc_source
        protocol.autoflush = self.toggles.get("autoflush", True)
        self.session = TelnetSession(sock, protocol)
        if self.interactive:
            self.terminal = Terminal(0, self.escape)
        # telnet sets the terminal's mode before its offers change what it wants.
        self._apply_mode()
        if negotiate:
            protocol.start(self.args.binary, self.args.binary or self.args.binary_output)
        sock.setblocking(False)
        self.session.flush()
        if self.input_buffer:  # typed after the `open` command
            self.session.send(bytes(self.input_buffer))
            self.input_buffer.clear()
        ending = None
        try:
            with _Signals() as signals:
                ending = self._loop(signals)
        finally:
            if self.terminal:
                self.terminal.restore()
            if ending != "held":
                sock.close()
        return self._finish(ending)

    def _finish(self, ending):
        self.session_ended = ending
        if ending == "held":
            self._hold_session()
            return ExitStatus.OK
        if self.args.json:
            self._print_summary(ending)
        elif ending == "peer":
            say("Connection closed by foreign host.\n", sys.stderr)
        elif ending == "silence":
            say("Connection closed.\n", sys.stderr)
        # "interrupted": SIGINT outside line mode ends telnet quietly, status 0.
        self.session = None
        return ExitStatus.SILENCE if ending == "silence" else ExitStatus.OK

    def _loop(self, signals):
        session, protocol = self.session, self.session.protocol
        reading_input = True
        while True:
            pending = len(session.outgoing)
            readers = [signals.wakeup, session.sock]
            if reading_input and pending < STDIN_PAUSE:
                readers.append(0)
            timeout = self.wait if not reading_input else None
            if protocol.flushing:
                timeout = self._flush_timeout(timeout)
            readable, writable, _ = select.select(readers, [session.sock] if pending else [],
                                                  [], timeout)
            if not readable and not writable:
                if protocol.flushing:
                    continue
                return "silence"
            if writable:
                session.write_pending()
            if signals.wakeup in readable:
                ending = self._on_signals(signals.take())
                if ending:
                    return ending
            if session.sock in readable:
                shown = session.receive(READ_SIZE)
                if shown is None:
                    self._show(protocol.finish())
                    return "peer"
                if protocol.mode_changed:
                    self._apply_mode()
                self._show(shown)
            if 0 in readable:
                ending = self._typed(os.read(0, READ_SIZE))
                if ending == "eof":
                    reading_input = False
                elif ending:
                    return ending

    def _show(self, data):
        if not data:
            return
        if self.received is not None:
            self.received.append(data)
            return
        view = memoryview(data)
        while view:
            view = view[os.write(1, view):]

    def _flush_timeout(self, timeout):
        """The select timeout while output is discarded; past FLUSH_LIMIT, stop discarding."""
        now = time.monotonic()
        if self.flush_deadline is None:
            self.flush_deadline = now + FLUSH_LIMIT
        left = self.flush_deadline - now
        if left <= 0:
            self.session.protocol.flushing = False
            self.flush_deadline = None
            return timeout
        return left if timeout is None else min(timeout, left)

    def _typed(self, data):
        """Input from the user: sent, or an escape to the telnet> prompt."""
        if not data:
            if self.interactive and self.mode.local_characters:
                # ^D on an editing terminal reads as nothing: telnet sends its EOF key.
                data = bytes((self.characters.characters["eof"],))
            else:
                return None if self.interactive else "eof"
        if self.interactive and self.escape is not None and self.escape in data:
            before, _, after = data.partition(bytes((self.escape,)))
            self._send_typed(before)
            ending = self._escape_to_prompt()
            if ending or not after:
                return ending
            data = after
        self._send_typed(data)
        return None

    def _send_typed(self, data):
        if self.interactive and self.mode.local_characters:
            from pynettools.cli.telnet.keys import special_keys

            for part in special_keys(data, self):
                if isinstance(part, bytes):
                    self.session.send(part)
                else:
                    self.session.protocol.interrupt(part)
                    self.session.flush()
            return
        self.session.send(data)

    def _escape_to_prompt(self):
        from pynettools.cli.telnet.prompt import run_until_success

        self.terminal.restore()
        say("\n")
        ending = run_until_success(self)
        if ending is None and self.session is not None:
            self._apply_mode()
        return ending

    def _apply_mode(self):
        """telnet's setconnmode: the mode the options give, on the terminal if there is one."""
        protocol = self.session.protocol
        protocol.mode_changed = False
        self.mode = protocol.terminal_mode()
        if self.terminal:
            self.terminal.set_mode(self.mode, self.characters.characters)
            protocol.lf_is_newline = self.mode.edit

    def _on_signals(self, received):
        """SIGWINCH: the new size; the signal keys: telnet's commands (or its exit)."""
        protocol = self.session.protocol
        for signum in received:
            if signum == signal.SIGWINCH and self.terminal:
                from pynettools.telnet.terminal import window_size

                protocol.window_changed(window_size(0))
            elif signum == signal.SIGINT and not self.mode.trapsig:
                # telnet leaves at once, quietly; begun at its prompt, it goes back
                # there with the connection open.
                return "held" if self.started_at_prompt else "interrupted"
            elif self.mode.trapsig and signum in _SIGNAL_COMMANDS:
                protocol.interrupt(signal_command(signum, protocol))
        self.session.flush()
        return None

    def _print_summary(self, ending):
        from pynettools.models import TelnetSummary
        from pynettools.output.jsonout import dumps, tagged

        protocol = self.session.protocol
        data = b"".join(self.received)
        try:
            content, encoding = data.decode("utf-8"), "text"
        except UnicodeDecodeError:
            import base64

            content, encoding = base64.b64encode(data).decode("ascii"), "base64"
        summary = TelnetSummary(
            host=self.summary["host"], address=self.summary["address"],
            port=self.summary["port"], connect_seconds=self.summary["connect_seconds"],
            bytes_sent=self.session.bytes_sent, bytes_received=self.session.bytes_received,
            local_options=enabled_names(protocol.local), remote_options=enabled_names(protocol.remote),
            closed_by=ending, data_encoding=encoding, data=content)
        say(dumps(tagged("pytelnet", summary)))

    def _hold_session(self):
        """After SIGINT, back at the prompt: the connection stays open but unserved.

        As telnet, which jumps back to its prompt from the signal handler: what
        commands queue for the server is not sent (but for `logout`'s flush),
        nothing is read, and SIGINT stays blocked from then on (telnet never
        unblocks it after that jump).
        """
        self.session.held = True
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})

    def end_held_session(self):
        """The held connection was closed at the prompt (close, quit, end of input)."""
        if self.session is not None and self.session.held:
            self.session = None

    # -- the telnet> prompt ------------------------------------------------

    def environ_table(self):
        """The `environ` variables NEW-ENVIRON answers from (telnet's table)."""
        if self._environment is None:
            from pynettools.telnet.environ import EnvironmentTable

            self._environment = EnvironmentTable(os.environ)
        return self._environment

    def command_loop(self):
        from pynettools.cli.telnet.prompt import prompt_loop

        self.started_at_prompt = True
        return prompt_loop(self)


def enabled_names(sides):
    """Names of the options in effect: enabled and agreed to."""
    return [T.option_name(option) for option, side in enumerate(sides)
            if side.enabled and side.wanted]


def login_name():
    """The user -a sends: $USER if it is ours, else the name of our uid (as telnet)."""
    import pwd

    user = os.environ.get("USER")
    try:
        if user is None or pwd.getpwnam(user).pw_uid != os.getuid():
            user = pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        pass
    return user


# Signals the terminal raises while signal keys are local become Telnet commands.
_SIGNAL_COMMANDS = {signal.SIGINT: T.IP, signal.SIGQUIT: T.ABORT, signal.SIGTSTP: T.SUSP}


def signal_command(signum, protocol):
    """The command for a signal key; ^\\ is BREAK in the old line-by-line mode."""
    if signum == signal.SIGQUIT and protocol.kludge_linemode:
        return T.BREAK
    return _SIGNAL_COMMANDS[signum]


class _Signals:
    """Signals during a session: noted through a pipe that wakes the select loop.

    SIGINT, SIGQUIT, SIGTSTP and SIGWINCH are delivered as Telnet commands
    (or telnet's quiet exit) and window sizes; SIGTERM and SIGHUP end the
    session so that the terminal is restored.
    """

    def __init__(self):
        self.wakeup = None
        self._write_end = None
        self._previous = {}

    def __enter__(self):
        self.wakeup, self._write_end = os.pipe()
        os.set_blocking(self._write_end, False)
        os.set_blocking(self.wakeup, False)
        self._previous_fd = signal.set_wakeup_fd(self._write_end, warn_on_full_buffer=False)
        handled = [signal.SIGTERM, signal.SIGHUP, signal.SIGWINCH, *_SIGNAL_COMMANDS]
        for signum in handled:
            handler = _end_session if signum in (signal.SIGTERM, signal.SIGHUP) else _noted
            self._previous[signum] = signal.signal(signum, handler)
        return self

    def take(self):
        try:
            return set(os.read(self.wakeup, 512))
        except BlockingIOError:
            return set()

    def __exit__(self, *exc_info):
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        signal.set_wakeup_fd(self._previous_fd)
        os.close(self.wakeup)
        os.close(self._write_end)


def _noted(signum, frame):
    """The wake-up pipe carries the signal number; nothing else to do here."""


def _end_session(signum, frame):
    raise SystemExit(128 + signum)
