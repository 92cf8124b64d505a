"""Which local process sent or receives a captured packet: its owners.  Never prints.

    flow = owners.flow_of(packet)            # None: not TCP or UDP
    table = owners.read_table()              # sock_diag dumps and the fd scan
    ends = table.ends(flow)                  # Ends(sender, receiver)

A packet's flow is its transport 4-tuple; the sockets of this network
namespace (sock_diag, as ss reads them) say which socket sends it (its
local end is the packet's source) and which receives it (its local end is
the destination), and netstat -p's scan of /proc/<pid>/fd
(`pynettools.sockets.owners`) which process holds each socket.  On
loopback both ends are local, so a packet has a sender and a receiver.

A wrong owner is worse than none, so a socket matches only where the
kernel would deliver to it or send from it:
- a connected socket (TCP, connected UDP) by its exact 4-tuple;
- an unconnected UDP socket by its local address and port, or by a
  wildcard address (0.0.0.0, ::) when the packet's address is one of this
  namespace's own; the kernel prefers a specific address to a wildcard and
  an IPv4 socket to an IPv6 one, and so does this; an IPv6 wildcard socket
  takes IPv4 packets unless it is IPV6_V6ONLY (sock_diag says which);
- a TCP listener only for the handshake it answers: the SYN it receives
  (no ACK) and the SYN-ACK sent for it; every other segment needs its
  connected socket, which a closed or not yet accepted connection (inode
  0 in the dump) does not have;
- several sockets at one place (SO_REUSEPORT) of different processes:
  no owner.
Addresses are kept as 16 bytes, IPv4 ones v4-mapped (::ffff:a.b.c.d), so
an IPv6 socket talking to an IPv4 peer matches that peer's packets.
What is not known is None: the caller shows it as unknown.
"""

import socket
import struct

from pynettools.capture import linktypes
from pynettools.decode import ipv6, link
from pynettools.models import record
from pynettools.sockets import owners as fd_owners
from pynettools.sockets import sockdiag

TCP, UDP = sockdiag.TCP, sockdiag.UDP
DATA, SYN, SYN_ACK = 0, 1, 2  # a flow's handshake: which TCP handshake packet it is
MAPPED = bytes(10) + b"\xff\xff"  # the prefix of a v4-mapped IPv6 address
ANY4, ANY6 = MAPPED + bytes(4), bytes(16)  # 0.0.0.0 and ::, as 16 bytes
LOOPBACK6 = bytes(15) + b"\x01"
_TCP_SYN, _TCP_ACK = 0x02, 0x10
_FLOW = struct.Struct("!BB16sH16sH")

Flow = record("Flow", "protocol handshake source source_port destination destination_port")
Flow.__doc__ = """A packet's transport flow, as the owner lookup keys it.

protocol: TCP or UDP; handshake: SYN (SYN without ACK), SYN_ACK or DATA
(every other segment, and UDP); source, destination: 16 bytes (IPv4
v4-mapped); source_port, destination_port: int.
"""

Ends = record("Ends", "sender receiver")
Ends.__doc__ = """The local processes at a packet's two ends: each a
`pynettools.sockets.records.SocketOwner` (pid, program) or None when no
local socket is known to be there."""

NO_ENDS = Ends(None, None)


def flow_bytes(flow):
    """The flow as a fixed 38-byte record (what the owner helper's channel carries)."""
    return _FLOW.pack(*flow)


def flow_from_bytes(data, offset=0):
    return Flow._make(_FLOW.unpack_from(data, offset))


FLOW_SIZE = _FLOW.size


def flow_of(packet):
    """The Flow of a TCP or UDP packet (a first fragment, ports captured), else None."""
    data = packet.data
    ethertype, offset = _network_start(data, packet.linktype)
    end = len(data)
    if ethertype == 0x0800 and offset + 20 <= end:
        header_length = (data[offset] & 0x0F) * 4
        if (data[offset + 6] & 0x1F) | data[offset + 7]:  # a later fragment: no ports
            return None
        protocol, start = data[offset + 9], offset + header_length
        source = MAPPED + data[offset + 12:offset + 16]
        destination = MAPPED + data[offset + 16:offset + 20]
    elif ethertype == 0x86DD and offset + 40 <= end:
        _headers, protocol, start = ipv6.extension_headers(data, offset, end)
        source, destination = data[offset + 8:offset + 24], data[offset + 24:offset + 40]
    else:
        return None
    if protocol not in (TCP, UDP) or start is None or start + 4 > end:
        return None
    handshake = DATA
    if protocol == TCP:
        if start + 14 > end:
            return None
        flags = data[start + 13]
        if flags & _TCP_SYN:
            handshake = SYN_ACK if flags & _TCP_ACK else SYN
    return Flow(protocol, handshake, source, data[start] << 8 | data[start + 1],
                destination, data[start + 2] << 8 | data[start + 3])


def _network_start(data, linktype):
    """(ethertype, offset) of the network header after the link-layer one."""
    if linktype == linktypes.ETHERNET:
        offset = 12
        ethertype = data[12] << 8 | data[13] if len(data) >= 14 else None
        while ethertype in link.VLAN_TYPES and len(data) >= offset + 6:
            offset += 4
            ethertype = data[offset] << 8 | data[offset + 1]
        return ethertype, offset + 2
    if linktype in (linktypes.LINUX_SLL, linktypes.LINUX_SLL2):
        version2 = linktype == linktypes.LINUX_SLL2
        if len(data) < (20 if version2 else 16):
            return None, 0
        return link.cooked_fields(data, version2)[0], 20 if version2 else 16
    if linktype in (linktypes.RAW, linktypes.IPV4, linktypes.IPV6) and data:
        return {4: 0x0800, 6: 0x86DD}.get(data[0] >> 4), 0
    return None, 0


