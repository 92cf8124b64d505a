"""pcap-filter(7) tokens, cut as libpcap's flex scanner cuts them.

flex takes the longest match at each point and, between matches of the same
length, the rule written first; so `1.2` is a host id, `1.2.3.4.5` a name,
`0123456789ab` an Ethernet address and `tcp-syn` the number 2.  Keywords are
case-sensitive.  A bad number or address is a LEX_ERROR token that carries
libpcap's message; any other stray character is a LEX_ERROR without one.
"""

import re

from pynettools.bpf import tables

NUM, ID, HID, HID6, EID, AID, LEX_ERROR, EOF = (
    "NUM", "ID", "HID", "HID6", "EID", "AID", "LEX_ERROR", "EOF")


class Token:
    """`kind` (a keyword's token name, an operator, or NUM, ID, ...), `value`
    (the number of a NUM, the text of an id, the message of a LEX_ERROR) and
    `position` (its offset in the expression)."""

    __slots__ = ("kind", "value", "position")

    def __init__(self, kind, value, position):
        self.kind = kind
        self.value = value
        self.position = position

    def __repr__(self):
        return "Token(%r, %r)" % (self.kind, self.value)


_N = r"(?:0[xX][0-9A-Fa-f]+|[0-9]+)"
_B = r"[0-9A-Fa-f]{1,2}"
_B2 = r"[0-9A-Fa-f]{4}"
# Each rule: (kind, pattern); a pattern's longest prefix match is its match.
_MAC = re.compile("|".join([
    ":".join([_B] * 6), "-".join([_B] * 6), r"\.".join([_B] * 6),
    r"\.".join([_B2] * 3), _B2 * 3]))
_HID = re.compile(r"%s(?:\.%s){1,3}" % (_N, _N))
_BOGUS_MAC = re.compile(r"%s:+(?:%s:+)+" % (_B, _B))
_ID = re.compile(r"[A-Za-z0-9](?:[-_.A-Za-z0-9]*[.A-Za-z0-9])?")
_ESCAPED_ID = re.compile(r"\\[^ !()\n\t]+")
_AID = re.compile(r"\$" + _B)
_V6_CHARS = re.compile(r"[0-9A-Fa-fxX:.]+")
_MAC_CHARS = re.compile(r"[0-9A-Fa-f:.-]{1,17}")
_HID_CHARS = re.compile(r"[0-9A-Fa-fxX.]+")
_N_PATTERN = re.compile(_N)
_V6_GROUP = re.compile(r"[0-9A-Fa-f]{1,4}")
_V4_TAIL = re.compile(r"%s\.%s\.%s\.%s" % (_N, _N, _N, _N))
_OPERATORS = {">=": "GEQ", "<=": "LEQ", "!=": "NEQ", "==": "=", "<<": "LSH", ">>": "RSH",
              "&&": "AND", "||": "OR"}
_SINGLE = set("+-*/%:[]!<>()&|^=")
_BLANKS = " \r\n\t"


def _longest(pattern, characters, text, position):
    """The length of the longest prefix of text[position:] that `pattern` fully
    matches; `characters` matches the longest run such a prefix can lie in."""
    run = characters.match(text, position)
    if run is None:
        return 0
    for end in range(run.end(), position, -1):
        if pattern.fullmatch(text, position, end):
            return end - position
    return 0


def _longest_greedy(pattern, text, position):
    """For patterns whose greedy match is already the longest one."""
    match = pattern.match(text, position)
    return match.end() - position if match else 0


def is_ipv6_form(text):
    """Whether `text` has one of the shapes of the scanner's IPv6 rules: up to
    eight groups of 1-4 hex digits (seven when one `::` stands for the rest),
    the last two of which may be written as a dotted quad."""
    halves = text.split("::")
    if len(halves) > 2:
        return False
    slots = 0
    for index, half in enumerate(halves):
        if not half:
            continue
        groups = half.split(":")
        for number, group in enumerate(groups):
            last = index == len(halves) - 1 and number == len(groups) - 1
            if last and _V4_TAIL.fullmatch(group):
                slots += 2
            elif _V6_GROUP.fullmatch(group):
                slots += 1
            else:
                return False
    return slots <= 7 if len(halves) == 2 else slots == 8


