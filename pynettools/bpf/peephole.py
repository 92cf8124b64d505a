"""The optimizer's work inside a block, after libpcap's: the symbolic value of
each statement (folding constants and dropping loads of values already
there), peephole rewrites, and dead stores."""

import pynettools.bpf.opcodes as opcodes
from pynettools.bpf.flow import A_ATOM, N_ATOMS, X_ATOM, atom_defined, atom_used, AX_ATOM
from pynettools.errors import FilterError

MASK = 0xFFFFFFFF
_REMOVED_WHEN_ZERO = (opcodes.ADD, opcodes.LSH, opcodes.RSH, opcodes.OR, opcodes.XOR)


def _store(stmt, values, atom, value, alter):
    """Record `value` in `atom`; a statement storing what is already there goes."""
    if alter and value and values[atom] == value:
        stmt.code = opcodes.NOP
    else:
        values[atom] = value


def _fold(optimizer, stmt, first, second):
    a = optimizer.values.constants[first]
    b = optimizer.values.constants[second]
    operation = opcodes.op(stmt.code)
    if operation in (opcodes.DIV, opcodes.MOD) and b == 0:
        raise FilterError("division by zero" if operation == opcodes.DIV else "modulus by zero")
    if operation == opcodes.ADD:
        a += b
    elif operation == opcodes.SUB:
        a -= b
    elif operation == opcodes.MUL:
        a *= b
    elif operation == opcodes.DIV:
        a //= b
    elif operation == opcodes.MOD:
        a %= b
    elif operation == opcodes.AND:
        a &= b
    elif operation == opcodes.OR:
        a |= b
    elif operation == opcodes.XOR:
        a ^= b
    elif operation == opcodes.LSH:
        a = a << b if b < 32 else 0
    else:
        a = a >> b if b < 32 else 0
    stmt.k = a & MASK
    stmt.code = opcodes.LD | opcodes.IMM
    optimizer.changed()


def evaluate(optimizer, stmt, values, alter):
    """Update `values` (one number per atom) for `stmt`, rewriting it when `alter`."""
    numbers = optimizer.values
    code = stmt.code
    if code == opcodes.NOP:
        return
    klass, mode = opcodes.bpf_class(code), opcodes.mode(code)
    if klass == opcodes.LD and mode == opcodes.ABS:
        _store(stmt, values, A_ATOM, numbers.number(code, stmt.k), alter)
    elif klass == opcodes.LD and mode == opcodes.IND:
        index = values[X_ATOM]
        if alter and numbers.is_constant(index):
            stmt.code = opcodes.LD | opcodes.ABS | opcodes.size(code)
            stmt.k = (stmt.k + numbers.constants[index]) & MASK
            value = numbers.number(stmt.code, stmt.k)
            optimizer.changed()
        else:
            value = numbers.number(code, stmt.k, index)
        _store(stmt, values, A_ATOM, value, alter)
    elif code == opcodes.LD | opcodes.W | opcodes.LEN:
        _store(stmt, values, A_ATOM, numbers.number(code, 0), alter)
    elif code == opcodes.LD | opcodes.IMM:
        _store(stmt, values, A_ATOM, numbers.constant(stmt.k), alter)
    elif code == opcodes.LDX | opcodes.IMM:
        _store(stmt, values, X_ATOM, numbers.constant(stmt.k), alter)
    elif code == opcodes.LDX | opcodes.MSH | opcodes.B:
        _store(stmt, values, X_ATOM, numbers.number(code, stmt.k), alter)
    elif code == opcodes.ALU | opcodes.NEG:
        if alter and numbers.is_constant(values[A_ATOM]):
            stmt.code = opcodes.LD | opcodes.IMM
            stmt.k = -numbers.constants[values[A_ATOM]] & MASK
            values[A_ATOM] = numbers.constant(stmt.k)
        else:
            values[A_ATOM] = numbers.number(code, values[A_ATOM])
    elif klass == opcodes.ALU and opcodes.src(code) == opcodes.K:
        _alu_constant(optimizer, stmt, values, alter)
    elif klass == opcodes.ALU:
        _alu_index(optimizer, stmt, values, alter)
    elif code == opcodes.MISC | opcodes.TXA:
        _store(stmt, values, A_ATOM, values[X_ATOM], alter)
    elif code in (opcodes.LD | opcodes.MEM, opcodes.LDX | opcodes.MEM):
        value = values[stmt.k]
        if alter and numbers.is_constant(value):
            stmt.code = (opcodes.LD if klass == opcodes.LD else opcodes.LDX) | opcodes.IMM
            stmt.k = numbers.constants[value]
            optimizer.changed()
        _store(stmt, values, A_ATOM if klass == opcodes.LD else X_ATOM, value, alter)
    elif code == opcodes.MISC | opcodes.TAX:
        _store(stmt, values, X_ATOM, values[A_ATOM], alter)
    elif code == opcodes.ST:
        _store(stmt, values, stmt.k, values[A_ATOM], alter)
    elif code == opcodes.STX:
        _store(stmt, values, stmt.k, values[X_ATOM], alter)


