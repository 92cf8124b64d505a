"""Packet filters: pcap-filter(7) expressions compiled to classic BPF, as libpcap does.

    compile_filter("tcp port 80", linktypes.ETHERNET) -> Program
    program.run(data, wire_length)   0: rejected; else how many bytes to keep
    program.instructions             [(code, jt, jf, k), ...]
    program.sock_fprog_bytes()       the struct sock_filter array for SO_ATTACH_FILTER
    pynettools.bpf.dump.lines(program, level)   tcpdump's -d, -dd, -ddd

Errors raise `FilterError` with libpcap's words as `reason` ("can't parse
filter expression: syntax error", "unknown host 'x'", "expression rejects all
packets", ...).  The code generated is libpcap's: with `optimize=False`
(tcpdump -O) the instructions are libpcap's own, instruction for instruction;
optimised, they select the same packets but may differ from libpcap's.
"""

from pynettools.bpf.program import Program
from pynettools.bpf.tables import DEAD, LIVE, SAVEFILE
from pynettools.errors import FilterError

DEFAULT_SNAPLEN = 262144

__all__ = ["compile_filter", "Program", "FilterError", "SAVEFILE", "LIVE", "DEAD",
           "DEFAULT_SNAPLEN"]


def compile_filter(expression, linktype, snaplen=DEFAULT_SNAPLEN, optimize=True, netmask=0,
                   source=SAVEFILE):
    """Compile `expression` for packets of `linktype` (a LINKTYPE_ number).

    `netmask` is the capture network's mask (for `ip broadcast`; 0xffffffff:
    unknown).  `source` says where packets come from, where libpcap's code
    differs: SAVEFILE (tcpdump -r: `inbound` needs a cooked header), LIVE (a
    capture socket: packet-type and interface metadata), or DEAD (tcpdump -d
    without -r or -i).
    """
    import pynettools.bpf.assemble as assemble
    import pynettools.bpf.blocks as blocks
    import pynettools.bpf.parser as parser
    import pynettools.bpf.protocols as protocols
    from pynettools.bpf.compiler import Compiler

    compiler = Compiler(linktype, snaplen, netmask, source)
    root = parser.parse(expression, compiler)
    if root is None:
        root = blocks.return_block(snaplen)
    else:
        root.head.stmts = protocols.offset_initialisation(compiler) + root.head.stmts
        blocks.backpatch(root, blocks.return_block(snaplen))
        root.sense = not root.sense
        blocks.backpatch(root, blocks.return_block(0))
        root = root.head
    if optimize:
        import pynettools.bpf.optimize as optimizer

        root = optimizer.optimize(root)
        if root.is_return() and root.k == 0:
            raise FilterError("expression rejects all packets")
    return Program(assemble.assemble(root), linktype, snaplen)