def _ipv6_length(text, position):
    run = _V6_CHARS.match(text, position)
    if run is None:
        return 0
    candidate = run.group()
    for end in range(len(candidate), 1, -1):
        if is_ipv6_form(candidate[:end]):
            return end
    return 0


def _number(text):
    """A NUM token for the digits `text`, or a LEX_ERROR with libpcap's words."""
    if text[:2] in ("0x", "0X"):
        value, base = int(text[2:], 16), 16
    elif text.startswith("0") and len(text) > 1:
        if not all(digit in "01234567" for digit in text):
            return LEX_ERROR, "number %s contains non-octal digit" % text
        value, base = int(text, 8), 8
    else:
        value, base = int(text), 10
    if value > 0xFFFFFFFF:
        return LEX_ERROR, "number %s overflows 32 bits" % text
    return NUM, value


def _ipv6(text):
    import socket

    try:
        socket.inet_pton(socket.AF_INET6, text)
    except (OSError, ValueError):
        return LEX_ERROR, "bogus IPv6 address %s" % text
    return HID6, text


def _match(text, position):
    """(kind, value, length) of the token at `position`."""
    two = text[position:position + 2]
    if two in _OPERATORS:
        return _OPERATORS[two], two, 2
    # (length, rule order, kind, value-maker); the longest wins, then the first.
    candidates = []
    keyword_length = _longest_greedy(_ID, text, position)
    word = text[position:position + keyword_length]
    if word in tables.KEYWORDS:
        candidates.append((keyword_length, 0, tables.KEYWORDS[word], None))
    if text[position] in _SINGLE:
        candidates.append((1, 1, text[position], None))
    length = _longest_greedy(_AID, text, position)
    if length:
        candidates.append((length, 2, AID, None))
    length = _longest(_MAC, _MAC_CHARS, text, position)
    if length:
        candidates.append((length, 3, EID, None))
    length = _longest_greedy(_N_PATTERN, text, position)
    if length:
        candidates.append((length, 4, NUM, _number))
    length = _longest(_HID, _HID_CHARS, text, position)
    if length:
        candidates.append((length, 5, HID, None))
    length = _ipv6_length(text, position)
    if length:
        candidates.append((length, 6, HID6, _ipv6))
    length = _longest_greedy(_BOGUS_MAC, text, position)
    if length:
        candidates.append((length, 7, LEX_ERROR, "bogus ethernet address %s"))
    if word in tables.NAMED_NUMBERS:
        candidates.append((keyword_length, 8, NUM, tables.NAMED_NUMBERS[word]))
    if keyword_length:
        candidates.append((keyword_length, 9, ID, None))
    length = _longest_greedy(_ESCAPED_ID, text, position)
    if length:
        candidates.append((length, 10, ID, lambda lexeme: (ID, lexeme[1:])))
    if not candidates:
        return LEX_ERROR, None, 1
    length, _order, kind, maker = max(candidates, key=lambda item: (item[0], -item[1]))
    lexeme = text[position:position + length]
    if maker is None:
        return kind, lexeme, length
    if isinstance(maker, int):
        return kind, maker, length
    if isinstance(maker, str):
        return kind, maker % lexeme, length
    kind, value = maker(lexeme)
    return kind, value, length


def tokenize(text):
    """Every token of the expression, ending with EOF (LEX_ERROR tokens included:
    the parser stops at the first one it reaches)."""
    tokens = []
    position = 0
    while True:
        while position < len(text) and text[position] in _BLANKS:
            position += 1
        if position == len(text):
            tokens.append(Token(EOF, None, position))
            return tokens
        kind, value, length = _match(text, position)
        tokens.append(Token(kind, value, position))
        position += length