def address16(raw, family):
    """A sock_diag raw address (16 bytes, IPv4 in the first 4) as 16 bytes, v4-mapped."""
    return MAPPED + raw[:4] if family == sockdiag.INET else raw


def is_loopback(address):
    return address == LOOPBACK6 or address.startswith(MAPPED + b"\x7f")


class SocketTable:
    """The sockets of one moment: `connected` {(protocol, local, local port,
    remote, remote port): inode}, `bound` {(protocol, local, local port):
    [inode, ...]} (unconnected UDP sockets and TCP listeners), `local`, the
    namespace's own addresses (16 bytes each), `owners` {inode: SocketOwner}
    from the fd scan, and `v6_only`, the inodes of bound IPv6 sockets that
    take no IPv4."""

    def __init__(self, connected, bound, local, owners, v6_only=frozenset()):
        self.connected = connected
        self.bound = bound
        self.local = local
        self.owners = owners
        self.v6_only = v6_only

    def ends(self, flow):
        """Ends(sender, receiver) of `flow`, each None where not known."""
        protocol, handshake = flow.protocol, flow.handshake
        fallback = protocol == UDP
        return Ends(
            self._owner(protocol, flow.source, flow.source_port, flow.destination,
                        flow.destination_port, fallback or handshake == SYN_ACK),
            self._owner(protocol, flow.destination, flow.destination_port, flow.source,
                        flow.source_port, fallback or handshake == SYN))

    def inodes(self, flow):
        """Every inode `ends` may name for `flow` (what the fd scan must know)."""
        found = []
        for local, port, remote, remote_port in (
                (flow.source, flow.source_port, flow.destination, flow.destination_port),
                (flow.destination, flow.destination_port, flow.source, flow.source_port)):
            found.append(self.connected.get((flow.protocol, local, port, remote, remote_port)))
            for place in self._places(flow.protocol, local, port):
                found.extend(self.bound.get(place, ()))
        return [inode for inode in found if inode]

    def _owner(self, protocol, local, port, remote, remote_port, unconnected):
        inode = self.connected.get((protocol, local, port, remote, remote_port))
        if inode:
            return self.owners.get(inode)
        if not unconnected:
            return None
        for place in self._places(protocol, local, port):
            inodes = self.bound.get(place)
            if inodes and place[1] == ANY6 and local.startswith(MAPPED):
                inodes = [inode for inode in inodes if inode not in self.v6_only]
            if inodes:  # the kernel's first choice: the owner if all are one process's
                found = {self.owners.get(inode) for inode in inodes}
                return found.pop() if len(found) == 1 else None
        return None

    def _places(self, protocol, local, port):
        """The bound places the kernel tries for a local end, best first."""
        if local in self.local or is_loopback(local):
            wildcards = (ANY4, ANY6) if local.startswith(MAPPED) else (ANY6,)
        else:  # not this namespace's address: a wildcard socket is not there
            wildcards = ()
        return [(protocol, local, port)] + [(protocol, wildcard, port) for wildcard in wildcards]


def read_sockets():
    """(connected, bound, v6_only) from sock_diag dumps of TCP (both families)
    and UDP, and of the IPv6 ones that are IPV6_V6ONLY.

    A socket with inode 0 (TIME_WAIT, SYN_RECV, accepted by the kernel but not
    yet by the program) is held by no process: left out, its flow has no owner
    (but a SYN or SYN-ACK of its 4-tuple, the listener's).
    """
    connected, bound = {}, {}
    for protocol, family in ((TCP, sockdiag.ANY), (UDP, sockdiag.INET), (UDP, sockdiag.INET6)):
        unconnected = sockdiag.TCP_LISTEN if protocol == TCP else sockdiag.UDP_UNCONNECTED
        for batch in sockdiag.batches(family, protocol):
            for kind, state, local, local_port, remote, remote_port, inode in zip(
                    batch.family, batch.state, batch.local_address, batch.local_port,
                    batch.remote_address, batch.remote_port, batch.inode):
                if not inode:
                    continue
                local = address16(local, kind)
                if state == unconnected and not remote_port:
                    bound.setdefault((protocol, local, local_port), []).append(inode)
                else:
                    connected[protocol, local, local_port, address16(remote, kind),
                              remote_port] = inode
    v6_only = sockdiag.v6_only_inodes(TCP) | sockdiag.v6_only_inodes(UDP)
    return connected, bound, v6_only


def local_addresses():
    """This namespace's own addresses, 16 bytes each: the configured IPv4 ones
    (SIOCGIFCONF) and /proc/net/if_inet6's."""
    from pynettools.netinfo import interfaces

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        found = {MAPPED + address for _, address in interfaces.configured_addresses(probe)}
    for addresses in interfaces.read_inet6().values():
        found.update(socket.inet_pton(socket.AF_INET6, entry.address) for entry in addresses)
    return frozenset(found)


def read_table(previous=None, flows=()):
    """A SocketTable of now.  The fd scan, the costly part, runs only when
    one of the inodes `flows` may need is not in `previous`'s owners (a
    socket's inode is unique while it lives); SocketCallError when sock_diag
    cannot be read."""
    connected, bound, v6_only = read_sockets()
    table = SocketTable(connected, bound, local_addresses(),
                        previous.owners if previous is not None else None, v6_only)
    if table.owners is None or any(inode not in table.owners
                                   for flow in flows for inode in table.inodes(flow)):
        table.owners = fd_owners.scan().by_inode
    return table
