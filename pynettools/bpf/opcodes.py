"""Classic BPF: the instruction fields as <linux/filter.h> and <pcap/bpf.h> define them.

An instruction is `(code, jt, jf, k)`: a 16-bit opcode, two 8-bit forward jump
offsets and a 32-bit operand.  The opcode is a class, and for loads a size
and a mode, for ALU and jumps an operation and a source.
"""

# Classes
LD, LDX, ST, STX, ALU, JMP, RET, MISC = 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07
# Load sizes
W, H, B = 0x00, 0x08, 0x10
# Load modes
IMM, ABS, IND, MEM, LEN, MSH = 0x00, 0x20, 0x40, 0x60, 0x80, 0xA0
# ALU operations
ADD, SUB, MUL, DIV, OR, AND, LSH, RSH, NEG, MOD, XOR = (
    0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xA0)
# Jump operations
JA, JEQ, JGT, JGE, JSET = 0x00, 0x10, 0x20, 0x30, 0x40
# Operand sources (ALU, jumps); RET uses K or A
K, X, A = 0x00, 0x08, 0x10
# MISC operations
TAX, TXA = 0x00, 0x80

MEMWORDS = 16          # scratch memory cells M[0]..M[15]
MAXINSNS = 4096        # the kernel's BPF_MAXINSNS
NOP = -1               # a statement the optimizer deleted (never emitted)

# Linux ancillary data: absolute loads at SKF_AD_OFF + these read packet metadata.
SKF_AD_OFF = 0xFFFFF000
AD_PROTOCOL, AD_PKTTYPE, AD_IFINDEX, AD_NLATTR, AD_NLATTR_NEST, AD_MARK = 0, 4, 8, 12, 16, 20
AD_QUEUE, AD_HATYPE, AD_RXHASH, AD_CPU, AD_ALU_XOR_X, AD_VLAN_TAG = 24, 28, 32, 36, 40, 44
AD_VLAN_TAG_PRESENT, AD_PAY_OFFSET, AD_RANDOM, AD_VLAN_TPID = 48, 52, 56, 60
AD_MAX = 64
# Negative offsets: relative to the network header, or to the link-layer header.
SKF_NET_OFF = 0xFFF00000   # -0x100000 as an unsigned 32-bit number
SKF_LL_OFF = 0xFFE00000    # -0x200000

# What tcpdump -d shows for an ancillary load, as libpcap's bpf_image names it.
ANCILLARY_NAMES = {
    AD_PROTOCOL: "proto", AD_PKTTYPE: "type", AD_IFINDEX: "ifidx", AD_NLATTR: "nla",
    AD_NLATTR_NEST: "nlan", AD_MARK: "mark", AD_QUEUE: "queue", AD_HATYPE: "hatype",
    AD_RXHASH: "rxhash", AD_CPU: "cpu", AD_VLAN_TAG: "vlan_tci", AD_VLAN_TAG_PRESENT: "vlanp",
}


def bpf_class(code):
    return code & 0x07


def size(code):
    return code & 0x18


def mode(code):
    return code & 0xE0


def op(code):
    return code & 0xF0


def src(code):
    return code & 0x08


def rval(code):
    return code & 0x18


def miscop(code):
    return code & 0xF8


def is_jump(code):
    """A conditional jump (JA is unconditional and has no jt/jf)."""
    return bpf_class(code) == JMP and op(code) != JA


SIZE_BYTES = {W: 4, H: 2, B: 1}
