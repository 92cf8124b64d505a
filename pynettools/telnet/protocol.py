"""The Telnet protocol as a state machine: bytes in, data and replies out.

`TelnetProtocol` knows nothing of sockets or terminals.  `receive(bytes)`
returns the data for the terminal and queues the answers to the peer's
negotiation; `encode(bytes)` turns typed data into wire bytes; `take_output()`
hands over what must be sent.  The behaviour follows Debian's telnet (GNU
inetutils 2.4), observed on the wire:

- options telnet agrees to: ours BINARY, SGA, TTYPE, NAWS, TSPEED, LFLOW,
  LINEMODE, NEW-ENVIRON (and TIMING-MARK as a one-shot answer); the peer's
  BINARY, ECHO, SGA, STATUS.  Everything else is refused.  ENCRYPT and
  AUTHENTICATION, which telnet also offers, are refused here.
- received data, unless the peer sends BINARY: CR NUL is CR; CR LF is LF
  while we echo locally and CR LF while the peer echoes.
- typed data, unless we send BINARY: CR is CR NUL (CR LF with `crlf`), LF is
  CR LF, and so is CR LF (telnet sends CR NUL CR LF, which breaks HTTP
  requests piped in); 0xFF is doubled always.
- a subnegotiation longer than MAX_SUBNEGOTIATION bytes is cut to that size,
  so a peer cannot make it grow without bound.
"""

import itertools
import _operator as operator  # the C module: `operator`, its Python wrapper, costs start-up

from pynettools.telnet import constants as T
from pynettools.telnet.facts import TerminalFacts, TerminalMode  # noqa: F401
from pynettools.telnet.negotiation import Negotiation, command, subnegotiation  # noqa: F401
from pynettools.telnet.options import OptionSide

MAX_SUBNEGOTIATION = 4096
# What telnet offers at once on the telnet port (or `-port`), in its order.
INITIAL_REMOTE = (T.SGA,)
INITIAL_LOCAL = (T.TTYPE, T.NAWS, T.TSPEED, T.LFLOW, T.LINEMODE, T.NEW_ENVIRON)
# Commands after which telnet sends DO TIMING-MARK and discards output until
# the answer (its "autoflush"): interrupt, abort output, break, abort, suspend.
FLUSHING_COMMANDS = frozenset((T.IP, T.AO, T.BREAK, T.ABORT, T.SUSP))

_DATA, _IAC, _VERB, _SB, _SB_IAC = range(5)
_IAC_BYTE = b"\xff"
_ESCAPED_IAC = b"\xff\xff"
_VERBS = (T.WILL, T.WONT, T.DO, T.DONT)
_VERB_SET = frozenset(_VERBS)
# Commands after IAC that carry nothing to show or answer (all but IAC, SB, verbs).
_PLAIN_COMMANDS = frozenset(range(256)) - _VERB_SET - {T.IAC, T.SB}
_NOP_THEN_IAC = bytes((T.IAC, T.NOP, T.IAC))
# Tables over the command bytes of a read's pieces (see TelnetProtocol._pieces)
_SB_BYTE, _VERB_MARK = bytes((T.SB,)), bytes((T.WILL,))
_VERBS_MARKED = bytes(T.WILL if code in _VERB_SET else 0 for code in range(256))
_IS_SB = bytes(int(code == T.SB) for code in range(256))
_NOT_SB = bytes(int(code != T.SB) for code in range(256))
_FIRST_BYTE, _AFTER_CODE = operator.itemgetter(0), operator.itemgetter(slice(1, None))
_PAYLOAD = operator.itemgetter(slice(1, MAX_SUBNEGOTIATION + 1))
# IAC verb IAC: option 255, whose byte is an IAC; such reads go byte by byte.
# Found in one search once verbs are one byte and all else but IAC another.
_OPTION_255 = bytes((T.IAC, T.WILL, T.IAC))
_VERBS_AND_IACS = bytes(T.WILL if code in _VERB_SET else code if code == T.IAC else 0
                        for code in range(256))


