"""Flow analysis of the block graph for the optimizer: block numbers, levels,
dominators, edge dominators, and which registers each block uses and kills.

Blocks are numbered depth first (true branch first) once, as libpcap numbers
them; edge i is block i's true edge and edge n+i its false edge.  A block's
level is its height above the returns (level 0).  Sets are Python ints used
as bit sets.  Registers are "atoms": M[0]..M[15], then A (16) and X (17).
"""

import pynettools.bpf.opcodes as opcodes
from pynettools.bpf.blocks import preorder

A_ATOM = opcodes.MEMWORDS
X_ATOM = A_ATOM + 1
AX_ATOM = X_ATOM + 1
N_ATOMS = AX_ATOM


class Edge:
    """A branch of `pred`: its true (`is_true`) or false one; `succ` reads and
    moves the branch itself."""

    __slots__ = ("pred", "is_true", "id", "edom", "code")

    def __init__(self, pred, is_true, number):
        self.pred = pred
        self.is_true = is_true
        self.id = number
        self.edom = 0
        self.code = 0

    @property
    def succ(self):
        return self.pred.jt if self.is_true else self.pred.jf

    @succ.setter
    def succ(self, block):
        if self.is_true:
            self.pred.jt = block
        else:
            self.pred.jf = block


class Info:
    """What the optimizer knows about a block (kept beside it, not in it)."""

    __slots__ = ("block", "id", "et", "ef", "level", "dom", "in_edges", "val", "oval",
                 "defs", "kill", "in_use", "out_use")

    def __init__(self, block, number, count):
        self.block = block
        self.id = number
        self.et = Edge(block, True, number)
        self.ef = Edge(block, False, count + number)
        self.level = 0
        self.dom = 0
        self.in_edges = []
        self.val = [0] * N_ATOMS
        self.oval = 0
        self.defs = self.kill = self.in_use = self.out_use = 0


class Graph:
    """The blocks under a root, numbered, with their Info and the analyses."""

    def __init__(self, root):
        self.root = root
        order = preorder(root)
        self.blocks = order
        self.edges = [None] * (2 * len(order))
        for number, block in enumerate(order):
            block.info = info = Info(block, number, len(order))
            self.edges[info.et.id] = info.et
            self.edges[info.ef.id] = info.ef
        self.levels = []

    def find_levels(self):
        """levels[n]: the blocks of level n, in libpcap's list order."""
        levels = {}
        seen = set()
        stack = [(self.root, False)]
        while stack:
            block, done = stack.pop()
            info = block.info
            if done:
                if block.jt is not None:
                    info.level = max(block.jt.info.level, block.jf.info.level) + 1
                else:
                    info.level = 0
                levels.setdefault(info.level, []).insert(0, info)
                continue
            if id(block) in seen:
                continue
            seen.add(id(block))
            stack.append((block, True))
            if block.jt is not None:
                stack.append((block.jf, False))
                stack.append((block.jt, False))
        top = self.root.info.level
        self.levels = [levels.get(level, []) for level in range(top + 1)]

    def top_down(self):
        """Every reachable block's Info, from the root's level down to the returns."""
        for level in range(len(self.levels) - 1, -1, -1):
            yield from self.levels[level]

    def find_dom(self):
        everything = (1 << len(self.blocks)) - 1
        for info in (block.info for block in self.blocks):
            info.dom = everything
        self.root.info.dom = 0
        for info in self.top_down():
            info.dom |= 1 << info.id
            block = info.block
            if block.jt is not None:
                block.jt.info.dom &= info.dom
                block.jf.info.dom &= info.dom

    def find_edom(self):
        everything = (1 << len(self.edges)) - 1
        for edge in self.edges:
            edge.edom = everything
        root = self.root.info
        root.et.edom = root.ef.edom = 0
        for info in self.top_down():
            for edge in (info.et, info.ef):
                edge.edom |= 1 << edge.id
                if edge.succ is not None:
                    successor = edge.succ.info
                    successor.et.edom &= edge.edom
                    successor.ef.edom &= edge.edom

    def find_inedges(self):
        for info in (block.info for block in self.blocks):
            info.in_edges = []
        for level in range(len(self.levels) - 1, 0, -1):
            for info in self.levels[level]:
                info.block.jt.info.in_edges.insert(0, info.et)
                info.block.jf.info.in_edges.insert(0, info.ef)

    def find_ud(self):
        for info in self.top_down():
            _local_use_def(info)
            info.out_use = 0
        for level in range(1, len(self.levels)):
            for info in self.levels[level]:
                block = info.block
                info.out_use |= block.jt.info.in_use | block.jf.info.in_use
                info.in_use |= info.out_use & ~info.kill


def atom_used(code, k):
    """The atom an instruction reads (AX_ATOM: both A and X), or -1."""
    if code == opcodes.NOP:
        return -1
    klass = opcodes.bpf_class(code)
    if klass == opcodes.RET:
        return {opcodes.A: A_ATOM, opcodes.X: X_ATOM}.get(opcodes.rval(code), -1)
    if klass in (opcodes.LD, opcodes.LDX):
        if opcodes.mode(code) == opcodes.IND:
            return X_ATOM
        return k if opcodes.mode(code) == opcodes.MEM else -1
    if klass == opcodes.ST:
        return A_ATOM
    if klass == opcodes.STX:
        return X_ATOM
    if klass in (opcodes.JMP, opcodes.ALU):
        return AX_ATOM if opcodes.src(code) == opcodes.X else A_ATOM
    return X_ATOM if opcodes.miscop(code) == opcodes.TXA else A_ATOM


def atom_defined(code, k):
    """The atom an instruction writes, or -1."""
    if code == opcodes.NOP:
        return -1
    klass = opcodes.bpf_class(code)
    if klass in (opcodes.LD, opcodes.ALU):
        return A_ATOM
    if klass == opcodes.LDX:
        return X_ATOM
    if klass in (opcodes.ST, opcodes.STX):
        return k
    if klass == opcodes.MISC:
        return X_ATOM if opcodes.miscop(code) == opcodes.TAX else A_ATOM
    return -1


def _mark_use(atom, defs, use):
    if atom == AX_ATOM:
        for register in (X_ATOM, A_ATOM):
            if not defs >> register & 1:
                use |= 1 << register
    elif atom >= 0 and not defs >> atom & 1:
        use |= 1 << atom
    return use


def _local_use_def(info):
    defs = use = killed = 0
    for stmt in info.block.stmts:
        if stmt.code == opcodes.NOP:
            continue
        use = _mark_use(atom_used(stmt.code, stmt.k), defs, use)
        atom = atom_defined(stmt.code, stmt.k)
        if atom >= 0:
            if not use >> atom & 1:
                killed |= 1 << atom
            defs |= 1 << atom
    block = info.block
    if opcodes.bpf_class(block.code) == opcodes.JMP:
        use = _mark_use(atom_used(block.code, block.k), defs, use)
    info.defs, info.kill, info.in_use = defs, killed, use
