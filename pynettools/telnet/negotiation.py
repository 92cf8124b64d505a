"""What telnet answers to the peer's WILL/WONT/DO/DONT and subnegotiations.

`Negotiation` is the half of `TelnetProtocol` that decides: it reads and
writes the option sides (`pynettools.telnet.options`), queues the replies
and sets `mode_changed` where telnet recomputes its terminal mode (an
option it accepts or drops, any DONT, DO LFLOW, a LINEMODE MODE).  Observed
of Debian's telnet and kept here:

- accepted from the peer: BINARY, ECHO, SGA, STATUS, AUTHENTICATION and
  ENCRYPT (supporting no encryption type); asked of us: BINARY,
  NAWS, TSPEED, LFLOW, TTYPE, SGA, NEW-ENVIRON, XDISPLOC (when DISPLAY is
  defined) and LINEMODE, for which telnet asks for SGA first and reports
  its special characters; the server's SLC lists are answered and change
  the characters in use (`pynettools.telnet.slc`).  A refused request is
  answered every time.
- DO TIMING-MARK is answered WILL and forgotten; the peer's WILL or WONT
  TIMING-MARK ends the discarding of output that an interrupt began.
- `mode character` and `mode line` switch between LINEMODE and the old
  line-by-line mode ("kludge" mode, telnet's word) until the peer asks for
  LINEMODE itself.
"""

from pynettools.telnet import constants as T

_IAC_BYTE = b"\xff"
LOCAL_ACCEPTED = frozenset((T.BINARY, T.NAWS, T.TSPEED, T.LFLOW, T.TTYPE, T.SGA,
                            T.NEW_ENVIRON))
# telnet also agrees to the peer's AUTHENTICATION and ENCRYPT; with no encryption
# type (Debian's telnet has none either) its SUPPORT list is empty.
REMOTE_ACCEPTED = frozenset((T.BINARY, T.ECHO, T.SGA, T.STATUS, T.AUTHENTICATION, T.ENCRYPT))
ENCRYPT_SUPPORT = 1
MODE_OPTIONS = frozenset((T.ECHO, T.SGA, T.BINARY, T.LINEMODE))


def command(*codes):
    """IAC followed by `codes`: one Telnet command as bytes."""
    return bytes((T.IAC,) + codes)


def subnegotiation(option, payload):
    """IAC SB option payload IAC SE, with 0xFF in the payload doubled."""
    return command(T.SB, option) + payload.replace(_IAC_BYTE, b"\xff\xff") + command(T.SE)


