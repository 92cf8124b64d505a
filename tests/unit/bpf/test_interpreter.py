"""The interpreter on crafted programs and packets: every opcode the kernel
accepts, libpcap's userland semantics at the edges, ancillary data."""

import struct

import pytest

from pynettools.bpf import compile_filter, opcodes as op
from pynettools.bpf.interpreter import source_of
from pynettools.bpf.program import KERNEL_OPCODES, Program, validate
from pynettools.capture import linktypes
from pynettools.errors import FilterError
from tests.data import bpf_frames as f

RET_A = (op.RET | op.A, 0, 0, 0)
DATA = bytes(range(64))


def run(instructions, data=DATA, wire_length=None, metadata=None):
    program = Program(instructions)
    return program.run(data, len(data) if wire_length is None else wire_length, metadata)


def alu(operation, k, a=0x12345678, source=op.K, x=0):
    """A after `A = a; X = x; A op= (k or X)`."""
    return run([(op.LD | op.IMM, 0, 0, a), (op.LDX | op.IMM, 0, 0, x),
                (op.ALU | operation | source, 0, 0, k), RET_A])


@pytest.mark.parametrize("size, offset, expected", [
    (op.W, 0, 0x00010203), (op.H, 10, 0x0A0B), (op.B, 63, 63), (op.W, 60, 0x3C3D3E3F)])
def test_absolute_loads(size, offset, expected):
    assert run([(op.LD | size | op.ABS, 0, 0, offset), RET_A]) == expected


@pytest.mark.parametrize("size, offset", [(op.W, 61), (op.H, 63), (op.B, 64), (op.W, 0xFFFFFFFF)])
def test_loads_past_the_end_reject(size, offset):
    assert run([(op.LD | size | op.ABS, 0, 0, offset), RET_A]) == 0


def test_indirect_loads_and_the_ip_header_length():
    assert run([(op.LDX | op.IMM, 0, 0, 8), (op.LD | op.H | op.IND, 0, 0, 2), RET_A]) == 0x0A0B
    assert run([(op.LDX | op.IMM, 0, 0, 60), (op.LD | op.W | op.IND, 0, 0, 1), RET_A]) == 0
    assert run([(op.LDX | op.B | op.MSH, 0, 0, 5), (op.MISC | op.TXA, 0, 0, 0), RET_A]) == 20


def test_immediates_memory_and_lengths():
    program = [(op.LD | op.IMM, 0, 0, 7), (op.ST, 0, 0, 3), (op.LDX | op.IMM, 0, 0, 9),
               (op.STX, 0, 0, 15), (op.LD | op.MEM, 0, 0, 15), (op.LDX | op.MEM, 0, 0, 3),
               (op.ALU | op.ADD | op.X, 0, 0, 0), RET_A]
    assert run(program) == 16
    assert run([(op.LD | op.W | op.LEN, 0, 0, 0), RET_A], wire_length=1514) == 1514
    assert run([(op.LDX | op.W | op.LEN, 0, 0, 0), (op.MISC | op.TXA, 0, 0, 0), RET_A],
               wire_length=99) == 99
    assert run([(op.LD | op.MEM, 0, 0, 4), RET_A]) == 0


@pytest.mark.parametrize("operation, k, expected", [
    (op.ADD, 0xF0000000, 0x02345678), (op.SUB, 0x12345679, 0xFFFFFFFF),
    (op.MUL, 0x10, 0x23456780), (op.DIV, 0x100, 0x123456), (op.MOD, 0x100, 0x78),
    (op.AND, 0xFF00, 0x5600), (op.OR, 0xF, 0x1234567F), (op.XOR, 0xFFFFFFFF, 0xEDCBA987),
    (op.LSH, 4, 0x23456780), (op.RSH, 28, 1)])
def test_alu_with_constants_is_32_bit_unsigned(operation, k, expected):
    assert alu(operation, k) == expected
    assert alu(operation, 0, source=op.X, x=k) == expected


def test_negation_division_by_x_zero_and_long_shifts():
    assert run([(op.LD | op.IMM, 0, 0, 1), (op.ALU | op.NEG, 0, 0, 0), RET_A]) == 0xFFFFFFFF
    assert alu(op.DIV, 0, source=op.X, x=0) == 0
    assert alu(op.MOD, 0, source=op.X, x=0) == 0
    assert alu(op.LSH, 0, source=op.X, x=32) == 0
    assert alu(op.RSH, 0, source=op.X, x=40) == 0


@pytest.mark.parametrize("operation, k, a, taken", [
    (op.JEQ, 5, 5, True), (op.JEQ, 5, 6, False), (op.JGT, 5, 6, True), (op.JGT, 5, 5, False),
    (op.JGE, 5, 5, True), (op.JGE, 5, 4, False), (op.JSET, 6, 4, True), (op.JSET, 6, 1, False),
    (op.JGT, 0x7FFFFFFF, 0x80000000, True)])
def test_conditional_jumps(operation, k, a, taken):
    for source in (op.K, op.X):
        program = [(op.LD | op.IMM, 0, 0, a), (op.LDX | op.IMM, 0, 0, k),
                   (op.JMP | operation | source, 0, 1, k), (op.RET | op.K, 0, 0, 1),
                   (op.RET | op.K, 0, 0, 2)]
        assert run(program) == (1 if taken else 2)


