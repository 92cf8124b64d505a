"""A services file read block by block, for listings of any size.

Each block of whole lines gives its entries in file order: a CommonLines
when every line of it has the shape nearly every line of a large file has
(`name port/protocol aliases...`), else a list of each entry's raw_fields.
A CommonLines is checked and cut by one regular expression, in C, which
takes a third of the time of a parse of each line; getent prints its lines with
only the name padded, so the rest of each line is kept as it stands.
"""

import functools

from pynettools.services import BLOCK_BYTES, CommonLines, body_fields, raw_fields

# A field: no C blank, `#` or NUL; the port: as %d prints a 16-bit number; the
# protocol may be empty but cannot start with `/` (glibc skips a run of them).
_FIELD, _PROTOCOL_START = rb"[^ \t\n\r\x0b\x0c#\x00]", rb"[^ \t\n\r\x0b\x0c#\x00/]"
_PORT = rb"(?:0|[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
_COMMON_BYTES = BLOCK_BYTES // 4  # smaller blocks go line by line: no `re` to import


def blocks(db):
    """The entries of the file of `db` (a services.ServicesDB) in file order, a
    list per block: memory stays bounded however long the file is."""
    services_file = db.open_file()
    if services_file is None:
        return
    with services_file:
        rest = b""
        for block in iter(lambda: services_file.read(BLOCK_BYTES), b""):
            cut = block.rfind(b"\n") + 1
            if not cut:  # inside a line longer than a block
                rest += block
                continue
            whole, rest = rest + block[:cut], block[cut:]
            yield _entries(whole)
        if rest:
            final = raw_fields(rest, terminated=False)
            yield [final] if final is not None else []


def _entries(block):
    """The entries of a block of whole lines (each ending in a newline)."""
    if len(block) >= _COMMON_BYTES and b"#" not in block and b"\0" not in block:
        pairs = _common_lines()(block)
        if len(pairs) == block.count(b"\n"):  # every line has the shape
            return CommonLines(pairs)
    lines = block.split(b"\n")
    lines.pop()  # empty: the block ends in a newline
    # most blocks have no comment and no NUL: their lines are their bodies
    plain = b"#" not in block and b"\0" not in block
    found = map(body_fields if plain else raw_fields, lines)
    return [fields for fields in found if fields is not None]


@functools.lru_cache(maxsize=None)
def _common_lines():
    """findall of the common shape's lines: [(name, rest)].  No possessive
    quantifiers: Python 3.11.2's (Debian 12's) match them wrongly (a trailing
    blank passed), and a field cannot end but at a blank, so none is needed."""
    import re

    return re.compile(rb"^(%s+) (%s/(?:%s%s*)?(?: %s+)*)$" % (
        _FIELD, _PORT, _PROTOCOL_START, _FIELD, _FIELD), re.MULTILINE).findall
