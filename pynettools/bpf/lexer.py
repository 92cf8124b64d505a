"""pcap-filter(7) tokens, cut as libpcap's flex scanner cuts them.

flex takes the longest match at each point and, between matches of the same
length, the rule written first; so `1.2` is a host id, `1.2.3.4.5` a name,
`0123456789ab` an Ethernet address and `tcp-syn` the number 2.  Keywords are
case-sensitive.  A bad number or address is a LEX_ERROR token that carries
libpcap's message; any other stray character is a LEX_ERROR without one.
"""

import pynettools.bpf.tables as tables

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


_HEX = frozenset("0123456789abcdefABCDEF")
_DIGITS = frozenset("0123456789")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ID_INNER = _ALNUM | frozenset("-_.")
_ID_END = _ALNUM | frozenset(".")
_NOT_ESCAPED = frozenset(" !()\n\t")
_V6_CHARS = _HEX | frozenset("xX:.")
_OPERATORS = {">=": "GEQ", "<=": "LEQ", "!=": "NEQ", "==": "=", "<<": "LSH", ">>": "RSH",
              "&&": "AND", "||": "OR"}
_SINGLE = set("+-*/%:[]!<>()&|^=")
_BLANKS = " \r\n\t"


def _run(text, position, allowed, limit=None):
    """How many characters from `position` are in `allowed` (at most `limit`)."""
    end = position
    stop = len(text) if limit is None else min(len(text), position + limit)
    while end < stop and text[end] in allowed:
        end += 1
    return end - position


def _id_length(text, position):
    """[A-Za-z0-9]([-_.A-Za-z0-9]*[.A-Za-z0-9])?"""
    if text[position] not in _ALNUM:
        return 0
    end = position + 1 + _run(text, position + 1, _ID_INNER)
    while text[end - 1] not in _ID_END:
        end -= 1
    return end - position


def _number_length(text, position):
    """0[xX][0-9A-Fa-f]+ or [0-9]+"""
    if text.startswith(("0x", "0X"), position) and _run(text, position + 2, _HEX):
        return 2 + _run(text, position + 2, _HEX)
    return _run(text, position, _DIGITS)


def _hid_length(text, position):
    """N.N, N.N.N or N.N.N.N"""
    end = position + _number_length(text, position)
    parts = 1 if end > position else 0
    while parts and parts < 4 and text.startswith(".", end):
        length = _number_length(text, end + 1)
        if not length:
            break
        end += 1 + length
        parts += 1
    return end - position if parts >= 2 else 0


def _mac_length(text, position):
    """Six hex bytes joined by ':', '-' or '.', or 12 hex digits (in dotted fours or not)."""
    best = 0
    for separator in ":-.":
        end = position
        for group in range(6):
            length = _run(text, end, _HEX, 2)
            if not length or group < 5 and not text.startswith(separator, end + length):
                end = position
                break
            end += length + (group < 5)
        best = max(best, end - position)
    for separator in (".", ""):
        end = position
        for group in range(3):
            if _run(text, end, _HEX, 4) != 4 or \
                    group < 2 and not text.startswith(separator, end + 4):
                end = position
                break
            end += 4 + (len(separator) if group < 2 else 0)
        best = max(best, end - position)
    return best


def _bogus_mac_length(text, position):
    """B:+(B:+)+ where B is one or two hex digits."""
    end = position
    groups = 0
    while True:
        digits = _run(text, end, _HEX, 2)
        colons = _run(text, end + digits, ":") if digits else 0
        if not colons:
            break
        end += digits + colons
        groups += 1
    return end - position if groups >= 2 else 0


def _aid_length(text, position):
    return 1 + _run(text, position + 1, _HEX, 2) if text.startswith("$", position) and \
        _run(text, position + 1, _HEX, 2) else 0


def _escaped_length(text, position):
    if not text.startswith("\\", position):
        return 0
    end = position + 1
    while end < len(text) and text[end] not in _NOT_ESCAPED:
        end += 1
    return end - position if end > position + 1 else 0


def _is_number(text):
    return bool(text) and _number_length(text, 0) == len(text)


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
            if last and len(group.split(".")) == 4 and all(map(_is_number, group.split("."))):
                slots += 2
            elif 0 < len(group) <= 4 and all(digit in _HEX for digit in group):
                slots += 1
            else:
                return False
    return slots <= 7 if len(halves) == 2 else slots == 8


def _ipv6_length(text, position):
    candidate = text[position:position + _run(text, position, _V6_CHARS)]
    for end in range(len(candidate), 1, -1):
        if is_ipv6_form(candidate[:end]):
            return end
    return 0


def _number(text):
    """A NUM token for the digits `text`, or a LEX_ERROR with libpcap's words."""
    if text[:2] in ("0x", "0X"):
        value = int(text[2:], 16)
    elif text.startswith("0") and len(text) > 1:
        if not all(digit in "01234567" for digit in text):
            return LEX_ERROR, "number %s contains non-octal digit" % text
        value = int(text, 8)
    else:
        value = int(text)
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


def _bogus_mac(lexeme):
    return LEX_ERROR, "bogus ethernet address %s" % lexeme


def _escaped(lexeme):
    return ID, lexeme[1:]


# The scanner's pattern rules in the order they are written: (length of the
# match at a position, token kind, what makes the token's value of the lexeme).
_PATTERN_RULES = (
    (_aid_length, AID, None), (_mac_length, EID, None), (_number_length, NUM, _number),
    (_hid_length, HID, None), (_ipv6_length, HID6, _ipv6),
    (_bogus_mac_length, LEX_ERROR, _bogus_mac))


def _match(text, position):
    """(kind, value, length) of the token at `position`: the longest match,
    and of equal ones the rule written first."""
    two = text[position:position + 2]
    if two in _OPERATORS:
        return _OPERATORS[two], two, 2
    word_length = _id_length(text, position)
    word = text[position:position + word_length]
    best = (0, None, None)
    if word in tables.KEYWORDS:
        best = (word_length, tables.KEYWORDS[word], None)
    if text[position] in _SINGLE and best[0] < 1:
        best = (1, text[position], None)
    for length_of, kind, maker in _PATTERN_RULES:
        length = length_of(text, position)
        if length > best[0]:
            best = (length, kind, maker)
    if word in tables.NAMED_NUMBERS and word_length > best[0]:
        best = (word_length, NUM, tables.NAMED_NUMBERS[word])
    if word_length > best[0]:
        best = (word_length, ID, None)
    length = _escaped_length(text, position)
    if length > best[0]:
        best = (length, ID, _escaped)
    length, kind, maker = best
    if not length:
        return LEX_ERROR, None, 1
    lexeme = text[position:position + length]
    if maker is None:
        return kind, lexeme, length
    if isinstance(maker, int):
        return kind, maker, length
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
