"""A classic BPF interpreter: the program becomes Python code once, then runs per packet.

Every instruction the kernel's classic BPF accepts is understood, with
libpcap's userland semantics (those of `tcpdump -r`): a load past the end of
the data, or a division by an X of 0, rejects the packet; shifting by X of 32
or more gives 0; `len` is the packet's length on the wire.  Linux ancillary
loads (SKF_AD_OFF + n) and loads relative to the link-layer or network header
(SKF_LL_OFF, SKF_NET_OFF) read `metadata` when one is given, and reject the
packet otherwise, as libpcap does for savefiles.

Basic blocks reached from one place only are inlined into it as nested
`if`s; blocks reached from several places become functions of their own.
"""

import struct

import pynettools.bpf.opcodes as opcodes

MASK = 0xFFFFFFFF
_ALU_SYMBOLS = {opcodes.ADD: "+", opcodes.SUB: "-", opcodes.MUL: "*", opcodes.OR: "|",
                opcodes.AND: "&", opcodes.XOR: "^"}
_JUMP_SYMBOLS = {opcodes.JEQ: "==", opcodes.JGT: ">", opcodes.JGE: ">="}
# Metadata keys for the ancillary loads.
ANCILLARY_KEYS = {
    opcodes.AD_PROTOCOL: "protocol", opcodes.AD_PKTTYPE: "pkttype",
    opcodes.AD_IFINDEX: "ifindex", opcodes.AD_MARK: "mark", opcodes.AD_QUEUE: "queue",
    opcodes.AD_HATYPE: "hatype", opcodes.AD_RXHASH: "rxhash", opcodes.AD_CPU: "cpu",
    opcodes.AD_VLAN_TAG: "vlan_tci", opcodes.AD_VLAN_TAG_PRESENT: "vlan_present",
    opcodes.AD_VLAN_TPID: "vlan_tpid", opcodes.AD_PAY_OFFSET: "payload_offset",
    opcodes.AD_RANDOM: "random", opcodes.AD_NLATTR: "nlattr",
    opcodes.AD_NLATTR_NEST: "nlattr_nest",
}


class _Writer:
    def __init__(self):
        self.lines = []

    def add(self, indent, text):
        self.lines.append("    " * indent + text)


def _leaders(instructions):
    """Indexes where basic blocks start, and each block's successor indexes."""
    starts = {0}
    for index, (code, jt, jf, k) in enumerate(instructions):
        if opcodes.bpf_class(code) == opcodes.JMP:
            if opcodes.op(code) == opcodes.JA:
                starts.add(index + 1 + k)
            else:
                starts.update((index + 1 + jt, index + 1 + jf))
            starts.add(index + 1)
        elif opcodes.bpf_class(code) == opcodes.RET:
            starts.add(index + 1)
    return sorted(start for start in starts if start < len(instructions))


class _Translator:
    def __init__(self, instructions):
        self.instructions = instructions
        starts = _leaders(instructions)
        self.block_end = {start: end for start, end in zip(starts, starts[1:] + [len(instructions)])}
        self.predecessors = {start: 0 for start in starts}
        for start in starts:
            for successor in self.successors(start):
                self.predecessors[successor] += 1
        self.uses_memory = any(opcodes.bpf_class(code) in (opcodes.ST, opcodes.STX) or
                               opcodes.mode(code) == opcodes.MEM and
                               opcodes.bpf_class(code) in (opcodes.LD, opcodes.LDX)
                               for code, _, _, _ in instructions)

    def successors(self, start):
        last = self.block_end[start] - 1
        code, jt, jf, k = self.instructions[last]
        if opcodes.bpf_class(code) == opcodes.RET:
            return []
        if opcodes.bpf_class(code) == opcodes.JMP:
            if opcodes.op(code) == opcodes.JA:
                return [last + 1 + k]
            return [last + 1 + jt, last + 1 + jf]
        return [last + 1]

    def shared(self, start):
        return start != 0 and self.predecessors[start] > 1 and not self._is_bare_return(start)

    def _is_bare_return(self, start):
        code = self.instructions[start][0]
        return opcodes.bpf_class(code) == opcodes.RET and opcodes.rval(code) == opcodes.K

    def source(self):
        out = _Writer()
        state = "data, wirelen, A, X, M, meta" if self.uses_memory else "data, wirelen, A, X, meta"
        for start in sorted(self.block_end, reverse=True):
            if self.shared(start):
                out.add(0, "def block_%d(%s):" % (start, state))
                self.emit_block(start, out, 1, state)
        out.add(0, "def run(data, wirelen, meta=None):")
        out.add(1, "A = X = 0")
        if self.uses_memory:
            out.add(1, "M = [0] * 16")
        out.add(1, "try:")
        self.emit_block(0, out, 2, state)
        out.add(1, "except (IndexError, struct_error):")
        out.add(2, "return 0")
        return "\n".join(out.lines) + "\n"

    def emit_goto(self, target, out, indent, state):
        if self.shared(target):
            out.add(indent, "return block_%d(%s)" % (target, state))
        else:
            self.emit_block(target, out, indent, state)

    def emit_block(self, start, out, indent, state):
        end = self.block_end[start]
        for index in range(start, end - 1):
            self.emit_statement(self.instructions[index], out, indent)
        code, jt, jf, k = self.instructions[end - 1]
        klass = opcodes.bpf_class(code)
        if klass == opcodes.RET:
            out.add(indent, "return %s" % _return_value(code, k))
        elif klass == opcodes.JMP and opcodes.op(code) == opcodes.JA:
            self.emit_goto(end + k, out, indent, state)
        elif klass == opcodes.JMP:
            out.add(indent, "if %s:" % _condition(code, k))
            self.emit_goto(end + jt, out, indent + 1, state)
            out.add(indent, "else:")
            self.emit_goto(end + jf, out, indent + 1, state)
        else:
            self.emit_statement((code, jt, jf, k), out, indent)
            self.emit_goto(end, out, indent, state)

    def emit_statement(self, instruction, out, indent):
        for line in _statement(instruction):
            out.add(indent, line)


