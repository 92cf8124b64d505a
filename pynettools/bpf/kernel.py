"""Programs for Linux packet sockets: adapted as libpcap adapts them, attached
with SO_ATTACH_FILTER.

A cooked socket (-i any: SOCK_DGRAM) hands the filter the packet without
the LINUX_SLL/SLL2 header the program was compiled for: loads past the
header move back by its length, its protocol, packet-type and (SLL2)
interface fields become the kernel's ancillary loads, and any other header
field cannot be read in the kernel (the capture must then filter in
userland).  This is libpcap 1.10.3's fix_program, as `ss -0 -b` shows it on
tcpdump's own socket.
"""

import ctypes
import socket
import struct

import pynettools.bpf.opcodes as opcodes
from pynettools.bpf.program import Program, validate
from pynettools.capture import linktypes
from pynettools.errors import SocketCallError

SO_ATTACH_FILTER, SO_DETACH_FILTER, SO_LOCK_FILTER = 26, 27, 44
SLL_HEADER, SLL2_HEADER = 16, 20
# The header fields the kernel has as ancillary data: offset -> ancillary offset.
_COOKED_FIELDS = {
    linktypes.LINUX_SLL: {14: opcodes.AD_PROTOCOL, 0: opcodes.AD_PKTTYPE},
    linktypes.LINUX_SLL2: {0: opcodes.AD_PROTOCOL, 4: opcodes.AD_IFINDEX, 10: opcodes.AD_PKTTYPE},
}
REJECT_ALL = Program([(opcodes.RET | opcodes.K, 0, 0, 0)])


def for_socket(program, cooked=False):
    """The program to attach to a packet socket, or None when the kernel
    cannot run it (a cooked-header field it has no ancillary load for)."""
    header = {linktypes.LINUX_SLL: SLL_HEADER, linktypes.LINUX_SLL2: SLL2_HEADER}.get(
        program.linktype, 0) if cooked else 0
    instructions = []
    for code, jt, jf, k in program.instructions:
        klass = opcodes.bpf_class(code)
        if header and klass in (opcodes.LD, opcodes.LDX) and \
                opcodes.mode(code) in (opcodes.ABS, opcodes.IND, opcodes.MSH) and \
                k < opcodes.SKF_AD_OFF:
            if k >= header:
                k -= header
            elif k in _COOKED_FIELDS[program.linktype]:
                k = opcodes.SKF_AD_OFF + _COOKED_FIELDS[program.linktype][k]
            elif k < 0x80000000:
                return None
        instructions.append((code, jt, jf, k))
    validate(instructions, kernel=True)
    return Program(instructions, program.linktype, program.snaplen)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def attach(sock, program):
    """setsockopt(SO_ATTACH_FILTER) with `program` (as for_socket made it)."""
    data = program.sock_fprog_bytes()
    buffer = ctypes.create_string_buffer(data, len(data))
    fprog = _SockFprog(len(program.instructions), ctypes.addressof(buffer))
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, bytes(fprog))
    except OSError as error:
        raise SocketCallError.from_os_error("setsockopt SO_ATTACH_FILTER", error) from error


def detach(sock):
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_DETACH_FILTER, struct.pack("i", 0))
    except OSError as error:
        raise SocketCallError.from_os_error("setsockopt SO_DETACH_FILTER", error) from error
