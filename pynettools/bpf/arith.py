"""Arithmetic expressions and relations (`ip[2:2] - 20 > len`, `tcp[13] & 2 != 0`).

Each value is computed into a scratch register, as libpcap does: constants,
`len` and packet loads are stored, operators load both sides back (the right
into X) and store the result.  A load inside a protocol (`tcp[0]`) also
carries the test that the packet has that protocol, which the relation adds
in front of itself.
"""

import pynettools.bpf.opcodes as opcodes
import pynettools.bpf.protocols as protocols
from pynettools.bpf.blocks import Stmt, gen_and, gen_not, jump_block
from pynettools.bpf.linklayer import OR_LINKHDR, OR_LINKPL, OR_LLC

_SIZES = {1: opcodes.B, 2: opcodes.H, 4: opcodes.W}
# Index operations relative to the network header, and to the transport header.
_NETWORK = ("IP", "ARP", "RARP", "ATALK", "DECNET", "SCA", "LAT", "MOPRC", "MOPDL", "IPV6")
_TRANSPORT = ("SCTP", "TCP", "UDP", "ICMP", "IGMP", "IGRP", "PIM", "VRRP", "CARP")
OPERATORS = {"+": opcodes.ADD, "-": opcodes.SUB, "*": opcodes.MUL, "/": opcodes.DIV,
             "%": opcodes.MOD, "&": opcodes.AND, "|": opcodes.OR, "^": opcodes.XOR,
             "LSH": opcodes.LSH, "RSH": opcodes.RSH}


class Arth:
    """A value being computed: its statements, the register it ends in, and
    the protocol test it depends on (a block, or None)."""

    __slots__ = ("stmts", "regno", "block")

    def __init__(self, stmts, regno, block=None):
        self.stmts = stmts
        self.regno = regno
        self.block = block


def _to_x(value):
    return Stmt(opcodes.LDX | opcodes.MEM, value.regno)


def _to_a(value):
    return Stmt(opcodes.LD | opcodes.MEM, value.regno)


def _store(value):
    return Stmt(opcodes.ST, value.regno)


def constant(compiler, number):
    regno = compiler.alloc_reg()
    return Arth([Stmt(opcodes.LD | opcodes.IMM, number), Stmt(opcodes.ST, regno)], regno)


def packet_length(compiler):
    regno = compiler.alloc_reg()
    return Arth([Stmt(opcodes.LD | opcodes.W | opcodes.LEN), Stmt(opcodes.ST, regno)], regno)


def load(compiler, pname, index, size):
    """`pname[index:size]`: `index` (an Arth) becomes the loaded value."""
    regno = compiler.alloc_reg()
    compiler.free_reg(index.regno)
    if size not in _SIZES:
        compiler.error("data size must be 1, 2, or 4")
    width = _SIZES[size]
    if pname == "RADIO":
        compiler.error("radio information not present in capture")
    if pname == "LINK":
        index.stmts += _index_to_x(compiler, OR_LINKHDR, index) + [
            Stmt(opcodes.LD | opcodes.IND | width, compiler.off_linkhdr)]
    elif pname in _NETWORK:
        index.stmts += _index_to_x(compiler, OR_LLC, index) + [
            Stmt(opcodes.LD | opcodes.IND | width, compiler.off_linkpl + compiler.off_nl)]
        _require(index, protocols.abbreviation(compiler, pname))
    elif pname in _TRANSPORT:
        index.stmts += compiler.loadx_iphdrlen() + [
            _to_a(index), Stmt(opcodes.ALU | opcodes.ADD | opcodes.X),
            Stmt(opcodes.MISC | opcodes.TAX),
            Stmt(opcodes.LD | opcodes.IND | width, compiler.off_linkpl + compiler.off_nl)]
        block = compiler.ipfrag()
        gen_and(protocols.abbreviation(compiler, pname), block)
        if index.block is not None:
            gen_and(index.block, block)
        gen_and(protocols.abbreviation(compiler, "IP"), block)
        index.block = block
    elif pname == "ICMPV6":
        _require(index, protocols.abbreviation(compiler, "IPV6"))
        _require(index, compiler.cmp(OR_LINKPL, 6, opcodes.B, 58))
        index.stmts += _index_to_x(compiler, OR_LLC, index) + [
            Stmt(opcodes.LD | opcodes.IND | width, compiler.off_linkpl + compiler.off_nl + 40)]
    else:
        compiler.error("unsupported index operation")
    index.regno = regno
    index.stmts.append(_store(index))
    return index


def _index_to_x(compiler, offrel, index):
    """Statements putting the index (plus the variable part of `offrel`, if any) in X."""
    variable = compiler.variable_part(offrel)
    if not variable:
        return [_to_x(index)]
    return variable + [_to_a(index), Stmt(opcodes.ALU | opcodes.ADD | opcodes.X),
                       Stmt(opcodes.MISC | opcodes.TAX)]


def _require(value, block):
    """The value needs `block` to hold as well (after what it needed so far)."""
    if value.block is not None:
        gen_and(value.block, block)
    value.block = block


def binary(compiler, operator, left, right):
    """`left OP right`; the right side's protocol test is dropped, as libpcap drops it."""
    code = OPERATORS[operator]
    first = right.stmts[0]
    if first.code == opcodes.LD | opcodes.IMM:
        if code == opcodes.DIV and first.k == 0:
            compiler.error("division by zero")
        if code == opcodes.MOD and first.k == 0:
            compiler.error("modulus by zero")
        if code in (opcodes.LSH, opcodes.RSH) and first.k > 31:
            compiler.error("shift by more than 31 bits")
    right.stmts += [_to_x(right), _to_a(left), Stmt(opcodes.ALU | opcodes.X | code)]
    left.stmts += right.stmts
    compiler.free_reg(left.regno)
    compiler.free_reg(right.regno)
    left.regno = compiler.alloc_reg()
    left.stmts.append(_store(left))
    return left


def negate(compiler, value):
    value.stmts += [_to_a(value), Stmt(opcodes.ALU | opcodes.NEG), _store(value)]
    return value


RELATIONS = {">": (opcodes.JGT, False), "GEQ": (opcodes.JGE, False), "=": (opcodes.JEQ, False),
             "LEQ": (opcodes.JGT, True), "<": (opcodes.JGE, True), "NEQ": (opcodes.JEQ, True)}


def relation(compiler, operator, left, right):
    """`left RELOP right`, a test block (after both sides' protocol tests)."""
    code, reverse = RELATIONS[operator]
    load_right, load_left = _to_x(right), _to_a(left)
    if code == opcodes.JEQ:
        tail = [load_right, load_left, Stmt(opcodes.ALU | opcodes.SUB | opcodes.X)]
        block = jump_block(opcodes.JEQ)
    else:
        tail = [load_right, load_left]
        block = jump_block(code, source=opcodes.X)
    if reverse:
        gen_not(block)
    block.stmts = left.stmts + right.stmts + tail
    compiler.free_reg(left.regno)
    compiler.free_reg(right.regno)
    if left.block is not None:
        needed = left.block
        if right.block is not None:
            gen_and(left.block, right.block)
            needed = right.block
    else:
        needed = right.block
    if needed is not None:
        gen_and(needed, block)
    return block