class TelnetProtocol(Negotiation):
    """One connection's protocol state (see the module docstring)."""

    def __init__(self, facts=None, crlf=False):
        self.facts = facts or TerminalFacts()
        self.crlf = crlf
        # LF is a newline (CR LF on the wire) for lines and pipes; in character
        # mode at a terminal a typed ^J goes out as it is, as in telnet.
        self.lf_is_newline = True
        self.local = [OptionSide(T.WILL, T.WONT) for _ in range(256)]
        self.remote = [OptionSide(T.DO, T.DONT) for _ in range(256)]
        self.linemode_mode = 0
        # telnet's old line-by-line mode, until the peer asks for LINEMODE.
        self.kludge_linemode = True
        self.peer_status = None  # the last STATUS IS the peer sent
        self.flow_control = False  # local XON/XOFF, as the peer set it with LFLOW
        self.mode_changed = False  # set where telnet recomputes the terminal's mode
        self.slc_source = "export"  # `slc`: export ours, import the peer's defaults, check
        self.autoflush = True  # DO TIMING-MARK after an interrupt (telnet's autoflush)
        self.flushing = False  # output discarded until the TIMING-MARK answer
        self._out = []
        self._state = _DATA
        self._verb = None
        self._sb = bytearray()
        self._pending_cr = False

    def terminal_mode(self):
        """The TerminalMode the options give now, as telnet's getconnmode computes it.

        From the states telnet wants, not the ones the peer agreed to yet: local
        echo unless ECHO is asked of the peer; in the old line-by-line mode,
        editing and signals are local unless SGA is asked of it; with LINEMODE
        they are what the peer's MODE says.
        """
        echo = not self.remote[T.ECHO].wanted
        linemode = self.local[T.LINEMODE].wanted
        if self.kludge_linemode:
            bits = 0 if self.remote[T.SGA].wanted else T.MODE_EDIT | T.MODE_TRAPSIG
        else:
            bits = self.linemode_mode if linemode else 0
        if linemode:
            kind = "linemode"
        elif self.kludge_linemode and not self.remote[T.SGA].wanted:
            kind = "obsolete"
        else:
            kind = "character"
        return TerminalMode(kind, bits, echo, self.flow_control)

    # -- what the client asks for --------------------------------------

    def start(self, binary_in=False, binary_out=False):
        """Offer what telnet offers on the telnet port (or with `-port`)."""
        for option in INITIAL_REMOTE:
            self.ask_remote(option, True)
        for option in INITIAL_LOCAL:
            self.ask_local(option, True)
        self.ask_remote(T.STATUS, True)
        if self.facts.display() is not None:
            self.ask_local(T.XDISPLOC, True)
        self.request_binary(binary_in, binary_out)

    def request_binary(self, binary_in, binary_out):
        """Ask for BINARY as -8 (both ways) or -L (output only) does."""
        if binary_in:
            self.ask_remote(T.BINARY, True)
        if binary_out:
            self.ask_local(T.BINARY, True)

    def ask_remote(self, option, enable):
        """Send DO/DONT option through the Q method (nothing when redundant)."""
        self._send_verb(self.remote[option].ask(enable), option)

    def ask_local(self, option, enable):
        """Send WILL/WONT option through the Q method (nothing when redundant)."""
        self._send_verb(self.local[option].ask(enable), option)

    def ask(self, verb, option):
        """`send do|dont|will|wont OPT`: the request, through the Q method."""
        if verb in (T.DO, T.DONT):
            self.ask_remote(option, verb == T.DO)
        else:
            self.ask_local(option, verb == T.WILL)

    def send_command(self, code):
        """A Telnet command such as AYT, IP, BREAK (`send ayt`)."""
        self._out.append(command(code))

    def interrupt(self, code):
        """A command for a key typed (^C: IP, ^Z: SUSP, ...), flushing as telnet does.

        After IP, AO, BREAK, ABORT and SUSP telnet sends DO TIMING-MARK and
        discards what the peer sends until it answers (`flushing`).
        """
        self.send_command(code)
        if self.autoflush and code in FLUSHING_COMMANDS:
            self._out.append(command(T.DO, T.TIMING_MARK))
            self.flushing = True

    def receive_flushing(self, data):
        """receive() while output is discarded: what follows the TIMING-MARK answer only.

        Fed a byte at a time until the answer comes, so that what the peer
        sent after it is shown; the rest in one piece.
        """
        for position in range(len(data)):
            self.receive(data[position:position + 1])
            if not self.flushing:
                return self.receive(data[position + 1:])
        return b""

    def request_status(self):
        """`send getstatus`: True if sent (the peer must have agreed to STATUS)."""
        if not self.remote[T.STATUS].enabled:
            return False
        self._out.append(subnegotiation(T.STATUS, bytes((T.SB_SEND,))))
        return True

    def window_changed(self, size):
        """The terminal was resized: tell the peer if NAWS is on."""
        self.facts.window_size = size
        if self.local[T.NAWS].enabled:
            self._send_naws()

    def encode(self, data):
        """Typed bytes as they go on the wire."""
        if T.IAC in data:
            data = data.replace(_IAC_BYTE, b"\xff\xff")
        if self.local[T.BINARY].enabled:
            return data
        carriage_return = b"\r\n" if self.crlf else b"\r\0"
        if b"\n" in data and self.lf_is_newline:
            # CR LF typed (or piped, as `printf 'GET / HTTP/1.0\r\n\r\n'`) is one end
            # of line, sent as CR LF; telnet would send CR NUL CR LF.
            parts = data.split(b"\n")
            return b"\r\n".join(
                (part[:-1] if part.endswith(b"\r") and index < len(parts) - 1 else part)
                .replace(b"\r", carriage_return) for index, part in enumerate(parts))
        return data.replace(b"\r", carriage_return)

    def take_output(self):
        """The bytes queued for the peer since the last call."""
        output = b"".join(self._out)
        self._out.clear()
        return output

    def finish(self):
        """The data still held back when the connection ends (a final CR)."""
        pending, self._pending_cr = self._pending_cr, False
        return b"\r" if pending else b""

    # -- what the peer sends --------------------------------------------

    def receive(self, data):
        """Parse received bytes; returns the data for the terminal."""
        shown = []
        position, length = 0, len(data)
        whole = True  # the rest of the read may still take _receive_whole, once
        while position < length:
            state = self._state
            if state == _DATA and whole:
                whole = False
                if data.find(_IAC_BYTE, position) >= 0:
                    rest = data[position:] if position else data
                    position += self._receive_whole(rest, shown)
                    continue
            if state == _DATA:
                end = data.find(_IAC_BYTE, position)
                if end < 0:
                    end = length
                else:
                    self._state = _IAC
                if end > position:
                    shown.append(self._data(data[position:end]))
                position = end + 1
                # Fast path for whole negotiations and plain commands (IAC
                # storms): no detour through the per-byte states.
                if end + 2 < length and data[position] in _VERB_SET:
                    self._state = _DATA
                    self._negotiate(data[position], data[position + 1])
                    position += 2
                elif end + 1 < length and data[position] in _PLAIN_COMMANDS:
                    self._state = _DATA
                    position += 1
            elif state == _SB:
                end = data.find(_IAC_BYTE, position)
                if end < 0:
                    end = length
                else:
                    self._state = _SB_IAC
                self._collect(data[position:end])
                position = end + 1
            else:
                self._byte(data[position], shown)
                position += 1
        return b"".join(shown)

    def _receive_whole(self, data, shown):
        """The rest of a read, from the data state, that holds IACs, parsed without
        a step per IAC where its shape allows: the position the byte states go
        on from (len(data) when done).

        Binary data is mostly escaped IACs: a read whose IACs are all doubled
        (but perhaps a last, lone one) is unescaped whole.  A read of commands
        and no escaped IAC is split at its IACs, so each piece after the first
        is a command byte and what follows it: commands that do nothing (NOP,
        storms of them) are dropped in C, negotiations and subnegotiations are
        handled a piece at a time, and the data between negotiations is
        converted in runs.  Anything else goes byte by byte.
        """
        iacs = data.count(_IAC_BYTE)
        if iacs == len(data):  # nothing but IACs (0xFF data): a byte a pair
            escaped, lone = divmod(iacs, 2)
            shown.append(self._data(_IAC_BYTE * escaped))
            self._state = _IAC if lone else _DATA
            return len(data)
        escaped = data.count(_ESCAPED_IAC)
        lone = iacs == 2 * escaped + 1 and data.endswith(_IAC_BYTE) and \
            (len(data) - len(data.rstrip(_IAC_BYTE))) % 2
        if iacs == 2 * escaped or lone:
            shown.append(self._data(data[:len(data) - lone].replace(_ESCAPED_IAC, _IAC_BYTE)))
            self._state = _IAC if lone else _DATA
            return len(data)
        if escaped or _OPTION_255 in data.translate(_VERBS_AND_IACS):
            return 0
        final = data.rfind(_IAC_BYTE)  # what follows it is left to the byte states
        head = data[:final]
        while _NOP_THEN_IAC in head:
            # A NOP followed by another command of this read does nothing, also
            # where it ends a subnegotiation early: dropped, halving runs of them.
            head = head.replace(_NOP_THEN_IAC, _IAC_BYTE)
        self._pieces(head.split(_IAC_BYTE), shown)
        return final + 1

    def _pieces(self, pieces, shown):
        """The data before the first IAC, then pieces that each follow an IAC
        (a command byte and what comes after it); the state is left as after the
        IAC that follows the last piece.

        Between negotiations, which may change how data converts (BINARY,
        ECHO), the pieces are taken in bulk: every subnegotiation's payload
        (an SB piece, ended by whatever command follows it) goes in order to
        `_subnegotiation`, and the data after each other command byte is
        converted in one run.  Subnegotiations do not change how data converts.
        """
        codes = b"\0" + bytes(map(_FIRST_BYTE, itertools.islice(pieces, 1, None)))
        verbs = codes.translate(_VERBS_MARKED)
        runs, start = [pieces[0]], 1
        while True:
            verb = verbs.find(_VERB_MARK, start)
            end = len(pieces) if verb < 0 else verb
            stretch, kinds = pieces[start:end], codes[start:end]
            runs += map(_AFTER_CODE, itertools.compress(stretch, kinds.translate(_NOT_SB)))
            payloads = list(map(_PAYLOAD, itertools.compress(stretch, kinds.translate(_IS_SB))))
            going_on = payloads.pop() if verb < 0 and kinds.endswith(_SB_BYTE) else None
            list(map(self._subnegotiation, payloads))  # the last may go on past the last IAC
            if verb < 0:
                break
            self._flush(runs, shown)
            self._negotiate(pieces[verb][0], pieces[verb][1])
            runs.append(pieces[verb][2:])
            start = verb + 1
        self._flush(runs, shown)
        if going_on is None:
            self._state = _IAC
        else:
            self._sb.clear()
            self._collect(going_on)
            self._state = _SB_IAC

    def _flush(self, runs, shown):
        """The data gathered since the last negotiation, converted in one go."""
        segment = b"".join(runs)
        runs.clear()
        if segment:
            shown.append(self._data(segment))

    def _byte(self, byte, shown):
        state = self._state
        if state == _IAC:
            self._after_iac(byte, shown)
        elif state == _VERB:
            self._state = _DATA
            self._negotiate(self._verb, byte)
        elif byte == T.SE:  # _SB_IAC
            self._state = _DATA
            self._subnegotiation(bytes(self._sb))
        elif byte == T.IAC:
            self._state = _SB
            self._collect(_IAC_BYTE)
        else:
            # IAC and anything but SE or IAC ends the subnegotiation early
            # (as telnet does); the byte is then a command of its own.
            self._subnegotiation(bytes(self._sb))
            self._after_iac(byte, shown)

    def _after_iac(self, byte, shown):
        self._state = _DATA
        if byte == T.IAC:
            shown.append(self._data(_IAC_BYTE))
        elif byte in _VERBS:
            self._verb, self._state = byte, _VERB
        elif byte == T.SB:
            self._sb.clear()
            self._state = _SB
        # Other commands (NOP, DM, GA, AYT, ...) carry nothing to show or answer.

    def _collect(self, chunk):
        room = MAX_SUBNEGOTIATION - len(self._sb)
        if room > 0:
            self._sb += chunk[:room]

    def _data(self, segment):
        """CR NUL and CR LF handling, unless the peer sends BINARY."""
        if self._pending_cr:
            segment = b"\r" + segment
            self._pending_cr = False
        if self.remote[T.BINARY].enabled:
            return segment
        if segment.endswith(b"\r"):
            segment = segment[:-1]
            self._pending_cr = True
        if b"\r" in segment:
            if not self.remote[T.ECHO].enabled:
                segment = segment.replace(b"\r\n", b"\n")
            segment = segment.replace(b"\r\0", b"\r")
        return segment
