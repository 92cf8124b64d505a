"""A compiled filter: its instructions, run over packets, or handed to the kernel."""

import struct

import pynettools.bpf.opcodes as opcodes
from pynettools.errors import FilterError

# The opcodes Linux accepts in a classic program (bpf_check_classic).
_ALU_OPERATIONS = (opcodes.ADD, opcodes.SUB, opcodes.MUL, opcodes.DIV, opcodes.MOD,
                   opcodes.AND, opcodes.OR, opcodes.XOR, opcodes.LSH, opcodes.RSH)
KERNEL_OPCODES = frozenset(
    [opcodes.ALU | operation | source for operation in _ALU_OPERATIONS
     for source in (opcodes.K, opcodes.X)] +
    [opcodes.ALU | opcodes.NEG] +
    [opcodes.LD | size | mode for size in (opcodes.W, opcodes.H, opcodes.B)
     for mode in (opcodes.ABS, opcodes.IND)] +
    [opcodes.LD | opcodes.W | opcodes.LEN, opcodes.LD | opcodes.IMM, opcodes.LD | opcodes.MEM,
     opcodes.LDX | opcodes.IMM, opcodes.LDX | opcodes.MEM, opcodes.LDX | opcodes.W | opcodes.LEN,
     opcodes.LDX | opcodes.B | opcodes.MSH, opcodes.ST, opcodes.STX,
     opcodes.MISC | opcodes.TAX, opcodes.MISC | opcodes.TXA,
     opcodes.RET | opcodes.K, opcodes.RET | opcodes.A, opcodes.JMP | opcodes.JA] +
    [opcodes.JMP | operation | source
     for operation in (opcodes.JEQ, opcodes.JGT, opcodes.JGE, opcodes.JSET)
     for source in (opcodes.K, opcodes.X)])
_SOCK_FILTER = struct.Struct("=HBBI")


def validate(instructions, kernel=False):
    """Raise FilterError unless the program is one Linux would accept: known
    opcodes, jumps forward and inside, scratch cells 0-15, no constant
    division by 0 or shift by 32 or more, and a return at the end (and, for
    the kernel, at most 4096 instructions)."""
    count = len(instructions)
    if count == 0 or kernel and count > opcodes.MAXINSNS:
        raise FilterError("invalid BPF program: %d instructions" % count)
    for index, (code, jt, jf, k) in enumerate(instructions):
        problem = _problem(index, count, code, jt, jf, k)
        if problem:
            raise FilterError("invalid BPF program: instruction %d %s" % (index, problem))
    if opcodes.bpf_class(instructions[-1][0]) != opcodes.RET:
        raise FilterError("invalid BPF program: it does not end with a return")


def _problem(index, count, code, jt, jf, k):
    if code not in KERNEL_OPCODES:
        return "has an unknown opcode %#x" % code
    if not (0 <= jt <= 255 and 0 <= jf <= 255 and 0 <= k <= 0xFFFFFFFF):
        return "has a field out of range"
    klass = opcodes.bpf_class(code)
    uses_memory = klass in (opcodes.ST, opcodes.STX) or \
        klass in (opcodes.LD, opcodes.LDX) and opcodes.mode(code) == opcodes.MEM
    if uses_memory and k >= opcodes.MEMWORDS:
        return "uses scratch memory %d" % k
    if klass == opcodes.ALU and opcodes.src(code) == opcodes.K:
        if opcodes.op(code) in (opcodes.DIV, opcodes.MOD) and k == 0:
            return "divides by 0"
        if opcodes.op(code) in (opcodes.LSH, opcodes.RSH) and k >= 32:
            return "shifts by %d" % k
    if klass == opcodes.JMP:
        targets = [k] if opcodes.op(code) == opcodes.JA else [jt, jf]
        if any(index + 1 + target >= count for target in targets):
            return "jumps out of the program"
    return None


class Program:
    """A classic BPF program.  `instructions` is a list of (code, jt, jf, k);
    `run(data, wire_length)` is 0 when the packet is rejected, else the number
    of bytes to keep (the snapshot length, for compiled filters)."""

    def __init__(self, instructions, linktype=None, snaplen=None):
        self.instructions = [tuple(instruction) for instruction in instructions]
        validate(self.instructions)
        self.linktype = linktype
        self.snaplen = snaplen
        self._run = None

    def __repr__(self):
        return "Program(%d instructions)" % len(self.instructions)

    def __len__(self):
        return len(self.instructions)

    @property
    def run(self):
        """`run(data, wire_length, metadata=None) -> int`, compiled on first use;
        `metadata` maps names to the values Linux's ancillary loads read
        ("vlan_tci", "vlan_present", "pkttype", "ifindex", ..., "network_offset")."""
        if self._run is None:
            from pynettools.bpf.interpreter import compile_program

            self._run = compile_program(self.instructions)
        return self._run

    def accepts(self, data, wire_length=None):
        return self.run(data, len(data) if wire_length is None else wire_length) != 0

    def sock_fprog_bytes(self):
        """The `struct sock_filter` array, as SO_ATTACH_FILTER's `struct sock_fprog` points at."""
        return b"".join(_SOCK_FILTER.pack(*instruction) for instruction in self.instructions)

    def rejects_everything(self):
        code, _, _, k = self.instructions[0]
        return code == opcodes.RET | opcodes.K and k == 0
