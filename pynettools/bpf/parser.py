"""pcap-filter(7) expressions parsed as libpcap's grammar parses them.

A recursive-descent rendering of libpcap's yacc grammar: code is generated
as each construct is complete (so a bad port number is reported before a
syntax error that follows it, as there), and qualifiers are inherited the
way the grammar passes them on: after `and`/`or`/`not`, a bare id takes the
qualifiers of the term before (`host a or b`, `tcp port 80 or 443`), and a
parenthesised term keeps the ones from before it.

Where the grammar decides between an id and a new term by the next token
(`port 80 or 8080` against `port 80 or 5 = len`), so does this parser; a
parenthesised group is classified by a syntax-only look ahead.
"""

import pynettools.bpf.arith as arith
import pynettools.bpf.hosts as hosts
import pynettools.bpf.ids as ids
import pynettools.bpf.lexer as lexer
import pynettools.bpf.others as others
import pynettools.bpf.protocols as protocols
import pynettools.bpf.tables as tables
from pynettools.bpf.blocks import gen_and, gen_not, gen_or
from pynettools.bpf.tables import Qualifiers
from pynettools.errors import FilterError

SYNTAX_ERROR = "can't parse filter expression: syntax error"
_NID_STARTS = (lexer.ID, lexer.HID, lexer.HID6, lexer.EID, lexer.AID)
_ARITH_OPERATORS = ("+", "-", "*", "/", "%", "&", "|", "^", "LSH", "RSH")
_RELATIONS = (">", "GEQ", "=", "LEQ", "<", "NEQ")
_ID_FOLLOWERS = ("AND", "OR", ")", lexer.EOF)
_HEAD_WORDS = ("SRC", "DST", "HOST", "NET", "PORT", "PORTRANGE", "GATEWAY", "PROTO",
               "PROTOCHAIN", "ADDR1", "ADDR2", "ADDR3", "ADDR4", "RA", "TA")
_ARITH_STARTS = (lexer.NUM, "-", "LEN")
# Binary operators and their precedence; '^' and '%' have none in libpcap's
# grammar, so they always shift: `a OP b ^ c` is a OP (b ^ c), and
# `a ^ b OP c` is a ^ (b OP c).
_PRECEDENCE = {"|": 1, "&": 2, "LSH": 3, "RSH": 3, "+": 4, "-": 4, "*": 5, "/": 5}
_UNRANKED = ("^", "%")


class _SyntaxFailure(Exception):
    pass


