"""The Linux cooked headers libpcap puts before packets of a SOCK_DGRAM
capture (-i any): LINUX_SLL (16 bytes) and LINUX_SLL2 (20 bytes), built from
the socket address the kernel gives each packet (sockaddr_ll)."""

import struct

from pynettools.capture import linktypes

_SLL = struct.Struct(">HHH8sH")     # packet type, ARPHRD type, address length, address, protocol
_SLL2 = struct.Struct(">HHIHBB8s")  # protocol, reserved, ifindex, ARPHRD type, packet type, ...
LENGTHS = {linktypes.LINUX_SLL: _SLL.size, linktypes.LINUX_SLL2: _SLL2.size}


def header(linktype, protocol, ifindex, hatype, pkttype, halen, address):
    """The cooked header of `linktype` for a packet with these sockaddr_ll
    fields (`protocol` in host order, `address` the 8 bytes of sll_addr)."""
    # The kernel writes only sll_halen bytes of sll_addr: the rest is stale ring memory.
    address = address[:halen].ljust(8, b"\0")
    if linktype == linktypes.LINUX_SLL:
        return _SLL.pack(pkttype, hatype, halen, address, protocol)
    return _SLL2.pack(protocol, 0, ifindex, hatype, pkttype, halen, address)