def test_ja_tax_txa_and_shared_blocks():
    program = [(op.LD | op.B | op.ABS, 0, 0, 3), (op.JMP | op.JEQ | op.K, 0, 2, 3),
               (op.MISC | op.TAX, 0, 0, 0), (op.JMP | op.JA, 0, 0, 1),
               (op.LDX | op.IMM, 0, 0, 40), (op.MISC | op.TXA, 0, 0, 0),
               (op.ALU | op.ADD | op.K, 0, 0, 1), RET_A]
    assert run(program) == 4
    assert run(program, data=b"\0\0\0\7") == 41
    assert "def block_" in source_of(program)


def test_return_a_and_return_constant():
    assert run([(op.LD | op.IMM, 0, 0, 96), RET_A]) == 96
    assert run([(op.RET | op.K, 0, 0, 262144)], data=b"") == 262144


def test_ancillary_loads_read_metadata_and_reject_without():
    program = [(op.LD | op.B | op.ABS, 0, 0, op.SKF_AD_OFF + op.AD_VLAN_TAG_PRESENT),
               (op.JMP | op.JEQ | op.K, 0, 2, 1),
               (op.LD | op.H | op.ABS, 0, 0, op.SKF_AD_OFF + op.AD_VLAN_TAG), RET_A,
               (op.RET | op.K, 0, 0, 7)]
    assert run(program) == 0
    assert run(program, metadata={"vlan_present": 1, "vlan_tci": 10}) == 10
    assert run(program, metadata={"vlan_present": 0, "vlan_tci": 0}) == 7
    relative = [(op.LD | op.B | op.ABS, 0, 0, op.SKF_NET_OFF + 9), RET_A]
    assert run(relative) == 0
    assert run(relative, metadata={"network_offset": 14}) == 23
    assert run([(op.LD | op.H | op.ABS, 0, 0, op.SKF_LL_OFF + 12), RET_A], metadata={}) == 0x0C0D


@pytest.mark.parametrize("instructions, problem", [
    ([], "0 instructions"),
    ([(op.LD | op.IMM, 0, 0, 1)], "does not end with a return"),
    ([(0x0E, 0, 0, 0), RET_A], "unknown opcode 0xe"),
    ([(op.ST, 0, 0, 16), RET_A], "uses scratch memory 16"),
    ([(op.ALU | op.DIV | op.K, 0, 0, 0), RET_A], "divides by 0"),
    ([(op.ALU | op.LSH | op.K, 0, 0, 32), RET_A], "shifts by 32"),
    ([(op.JMP | op.JA, 0, 0, 1), RET_A], "jumps out of the program"),
    ([(op.JMP | op.JEQ, 3, 0, 1), RET_A, RET_A], "jumps out of the program"),
    ([(op.RET | op.X, 0, 0, 0)], "unknown opcode 0xe"),
])
def test_invalid_programs_are_refused(instructions, problem):
    with pytest.raises(FilterError) as raised:
        Program(instructions)
    assert problem in raised.value.reason


def test_the_kernel_limit_applies_only_to_the_kernel():
    program = [(op.LD | op.IMM, 0, 0, 1)] * 4096 + [RET_A]
    validate(program)
    with pytest.raises(FilterError):
        validate(program, kernel=True)


def test_every_kernel_opcode_runs():
    """Each opcode Linux accepts, in a program the interpreter compiles and runs."""
    for code in sorted(KERNEL_OPCODES):
        klass = op.bpf_class(code)
        if klass == op.JMP:
            body = [(code, 0, 0, 0) if op.op(code) != op.JA else (code, 0, 0, 0)]
        elif klass == op.RET:
            body = []
        else:
            k = 1 if klass in (op.ALU, op.ST, op.STX) or op.mode(code) == op.MEM else 2
            body = [(code, 0, 0, k)]
        program = body + [(code, 0, 0, 5) if klass == op.RET else RET_A]
        assert isinstance(run(program), int)


def test_sock_fprog_bytes_are_struct_sock_filter():
    program = Program([(op.LD | op.H | op.ABS, 0, 0, 12), (op.JMP | op.JEQ, 0, 1, 0x800),
                       (op.RET | op.K, 0, 0, 262144), (op.RET | op.K, 0, 0, 0)])
    data = program.sock_fprog_bytes()
    assert len(data) == 32
    assert struct.unpack("=HBBI", data[8:16]) == (0x15, 0, 1, 0x800)


def test_compiled_filters_on_crafted_packets():
    tcp80 = f.ether(f.ipv4(f.tcp(40000, 80)))
    later_fragment = f.ether(f.ipv4(b"\x00\x50\x00\x50" + b"\0" * 16, fragment=100))
    arp = f.ether(f.arp(1, sender="192.0.2.9"), f.ETH_ARP)
    ipv6_udp = f.ether(f.ipv6(f.udp(1, 53), nxt=f.UDP), f.ETH_IPV6)
    cases = [("port 80", tcp80, True), ("port 80", later_fragment, False),
             ("host 192.0.2.9", arp, True), ("udp port 53", ipv6_udp, True),
             ("tcp[tcpflags] & tcp-syn != 0", tcp80, True), ("greater 60", tcp80, False),
             ("less 54", tcp80, True), ("ip6 and udp", ipv6_udp, True)]
    for expression, frame, accepted in cases:
        program = compile_filter(expression, linktypes.ETHERNET)
        assert bool(program.run(frame, len(frame))) == accepted, expression
    assert compile_filter("port 80", linktypes.ETHERNET).run(tcp80[:36], len(tcp80)) == 0