def _alu_constant(optimizer, stmt, values, alter):
    numbers = optimizer.values
    operation = opcodes.op(stmt.code)
    if alter:
        if stmt.k == 0:
            if operation in _REMOVED_WHEN_ZERO:
                stmt.code = opcodes.NOP
                return
            if operation in (opcodes.MUL, opcodes.AND):
                stmt.code = opcodes.LD | opcodes.IMM
                values[A_ATOM] = numbers.constant(stmt.k)
                return
            if operation == opcodes.DIV:
                raise FilterError("division by zero")
            if operation == opcodes.MOD:
                raise FilterError("modulus by zero")
        if numbers.is_constant(values[A_ATOM]):
            _fold(optimizer, stmt, values[A_ATOM], numbers.constant(stmt.k))
            values[A_ATOM] = numbers.constant(stmt.k)
            return
    values[A_ATOM] = numbers.number(stmt.code, values[A_ATOM], numbers.constant(stmt.k))


def _alu_index(optimizer, stmt, values, alter):
    numbers = optimizer.values
    operation = opcodes.op(stmt.code)
    if alter and numbers.is_constant(values[X_ATOM]):
        if numbers.is_constant(values[A_ATOM]):
            _fold(optimizer, stmt, values[A_ATOM], values[X_ATOM])
            values[A_ATOM] = numbers.constant(stmt.k)
        else:
            stmt.code = opcodes.ALU | opcodes.K | operation
            stmt.k = numbers.constants[values[X_ATOM]]
            if operation in (opcodes.LSH, opcodes.RSH) and stmt.k > 31:
                raise FilterError("shift by more than 31 bits")
            optimizer.changed()
            values[A_ATOM] = numbers.number(stmt.code, values[A_ATOM],
                                            numbers.constant(stmt.k))
        return
    if alter and numbers.is_constant(values[A_ATOM]) and \
            numbers.constants[values[A_ATOM]] == 0:
        if operation in (opcodes.ADD, opcodes.OR, opcodes.XOR):
            stmt.code = opcodes.MISC | opcodes.TXA
            _store(stmt, values, A_ATOM, values[X_ATOM], alter)
            return
        if operation in (opcodes.MUL, opcodes.DIV, opcodes.MOD, opcodes.AND, opcodes.LSH,
                         opcodes.RSH):
            stmt.code = opcodes.LD | opcodes.IMM
            stmt.k = 0
            _store(stmt, values, A_ATOM, numbers.constant(0), alter)
            return
    values[A_ATOM] = numbers.number(stmt.code, values[A_ATOM], values[X_ATOM])


def _next_real(stmts, index):
    while index < len(stmts) and stmts[index].code == opcodes.NOP:
        index += 1
    return index


def peep(optimizer, info):
    """libpcap's peephole rewrites of a block and of its final test."""
    block = info.block
    stmts = block.stmts
    if not stmts:
        return
    last = stmts[0]
    position = 0
    while True:
        position = _next_real(stmts, position)
        if position >= len(stmts):
            break
        following = _next_real(stmts, position + 1)
        if following >= len(stmts):
            break
        stmt, next_stmt = stmts[position], stmts[following]
        last = next_stmt
        _peep_pair(optimizer, info, stmts, position, stmt, following, next_stmt)
        position = following
    _peep_test(optimizer, info, last)


