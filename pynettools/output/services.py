"""Text formats of pyservices: getent's service lines and the listening table."""

from pynettools.output import encode

NAME_WIDTH = 21  # getent prints "%-21s %d/%s": the width counts bytes
LISTENING_HEADER = "Proto Local Address                            Port Service              PID/Program name"


def service_line(entry):
    """An entry as `getent services` prints it."""
    name = entry.name
    width = len(name) if name.isascii() else len(encode(name))
    line = "%s%s %d/%s" % (name, " " * (NAME_WIDTH - width), entry.port, entry.protocol)
    return line + " " + " ".join(entry.aliases) if entry.aliases else line


def listening_lines(sockets):
    """A header, then one line per listening socket with its service."""
    yield LISTENING_HEADER
    for sock in sockets:
        service = sock.service.name if sock.service else "-"
        owner = "%d/%s" % (sock.pid, sock.process or "?") if sock.pid else "-"
        yield "%-5s %-40s %5d %-20s %s" % (sock.protocol, sock.address, sock.port, service, owner)
