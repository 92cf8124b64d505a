"""The services(5) database, read the way glibc's `files` backend reads it.

`getent services`, netstat and telnet all see /etc/services through glibc, so
this parser follows glibc (2.36) line by line, quirks included, and the tests
compare it with getent on crafted files:

- a line ends at a newline or at its first NUL byte; a line whose first
  non-blank character is `#` or NUL is skipped;
- when a line starts with blanks, glibc moves the rest to the front without
  moving the terminator, so a last line with no newline keeps a copy of its
  own tail (`"  http 80/tcp"` reads as `http 80/tcpcp`);
- everything from the first `#` is a comment;
- `name port/proto aliases...`, separated by C whitespace; the port is read
  as by strtoul with base 0 (`0x50`, `010`, a `+` sign), rejected when it is
  above 2**32-1, then truncated to 16 bits; any run of `/` may follow it; a
  port that ends the line (`name 80`, not `name 80 `) has an empty protocol;
  anything else is malformed and the line is skipped.

Lookups answer like getservbyname/getservbyport: case-sensitive, the first
entry in file order wins, a protocol must match exactly.
"""

from pynettools.errors import ServicesFileError
from pynettools.models import ServiceEntry

DEFAULT_PATH = "/etc/services"

_UINT32_MAX = 0xFFFFFFFF
_ULONG_MAX = 0xFFFFFFFFFFFFFFFF
_DIGITS = {8: b"01234567", 10: b"0123456789", 16: b"0123456789abcdefABCDEF"}
_BLANKS = b" \t\n\r\x0b\x0c"


def _strtoul(field):
    """Read an unsigned number like C strtoul(field, &end, 0).

    Returns (value, rest), or (None, field) when no digit was read.
    """
    sign_length = 1 if field[:1] in (b"+", b"-") else 0
    start = sign_length
    base = 10
    if field[start:start + 2] in (b"0x", b"0X") and field[start + 2:start + 3] and \
            field[start + 2:start + 3] in _DIGITS[16]:
        base, start = 16, start + 2
    elif field[start:start + 1] == b"0":
        base = 8
    end = start
    digits = _DIGITS[base]
    while end < len(field) and field[end:end + 1] in digits:
        end += 1
    if end == start:
        return None, field
    value = int(field[start:end], base)
    if value > _ULONG_MAX:
        return _ULONG_MAX, field[end:]
    if field[:1] == b"-":
        value = -value & _ULONG_MAX
    return value, field[end:]


def _as_glibc_reads(line, terminated):
    """The line as glibc's parser gets it: cut at NUL, leading blanks moved away.

    `terminated` tells whether a newline followed the line in the file.
    """
    if b"\0" in line:
        line, terminated = line.split(b"\0", 1)[0], False
    body = line.lstrip(_BLANKS)
    skipped = len(line) - len(body)
    if skipped and body and not terminated:
        # memmove of strlen(body) bytes leaves the old tail behind; with a
        # newline the copy would sit after it, where parsing stops anyway.
        body += line[-skipped:]
    return body


def parse_line(line, terminated=True):
    """Parse one line (bytes, without its newline) into a ServiceEntry, or None.

    Blank and comment lines give no fields, so they need no test of their
    own.  This runs once per line of files with a million lines: it is kept
    to one function with the plain decimal port as its fast path.
    """
    if not terminated or b"\0" in line:
        line = _as_glibc_reads(line, terminated)
    body, hash_sign, comment = line.partition(b"#")
    fields = body.split()
    if len(fields) < 2:
        return None
    number, slash, protocol = fields[1].partition(b"/")
    if slash and number.isdigit() and number[:1] != b"0":
        port = int(number)
    else:
        port, protocol = _strtoul(fields[1])
        if port is None or not (protocol[:1] == b"/" or _ends_line(protocol, fields, body)):
            return None
    if port > _UINT32_MAX:
        return None
    return ServiceEntry(
        fields[0].decode("utf-8", "surrogateescape"),
        port & 0xFFFF,
        protocol.lstrip(b"/").decode("utf-8", "surrogateescape"),
        tuple([alias.decode("utf-8", "surrogateescape") for alias in fields[2:]]),
        comment.strip(_BLANKS).decode("utf-8", "surrogateescape") if hash_sign else None,
    )


