"""Formatters: result records in, text out.  Only they and `cli/` write.

Text goes out as the bytes it came in as: names read from files and kernel
tables are decoded with surrogateescape and encoded back the same way, so a
byte that is not UTF-8 is printed unchanged, as the C originals print it.
"""

import sys

_BATCH = 4096  # lines per write: fewer system calls, bounded memory


def encode(text):
    return text.encode("utf-8", "surrogateescape")


def write(text, stream=None):
    """Write str to a text stream's binary buffer (stdout by default)."""
    write_bytes(encode(text), stream)


def write_bytes(data, stream=None):
    """Write bytes as they are to a text stream's binary buffer (stdout by default)."""
    stream = sys.stdout if stream is None else stream
    stream.flush()
    stream.buffer.write(data)


def write_lines(lines, stream=None):
    """Write an iterable of lines (without newlines), in batches."""
    batch = []
    for line in lines:
        batch.append(line)
        if len(batch) == _BATCH:
            write("\n".join(batch) + "\n", stream)
            batch = []
    if batch:
        write("\n".join(batch) + "\n", stream)
