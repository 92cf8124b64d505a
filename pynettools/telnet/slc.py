"""LINEMODE special characters (RFC 1184 SLC) as telnet keeps them.

`SpecialCharacters` is telnet's table of the SLC functions together with the
characters the terminal uses now (telnet's working copy of the terminal's
control characters: what the terminal is set to in a session, what the keys
mean and what `display` shows).  For each function the table holds the
highest level telnet supports (VARIABLE, with its flush bits, where a
terminal character holds the function; DEFAULT for SYNCH and AYT, which no
character holds here; NOSUPPORT for BRK and EOR), the flags and the value
last agreed.  Observed of Debian's telnet on the wire and kept here:

- when LINEMODE starts the table is rebuilt from the characters in use,
  then either exported (every supported function with its level, or
  NOSUPPORT where the character is off) or the server's defaults asked for.
- a server's list is answered triplet by triplet, and values the server
  proposes at a level telnet supports are taken with SLC_ACK in the answer;
  DEFAULT is answered with telnet's own level (NOSUPPORT for SYNCH and AYT);
  the server's answers to telnet's values (ACK set) are taken silently; an
  unchanged triplet, function 0 and an unknown NOSUPPORT function are not
  answered; other unknown functions are refused.  Values taken with an ACK
  become the characters in use.
- `slc export` puts the terminal's own characters back before exporting;
  after `set` changes a character, the changed functions are sent.
- forw2 is the same character as forw1 (both the terminal's VEOL, a slip in
  telnet's externs.h): setting either sets both, and FORW2 follows FORW1.
"""

from pynettools.telnet import constants as T

# telnet's name of the character that holds each SLC function on Linux.
FUNCTION_CHARACTERS = {
    T.SLC_IP: "interrupt", T.SLC_AO: "flushoutput", T.SLC_ABORT: "quit", T.SLC_EOF: "eof",
    T.SLC_SUSP: "susp", T.SLC_EC: "erase", T.SLC_EL: "kill", T.SLC_EW: "worderase",
    T.SLC_RP: "reprint", T.SLC_LNEXT: "lnext", T.SLC_XON: "start", T.SLC_XOFF: "stop",
    T.SLC_FORW1: "forw1", T.SLC_FORW2: "forw1"}
# The flush bits telnet reports with its level.
_FLUSHES = {T.SLC_IP: T.SLC_FLUSHIN | T.SLC_FLUSHOUT,
            T.SLC_ABORT: T.SLC_FLUSHIN | T.SLC_FLUSHOUT, T.SLC_SUSP: T.SLC_FLUSHIN}
# Functions telnet knows that no terminal character holds (Linux has no VSTATUS).
_WITHOUT_CHARACTER = (T.SLC_SYNCH, T.SLC_AYT)
# The characters `set` and `display` name, in telnet's order; AYT's is telnet's own.
CHARACTER_NAMES = ("flushoutput", "interrupt", "quit", "eof", "erase", "kill", "lnext",
                   "susp", "reprint", "worderase", "start", "stop", "forw1", "forw2", "ayt")
_SAME_AS = {"forw2": "forw1"}
_SLOTS = tuple(name for name in CHARACTER_NAMES if name not in _SAME_AS)
DEFAULT_AYT = 0x14  # ^T
OFF = 0  # _POSIX_VDISABLE on Linux: the character is not set


class _Function:
    """One SLC function: the level telnet supports at most, the agreed flags and value."""

    __slots__ = ("most", "flags", "value", "character")

    def __init__(self):
        self.most = self.flags = self.value = T.SLC_NOSUPPORT
        self.character = None  # the name of the character holding it, once started


