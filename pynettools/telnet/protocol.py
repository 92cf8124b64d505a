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
import operator

from pynettools.telnet import constants as T
from pynettools.telnet.environ import environment_answer
from pynettools.telnet.qmethod import NO, OptionSide

MAX_SUBNEGOTIATION = 4096
LOCAL_ACCEPTED = frozenset((T.BINARY, T.SGA, T.TTYPE, T.NAWS, T.TSPEED, T.LFLOW, T.LINEMODE,
                            T.NEW_ENVIRON))
REMOTE_ACCEPTED = frozenset((T.BINARY, T.ECHO, T.SGA, T.STATUS))
# What telnet offers at once on the telnet port (or `-port`), in its order.
INITIAL_REMOTE = (T.SGA,)
INITIAL_LOCAL = (T.TTYPE, T.NAWS, T.TSPEED, T.LFLOW, T.LINEMODE, T.NEW_ENVIRON)
# The modes a LINEMODE peer may set (RFC 1184); ACK is the answer bit.
LINEMODE_SUPPORTED = T.MODE_EDIT | T.MODE_TRAPSIG | T.MODE_SOFT_TAB | T.MODE_LIT_ECHO

_DATA, _IAC, _VERB, _SB, _SB_IAC = range(5)
_IAC_BYTE = b"\xff"
_ESCAPED_IAC = b"\xff\xff"
_VERBS = (T.WILL, T.WONT, T.DO, T.DONT)
_VERB_SET = frozenset(_VERBS)
_MODE_OPTIONS = frozenset((T.ECHO, T.SGA, T.BINARY, T.LINEMODE))
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
_OPTION_255 = tuple(bytes((T.IAC, verb, T.IAC)) for verb in _VERBS)


def command(*codes):
    """IAC followed by `codes`: one Telnet command as bytes."""
    return bytes((T.IAC,) + codes)


def subnegotiation(option, payload):
    """IAC SB option payload IAC SE, with 0xFF in the payload doubled."""
    return command(T.SB, option) + payload.replace(_IAC_BYTE, b"\xff\xff") + command(T.SE)


# The LINEMODE functions telnet reports (RFC 1184 SLC numbers): all but BRK and EOR.
SLC_FUNCTIONS = (1, 3, 4, 5) + tuple(range(7, 19))
SLC_NOSUPPORT = 0
SLC_VALUE = 2
# Interrupt and abort flush both ways, suspend flushes input (as telnet reports).
_SLC_FLUSHES = {3: 0x60, 7: 0x60, 9: 0x40}


def slc_triplets(characters=None):
    """SLC triplets (function, flags, value) for LINEMODE.

    `characters` maps an SLC function to its byte value at the terminal;
    without a terminal every function is reported as not supported, as
    telnet reports them when its input is not a tty.
    """
    characters = characters or {}
    triplets = bytearray()
    for function in SLC_FUNCTIONS:
        value = characters.get(function)
        flags = SLC_VALUE | _SLC_FLUSHES.get(function, 0)
        triplets += bytes((function, SLC_NOSUPPORT, 0) if value is None else
                          (function, flags, value))
    return bytes(triplets)


class TerminalFacts:
    """What the peer may ask about our terminal; the client keeps it current.

    terminal_type: str sent for TTYPE; window_size: (columns, rows) or None;
    speed: "in,out" for TSPEED; environment: [(name, value)] exported by
    NEW-ENVIRON; slc: LINEMODE special-character triplets (bytes).
    """

    def __init__(self, terminal_type="UNKNOWN", window_size=None, speed="0,0",
                 environment=(), slc=None):
        self.terminal_type = terminal_type
        self.window_size = window_size
        self.speed = speed
        self.environment = list(environment)
        self.slc = slc_triplets() if slc is None else slc


class TerminalMode:
    """The terminal's mode as the options make it (telnet's getconnmode and status).

    What telnet reports (`status`, `mode`) follows the options it wants:
    `kind` is "linemode" (LINEMODE offered, RFC 1184), "obsolete" (SGA not
    asked of the peer: the old line-by-line mode) or "character"; `edit` and
    `trapsig` are LINEMODE's local editing and signal trapping as the peer
    set them; `echo` is local echo (off as soon as DO ECHO is sent).
    What the terminal does follows what the peer agreed to, since telnet
    resets the terminal only when an answer arrives: `line_editing` stays on
    until the peer agrees to SGA, or LINEMODE with its EDIT mode.
    """

    __slots__ = ("kind", "edit", "trapsig", "echo", "line_editing")

    def __init__(self, kind, edit, trapsig, echo, line_editing):
        self.kind = kind
        self.edit = edit
        self.trapsig = trapsig
        self.echo = echo
        self.line_editing = line_editing


