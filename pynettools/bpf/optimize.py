"""The optimizer, after libpcap's: value numbering, constant folding and
peephole rewrites inside blocks, then moving branches past tests whose
outcome is already known on the way there.

A value number names what a register holds (a packet load, a constant, an
operation on other values), so two loads of the same field have the same
number.  An edge whose successor tests a value that a dominating test
already decided is moved on to the successor's known branch: that is how
`tcp and udp` folds down to a lone `ret #0`, which the caller reports as
"expression rejects all packets".  Passes repeat until nothing changes.
"""

import pynettools.bpf.opcodes as opcodes
import pynettools.bpf.peephole as peephole
from pynettools.bpf.blocks import postorder
from pynettools.bpf.flow import A_ATOM, N_ATOMS, X_ATOM, Graph


class Values:
    """Value numbers: one per distinct (code, operand, operand); 0 is unknown."""

    def __init__(self):
        self.table = {}
        self.constants = {}

    def number(self, code, first, second=0):
        key = (code, first, second)
        value = self.table.get(key)
        if value is None:
            value = self.table[key] = len(self.table) + 1
            if opcodes.mode(code) == opcodes.IMM and \
                    opcodes.bpf_class(code) in (opcodes.LD, opcodes.LDX):
                self.constants[value] = first
        return value

    def constant(self, k):
        return self.number(opcodes.LD | opcodes.IMM | opcodes.W, k & 0xFFFFFFFF)

    def is_constant(self, value):
        return value in self.constants


class Optimizer:
    def __init__(self, root):
        self.graph = Graph(root)
        self.done = True
        self.moved_other_than_branches = False
        self.values = Values()

    @property
    def root(self):
        return self.graph.root

    def loop(self, do_stmts):
        stalled = 0
        while True:
            self.done = True
            self.moved_other_than_branches = False
            graph = self.graph
            graph.find_levels()
            graph.find_dom()
            graph.find_ud()
            graph.find_edom()
            self.blocks_pass(do_stmts)
            if self.done:
                return
            if self.moved_other_than_branches:
                stalled = 0
            else:
                stalled += 1
                if stalled >= 100:
                    return

    def changed(self, branches_only=False):
        self.done = False
        if not branches_only:
            self.moved_other_than_branches = True

    def blocks_pass(self, do_stmts):
        graph = self.graph
        self.values = Values()
        graph.find_inedges()
        for info in list(graph.top_down()):
            self.optimize_block(info, do_stmts)
        if do_stmts:
            return
        self.index_tests()
        for level in range(1, len(graph.levels)):
            for info in graph.levels[level]:
                self.thread(info.et)
                self.thread(info.ef)
        graph.find_inedges()
        for level in range(1, len(graph.levels)):
            for info in graph.levels[level]:
                pull_up(self, info, or_chain=True)
                pull_up(self, info, or_chain=False)

    def optimize_block(self, info, do_stmts):
        block = info.block
        if not info.in_edges:
            info.val = [0] * N_ATOMS
        else:
            values = list(info.in_edges[0].pred.info.val)
            for edge in info.in_edges[1:]:
                other = edge.pred.info.val
                for atom in range(N_ATOMS):
                    if values[atom] != other[atom]:
                        values[atom] = 0
            info.val = values
        a_before, x_before = info.val[A_ATOM], info.val[X_ATOM]
        for stmt in block.stmts:
            peephole.evaluate(self, stmt, info.val, do_stmts)
        unchanged = info.out_use == 0 and a_before and info.val[A_ATOM] == a_before and \
            x_before and info.val[X_ATOM] == x_before
        if do_stmts and (unchanged or block.is_return()):
            if block.stmts:
                block.stmts = []
                self.changed()
        else:
            peephole.peep(self, info)
            peephole.dead_stores(self, info)
        if opcodes.src(block.code) == opcodes.K:
            info.oval = self.values.constant(block.k)
        else:
            info.oval = info.val[X_ATOM]
        info.et.code = block.code
        info.ef.code = -block.code

    def index_tests(self):
        """Edges by the test their block makes (its code and A's value): only
        a dominating edge making the same test can decide a successor's."""
        self.tests = {}
        for info in self.graph.top_down():
            key = (info.block.code, info.val[A_ATOM])
            self.tests[key] = self.tests.get(key, 0) | 1 << info.et.id | 1 << info.ef.id

    def thread(self, edge):
        """Move `edge` past successors whose test is decided on the way to them."""
        graph = self.graph
        successor = edge.succ
        if successor.jt is None:
            return
        if successor.jt is successor.jf:
            if not self.use_conflict(edge.pred, successor.jt):
                self.changed()
                edge.succ = successor.jt
        while True:
            child = edge.succ
            same_tests = self.tests.get((child.code, child.info.val[A_ATOM]), 0)
            for dominator in _bits(edge.edom & same_tests):
                target = self.fold_edge(edge.succ, graph.edges[dominator])
                if target is not None and not self.use_conflict(edge.pred, target):
                    self.changed(branches_only=True)
                    edge.succ = target
                    if target.jt is not None:
                        break
                    return
            else:
                return

    def fold_edge(self, child, edge):
        """Where `child` branches when reached past `edge`, if that is known."""
        code = edge.code
        sense = code >= 0
        code = abs(code)
        if child.code != code:
            return None
        child_info, pred_info = child.info, edge.pred.info
        if child_info.val[A_ATOM] != pred_info.val[A_ATOM]:
            return None
        if child_info.oval == pred_info.oval:
            return child.jt if sense else child.jf
        if sense and code == opcodes.JMP | opcodes.JEQ | opcodes.K:
            return child.jf
        return None

    def use_conflict(self, block, successor):
        use = successor.info.out_use
        if not use:
            return False
        values, successor_values = block.info.val, successor.info.val
        return any(use >> atom & 1 and values[atom] != successor_values[atom]
                   for atom in range(N_ATOMS))