class Negotiation:
    """Mixed into TelnetProtocol: the replies to what the peer sends."""

    def _send_verb(self, verb, option):
        if verb is not None:
            self._out.append(command(verb, option))

    def _negotiate(self, verb, option):
        if verb == T.WILL:
            self._peer_will(option)
        elif verb == T.WONT:
            self._peer_wont(option)
        elif verb == T.DO:
            self._peer_do(option)
        else:
            self._peer_dont(option)

    def _peer_will(self, option):
        side = self.remote[option]
        if side.answered(True):
            if option == T.TIMING_MARK:
                self._timing_mark_answered(side)
                return
            if option in REMOTE_ACCEPTED:
                side.wanted = True
                self._send_verb(T.DO, option)
                self.mode_changed = True
            else:
                self._send_verb(side.refuse(), option)
        side.enabled = True
        if option == T.ENCRYPT:
            self._out.append(subnegotiation(T.ENCRYPT, bytes((ENCRYPT_SUPPORT,))))

    def _peer_wont(self, option):
        side = self.remote[option]
        if option == T.TIMING_MARK:
            self._timing_mark_answered(side)
            return
        if side.answered(False):
            side.wanted = False
            if side.enabled:
                self._send_verb(T.DONT, option)
            self.mode_changed = True
        side.enabled = False

    def _timing_mark_answered(self, side):
        side.answered(False)
        self.flushing = False
        side.wanted = side.enabled = False

    def _peer_do(self, option):
        side = self.local[option]
        side.answered(True)
        if not side.pending and not side.wanted:
            if option == T.TIMING_MARK:
                self._send_verb(T.WILL, option)  # a one-shot answer, no state
                return
            if option == T.LINEMODE:
                self._linemode_on(side, acknowledged=False)
                return
            if option in LOCAL_ACCEPTED or (option == T.XDISPLOC and self.facts.display()):
                side.wanted = True
                self._send_verb(T.WILL, option)
                self.mode_changed = True
            else:
                self._send_verb(side.refuse(), option)
        elif not side.pending and option == T.LINEMODE:
            self._linemode_on(side, acknowledged=True)
            return
        side.enabled = True
        if option == T.NAWS and side.enabled:
            self._send_naws()
        elif option == T.LFLOW:
            self.flow_control = True  # on until the peer says LFLOW OFF
            self.mode_changed = True

    def _linemode_on(self, side, acknowledged):
        """DO LINEMODE: SGA asked for, LINEMODE on, our special characters reported."""
        self.kludge_linemode = False
        self.ask_remote(T.SGA, True)
        if not acknowledged:
            side.wanted = True
            self._send_verb(T.WILL, T.LINEMODE)
        side.enabled = True
        self.facts.characters.start()
        if self.slc_source == "export":
            self._export_slc()
        else:
            self._import_slc(T.SLC_DEFAULT)
        if acknowledged:
            self._send_verb(T.DO, T.SGA)  # telnet repeats it here, outside the count

    def choose_slc(self, source):
        """`slc export|import|check`: whose special characters LINEMODE uses."""
        self.slc_source = source
        if not self.local[T.LINEMODE].enabled:
            return
        if source == "export":
            self._export_slc()
        else:
            self._import_slc(T.SLC_DEFAULT if source == "import" else T.SLC_VARIABLE)

    def _export_slc(self):
        self._send_slc(self.facts.characters.export())
        self.mode_changed = True

    def _import_slc(self, level):
        self._send_slc(bytes((0, level, 0)))

    def check_characters(self):
        """After `set` changed a character: the changed SLC functions, as telnet sends them."""
        self._send_slc(self.facts.characters.check())
        self.mode_changed = True

    def _send_slc(self, triplets):
        if triplets:
            self._out.append(subnegotiation(T.LINEMODE, bytes((T.LM_SLC,)) + triplets))

    def _peer_dont(self, option):
        side = self.local[option]
        if side.answered(False):
            if option == T.LINEMODE:
                self.linemode_mode = 0
            side.wanted = False
            if side.enabled:
                self._send_verb(T.WONT, option)
        side.enabled = False
        self.mode_changed = True

    def _send_naws(self):
        if self.facts.window_size is None:
            return
        columns, rows = (min(max(value, 0), 0xFFFF) for value in self.facts.window_size)
        self._out.append(subnegotiation(T.NAWS, columns.to_bytes(2, "big") +
                                        rows.to_bytes(2, "big")))

    # -- subnegotiations ------------------------------------------------

    def _subnegotiation(self, payload):
        if not payload:
            return
        option, body = payload[0], payload[1:]
        if option == T.LINEMODE:
            if self.local[T.LINEMODE].wanted and body:
                self._linemode(body)
        elif option == T.LFLOW:
            if self.local[T.LFLOW].wanted and body[:1] in (b"\0", b"\1"):
                self.flow_control = body[:1] == b"\1"  # LFLOW OFF / ON (RFC 1372)
                self.mode_changed = True
        elif option == T.STATUS:
            if self.remote[T.STATUS].wanted and body[:1] == bytes((T.SB_IS,)):
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
            answer = self.facts.environment.answer(requested)
        elif option == T.XDISPLOC:
            display = self.facts.display()
            if display is None:
                self.ask_local(T.XDISPLOC, False)  # DISPLAY went away: the option too
                return
            answer = display.encode("utf-8", "surrogateescape")
        else:
            return
        self._out.append(subnegotiation(option, bytes((T.SB_IS,)) + answer))

    def send_environment(self, name):
        """`environ send NAME`: NEW-ENVIRON INFO with it; False if it is not defined."""
        entry = self.facts.environment.info(name)
        if entry is None:
            return False
        self._out.append(subnegotiation(T.NEW_ENVIRON, bytes((T.SB_INFO,)) + entry))
        return True

    def _linemode(self, body):
        kind = body[0]
        if kind == T.LM_MODE:
            if len(body) == 2:
                self.set_linemode(body[1], acknowledge=True)
        elif kind in (T.WILL, T.DO) and len(body) > 1:
            # telnet supports no FORWARDMASK (nor anything else offered here).
            refusal = T.DONT if kind == T.WILL else T.WONT
            self._out.append(subnegotiation(T.LINEMODE, bytes((refusal, body[1]))))
        elif kind == T.LM_SLC:
            answer, changed = self.facts.characters.receive(body[1:])
            self._send_slc(answer)
            self.mode_changed = self.mode_changed or changed

    def set_linemode(self, mode, acknowledge=False):
        """A LINEMODE MODE from the peer (acknowledged) or from `mode isig` and the like."""
        if mode == self.linemode_mode or mode & T.MODE_ACK:
            return
        self.linemode_mode = mode & (T.MODE_MASK & ~T.MODE_ACK)
        answer = self.linemode_mode | (T.MODE_ACK if acknowledge else 0)
        self._out.append(subnegotiation(T.LINEMODE, bytes((T.LM_MODE, answer))))
        self.mode_changed = True
