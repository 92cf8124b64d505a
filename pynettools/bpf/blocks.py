"""The compiler's intermediate code: blocks of statements ending in a test,
joined into a graph with libpcap's backpatching rules.

A boolean expression is a chain of blocks whose exits are not yet known.  Each
block's `sense` says which of its two exits stands for "the expression is
true" while it is pending; `gen_and`, `gen_or` and `gen_not` combine chains
exactly as libpcap's gencode.c does, so the graph (and the program laid out
from it) has the same shape as libpcap's unoptimised one.
"""

import pynettools.bpf.opcodes as opcodes


class Stmt:
    """One instruction inside a block: `code` (NOP once optimised away) and
    `k`; a conditional jump among a block's statements names the statements
    it goes to (`jt`, `jf`), as libpcap's live VLAN code needs."""

    __slots__ = ("code", "k", "jt", "jf")

    def __init__(self, code, k=0, jt=None, jf=None):
        self.code = code
        self.k = k
        self.jt = jt
        self.jf = jf

    def __repr__(self):
        return "Stmt(%#x, %#x)" % (self.code, self.k)


class Block:
    """Statements, then a conditional jump (`code`, `k`) to `jt` or `jf`, or a
    return; `info` holds the optimizer's analysis of the block."""

    __slots__ = ("stmts", "code", "k", "jt", "jf", "sense", "head", "longjt", "longjf", "info")

    def __init__(self, code, k=0, stmts=None):
        self.stmts = stmts if stmts is not None else []
        self.code = code
        self.k = k
        self.jt = None
        self.jf = None
        self.sense = False
        self.head = self
        self.longjt = 0
        self.longjf = 0
        self.info = None

    def __repr__(self):
        return "Block(%#x, %#x, %d stmts)" % (self.code, self.k, len(self.stmts))

    def is_return(self):
        return opcodes.bpf_class(self.code) == opcodes.RET


def jump_block(operation, k=0, stmts=None, source=opcodes.K):
    return Block(opcodes.JMP | operation | source, k, stmts)


def return_block(value):
    return Block(opcodes.RET | opcodes.K, value)


def backpatch(chain, target):
    """Point every pending exit of `chain` at `target`."""
    while chain is not None:
        if not chain.sense:
            chain.jt, chain = target, chain.jt
        else:
            chain.jf, chain = target, chain.jf


def _merge(first, second):
    """Append the pending list `second` to the end of the pending list `first`."""
    node = first
    while True:
        following = node.jf if node.sense else node.jt
        if following is None:
            break
        node = following
    if node.sense:
        node.jf = second
    else:
        node.jt = second


def gen_and(first, second):
    """`first and second`: the result is `second`, whose head is now first's."""
    backpatch(first, second.head)
    first.sense = not first.sense
    second.sense = not second.sense
    _merge(second, first)
    second.sense = not second.sense
    second.head = first.head


def gen_or(first, second):
    """`first or second`: the result is `second`, whose head is now first's."""
    first.sense = not first.sense
    backpatch(first, second.head)
    first.sense = not first.sense
    _merge(second, first)
    second.head = first.head


def gen_not(block):
    block.sense = not block.sense


def gen_uncond(true):
    """libpcap's constant test: `ld #0; jeq #0` is true, `ld #1; jeq #0` false."""
    return jump_block(opcodes.JEQ, 0, [Stmt(opcodes.LD | opcodes.IMM, 0 if true else 1)])


def preorder(root):
    """The blocks under `root`, each once: a block, then its true branch's, then its false's."""
    found = []
    seen = set()
    stack = [root]
    while stack:
        block = stack.pop()
        if block is None or id(block) in seen:
            continue
        seen.add(id(block))
        found.append(block)
        stack.append(block.jf)
        stack.append(block.jt)
    return found


def postorder(root):
    """The blocks under `root`, each once, after its branches: the false branch's
    blocks, then the true branch's, then the block (libpcap's layout order)."""
    order = []
    seen = set()
    stack = [(root, False)]
    while stack:
        block, children_done = stack.pop()
        if children_done:
            order.append(block)
            continue
        if block is None or id(block) in seen:
            continue
        seen.add(id(block))
        stack.append((block, True))
        stack.append((block.jt, False))
        stack.append((block.jf, False))
    return order