def _return_value(code, k):
    if opcodes.rval(code) == opcodes.A:
        return "A"
    if opcodes.rval(code) == opcodes.X:
        return "X"
    return str(k)


def _condition(code, k):
    operand = "X" if opcodes.src(code) == opcodes.X else str(k)
    if opcodes.op(code) == opcodes.JSET:
        return "A & %s" % operand
    return "A %s %s" % (_JUMP_SYMBOLS[opcodes.op(code)], operand)


def _load(size, offset):
    """An expression reading `size` at `offset` (an expression) from data."""
    if size == opcodes.B:
        return "data[%s]" % offset
    if size == opcodes.H:
        return "data[%s] << 8 | data[%s + 1]" % (offset, offset)
    return "unpack_word(data, %s)[0]" % offset


def _absolute_load(size, k):
    if k >= opcodes.SKF_AD_OFF:
        key = ANCILLARY_KEYS.get(k - opcodes.SKF_AD_OFF)
        return ["if meta is None or %r not in meta:" % key, "    return 0",
                "A = meta[%r] & %d" % (key, MASK)]
    if k >= opcodes.SKF_NET_OFF:
        return ["if meta is None or 'network_offset' not in meta:", "    return 0",
                "A = %s" % _load(size, "meta['network_offset'] + %d" % (k - opcodes.SKF_NET_OFF))]
    if k >= opcodes.SKF_LL_OFF:
        return ["if meta is None:", "    return 0", "A = %s" % _load(size, k - opcodes.SKF_LL_OFF)]
    if size == opcodes.H:
        return ["A = data[%d] << 8 | data[%d]" % (k, k + 1)]
    return ["A = %s" % _load(size, k)]


def _statement(instruction):
    """Python lines for one non-branching instruction."""
    code, _jt, _jf, k = instruction
    klass = opcodes.bpf_class(code)
    if klass == opcodes.LD:
        mode = opcodes.mode(code)
        if mode == opcodes.ABS:
            return _absolute_load(opcodes.size(code), k)
        if mode == opcodes.IND:
            return ["offset = X + %d" % k, "A = %s" % _load(opcodes.size(code), "offset")]
        return ["A = %s" % _simple_value(mode, k)]
    if klass == opcodes.LDX:
        mode = opcodes.mode(code)
        if mode == opcodes.MSH:
            return ["X = (data[%d] & 15) << 2" % k]
        return ["X = %s" % _simple_value(mode, k)]
    if klass == opcodes.ST:
        return ["M[%d] = A" % k]
    if klass == opcodes.STX:
        return ["M[%d] = X" % k]
    if klass == opcodes.ALU:
        return _alu(code, k)
    if opcodes.miscop(code) == opcodes.TAX:
        return ["X = A"]
    return ["A = X"]


def _simple_value(mode, k):
    if mode == opcodes.IMM:
        return str(k)
    if mode == opcodes.LEN:
        return "wirelen"
    return "M[%d]" % k


def _alu(code, k):
    operation = opcodes.op(code)
    if operation == opcodes.NEG:
        return ["A = -A & %d" % MASK]
    operand = "X" if opcodes.src(code) == opcodes.X else str(k)
    if operation in (opcodes.DIV, opcodes.MOD):
        symbol = "//" if operation == opcodes.DIV else "%"
        lines = ["if X == 0:", "    return 0"] if operand == "X" else []
        return lines + ["A = A %s %s" % (symbol, operand)]
    if operation in (opcodes.LSH, opcodes.RSH):
        symbol = "<<" if operation == opcodes.LSH else ">>"
        if operand == "X":
            return ["A = (A %s X) & %d if X < 32 else 0" % (symbol, MASK)]
        return ["A = (A %s %d) & %d" % (symbol, k, MASK)]
    expression = "A %s %s" % (_ALU_SYMBOLS[operation], operand)
    if operation in (opcodes.ADD, opcodes.SUB, opcodes.MUL):
        return ["A = (%s) & %d" % (expression, MASK)]
    return ["A = %s" % expression]


def compile_program(instructions):
    """A function `run(data, wirelen, meta=None) -> int` executing the (valid) program."""
    source = _Translator(instructions).source()
    namespace = {"unpack_word": struct.Struct(">I").unpack_from, "struct_error": struct.error}
    exec(compile(source, "<bpf program>", "exec"), namespace)
    return namespace["run"]


def source_of(instructions):
    """The Python code a program becomes (for debugging and tests)."""
    return _Translator(instructions).source()
