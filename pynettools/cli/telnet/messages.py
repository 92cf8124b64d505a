"""What telnet says at once, and how it reads and spells its escape character."""

import sys

from pynettools.output import write


def parse_escape(text):
    """-e CHAR as telnet reads it: `^X` is a control character, `^` or nothing is off."""
    if not text or text == "^":
        return None
    if text[0] == "^" and len(text) > 1:
        return 0x7F if text[1] == "?" else ord(text[1]) & 0x1F
    return ord(text[0]) & 0xFF


def describe_escape(character):
    """A character (the escape or a special one) as telnet spells it: ^X, ^?, \\ooo, off."""
    if character is None or character == 0:  # 0 is _POSIX_VDISABLE: not set
        return "off"
    if character < 0x20 or character == 0x7F:
        return "^" + chr(character ^ 0x40)
    if character >= 0x80:
        return "\\%03o" % character
    return chr(character)


def say(text, stream=None):
    """A message, written at once (it must precede data written to the fd)."""
    stream = stream or sys.stdout
    write(text, stream)
    stream.flush()