def _ends_line(rest, fields, body):
    """glibc takes a port that ends the line as one with an empty protocol;
    anything after it, even a blank, makes the line malformed."""
    return not rest and len(fields) == 2 and body.endswith(fields[1])


def parse_services(data):
    """Parse the bytes of a services file: the entries in file order."""
    lines = data.split(b"\n")
    last = lines.pop()
    entries = [entry for entry in map(parse_line, lines) if entry is not None]
    final = parse_line(last, terminated=False) if last else None
    if final is not None:
        entries.append(final)
    return entries


def split_key(key):
    """Split a getent key into (name or port text, protocol or None)."""
    name, slash, protocol = key.partition("/")
    return name, (protocol if slash else None)


def port_of_key(text):
    """The port a key names, as getent decides it, or None for a name.

    getent reads a key as a port only when it is all decimal digits (so
    `080` is port 80 but `+80` and ` 80` are names) and at most 65535.
    """
    if text and text.isascii() and text.isdigit() and int(text) <= 0xFFFF:
        return int(text)
    return None


class ServicesDB:
    """A services(5) file, read once on first use.

    With no path it reads /etc/services and, like getent, treats a missing or
    unreadable file as empty; a path given by the user must be readable.
    """

    def __init__(self, path=None):
        self.path = DEFAULT_PATH if path is None else path
        self._required = path is not None
        self._entries = None
        self._ports = None

    def entries(self):
        """Every entry, in file order."""
        if self._entries is None:
            self._entries = parse_services(self._read())
        return self._entries

    def _read(self):
        try:
            with open(self.path, "rb") as services_file:
                return services_file.read()
        except OSError as error:
            if self._required:
                raise ServicesFileError(self.path, error.strerror or str(error)) from error
            return b""

    def by_name(self, name, protocol=None):
        """The first entry called `name` (or aliased so), or None."""
        for entry in self.entries():
            if (protocol is None or entry.protocol == protocol) and (
                entry.name == name or name in entry.aliases
            ):
                return entry
        return None

    def by_port(self, port, protocol=None):
        """The first entry for `port` (and `protocol`, if given), or None."""
        if self._ports is None:
            self._ports = {}
            for entry in self.entries():
                self._ports.setdefault((entry.port, entry.protocol), entry)
                self._ports.setdefault((entry.port, None), entry)
        return self._ports.get((port, protocol))

    def lookup(self, key, protocol=None):
        """Answer one getent key: name, alias, port, name/proto or port/proto.

        `protocol` applies when the key does not carry its own.
        """
        text, key_protocol = split_key(key)
        if key_protocol is not None:
            protocol = key_protocol
        port = port_of_key(text)
        if port is not None:
            return self.by_port(port, protocol)
        return self.by_name(text, protocol)

    def select(self, protocol=None, containing=None, ports=None):
        """Entries that pass every filter given, in file order.

        protocol: exact protocol; containing: text found, in any case, in the
        name, an alias or the comment; ports: a (low, high) pair, inclusive.
        """
        entries = self.entries()
        if protocol is not None:
            entries = [entry for entry in entries if entry.protocol == protocol]
        if ports is not None:
            low, high = ports
            entries = [entry for entry in entries if low <= entry.port <= high]
        if containing is not None:
            entries = [entry for entry in entries if _contains(entry, containing.casefold())]
        return entries


def _contains(entry, needle):
    return (needle in entry.name.casefold()
            or any(needle in alias.casefold() for alias in entry.aliases)
            or (entry.comment is not None and needle in entry.comment.casefold()))
