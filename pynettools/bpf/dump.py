"""A program as tcpdump prints it: -d (readable), -dd (C array), -ddd (decimal)."""

import pynettools.bpf.opcodes as opcodes

# For pytcpdump's man page (the capture helper's manual includes it).
MANUAL_NOTES = (
    "pytcpdump compiles filter expressions itself, in Python, after libpcap 1.10: the same "
    "grammar, qualifier inheritance, name lookups and error messages, the same code for each "
    "link type (EN10MB, LINUX_SLL, LINUX_SLL2, RAW, IPV4, IPV6, NULL, LOOP, PPP), and an "
    "optimizer built after libpcap's. -d, -dd and -ddd print the program in tcpdump's three "
    "formats. For every expression its tests compare with tcpdump they print the same "
    "instructions, with and without -O; still, the instructions may differ from libpcap's "
    "optimised ones for other expressions, while selecting the same packets. Expressions the "
    "optimizer proves can never match (tcp and udp, ip and ip6) fail, as in tcpdump, with "
    "\"expression rejects all packets\"; -O turns that check off. protochain and geneve are "
    "not compiled: pytcpdump says so and exits 1.")

_LOAD_NAMES = {opcodes.W: "ld", opcodes.H: "ldh", opcodes.B: "ldb"}
_ALU_NAMES = {opcodes.ADD: "add", opcodes.SUB: "sub", opcodes.MUL: "mul", opcodes.DIV: "div",
              opcodes.MOD: "mod", opcodes.AND: "and", opcodes.OR: "or", opcodes.XOR: "xor",
              opcodes.LSH: "lsh", opcodes.RSH: "rsh"}
_HEX_ALU = (opcodes.AND, opcodes.OR, opcodes.XOR)
_JUMP_NAMES = {opcodes.JEQ: "jeq", opcodes.JGT: "jgt", opcodes.JGE: "jge", opcodes.JSET: "jset"}


def _signed(k):
    return k - (1 << 32) if k & 0x80000000 else k


def _operation(code, k):
    """(mnemonic, operand) as libpcap's bpf_image shows them."""
    klass = opcodes.bpf_class(code)
    mode = opcodes.mode(code)
    if klass == opcodes.RET:
        if code == opcodes.RET | opcodes.K:
            return "ret", "#%d" % _signed(k)
        if code == opcodes.RET | opcodes.A:
            return "ret", ""
    elif klass == opcodes.LD and opcodes.size(code) in _LOAD_NAMES:
        name = _LOAD_NAMES[opcodes.size(code)]
        if mode == opcodes.ABS:
            if k >= opcodes.SKF_AD_OFF and k - opcodes.SKF_AD_OFF in opcodes.ANCILLARY_NAMES:
                return name, "[%s]" % opcodes.ANCILLARY_NAMES[k - opcodes.SKF_AD_OFF]
            return name, "[%d]" % _signed(k)
        if mode == opcodes.IND:
            return name, "[x + %d]" % _signed(k)
        if code == opcodes.LD | opcodes.W | opcodes.LEN:
            return "ld", "#pktlen"
        if code == opcodes.LD | opcodes.IMM:
            return "ld", "#0x%x" % k
        if code == opcodes.LD | opcodes.MEM:
            return "ld", "M[%d]" % _signed(k)
    elif klass == opcodes.LDX:
        if code == opcodes.LDX | opcodes.IMM:
            return "ldx", "#0x%x" % k
        if code == opcodes.LDX | opcodes.MSH | opcodes.B:
            return "ldxb", "4*([%d]&0xf)" % _signed(k)
        if code == opcodes.LDX | opcodes.MEM:
            return "ldx", "M[%d]" % _signed(k)
        if code == opcodes.LDX | opcodes.W | opcodes.LEN:
            return "ldx", "#pktlen"
    elif code in (opcodes.ST, opcodes.STX):
        return ("st" if code == opcodes.ST else "stx"), "M[%d]" % _signed(k)
    elif klass == opcodes.JMP:
        if code == opcodes.JMP | opcodes.JA:
            return "ja", None
        if opcodes.op(code) in _JUMP_NAMES:
            operand = "x" if opcodes.src(code) == opcodes.X else "#0x%x" % k
            return _JUMP_NAMES[opcodes.op(code)], operand
    elif klass == opcodes.ALU:
        operation = opcodes.op(code)
        if code == opcodes.ALU | opcodes.NEG:
            return "neg", ""
        if operation in _ALU_NAMES:
            if opcodes.src(code) == opcodes.X:
                return _ALU_NAMES[operation], "x"
            return _ALU_NAMES[operation], ("#0x%x" % k if operation in _HEX_ALU
                                           else "#%d" % _signed(k))
    elif code == opcodes.MISC | opcodes.TAX:
        return "tax", ""
    elif code == opcodes.MISC | opcodes.TXA:
        return "txa", ""
    return "unimp", "0x%x" % code


def image(instruction, index):
    """One line of -d: libpcap's bpf_image of the instruction at `index`."""
    code, jt, jf, k = instruction
    name, operand = _operation(code, k)
    if name == "ja":
        return "(%03d) %-8s %d" % (index, name, index + 1 + k)
    if opcodes.is_jump(code) and name in _JUMP_NAMES.values():
        return "(%03d) %-8s %-16s jt %d\tjf %d" % (index, name, operand, index + 1 + jt,
                                                   index + 1 + jf)
    return "(%03d) %-8s %s" % (index, name, operand)


def lines(program, level):
    """The lines (without newlines) tcpdump prints for -d (1), -dd (2) or -ddd (3)."""
    instructions = program.instructions
    if level >= 3:
        return ["%d" % len(instructions)] + ["%u %u %u %u" % instruction
                                             for instruction in instructions]
    if level == 2:
        return ["{ 0x%x, %d, %d, 0x%08x }," % instruction for instruction in instructions]
    return [image(instruction, index) for index, instruction in enumerate(instructions)]
