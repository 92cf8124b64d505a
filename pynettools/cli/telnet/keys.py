"""The special keys telnet handles itself while it edits or traps signals locally.

What the terminal passes on as data (its signal keys raise signals instead)
is looked at as telnet's TerminalSpecialChars does: the interrupt, quit,
suspend and flush-output keys become Telnet commands, and so does the EOF
key under LINEMODE.  The keys are the characters in use (which a server's
LINEMODE SLC list may have changed), not necessarily the terminal's own.
"""

from pynettools.telnet import constants as T

_KEY_COMMANDS = (("interrupt", T.IP), ("quit", T.ABORT), ("susp", T.SUSP),
                 ("flushoutput", T.AO))


def special_keys(data, client):
    """`data` split into bytes to send and commands (ints) for the keys found."""
    protocol = client.session.protocol
    keys = {}
    characters = client.characters.enabled()
    for name, code in _KEY_COMMANDS:
        if name in characters:
            keys.setdefault(characters[name], code)
    if "quit" in characters and protocol.kludge_linemode:
        keys[characters["quit"]] = T.BREAK
    if "eof" in characters and protocol.local[T.LINEMODE].wanted:
        keys.setdefault(characters["eof"], T.xEOF)
    parts, start = [], 0
    for index, byte in enumerate(data):
        if byte in keys:
            parts += [data[start:index], keys[byte]]
            start = index + 1
    parts.append(data[start:])
    return [part for part in parts if part != b""]
