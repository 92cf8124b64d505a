"""The user's terminal during a session: its modes, its size, its characters.

telnet's rule for the mode (without LINEMODE): the terminal edits lines
itself while the peer does not suppress go-ahead (SGA), and echoes locally
while the peer does not echo.  So WILL ECHO + WILL SGA gives character mode
(raw), nothing gives local line mode.  `Terminal.restore()` puts back the
settings found at the start; the caller runs it on every way out.
"""

import os
import struct
import termios

from pynettools.telnet.protocol import TerminalFacts, slc_triplets

# termios control characters telnet reports through LINEMODE SLC (RFC 1184).
_SLC_CHARACTERS = {3: termios.VINTR, 4: termios.VDISCARD, 7: termios.VQUIT, 8: termios.VEOF,
                   9: termios.VSUSP,
                   10: termios.VERASE, 11: termios.VKILL, 12: termios.VWERASE,
                   13: termios.VREPRINT, 14: termios.VLNEXT, 15: termios.VSTART,
                   16: termios.VSTOP}
_DISABLED = 0  # _POSIX_VDISABLE on Linux


def terminal_facts(fd, environ, user=None):
    """What TTYPE, NAWS, TSPEED, NEW-ENVIRON and LINEMODE report for `fd`."""
    environment = []
    display = environ.get("DISPLAY")
    if display:
        environment.append(("DISPLAY", "localhost" + display if display.startswith(":")
                            else display))
    if user:
        environment.append(("USER", user))
    terminal_type = environ.get("TERM", "").upper() or "UNKNOWN"
    if not os.isatty(fd):
        return TerminalFacts(terminal_type, None, "0,0", environment)
    attributes = termios.tcgetattr(fd)
    speed = "%d,%d" % (_baud(attributes[4]), _baud(attributes[5]))
    characters = {function: _byte(attributes[6][index])
                  for function, index in _SLC_CHARACTERS.items()}
    characters = {function: value for function, value in characters.items() if value}
    return TerminalFacts(terminal_type, window_size(fd), speed, environment,
                         slc_triplets(characters))


# The terminal's characters by telnet's names for them (`display`).
_NAMED_CHARACTERS = {"flushoutput": termios.VDISCARD, "interrupt": termios.VINTR,
                     "quit": termios.VQUIT, "eof": termios.VEOF, "erase": termios.VERASE,
                     "kill": termios.VKILL, "lnext": termios.VLNEXT, "susp": termios.VSUSP,
                     "reprint": termios.VREPRINT, "worderase": termios.VWERASE,
                     "start": termios.VSTART, "stop": termios.VSTOP, "forw1": termios.VEOL,
                     "forw2": termios.VEOL2}


def terminal_characters(fd=0):
    """{telnet's name: byte value} of the characters set on the terminal on fd."""
    try:
        characters = termios.tcgetattr(fd)[6]
    except termios.error:
        return {}
    named = {name: _byte(characters[index]) for name, index in _NAMED_CHARACTERS.items()}
    return {name: value for name, value in named.items() if value != _DISABLED}


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

    def set_mode(self, edit, echo):
        """Line editing and local echo on or off; the escape works in both."""
        if self.mode == (edit, echo):
            return
        attributes = termios.tcgetattr(self.fd)
        iflag, oflag, cflag, lflag, ispeed, ospeed, chars = attributes
        lflag = lflag | termios.ICANON | termios.ECHO if edit else lflag & ~termios.ICANON
        lflag = lflag | termios.ECHO if echo else lflag & ~termios.ECHO
        chars = list(chars)
        # While the peer echoes, its CR LF reaches the terminal as is (see
        # protocol), so the terminal must not add a CR of its own.
        oflag = self.original[1] if echo else oflag & ~termios.ONLCR
        if edit:
            iflag |= termios.ICRNL
            lflag |= termios.ISIG
            # The escape character ends a line at once, as telnet arranges.
            chars[termios.VEOL] = bytes((self.escape,)) if self.escape is not None else b"\0"
        else:
            iflag &= ~(termios.ICRNL | termios.IXON)
            lflag &= ~(termios.ISIG | termios.IEXTEN)
            chars[termios.VMIN], chars[termios.VTIME] = 1, 0
        termios.tcsetattr(self.fd, termios.TCSADRAIN,
                          [iflag, oflag, cflag, lflag, ispeed, ospeed, chars])
        self.mode = (edit, echo)

    def restore(self):
        """Back to the settings the terminal had when the session began."""
        self.mode = None
        try:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.original)
        except termios.error:
            pass  # the terminal is gone (hang-up): nothing left to restore
