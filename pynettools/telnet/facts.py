"""What pytelnet tells the peer about its terminal, and the mode the options give it."""

from pynettools.telnet import constants as T
from pynettools.telnet.environ import EnvironmentTable

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
    speed: "in,out" for TSPEED; environment: the EnvironmentTable that
    NEW-ENVIRON and XDISPLOC answer from (a mapping gives a new table);
    slc: LINEMODE special-character triplets (bytes).
    """

    def __init__(self, terminal_type="UNKNOWN", window_size=None, speed="0,0",
                 environment=None, slc=None):
        self.terminal_type = terminal_type
        self.window_size = window_size
        self.speed = speed
        if not isinstance(environment, EnvironmentTable):
            environment = EnvironmentTable(dict(environment or {}))
        self.environment = environment
        self.slc = slc_triplets() if slc is None else slc

    def display(self):
        """DISPLAY as XDISPLOC sends it, or None."""
        return self.environment.value("DISPLAY")


class TerminalMode:
    """The terminal's mode as the options make it (telnet's getconnmode and status).

    `kind` is "linemode" (LINEMODE offered, RFC 1184), "obsolete" (the old
    line-by-line mode: SGA not asked of the peer) or "character"; `edit`
    (local line editing), `trapsig` (signal keys caught locally), `soft_tab`
    and `lit_echo` are LINEMODE's mode bits; `echo` is local echo; `flow`
    local XON/XOFF.
    """

    __slots__ = ("kind", "edit", "trapsig", "soft_tab", "lit_echo", "echo", "flow")

    def __init__(self, kind, bits, echo, flow):
        self.kind = kind
        self.edit = bool(bits & T.MODE_EDIT)
        self.trapsig = bool(bits & T.MODE_TRAPSIG)
        self.soft_tab = bool(bits & T.MODE_SOFT_TAB)
        self.lit_echo = bool(bits & T.MODE_LIT_ECHO)
        self.echo = echo
        self.flow = flow

    @property
    def local_characters(self):
        """Special keys handled here (telnet's MODE_LOCAL_CHARS): editing or signals."""
        return self.edit or self.trapsig
