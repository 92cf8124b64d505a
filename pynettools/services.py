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
_ZERO = ord("0")
_ULONG_MAX = 0xFFFFFFFFFFFFFFFF
_DIGITS = {8: b"01234567", 10: b"0123456789", 16: b"0123456789abcdefABCDEF"}
_BLANKS = b" \t\n\r\x0b\x0c"
_BLANK_SET = frozenset(_BLANKS)
_NOT_IN_FIELDS = frozenset(_BLANKS + b"#\0")  # a field ends at these
BLOCK_BYTES = 1 << 20  # bytes read (or split) at a time from large files
_MISSES = 64  # false hits of a key before searching with a regular expression


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


def raw_fields(line, terminated=True):
    """The fields glibc reads from one line (bytes, without its newline), or None.

    (name, port, protocol, aliases, comment): bytes but the port (an int)
    and the aliases (a list); comment is None without `#`.  Blank and comment
    lines give no fields, so they need no test of their own.
    """
    if not terminated or b"\0" in line:
        line = _as_glibc_reads(line, terminated)
    body, hash_sign, comment = line.partition(b"#")
    fields = body_fields(body)
    if fields is None or not hash_sign:
        return fields
    return fields[:4] + (comment.strip(_BLANKS),)


def body_fields(body):
    """raw_fields of a line's body: what comes before any `#` or NUL, as glibc
    reads it.  This runs once per line of files with a million lines: it is
    kept to one function with the plain decimal port as its fast path."""
    fields = body.split()
    if len(fields) < 2:
        return None
    number, slash, protocol = fields[1].partition(b"/")
    if slash and number.isdigit() and number[0] != _ZERO:
        port = int(number)
    else:
        port, protocol = _strtoul(fields[1])
        if port is None or not (protocol[:1] == b"/" or _ends_line(protocol, fields, body)):
            return None
    if port > _UINT32_MAX:
        return None
    return fields[0], port & 0xFFFF, protocol.lstrip(b"/"), fields[2:], None


def parse_line(line, terminated=True):
    """One line (bytes, without its newline) as a ServiceEntry, or None."""
    fields = raw_fields(line, terminated)
    if fields is None:
        return None
    name, port, protocol, aliases, comment = fields
    return ServiceEntry(_text(name), port, _text(protocol), tuple(map(_text, aliases)),
                        None if comment is None else _text(comment))


def _text(raw):
    return raw.decode("utf-8", "surrogateescape")


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
    """A services(5) file, read on first use.

    With no path it reads /etc/services and, like getent, treats a missing or
    unreadable file as empty; a path given by the user must be readable.
    `lookup` and `by_name` find the key in the file's bytes first and parse
    only the lines that can hold it, so a key costs a search of the file, not
    a parse of it; `entries`, `by_port` and `select` parse it all, once;
    services_blocks streams it.
    """

    def __init__(self, path=None):
        self.path = DEFAULT_PATH if path is None else path
        self._required = path is not None
        self._data = None
        self._entries = None
        self._ports = None

    def entries(self):
        """Every entry, in file order."""
        if self._entries is None:
            self._entries = parse_services(self._bytes())
        return self._entries

    def _bytes(self):
        if self._data is None:
            services_file = self.open_file()
            self._data = b""
            if services_file is not None:
                with services_file:
                    self._data = services_file.read()
        return self._data

    def open_file(self):
        """The file open for reading, or None where getent sees an empty database."""
        try:
            return open(self.path, "rb")
        except OSError as error:
            if self._required:
                raise ServicesFileError(self.path, error.strerror or str(error)) from error
            return None

    def by_name(self, name, protocol=None):
        """The first entry called `name` (or aliased so), or None."""
        if self._entries is None:
            return _first_named(self._bytes(), name, protocol)
        for entry in self._entries:
            if _names(entry, name, protocol):
                return entry
        return None

    def by_port(self, port, protocol=None):
        """The first entry for `port` (and `protocol`, if given), or None; for
        many lookups (an index over every entry, made once)."""
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
        if port is None:
            return self.by_name(text, protocol)
        if self._ports is not None:
            return self._ports.get((port, protocol))
        return _first_with_port(self._bytes(), port, protocol)

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


class CommonLines(list):
    """The entries of a block (see services_blocks) as (name, rest) pairs of
    bytes, for a block whose every line reads `name port/protocol aliases...`:
    single spaces, a plain decimal port up to 65535 (`0` or no leading zero),
    no comment, nothing glibc would read otherwise.  getent prints such a
    line's rest as it stands.  Here, not in services_blocks, so that the
    formatter can tell it without importing that module at every start."""


def _names(entry, name, protocol):
    return (protocol is None or entry.protocol == protocol) and (
        entry.name == name or name in entry.aliases)


