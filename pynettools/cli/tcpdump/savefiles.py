"""Savefiles opened as tcpdump opens them for -r and -V, with its banner and words."""

import sys

from pynettools.cli.tcpdump.declaration import Complaint
from pynettools.errors import FileReadError
from pynettools.output import write


def open_named(name):
    """The reader of savefile `name` (`-`: the standard input)."""
    from pynettools.capture.savefile import open_savefile

    if name == "-":
        stream = sys.stdin.buffer
    else:
        try:
            stream = open(name, "rb")
        except OSError as error:
            raise FileReadError(name, error.strerror) from None
    return open_savefile(stream)


def say_reading(name, reader):
    """tcpdump's banner for a savefile, on stderr."""
    from pynettools.capture import linktypes

    described = linktypes.describe(reader.linktype)
    write("reading from file %s, link-type %s, snapshot length %d\n" % (
        name, described, reader.snaplen), sys.stderr)
    if reader.linktype == linktypes.LINUX_SLL2:
        write("Warning: interface names might be incorrect\n", sys.stderr)


def listed_names(path):
    """-V's names, one a line (`-`: the standard input), each read when it is needed."""
    if path == "-":
        stream = sys.stdin
    else:
        try:
            stream = open(path, encoding="utf-8", errors="surrogateescape")
        except OSError as error:
            raise Complaint("Unable to open file: %s" % error.strerror) from None
    with stream:
        first = True
        for line in stream:
            first = False
            yield line[:-1] if line.endswith("\n") else line
        if first:
            raise Complaint("Nothing in %s" % path)