class SpecialCharacters:
    """telnet's SLC table and the characters in use.

    `characters` maps telnet's names to bytes (OFF when not set), forw2 left
    out (it is forw1: use value() and set() for any name).  `terminal` maps
    names to the terminal's own characters (an empty mapping when there is
    no terminal: every character off).
    """

    def __init__(self, terminal=None):
        self._functions = [_Function() for _ in range(T.NSLC + 1)]
        self.reset(terminal or {})

    def reset(self, terminal):
        """The terminal's characters read anew (at start, after a suspend): all in use."""
        self.terminal = {name: terminal.get(name, OFF) for name in _SLOTS}
        self.terminal["ayt"] = DEFAULT_AYT
        self.characters = dict(self.terminal)

    def value(self, name):
        """The character in use that telnet calls `name` (OFF when not set)."""
        return self.characters[_SAME_AS.get(name, name)]

    def set(self, name, value):
        """`set NAME VALUE` (OFF for `unset`); the server hears of it at check()."""
        self.characters[_SAME_AS.get(name, name)] = value

    def enabled(self):
        """{name: byte} of the characters in use that are set."""
        return {name: value for name, value in self.characters.items() if value != OFF}

    def start(self):
        """LINEMODE begins: every function at the level telnet supports for it."""
        for number, function in enumerate(self._functions):
            function.__init__()
            function.character = FUNCTION_CHARACTERS.get(number)
            if function.character is not None:
                function.value = self.characters[function.character]
                function.most = T.SLC_VARIABLE | _FLUSHES.get(number, 0)
            elif number in _WITHOUT_CHARACTER:
                function.most = T.SLC_DEFAULT

    def export(self):
        """`slc export`: the terminal's own characters back in use, and the triplets to send."""
        self.characters = dict(self.terminal)
        triplets = bytearray()
        for number, function in enumerate(self._functions):
            if number == 0 or function.most == T.SLC_NOSUPPORT:
                continue
            # The level follows the value agreed so far, the value the character.
            function.flags = T.SLC_NOSUPPORT if function.value == OFF else function.most
            if function.character is not None:
                function.value = self.characters[function.character]
            triplets += bytes((number, function.flags, function.value))
        self._take_acknowledged()
        return bytes(triplets)

    def check(self):
        """After `set`: the triplets of the functions whose character changed."""
        triplets = bytearray()
        for number, function in enumerate(self._functions):
            if function.character is None:
                continue
            value = self.characters[function.character]
            if value != function.value:
                function.value = value
                function.flags = T.SLC_NOSUPPORT if value == OFF else function.most
                triplets += bytes((number, function.flags, value))
        return bytes(triplets)

    def receive(self, triplets):
        """The server's SLC list: (the triplets that answer it, whether characters changed)."""
        answer = bytearray()
        for start in range(0, len(triplets) - 2, 3):
            number, flags, value = triplets[start:start + 3]
            if number == 0:
                continue
            if number > T.NSLC:
                if flags & T.SLC_LEVELBITS != T.SLC_NOSUPPORT:
                    answer += bytes((number, T.SLC_NOSUPPORT, 0))
                continue
            reply = self._answer(self._functions[number], flags, value)
            if reply is not None:
                answer += bytes((number,) + reply)
        return bytes(answer), self._take_acknowledged()

    @staticmethod
    def _answer(function, flags, value):
        """What telnet answers to one triplet, (flags, value), or None for nothing."""
        level = flags & (T.SLC_LEVELBITS | T.SLC_ACK)
        if value == function.value and level & T.SLC_LEVELBITS == function.flags & T.SLC_LEVELBITS:
            return None
        if level == T.SLC_DEFAULT | T.SLC_ACK:
            flags &= ~T.SLC_ACK  # DEFAULT is never acknowledged: telnet drops the bit
        if level == (function.flags & T.SLC_LEVELBITS) | T.SLC_ACK:
            function.value, function.flags = value, flags  # the answer to our value
            return None
        level &= ~T.SLC_ACK
        if level <= function.most & T.SLC_LEVELBITS:
            function.flags, function.value = flags | T.SLC_ACK, value
        if level == T.SLC_DEFAULT:
            supported = function.most & T.SLC_LEVELBITS != T.SLC_DEFAULT
            function.flags = function.most if supported else T.SLC_NOSUPPORT
        return function.flags, function.value

    def _take_acknowledged(self):
        """Values taken with an ACK become the characters in use; True if one changed."""
        changed = False
        for function in self._functions:
            if not function.flags & T.SLC_ACK:
                continue
            function.flags &= ~T.SLC_ACK
            name = function.character
            if name is not None and self.characters[name] != function.value:
                self.characters[name] = function.value
                changed = True
        return changed
