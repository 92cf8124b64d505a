"""The compiler's state and its lowest layer: offsets, scratch registers,
loads and comparisons, as libpcap's gencode.c builds them.

Loads are relative to a part of the packet (`OR_*`): the offsets of the
link-layer type field and payload depend on the link type and grow as `vlan`,
`mpls` or `pppoes` step into an encapsulation, for the rest of the expression.
"""

import pynettools.bpf.linklayer as linklayer
import pynettools.bpf.opcodes as opcodes
from pynettools.bpf.blocks import Stmt, gen_and, gen_not, jump_block
from pynettools.bpf.linklayer import (OR_LINKHDR, OR_LINKPL, OR_LINKPL_NOSNAP, OR_LINKTYPE,
                                      OR_LLC, OR_PACKET, OR_PREVLINKHDR, OR_PREVMPLSHDR,
                                      OR_TRAN_IPV4)
from pynettools.errors import FilterError



class Compiler:
    """One compilation: the link type, what the expression stepped into so
    far, and which scratch registers hold values."""

    def __init__(self, linktype, snaplen, netmask, source):
        self.snaplen = snaplen
        self.netmask = netmask
        self.source = source
        self.linktype = linktype
        self.outermost_linktype = linktype
        self.layout = linklayer.layout(linktype)
        self.off_linktype = self.layout.linktype
        self.off_linkpl = self.layout.payload
        self.off_nl = self.layout.network
        self.off_nl_nosnap = self.layout.network_nosnap
        self.off_linkhdr = 0
        # Scratch registers holding the variable part of an offset (None:
        # constant), which live VLAN tests introduce.
        self.linkhdr_reg = self.linktype_reg = self.linkpl_reg = None
        self.vlan_vloffset = False
        self.vlan_stack_depth = 0
        self.label_stack_depth = 0
        self.registers_used = [False] * opcodes.MEMWORDS
        self.current_register = 0

    @staticmethod
    def error(reason):
        raise FilterError(reason)

    # Scratch registers, handed out round-robin as libpcap does.
    def alloc_reg(self):
        for _ in range(opcodes.MEMWORDS):
            if self.registers_used[self.current_register]:
                self.current_register = (self.current_register + 1) % opcodes.MEMWORDS
            else:
                self.registers_used[self.current_register] = True
                return self.current_register
        self.error("too many registers needed to evaluate expression")

    def free_reg(self, number):
        self.registers_used[number] = False

    # Loads
    def _base(self, offrel):
        """(constant, register of the variable part or None) where `offrel` counts from."""
        if offrel == OR_PACKET:
            return 0, None
        if offrel in (OR_LINKHDR, OR_PREVLINKHDR):
            return self.off_linkhdr, self.linkhdr_reg
        if offrel == OR_LINKTYPE:
            return self.off_linktype, self.linktype_reg
        extra = {OR_LLC: 0, OR_PREVMPLSHDR: self.off_nl - 4, OR_LINKPL: self.off_nl,
                 OR_LINKPL_NOSNAP: self.off_nl_nosnap}.get(offrel, self.off_nl + 40)
        return self.off_linkpl + extra, self.linkpl_reg

    def variable_part(self, offrel):
        """Statements putting `offrel`'s variable part in X, or [] when it has none."""
        _, register = self._base(offrel)
        return [] if register is None else [Stmt(opcodes.LDX | opcodes.MEM, register)]

    def load_a(self, offrel, offset, size):
        """Statements leaving the field in A (for OR_TRAN_IPV4, X holds the IP header length)."""
        if offrel == OR_TRAN_IPV4:
            return self.loadx_iphdrlen() + [
                Stmt(opcodes.LD | opcodes.IND | size,
                     (self.off_linkpl + self.off_nl + offset) & 0xFFFFFFFF)]
        constant, register = self._base(offrel)
        k = (constant + offset) & 0xFFFFFFFF
        if register is None:
            return [Stmt(opcodes.LD | opcodes.ABS | size, k)]
        return [Stmt(opcodes.LDX | opcodes.MEM, register), Stmt(opcodes.LD | opcodes.IND | size, k)]

    def loadx_iphdrlen(self):
        """Statements leaving in X the IPv4 header's length (plus any variable offset)."""
        offset = self.off_linkpl + self.off_nl
        if self.linkpl_reg is None:
            return [Stmt(opcodes.LDX | opcodes.MSH | opcodes.B, offset)]
        return [Stmt(opcodes.LDX | opcodes.MEM, self.linkpl_reg),
                Stmt(opcodes.LD | opcodes.IND | opcodes.B, offset),
                Stmt(opcodes.ALU | opcodes.AND | opcodes.K, 0xF),
                Stmt(opcodes.ALU | opcodes.LSH | opcodes.K, 2),
                Stmt(opcodes.ALU | opcodes.ADD | opcodes.X), Stmt(opcodes.MISC | opcodes.TAX)]

    # Comparisons
    def ncmp(self, offrel, offset, size, mask, jtype, reverse, value):
        stmts = self.load_a(offrel, offset, size)
        if mask != 0xFFFFFFFF:
            stmts.append(Stmt(opcodes.ALU | opcodes.AND | opcodes.K, mask))
        block = jump_block(jtype, value & 0xFFFFFFFF, stmts)
        if reverse and jtype in (opcodes.JGT, opcodes.JGE):
            gen_not(block)
        return block

    def cmp(self, offrel, offset, size, value):
        return self.ncmp(offrel, offset, size, 0xFFFFFFFF, opcodes.JEQ, False, value)

    def cmp_gt(self, offrel, offset, size, value):
        return self.ncmp(offrel, offset, size, 0xFFFFFFFF, opcodes.JGT, False, value)

    def cmp_ge(self, offrel, offset, size, value):
        return self.ncmp(offrel, offset, size, 0xFFFFFFFF, opcodes.JGE, False, value)

    def cmp_lt(self, offrel, offset, size, value):
        return self.ncmp(offrel, offset, size, 0xFFFFFFFF, opcodes.JGE, True, value)

    def cmp_le(self, offrel, offset, size, value):
        return self.ncmp(offrel, offset, size, 0xFFFFFFFF, opcodes.JGT, True, value)

    def mcmp(self, offrel, offset, size, value, mask):
        return self.ncmp(offrel, offset, size, mask, opcodes.JEQ, False, value)

    def bcmp(self, offrel, offset, data):
        """`data` (bytes) at the offset: word, then halfword, then byte compares from the end."""
        block = None
        size = len(data)
        for width, load in ((4, opcodes.W), (2, opcodes.H)):
            while size >= width:
                value = int.from_bytes(data[size - width:size], "big")
                test = self.cmp(offrel, offset + size - width, load, value)
                if block is not None:
                    gen_and(block, test)
                block = test
                size -= width
        if size > 0:
            test = self.cmp(offrel, offset, opcodes.B, data[0])
            if block is not None:
                gen_and(block, test)
            block = test
        return block

    def jset(self, offrel, offset, size, mask):
        return jump_block(opcodes.JSET, mask, self.load_a(offrel, offset, size))

    def ipfrag(self):
        """Not an IPv4 fragment other than the first."""
        block = self.jset(OR_LINKPL, 6, opcodes.H, 0x1FFF)
        gen_not(block)
        return block

    def linktype_test(self, ll_proto):
        """The packet's link layer carries `ll_proto` (an Ethernet type or LLC SAP)."""
        if self.label_stack_depth > 0:
            return linklayer.mpls_linktype(self, ll_proto)
        return linklayer.gen_linktype(self, ll_proto)

    def describe_linktype(self, linktype=None):
        """The link type's description as libpcap words it in errors ("Ethernet")."""
        from pynettools.capture import linktypes

        linktype = self.linktype if linktype is None else linktype
        names = linktypes.NAMES.get(linktype)
        return names[1] if names else "DLT %d" % linktype