class Parser:
    """Parses the tokens of one expression, generating code into `compiler`
    (or only checking the syntax, with `compiler` None)."""

    def __init__(self, tokens, compiler, start=0):
        self.tokens = tokens
        self.compiler = compiler
        self.position = start
        self.lexer_error = None

    # Tokens
    def peek(self, ahead=0):
        index = min(self.position + ahead, len(self.tokens) - 1)
        token = self.tokens[index]
        if token.kind == lexer.LEX_ERROR and self.compiler is not None and \
                self.lexer_error is None and token.value is not None:
            self.lexer_error = token.value
        return token

    def kind(self, ahead=0):
        return self.peek(ahead).kind

    def take(self, *kinds):
        token = self.peek()
        if kinds and token.kind not in kinds:
            raise _SyntaxFailure()
        self.position += 1
        return token

    def fail(self):
        raise _SyntaxFailure()

    # The program
    def parse(self):
        """The expression's block, or None for an empty expression."""
        try:
            try:
                if self.kind() == lexer.EOF:
                    return None
                block, _ = self.expression(tables.UNDEFINED)
                self.take(lexer.EOF)
                return block
            except _SyntaxFailure:
                raise others.GrammarError(SYNTAX_ERROR) from None
        except others.GrammarError as error:
            # The grammar's messages (syntax errors included) do not replace
            # one the scanner gave already; the code generators' messages do.
            raise FilterError(self.lexer_error or error.reason) from None

    def expression(self, inherited):
        block, qualifiers = self.term(inherited)
        while self.kind() in ("AND", "OR"):
            combine = gen_and if self.take().kind == "AND" else gen_or
            right, qualifiers = self.term_or_id(qualifiers)
            if self.compiler is not None:
                combine(block, right)
            block = right
        return block, qualifiers

    def term_or_id(self, qualifiers):
        """After and/or: a new term, or an id taking the qualifiers before it."""
        kind = self.kind()
        if kind in _NID_STARTS:
            return self.nid(qualifiers)
        if kind == "!":
            self.take()
            block, qualifiers = self.term_or_id(qualifiers)
            return self._not(block), qualifiers
        if kind == lexer.NUM:
            following = self.kind(1)
            if following in _ARITH_OPERATORS or following in _RELATIONS:
                return self.term(qualifiers)
            if following not in _ID_FOLLOWERS:
                self.fail()
            return self.pnum_id(qualifiers)
        if kind == "(":
            following = self.kind(1)
            if following in _NID_STARTS or \
                    following == lexer.NUM and self.kind(2) in ("AND", "OR"):
                return self.paren_id(qualifiers)
            group = "pnum" if following == lexer.NUM and self.kind(2) == ")" else \
                self._classify_group() if following in ("!", "(") else "expr"
            if group == "pid":
                return self.paren_id(qualifiers)
            if group == "pnum":
                end = self._group_end()
                if self.tokens[end].kind not in _ARITH_OPERATORS + _RELATIONS:
                    if self.tokens[end].kind not in _ID_FOLLOWERS:
                        self.fail()
                    return self.pnum_id(qualifiers)
        return self.term(qualifiers)

    def term(self, inherited):
        if self.kind() == "!":
            self.take()
            block, qualifiers = self.term(inherited)
            return self._not(block), qualifiers
        return self.rterm(inherited)

    def _not(self, block):
        if self.compiler is not None:
            gen_not(block)
        return block

    def rterm(self, inherited):
        kind = self.kind()
        if kind in tables.PROTO_QUALIFIERS:
            following = self.kind(1)
            if following == "[":
                return self.relation(), tables.UNDEFINED
            if following in _HEAD_WORDS:
                return self.head_id()
            if following in ("TK_BROADCAST", "TK_MULTICAST", "TYPE", "SUBTYPE", "DIR"):
                return others.other(self), tables.UNDEFINED
            if following not in _ID_FOLLOWERS:
                self.fail()
            self.take()
            return self._generate(protocols.abbreviation, kind), tables.UNDEFINED
        if kind in _HEAD_WORDS:
            return self.head_id()
        if kind == "(":
            if self._classify_group(allow_pid=False) in ("pnum", "arith"):
                return self.relation(), tables.UNDEFINED
            self.take()
            block, _ = self.expression(inherited)
            self.take(")")
            return block, inherited
        if kind in _ARITH_STARTS:
            return self.relation(), tables.UNDEFINED
        return others.other(self), tables.UNDEFINED

    def _generate(self, function, *arguments):
        """Run a code generator (not while only checking the syntax)."""
        if self.compiler is None:
            return None
        return function(self.compiler, *arguments)

    # Qualifiers and ids
    def head_id(self):
        qualifiers = Qualifiers()
        if self.kind() in tables.PROTO_QUALIFIERS:
            qualifiers.proto = self.take().kind
        kind = self.kind()
        if kind in ("PROTO", "PROTOCHAIN", "GATEWAY"):
            self.take()
            qualifiers.addr = {"PROTO": tables.Q_PROTO, "PROTOCHAIN": tables.Q_PROTOCHAIN,
                               "GATEWAY": tables.Q_GATEWAY}[kind]
            return self.identifier(qualifiers)
        if kind in ("SRC", "DST"):
            self.take()
            qualifiers.dir = tables.DIRECTIONS[kind]
            if self.kind() in ("AND", "OR") and self.kind(1) == ("DST" if kind == "SRC" else "SRC"):
                qualifiers.dir = tables.Q_AND if self.take().kind == "AND" else tables.Q_OR
                self.take()
        elif kind in tables.DIRECTIONS:
            qualifiers.dir = tables.DIRECTIONS[self.take().kind]
        if self.kind() in tables.ADDRESS_TYPES:
            qualifiers.addr = tables.ADDRESS_TYPES[self.take().kind]
        elif qualifiers.dir == tables.Q_DEFAULT:
            self.fail()
        return self.identifier(qualifiers)

    def identifier(self, qualifiers):
        """The grammar's `id`: a name or address, a number, or `( ids )`."""
        kind = self.kind()
        if kind in _NID_STARTS or kind == "!":
            return self.nid(qualifiers)
        if kind == "(":
            return self.paren_id(qualifiers)
        return self.pnum_id(qualifiers)

    def pnum_id(self, qualifiers):
        value = self.pnum()
        return self._generate(ids.number, None, value, qualifiers), qualifiers

    def pnum(self):
        if self.kind() == "(":
            self.take()
            value = self.pnum()
            self.take(")")
            return value
        return self.take(lexer.NUM).value

    def nid(self, qualifiers):
        token = self.take()
        if token.kind == "!":
            block, qualifiers = self.identifier(qualifiers)
            return self._not(block), qualifiers
        if token.kind == lexer.ID:
            return self._generate(ids.name, token.value, qualifiers), qualifiers
        if token.kind == lexer.HID:
            return self._hid(token.value, qualifiers), qualifiers
        if token.kind == lexer.HID6:
            length = 128
            if self.kind() == "/":
                self.take()
                length = self.take(lexer.NUM).value
            return self._generate(ids.network6, token.value, length, qualifiers), qualifiers
        if token.kind == lexer.EID:
            return self._generate(hosts.ether_code, token.value, qualifiers), qualifiers
        if token.kind == lexer.AID:
            return self._generate(others.arcnet, qualifiers), qualifiers
        self.fail()

    def _hid(self, text, qualifiers):
        if self.kind() == "/":
            self.take()
            length = self.take(lexer.NUM).value
            return self._generate(ids.network, text, None, length, qualifiers)
        if self.kind() == "NETMASK":
            self.take()
            mask = self.take(lexer.HID).value
            return self._generate(ids.network, text, mask, 0, qualifiers)
        if self.compiler is not None:
            for addr, word in ((tables.Q_PORT, "port"), (tables.Q_PORTRANGE, "portrange"),
                               (tables.Q_PROTO, "proto"), (tables.Q_PROTOCHAIN, "protochain")):
                if qualifiers.addr == addr:
                    raise others.GrammarError("'%s' modifier applied to ip host" % word)
        return self._generate(ids.number, text, 0, qualifiers)

    def paren_id(self, qualifiers):
        """`( pnum )`, or `( id and id or ... )` with every id taking the
        qualifiers from before the group, read token by token as yacc reads it."""
        self.take("(")
        if self.kind() in (lexer.NUM, "("):
            value = self.pnum()
            if self.kind() == ")":
                self.take()
                return self._generate(ids.number, None, value, qualifiers), qualifiers
            block = self._generate(ids.number, None, value, qualifiers)
            if self.kind() not in ("AND", "OR"):
                self.fail()
        else:
            block, _ = self.nid(qualifiers)
        while self.kind() in ("AND", "OR"):
            combine = gen_and if self.take().kind == "AND" else gen_or
            right, _ = self.identifier(qualifiers)
            if self.compiler is not None:
                combine(block, right)
            block = right
        self.take(")")
        return block, qualifiers

    # Look ahead
    def _group_end(self):
        """The index just after the parenthesised group that starts here."""
        depth = 0
        for index in range(self.position, len(self.tokens)):
            kind = self.tokens[index].kind
            depth += {"(": 1, ")": -1}.get(kind, 0)
            if depth == 0:
                return index + 1
        return len(self.tokens) - 1

    def _classify_group(self, allow_pid=True):
        """What the group starting here is: "pid" (ids inside, only where ids
        may stand), "pnum" (a parenthesised number), "arith", or "expr"."""
        end = self._group_end()
        attempts = (("pid", Parser._paren_ids),) if allow_pid else ()
        attempts += (("pnum", Parser.pnum), ("arith", Parser._paren_arith))
        for name, attempt in attempts:
            checker = Parser(self.tokens, None, self.position)
            try:
                attempt(checker)
            except _SyntaxFailure:
                continue
            if checker.position == end:
                return name
        return "expr"

    def _paren_ids(self):
        """A `( id and id ... )` group, not a bare `( pnum )`."""
        if self.kind(1) in (lexer.NUM, "(") and Parser(self.tokens, None, self.position + 1) \
                ._skips_pnum_to(")"):
            raise _SyntaxFailure()
        self.paren_id(Qualifiers())

    def _skips_pnum_to(self, kind):
        try:
            self.pnum()
        except _SyntaxFailure:
            return False
        return self.kind() == kind

    def _paren_arith(self):
        self.take("(")
        self.arithmetic()
        self.take(")")

    # Arithmetic
    def relation(self):
        left = self.arithmetic()
        operator = self.take(*_RELATIONS).kind
        right = self.arithmetic()
        return self._generate(arith.relation, operator, left, right)

    def arithmetic(self, minimum=0):
        left = self.unary()
        while True:
            operator = self.kind()
            if operator in _UNRANKED:
                self.take()
                right = self.arithmetic()
                left = self._generate(arith.binary, operator, left, right)
            elif operator in _PRECEDENCE and _PRECEDENCE[operator] >= minimum:
                self.take()
                right = self.arithmetic(_PRECEDENCE[operator] + 1)
                left = self._generate(arith.binary, operator, left, right)
            else:
                return left

    def unary(self):
        if self.kind() == "-":
            self.take()
            value = self.unary()
            if self.kind() in _UNRANKED:
                operator = self.take().kind
                value = self._generate(arith.binary, operator, value, self.arithmetic())
            return self._generate(arith.negate, value)
        return self.primary()

    def primary(self):
        kind = self.kind()
        if kind == lexer.NUM:
            return self._generate(arith.constant, self.take().value)
        if kind == "LEN":
            self.take()
            return self._generate(arith.packet_length)
        if kind == "(":
            self.take()
            value = self.arithmetic()
            self.take(")")
            return value
        if kind in tables.PROTO_QUALIFIERS and self.kind(1) == "[":
            pname = self.take().kind
            self.take("[")
            index = self.arithmetic()
            size = 1
            if self.kind() == ":":
                self.take()
                size = self.take(lexer.NUM).value
            self.take("]")
            return self._generate(arith.load, pname, index, size)
        self.fail()


def parse(expression, compiler):
    """The block for `expression` (None when it is empty), code generated into `compiler`."""
    return Parser(lexer.tokenize(expression), compiler).parse()
