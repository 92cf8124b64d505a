"""Text formats of pyservices: getent's service lines and the listening table."""

from pynettools.output import encode

NAME_WIDTH = 21  # getent prints "%-21s %d/%s": the width counts bytes
LISTENING_HEADER = "Proto Local Address                            Port Service              PID/Program name"


def service_line(entry):
    """An entry as `getent services` prints it."""
    return raw_service_line(encode(entry.name), entry.port, encode(entry.protocol),
                            list(map(encode, entry.aliases))).decode("utf-8", "surrogateescape")


def raw_service_line(name, port, protocol, aliases, comment=None):
    """The line of an entry's raw fields (bytes, see services.raw_fields), as bytes.

    The name's width counts bytes, as printf's does; the comment is not shown.
    """
    return b" ".join([name.ljust(NAME_WIDTH), b"%d/%s" % (port, protocol), *aliases])


def raw_service_text(block):
    """The lines of a block of raw fields, each ending in a newline, as bytes."""
    if not block:
        return b""
    return b"\n".join([raw_service_line(*fields) for fields in block]) + b"\n"


def listening_lines(sockets):
    """A header, then one line per listening socket with its service."""
    yield LISTENING_HEADER
    for sock in sockets:
        service = sock.service.name if sock.service else "-"
        owner = "%d/%s" % (sock.pid, sock.process or "?") if sock.pid else "-"
        yield "%-5s %-40s %5d %-20s %s" % (sock.protocol, sock.address, sock.port, service, owner)
