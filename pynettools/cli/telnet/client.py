"""pytelnet's session: connect with telnet's messages, then shuttle bytes.

One select loop moves bytes between the terminal (or a pipe) and the socket
through `TelnetProtocol`.  Sending is buffered and bounded: when the peer
stops reading, pytelnet stops reading what it would send and drops its
protocol answers (see session.MAX_UNSENT_ANSWERS), so memory stays bounded,
the peer is still read and the escape character still works.
"""

import os
import select
import signal
import sys
import time

from pynettools.cli.telnet.messages import describe_escape, say
from pynettools.cli.telnet.status import ExitStatus, PortOutOfRange
from pynettools.telnet import constants as T
from pynettools.telnet.protocol import TelnetProtocol
from pynettools.errors import ResolveError
from pynettools.telnet.session import (TELNET_PORT, TelnetSession, local_address, open_socket,
                                       resolve)

STDIN_PAUSE = 1 << 16  # stop reading input while this much is unsent
READ_SIZE = 65536


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
        self._environment = None

    # -- connecting -------------------------------------------------------

    def open(self, host, port_text=None, user=None):
        """telnet's `open`: resolve, try each address, run the session."""
        port, negotiate = self._port(port_text)
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

    def _port(self, text):
        """(port number, initiate negotiation) for the PORT operand."""
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
            host = self.args.operands[0] if self.args.operands else ""
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

        facts = terminal_facts(0, os.environ, user or (os.environ.get("USER")
                                                       if self.args.login else None))
        protocol = TelnetProtocol(facts, self.crlf)
        self.session = TelnetSession(sock, protocol)
        if negotiate:
            protocol.start(self.args.binary, self.args.binary or self.args.binary_output)
        sock.setblocking(False)
        self.session.flush()
        if self.input_buffer:  # typed after the `open` command
            self.session.send(bytes(self.input_buffer))
            self.input_buffer.clear()
        if self.interactive:
            self.terminal = Terminal(0, self.escape)
        try:
            with _Signals(self.interactive) as signals:
                ending = self._loop(signals)
        finally:
            if self.terminal:
                self.terminal.restore()
            sock.close()
        return self._finish(ending)

    def _finish(self, ending):
        self.session_ended = ending
        if self.args.json:
            self._print_summary(ending)
        elif ending == "peer":
            say("Connection closed by foreign host.\n", sys.stderr)
        elif ending == "silence":
            say("Connection closed.\n", sys.stderr)
        self.session = None
        return ExitStatus.SILENCE if ending == "silence" else ExitStatus.OK

    def _loop(self, signals):
        session, protocol = self.session, self.session.protocol
        reading_input = True
        self._apply_mode()
        while True:
            pending = len(session.outgoing)
            readers = [signals.wakeup, session.sock]
            if reading_input and pending < STDIN_PAUSE:
                readers.append(0)
            timeout = self.wait if not reading_input else None
            readable, writable, _ = select.select(readers, [session.sock] if pending else [],
                                                  [], timeout)
            if not readable and not writable:
                return "silence"
            if writable:
                session.write_pending()
            if signals.wakeup in readable:
                self._on_signals(signals.take())
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

    def _typed(self, data):
        """Input from the user: sent, or an escape to the telnet> prompt."""
        if not data:
            return None if self.interactive else "eof"
        if self.interactive and self.escape is not None and self.escape in data:
            before, _, after = data.partition(bytes((self.escape,)))
            self.session.send(before)
            ending = self._escape_to_prompt()
            if ending or not after:
                return ending
            data = after
        self.session.send(data)
        return None

    def _escape_to_prompt(self):
        from pynettools.cli.telnet.prompt import run_until_success

        self.terminal.restore()
        say("\n")
        ending = run_until_success(self)
        if ending is None and self.session is not None:
            self._apply_mode()
        return ending

    def _apply_mode(self):
        if not self.terminal:
            return
        protocol = self.session.protocol
        protocol.mode_changed = False
        mode = protocol.terminal_mode()
        self.terminal.set_mode(mode.line_editing, mode.echo)
        protocol.lf_is_newline = mode.line_editing

    def _on_signals(self, received):
        for signum in received:
            if signum == signal.SIGWINCH and self.terminal:
                from pynettools.telnet.terminal import window_size

                self.session.protocol.window_changed(window_size(0))
            elif signum in _SIGNAL_COMMANDS:
                self.session.protocol.send_command(_SIGNAL_COMMANDS[signum])
        self.session.flush()

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

    # -- the telnet> prompt ------------------------------------------------

    def environ_table(self):
        """`environ` variables: name -> (value, exported), from the environment."""
        if self._environment is None:
            self._environment = {name: (value, False) for name, value in os.environ.items()}
        return self._environment

    def command_loop(self):
        from pynettools.cli.telnet.prompt import prompt_loop

        self.started_at_prompt = True
        return prompt_loop(self)


def enabled_names(sides):
    return [T.option_name(option) for option, side in enumerate(sides) if side.enabled]


# Signals typed at a terminal in line mode become Telnet commands, as in telnet.
_SIGNAL_COMMANDS = {signal.SIGINT: T.IP, signal.SIGQUIT: T.BREAK, signal.SIGTSTP: T.SUSP}


class _Signals:
    """Signals during a session: noted through a pipe that wakes the select loop.

    At a terminal, SIGINT, SIGQUIT and SIGTSTP (typed in line mode) and SIGWINCH
    are delivered as Telnet commands and window sizes; SIGTERM and SIGHUP end
    the session so that the terminal is restored.
    """

    def __init__(self, interactive):
        self.interactive = interactive
        self.wakeup = None
        self._write_end = None
        self._previous = {}

    def __enter__(self):
        self.wakeup, self._write_end = os.pipe()
        os.set_blocking(self._write_end, False)
        os.set_blocking(self.wakeup, False)
        self._previous_fd = signal.set_wakeup_fd(self._write_end, warn_on_full_buffer=False)
        handled = [signal.SIGTERM, signal.SIGHUP]
        if self.interactive:
            handled += [signal.SIGWINCH, *_SIGNAL_COMMANDS]
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
