"""What a front end's error table gives back: the original's words, where they go,
and its exit status."""

import sys

from pynettools.output import write


class Failure:
    """`status` (the command's ExitStatus); `stderr` and `stdout`: text in the
    original's words (most originals say everything on stderr; telnet says
    some of it on stdout)."""

    __slots__ = ("status", "stderr", "stdout")

    def __init__(self, status, stderr="", stdout=""):
        self.status = status
        self.stderr = stderr
        self.stdout = stdout

    def write(self):
        """Say it: stdout first, then stderr, each flushed (the order telnet keeps)."""
        if self.stdout:
            write(self.stdout)
            sys.stdout.flush()
        if self.stderr:
            write(self.stderr, sys.stderr)
            sys.stderr.flush()
