"""Text formats of pyservices: getent's service lines and the listening table."""

from pynettools.output import encode
from pynettools.services import CommonLines

NAME_WIDTH = 21  # getent prints "%-21s %d/%s": the width counts bytes
_NAME_AND_REST = b"%%-%ds %%s" % NAME_WIDTH
LISTENING_HEADER = "Proto Local Address                            Port Service              PID/Program name"


def service_line(entry):
    """An entry as `getent services` prints it."""
    fields = (encode(entry.name), entry.port, encode(entry.protocol),
              list(map(encode, entry.aliases)), None)
    return raw_service_text([fields])[:-1].decode("utf-8", "surrogateescape")


def raw_service_text(block):
    """The lines of a block (see services_blocks), each ending in a newline, as
    bytes.  The name's width counts bytes, as printf's does; the comment is not
    shown.  One comprehension or map, no call a line: blocks hold tens of
    thousands."""
    if not block:
        return b""
    if isinstance(block, CommonLines):  # (name, rest) pairs: the rest prints as it is
        return b"\n".join(map(_NAME_AND_REST.__mod__, block)) + b"\n"
    join, width = b" ".join, NAME_WIDTH
    return b"\n".join([join([name.ljust(width), b"%d/%s" % (port, protocol), *aliases])
                       for name, port, protocol, aliases, _comment in block]) + b"\n"


def listening_lines(sockets):
    """A header, then one line per listening socket with its service."""
    yield LISTENING_HEADER
    for sock in sockets:
        service = sock.service.name if sock.service else "-"
        owner = "%d/%s" % (sock.pid, sock.process or "?") if sock.pid else "-"
        yield "%-5s %-40s %5d %-20s %s" % (sock.protocol, sock.address, sock.port, service, owner)
