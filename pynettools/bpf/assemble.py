"""Laying the block graph out as instructions, in libpcap's order.

Each block is placed before what it jumps to, its false branch's blocks
after its true branch's: libpcap lays the program out from its end, visiting
a block's false successor, then its true one, then the block itself.  A
conditional jump holds an offset of 8 bits; a target 256 or more
instructions on gets an unconditional `ja` right after the jump, which the
jump reaches with an offset of 0 or 1, and the layout starts again.
"""

import pynettools.bpf.opcodes as opcodes
from pynettools.bpf.blocks import postorder, preorder


def _length(block):
    return sum(1 for stmt in block.stmts if stmt.code != opcodes.NOP) + 1 + \
        block.longjt + block.longjf


def _local_jump(block, stmt, index):
    """(jt, jf) of a conditional jump among the block's statements, counted as
    libpcap counts them (over the first statements of the list, NOPs included)."""
    if not opcodes.is_jump(stmt.code):
        return 0, 0
    count = sum(1 for other in block.stmts if other.code != opcodes.NOP)
    if index == count - 2:
        return 0, 0
    listed = block.stmts[:count]
    return (next(i for i, other in enumerate(listed) if other is stmt.jt) - index - 1,
            next(i for i, other in enumerate(listed) if other is stmt.jf) - index - 1)


def _convert(root, total):
    """The program, or None when a jump turned out to need a `ja` (now noted
    on its block: every such jump found is noted at once, which reaches the
    same layout as libpcap's one restart per jump)."""
    program = [None] * total
    restart = False
    offsets = {}
    tail = total
    for block in postorder(root):
        tail -= _length(block)
        offsets[id(block)] = tail
        position = tail
        emitted = 0
        for stmt in block.stmts:
            if stmt.code != opcodes.NOP:
                program[position] = (stmt.code,) + _local_jump(block, stmt, emitted) + (stmt.k,)
                position += 1
                emitted += 1
        if block.jt is None:
            program[position] = (block.code, 0, 0, block.k)
            continue
        jumps = []
        branches = []
        for attribute, target in (("longjt", block.jt), ("longjf", block.jf)):
            distance = offsets[id(target)] - position - 1
            if distance >= 256:
                if not getattr(block, attribute):
                    setattr(block, attribute, 1)
                    restart = True
                jumps.append(distance)
                branches.append(len(jumps) - 1)
            else:
                branches.append(distance)
        if restart:
            continue
        program[position] = (block.code, branches[0], branches[1], block.k)
        for number, distance in enumerate(jumps, 1):
            program[position + number] = (opcodes.JMP | opcodes.JA, 0, 0, distance - number)
    return None if restart else program


def assemble(root):
    """The instructions, as (code, jt, jf, k) tuples, of the graph under `root`."""
    while True:
        total = sum(_length(block) for block in preorder(root))
        program = _convert(root, total)
        if program is not None:
            return program
