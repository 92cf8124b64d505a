"""The user's terminal during a session: its modes, its size, its characters.

The mode is what the options make it (`TerminalMode`, telnet's
getconnmode): local echo, line editing, signal keys, flow control, and
LINEMODE's soft tabs and literal echo, set as telnet's TerminalNewMode sets
them.  `Terminal.restore()` puts back the
settings found at the start; the caller runs it on every way out.
"""

import os
import struct
import termios

from pynettools.telnet.protocol import TerminalFacts

# The terminal's control characters by telnet's names for them (`display`, `set`,
# the LINEMODE SLC functions that they hold).  telnet's forw2 is VEOL too, like
# forw1 (see pynettools.telnet.slc): it never touches VEOL2.
_CHARACTER_INDEXES = {"flushoutput": termios.VDISCARD, "interrupt": termios.VINTR,
                      "quit": termios.VQUIT, "eof": termios.VEOF, "erase": termios.VERASE,
                      "kill": termios.VKILL, "lnext": termios.VLNEXT, "susp": termios.VSUSP,
                      "reprint": termios.VREPRINT, "worderase": termios.VWERASE,
                      "start": termios.VSTART, "stop": termios.VSTOP, "forw1": termios.VEOL}


def terminal_facts(fd, environ, environment, characters=None):
    """What TTYPE, NAWS, TSPEED report for `fd`; NEW-ENVIRON `environment`; LINEMODE
    `characters` (a SpecialCharacters, kept by the caller across connections)."""
    terminal_type = environ.get("TERM", "").upper() or "UNKNOWN"
    if not os.isatty(fd):
        return TerminalFacts(terminal_type, None, "0,0", environment, characters)
    attributes = termios.tcgetattr(fd)
    speed = "%d,%d" % (_baud(attributes[4]), _baud(attributes[5]))
    return TerminalFacts(terminal_type, window_size(fd), speed, environment, characters)


def terminal_characters(fd=0):
    """{telnet's name: byte value} of the characters set on the terminal on fd (0: off)."""
    try:
        characters = termios.tcgetattr(fd)[6]
    except termios.error:
        return {}
    return {name: _byte(characters[index]) for name, index in _CHARACTER_INDEXES.items()}


def _byte(value):
    return value[0] if isinstance(value, bytes) else value


def _baud(code):
    for name in dir(termios):
        if name.startswith("B") and name[1:].isdigit() and getattr(termios, name) == code:
            return int(name[1:])
    return 0


def window_size(fd):
    """(columns, rows) of the terminal on fd, or None."""
    try:
        rows, columns, _, _ = struct.unpack("HHHH", _ioctl_winsize(fd))
    except OSError:
        return None
    return (columns, rows) if columns and rows else None


def _ioctl_winsize(fd):
    import fcntl

    return fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8)


class Terminal:
    """Mode changes on a tty, always undoable with restore()."""

    def __init__(self, fd, escape):
        self.fd = fd
        self.escape = escape  # the escape byte, or None
        self.original = termios.tcgetattr(fd)
        self.mode = None

    def set_mode(self, mode, characters=None):
        """The terminal as telnet sets it for a TerminalMode, with `characters` in use
        ({telnet's name: byte}, as SpecialCharacters keeps them) over the saved settings."""
        characters = characters or {}
        key = (mode.edit, mode.trapsig, mode.echo, mode.flow, mode.soft_tab, mode.lit_echo,
               tuple(sorted(characters.items())))
        if self.mode == key:
            return
        iflag, oflag, cflag, lflag, ispeed, ospeed, chars = self.original
        chars = list(chars)
        for name, value in characters.items():
            if name in _CHARACTER_INDEXES:
                chars[_CHARACTER_INDEXES[name]] = bytes((value,))
        if mode.echo:
            lflag, oflag = lflag | termios.ECHO, oflag | termios.ONLCR
        else:
            # While the peer echoes, its CR LF reaches the terminal as is (see
            # protocol), so the terminal must not add a CR of its own.
            lflag, oflag = lflag & ~termios.ECHO, oflag & ~termios.ONLCR
        flow = termios.IXOFF | termios.IXON
        iflag = iflag | flow if mode.flow else iflag & ~flow
        lflag = lflag | termios.ISIG if mode.trapsig else lflag & ~termios.ISIG
        if mode.edit:
            lflag |= termios.ICANON
        else:
            lflag &= ~termios.ICANON
            iflag &= ~termios.ICRNL
            chars[termios.VMIN], chars[termios.VTIME] = 1, 0
        if not mode.local_characters:
            chars[termios.VLNEXT] = b"\0"
        oflag &= ~termios.TABDLY
        if mode.soft_tab:
            oflag |= termios.TAB3
        lflag = lflag & ~termios.ECHOCTL if mode.lit_echo else lflag | termios.ECHOCTL
        if self.escape is not None and bytes((self.escape,)) not in (chars[termios.VEOL],
                                                                     chars[termios.VEOL2]):
            # The escape character ends a line at once, as telnet arranges.
            if chars[termios.VEOL] == b"\0":
                chars[termios.VEOL] = bytes((self.escape,))
            elif chars[termios.VEOL2] == b"\0":
                chars[termios.VEOL2] = bytes((self.escape,))
        termios.tcsetattr(self.fd, termios.TCSADRAIN,
                          [iflag, oflag, cflag, lflag, ispeed, ospeed, chars])
        self.mode = key

    def reread(self):
        """Take the terminal's settings anew (after a suspend: the user may have changed them)."""
        self.original = termios.tcgetattr(self.fd)
        self.mode = None

    def restore(self):
        """Back to the settings the terminal had when the session began."""
        self.mode = None
        try:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.original)
        except termios.error:
            pass  # the terminal is gone (hang-up): nothing left to restore
