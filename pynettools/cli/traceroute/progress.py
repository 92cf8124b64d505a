"""The progress line --targets and --report keep on a terminal's stderr.

It is redrawn in place (carriage return, erase to the end of the line), at
most PER_SECOND times a second, erased before anything else is printed and
when the run ends; where stderr is not a terminal nothing is ever written.
"""

import sys
import time

from pynettools.output import write

PER_SECOND = 10
ERASE = "\r\033[K"


class ProgressLine:
    """`show(text)` and `clear()`, which do nothing when stderr is not a terminal."""

    def __init__(self, stream=None):
        self.stream = sys.stderr if stream is None else stream
        self.enabled = _is_terminal(self.stream)
        self.shown = False
        self.drawn_at = 0.0

    def show(self, text, force=False):
        """Draw `text` (unless a line was drawn less than 1/PER_SECOND s ago and not `force`)."""
        now = time.monotonic()
        if not self.enabled or (now - self.drawn_at < 1.0 / PER_SECOND and not force):
            return
        self.drawn_at = now
        self.shown = True
        write(ERASE + text, self.stream)
        self.stream.flush()

    def clear(self):
        if self.shown:
            self.shown = False
            self.drawn_at = 0.0
            write(ERASE, self.stream)
            self.stream.flush()


def _is_terminal(stream):
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
