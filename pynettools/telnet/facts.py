"""What pytelnet tells the peer about its terminal, and the mode the options give it."""

from pynettools.telnet import constants as T
from pynettools.telnet.environ import EnvironmentTable
from pynettools.telnet.slc import SpecialCharacters


class TerminalFacts:
    """What the peer may ask about our terminal; the client keeps it current.

    terminal_type: str sent for TTYPE; window_size: (columns, rows) or None;
    speed: "in,out" for TSPEED; environment: the EnvironmentTable that
    NEW-ENVIRON and XDISPLOC answer from (a mapping gives a new table);
    characters: the SpecialCharacters LINEMODE reports and changes (by
    default a table with every character off, as without a terminal).
    """

    def __init__(self, terminal_type="UNKNOWN", window_size=None, speed="0,0",
                 environment=None, characters=None):
        self.terminal_type = terminal_type
        self.window_size = window_size
        self.speed = speed
        if not isinstance(environment, EnvironmentTable):
            environment = EnvironmentTable(dict(environment or {}))
        self.environment = environment
        self.characters = SpecialCharacters() if characters is None else characters

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