class TelnetProtocol:
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
        self.peer_status = None  # the last STATUS IS the peer sent
        self.flow_control = False  # local XON/XOFF, as the peer set it with LFLOW
        self.mode_changed = False  # set when ECHO, SGA, BINARY or LINEMODE change
        self._out = []
        self._state = _DATA
        self._verb = None
        self._sb = bytearray()
        self._pending_cr = False

    def terminal_mode(self):
        """The TerminalMode the options give now (see TerminalMode)."""
        edit, trapsig = bool(self.linemode_mode & T.MODE_EDIT), \
            bool(self.linemode_mode & T.MODE_TRAPSIG)
        if self.local[T.LINEMODE].enabled:
            line_editing = edit
        else:
            line_editing = not self.remote[T.SGA].enabled
        if self.local[T.LINEMODE].wanted:
            kind = "linemode"
        elif not self.remote[T.SGA].wanted:
            kind = "obsolete"
        else:
            kind = "character"
        return TerminalMode(kind, edit, trapsig, not self.remote[T.ECHO].wanted, line_editing)

    # -- what the client asks for --------------------------------------

    def start(self, binary_in=False, binary_out=False):
        """Offer what telnet offers on the telnet port (or with `-port`)."""
        for option in INITIAL_REMOTE:
            self.ask_remote(option, True)
        for option in INITIAL_LOCAL:
            self.ask_local(option, True)
        self.ask_remote(T.STATUS, True)
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
        self.mode_changed |= option in _MODE_OPTIONS

    def ask_local(self, option, enable):
        """Send WILL/WONT option through the Q method (nothing when redundant)."""
        self._send_verb(self.local[option].ask(enable), option)
        self.mode_changed |= option in _MODE_OPTIONS

    def ask(self, verb, option):
        """`send do|dont|will|wont OPT`: the request, through the Q method."""
        if verb in (T.DO, T.DONT):
            self.ask_remote(option, verb == T.DO)
        else:
            self.ask_local(option, verb == T.WILL)

    def send_command(self, code):
        """A Telnet command such as AYT, IP, BREAK (`send ayt`)."""
        self._out.append(command(code))

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
        if escaped or any(lone_verb in data for lone_verb in _OPTION_255):
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
            for payload in payloads:  # the last SB may go on after the read's last IAC
                self._subnegotiation(payload)
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

    # -- negotiation ----------------------------------------------------

    def _send_verb(self, verb, option):
        if verb is not None:
            self._out.append(command(verb, option))

    def _negotiate(self, verb, option):
        if verb == T.DO and option == T.TIMING_MARK:
            self._send_verb(T.WILL, option)  # a one-shot answer, no state
            return
        if verb == T.WILL and option == T.TIMING_MARK:
            return
        if verb in (T.WILL, T.WONT):
            side, accepted = self.remote[option], option in REMOTE_ACCEPTED
        else:
            side, accepted = self.local[option], option in LOCAL_ACCEPTED
        if verb in (T.WILL, T.DO):
            if verb == T.DO and option == T.LINEMODE and side.state == NO:
                self.ask_remote(T.SGA, True)  # telnet asks for SGA before agreeing
            reply, enabled = side.received_positive(accepted)
            self._send_verb(reply, option)
            if enabled:
                self._enabled(verb, option)
        else:
            reply, _ = side.received_negative()
            self._send_verb(reply, option)
        if option in _MODE_OPTIONS:
            self.mode_changed = True

    def _enabled(self, verb, option):
        """Side effects of an option coming on."""
        if verb != T.DO:
            return
        if option == T.NAWS:
            self._send_naws()
        elif option == T.LFLOW:
            self.flow_control = True  # on until the peer says LFLOW OFF
        elif option == T.LINEMODE:
            self._out.append(subnegotiation(T.LINEMODE, bytes((T.LM_SLC,)) + self.facts.slc))

    def _send_naws(self):
        if self.facts.window_size is None:
            return
        columns, rows = (min(max(value, 0), 0xFFFF) for value in self.facts.window_size)
        self._out.append(subnegotiation(T.NAWS, columns.to_bytes(2, "big") +
                                        rows.to_bytes(2, "big")))

    def _subnegotiation(self, payload):
        if not payload:
            return
        option, body = payload[0], payload[1:]
        if option == T.LINEMODE:
            self._linemode(body)
        elif option == T.LFLOW and self.local[T.LFLOW].enabled and body[:1] in (b"\0", b"\1"):
            self.flow_control = body[:1] == b"\1"  # LFLOW OFF / ON (RFC 1372)
        elif option == T.STATUS and self.remote[T.STATUS].enabled:
            if body[:1] == bytes((T.SB_IS,)):
                self.peer_status = body[1:]
        elif body[:1] == bytes((T.SB_SEND,)) and self.local[option].wanted:
            # telnet answers as soon as it has offered the option, before the DO.
            self._answer_send(option, body[1:])

    def _answer_send(self, option, requested):
        if option == T.TTYPE:
            answer = self.facts.terminal_type.encode("ascii", "replace")
        elif option == T.TSPEED:
            answer = self.facts.speed.encode("ascii")
        elif option == T.NEW_ENVIRON:
            answer = environment_answer(self.facts.environment, requested)
        else:
            return
        self._out.append(subnegotiation(option, bytes((T.SB_IS,)) + answer))

    def _linemode(self, body):
        if not self.local[T.LINEMODE].enabled or not body:
            return
        kind = body[0]
        if kind == T.LM_MODE and len(body) > 1:
            mode = body[1]
            wanted = mode & LINEMODE_SUPPORTED
            if mode & T.MODE_ACK or wanted == self.linemode_mode:
                self.linemode_mode = wanted  # an ACK (or no change) needs no answer
            else:
                self.linemode_mode = wanted
                self._out.append(subnegotiation(
                    T.LINEMODE, bytes((T.LM_MODE, wanted | T.MODE_ACK))))
            self.mode_changed = True
        elif kind == T.DO and body[1:2] == bytes((T.LM_FORWARDMASK,)):
            self._out.append(subnegotiation(T.LINEMODE, bytes((T.WONT, T.LM_FORWARDMASK))))
        # SLC from the peer: telnet keeps its own characters; nothing to answer.