def _bits(mask):
    """The set bits of `mask`, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def pull_up(optimizer, info, or_chain):
    """Hoist a test of the same value up a chain of ORs (ANDs) to `info`'s block."""
    block = info.block
    if not info.in_edges:
        return
    value = info.in_edges[0].pred.info.val[A_ATOM]
    if any(edge.pred.info.val[A_ATOM] != value for edge in info.in_edges[1:]):
        return
    onward = "jf" if or_chain else "jt"
    same = "jt" if or_chain else "jf"
    first = info.in_edges[0].pred
    diff_owner, diff_field = first, ("jt" if first.jt is block else "jf")
    at_top = True
    while True:
        node = getattr(diff_owner, diff_field)
        if node is None or getattr(node, same) is not getattr(block, same) or \
                not node.info.dom >> info.id & 1:
            return
        if node.info.val[A_ATOM] != value:
            break
        diff_owner, diff_field = node, onward
        at_top = False
    diff = getattr(diff_owner, diff_field)
    same_owner, same_field = diff, onward
    while True:
        node = getattr(same_owner, same_field)
        if node is None or getattr(node, same) is not getattr(block, same) or \
                not node.info.dom >> info.id & 1:
            return
        if node.info.val[A_ATOM] == value:
            break
        same_owner, same_field = node, onward
    pulled = getattr(same_owner, same_field)
    setattr(same_owner, same_field, getattr(pulled, onward))
    setattr(pulled, onward, diff)
    if at_top:
        for edge in info.in_edges:
            if edge.pred.jt is block:
                edge.pred.jt = pulled
            else:
                edge.pred.jf = pulled
    else:
        setattr(diff_owner, diff_field, pulled)
    optimizer.changed(branches_only=True)


def intern_blocks(root):
    """Share equal blocks (same statements, test and successors).  Done from
    the returns up in one pass, which reaches the same graph as libpcap's
    repeated passes: the one where no two blocks are equal."""
    canonical = {}
    chosen = {}
    for block in postorder(root):
        if block.jt is not None:
            block.jt = chosen[id(block.jt)]
            block.jf = chosen[id(block.jf)]
        key = (block.code, block.k, id(block.jt), id(block.jf),
               tuple((stmt.code, stmt.k) for stmt in block.stmts if stmt.code != opcodes.NOP))
        chosen[id(block)] = canonical.setdefault(key, block)


def optimize_root(root):
    """Skip root tests that go the same way either way, keeping the root's statements."""
    stmts = root.stmts
    root.stmts = []
    while opcodes.bpf_class(root.code) == opcodes.JMP and root.jt is root.jf:
        root = root.jt
    root.stmts = stmts + root.stmts
    if root.is_return():
        root.stmts = []
    return root


def optimize(root):
    """The optimised graph's root (a lone `ret #0` when nothing can match)."""
    optimizer = Optimizer(root)
    optimizer.loop(do_stmts=False)
    optimizer.loop(do_stmts=True)
    intern_blocks(optimizer.root)
    return optimize_root(optimizer.root)