def _first_named(data, name, protocol):
    """The first entry of `data` named or aliased `name` (with `protocol`), found
    by searching the bytes: only lines where `name` stands as a field are
    parsed, and those where glibc's memmove quirk may make fields of bytes
    that are not one in the file."""
    key = name.encode("utf-8", "surrogateescape")
    if not key or any(byte in _NOT_IN_FIELDS for byte in key):
        return None  # never a field
    for start, end in _in_order(_lines_holding(data, key), _memmove_lines(data)):
        entry = parse_line(data[start:end], terminated=end < len(data))
        if entry is not None and _names(entry, name, protocol):
            return entry
    return None


def _memmove_lines(data):
    """(start, end) of the lines glibc reads as if unterminated (a NUL ends them,
    or no newline does) that start with a blank: the tail it copies can join a
    field (see _as_glibc_reads)."""
    found, position = [], data.find(b"\0")
    while position >= 0:
        start = data.rfind(b"\n", 0, position) + 1
        end = data.find(b"\n", position)
        end = len(data) if end < 0 else end
        if data[start] in _BLANK_SET:
            found.append((start, end))
        position = data.find(b"\0", end)
    last = data.rfind(b"\n") + 1
    if last < len(data) and data[last] in _BLANK_SET and (not found or found[-1][0] != last):
        found.append((last, len(data)))
    return found


def _in_order(lines, more):
    """The (start, end) lines of the iterator `lines` and of the list `more`, both
    in file order, merged in file order."""
    more = iter(more)
    pending = next(more, None)
    for line in lines:
        while pending is not None and pending[0] < line[0]:
            yield pending
            pending = next(more, None)
        yield line
    while pending is not None:
        yield pending
        pending = next(more, None)


def _lines_holding(data, key):
    """(start, end) of each line where `key` stands between field boundaries, in
    order.  A key that is a common part of other fields (`tcp`) turns, after a
    few false hits, to a regular expression that checks the boundaries in C."""
    position, misses, search = 0, 0, None
    size = len(key)
    while True:
        if search is None:
            at = data.find(key, position)
        else:
            found = search(data, position)
            at = -1 if found is None else found.start()
        if at < 0:
            return
        after = at + size
        if (at and data[at - 1] not in _BLANK_SET) or (
                after < len(data) and data[after] not in _NOT_IN_FIELDS):
            position, misses = at + 1, misses + 1
            if misses == _MISSES:
                search = _field_pattern(key).search
            continue
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", after)
        end = len(data) if end < 0 else end
        yield start, end
        position = end + 1


def _field_pattern(key):
    """`key` as a whole field, for re: the literal first, so that re scans for it."""
    import re

    literal = re.escape(key)
    return re.compile(literal + rb"(?<=[ \t\n\r\x0b\x0c]" + literal + rb")(?=[ \t\n\r\x0b\x0c#\x00]|\Z)")


def _first_with_port(data, port, protocol):
    """The first entry of `data` for `port` (with `protocol`).  A port may be
    written many ways (0x50, 0120, +80, 65616 truncated to 16 bits): each line's
    port field is read, but only a line that may hold `port` is parsed."""
    digits = b"%d" % port
    for block in _line_blocks(data):
        for line in block:
            fields = line.split(None, 2)
            if len(fields) < 2:
                continue
            number = fields[1].partition(b"/")[0]
            if number != digits and number.isdigit() and number[:1] != b"0" and (
                    len(number) < 5 or len(number) == 5 and number <= b"65535"):
                continue  # a plain port of 16 bits, and another one
            entry = parse_line(line)
            if entry is not None and entry.port == port and (
                    protocol is None or entry.protocol == protocol):
                return entry
    return _last_line(data, lambda entry: entry.port == port and (
        protocol is None or entry.protocol == protocol))


def _line_blocks(data):
    """The terminated lines of `data`, a list per block of about BLOCK_BYTES bytes
    (splitting a large file at once would hold a copy of it in line objects)."""
    start = 0
    while start < len(data):
        end = data.rfind(b"\n", start, start + BLOCK_BYTES)
        if end < 0:
            end = data.find(b"\n", start + BLOCK_BYTES)
            if end < 0:
                return
        yield data[start:end].split(b"\n")
        start = end + 1


def _last_line(data, wanted):
    """The last line when no newline ends it, where glibc's memmove quirk can
    make fields the bytes do not show: parsed whole, whatever it holds."""
    if data.endswith(b"\n"):
        return None
    entry = parse_line(data[data.rfind(b"\n") + 1:], terminated=False)
    return entry if entry is not None and wanted(entry) else None


def _contains(entry, needle):
    return (needle in entry.name.casefold()
            or any(needle in alias.casefold() for alias in entry.aliases)
            or (entry.comment is not None and needle in entry.comment.casefold()))