def _peep_pair(optimizer, info, stmts, position, stmt, following, next_stmt):
    if stmt.code == opcodes.ST and next_stmt.code == opcodes.LDX | opcodes.MEM and \
            stmt.k == next_stmt.k:
        optimizer.changed()
        next_stmt.code = opcodes.MISC | opcodes.TAX
    if stmt.code == opcodes.LD | opcodes.IMM and next_stmt.code == opcodes.MISC | opcodes.TAX:
        stmt.code = opcodes.LDX | opcodes.IMM
        next_stmt.code = opcodes.MISC | opcodes.TXA
        optimizer.changed()
    if stmt.code != opcodes.LD | opcodes.IMM or info.out_use >> X_ATOM & 1:
        return
    # tcp[k] with a constant k: ld #k; [ldxb]; add x; tax; ld [x+o] -> [ldxb]; ld [x+o+k]
    index = following
    if next_stmt.code == opcodes.LDX | opcodes.MSH | opcodes.B:
        index = _next_real(stmts, following + 1)
    if index >= len(stmts) or stmts[index].code != opcodes.ALU | opcodes.ADD | opcodes.X:
        return
    add = stmts[index]
    index = _next_real(stmts, index + 1)
    if index >= len(stmts) or stmts[index].code != opcodes.MISC | opcodes.TAX:
        return
    tax = stmts[index]
    index = _next_real(stmts, index + 1)
    if index >= len(stmts) or opcodes.bpf_class(stmts[index].code) != opcodes.LD or \
            opcodes.mode(stmts[index].code) != opcodes.IND:
        return
    load = stmts[index]
    load.k = (load.k + stmt.k) & MASK
    stmt.code = add.code = tax.code = opcodes.NOP
    optimizer.changed()


def _peep_test(optimizer, info, last):
    block = info.block
    numbers = optimizer.values
    if block.code == opcodes.JMP | opcodes.JEQ | opcodes.K and not info.out_use >> A_ATOM & 1:
        if last.code == opcodes.ALU | opcodes.SUB | opcodes.X:
            value = info.val[X_ATOM]
            if numbers.is_constant(value):
                block.k = (block.k + numbers.constants[value]) & MASK
                last.code = opcodes.NOP
                optimizer.changed()
            elif block.k == 0:
                last.code = opcodes.NOP
                block.code = opcodes.JMP | opcodes.JEQ | opcodes.X
                optimizer.changed()
        elif last.code == opcodes.ALU | opcodes.SUB | opcodes.K:
            last.code = opcodes.NOP
            block.k = (block.k + last.k) & MASK
            optimizer.changed()
        elif last.code == opcodes.ALU | opcodes.AND | opcodes.K and block.k == 0:
            block.k = last.k
            block.code = opcodes.JMP | opcodes.K | opcodes.JSET
            last.code = opcodes.NOP
            optimizer.changed()
            block.jt, block.jf = block.jf, block.jt
    if block.code == opcodes.JMP | opcodes.K | opcodes.JSET:
        if block.k == 0:
            block.jt = block.jf
        if block.k == MASK:
            block.jf = block.jt
    value = info.val[X_ATOM]
    if numbers.is_constant(value) and opcodes.src(block.code) == opcodes.X:
        block.code &= ~opcodes.X
        block.k = numbers.constants[value]
    value = info.val[A_ATOM]
    if numbers.is_constant(value) and opcodes.src(block.code) == opcodes.K:
        a = numbers.constants[value]
        operation = opcodes.op(block.code)
        if operation == opcodes.JEQ:
            taken = a == block.k
        elif operation == opcodes.JGT:
            taken = a > block.k
        elif operation == opcodes.JGE:
            taken = a >= block.k
        else:
            taken = a & block.k
        if block.jf is not block.jt:
            optimizer.changed()
        if taken:
            block.jf = block.jt
        else:
            block.jt = block.jf


def _dead_statement(optimizer, code_holder, last):
    atom = atom_used(code_holder.code, code_holder.k)
    if atom >= 0:
        if atom == AX_ATOM:
            last[X_ATOM] = last[A_ATOM] = None
        else:
            last[atom] = None
    atom = atom_defined(code_holder.code, code_holder.k)
    if atom >= 0:
        if last[atom] is not None:
            optimizer.changed()
            last[atom].code = opcodes.NOP
        last[atom] = code_holder


def dead_stores(optimizer, info):
    """Statements whose result is overwritten in the block, or unused after it, go
    (the value the block leaves in that atom is still taken as known, as
    libpcap 1.10 takes it)."""
    last = [None] * N_ATOMS
    for stmt in info.block.stmts:
        _dead_statement(optimizer, stmt, last)
    _dead_statement(optimizer, info.block, last)
    for atom in range(N_ATOMS):
        if last[atom] is not None and not info.out_use >> atom & 1:
            last[atom].code = opcodes.NOP
            optimizer.changed()
