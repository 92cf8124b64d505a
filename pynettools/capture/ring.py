"""A PACKET_RX_RING of TPACKET_V3 blocks, mapped with mmap, sized as libpcap 1.10 sizes it.

The kernel fills a block with packets and hands it over (its status becomes
TP_STATUS_USER) when it is full or when the block timeout passes; the reader
walks the block's frames and gives it back (status TP_STATUS_KERNEL).  The
memory is fixed when the ring is made: `buffer_size` bytes (-B, 2 MiB by
default), so a capture never grows however fast packets come.
"""

import mmap
import select
import struct

from pynettools.errors import SocketCallError

SOL_PACKET = 263
PACKET_RX_RING, PACKET_STATISTICS, PACKET_VERSION = 5, 6, 10
TPACKET_V3 = 2
TP_STATUS_KERNEL, TP_STATUS_USER = 0, 1
TP_STATUS_VLAN_VALID, TP_STATUS_VLAN_TPID_VALID = 0x10, 0x40
# libpcap's "frame" for V3: room for one packet of the largest snapshot length.
FRAME_SIZE = 262144
DEFAULT_BUFFER_SIZE = 2 * 1024 * 1024
# struct tpacket_block_desc: version, offset_to_priv, then tpacket_hdr_v1's
# block_status, num_pkts, offset_to_first_pkt.
_BLOCK = struct.Struct("=IIIII")
# struct tpacket3_hdr: next_offset, sec, nsec, snaplen, len, status, mac, net,
# (rxhash skipped) vlan_tci, vlan_tpid.
FRAME = struct.Struct("=IIIIIIHH4xIH")
# struct sockaddr_ll follows the header at TPACKET_ALIGN(sizeof(tpacket3_hdr)).
SOCKADDR_OFFSET = 48
SOCKADDR = struct.Struct("=HHiHBB8s")
_STATUS_OFFSET = 8


def _setsockopt(sock, option, value, call):
    try:
        sock.setsockopt(SOL_PACKET, option, value)
    except OSError as error:
        raise SocketCallError.from_os_error(call, error) from error


class Ring:
    """The ring of `sock` (an AF_PACKET socket not yet bound).  `timeout_ms`
    is the block timeout (tcpdump's 1000 ms; 1 for immediate mode)."""

    def __init__(self, sock, buffer_size=DEFAULT_BUFFER_SIZE, timeout_ms=1000, wake_fd=None):
        _setsockopt(sock, PACKET_VERSION, TPACKET_V3, "setsockopt PACKET_VERSION")
        self.block_size = mmap.PAGESIZE
        while self.block_size < FRAME_SIZE:
            self.block_size <<= 1
        per_block = self.block_size // FRAME_SIZE
        frames = max((buffer_size + FRAME_SIZE - 1) // FRAME_SIZE, per_block)
        self.block_count = frames // per_block
        request = struct.pack("=IIIIIII", self.block_size, self.block_count, FRAME_SIZE,
                              self.block_count * per_block, timeout_ms, 0, 0)
        _setsockopt(sock, PACKET_RX_RING, request, "setsockopt PACKET_RX_RING")
        self.map = mmap.mmap(sock.fileno(), self.block_size * self.block_count,
                             mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
        self._poll = select.poll()
        self._poll.register(sock.fileno(), select.POLLIN | select.POLLERR)
        if wake_fd is not None:  # readable: stop waiting (a signal handler writes it)
            self._poll.register(wake_fd, select.POLLIN)
        self._sock_fd = sock.fileno()
        self.current = 0

    def wait(self, timeout_ms):
        """The offset of the next block the kernel has handed over, or None
        when none comes within `timeout_ms` (None: forever).  Poll's error
        events are returned as the negative event mask."""
        offset = self.current * self.block_size
        if not self.map[offset + _STATUS_OFFSET] & TP_STATUS_USER:
            for fd, mask in self._poll.poll(timeout_ms):
                if fd == self._sock_fd and mask & select.POLLERR:
                    return -mask
            if not self.map[offset + _STATUS_OFFSET] & TP_STATUS_USER:
                return None
        return offset

    def block(self, offset):
        """(number of packets, offset of the first) of the block at `offset`;
        each frame's first field (FRAME) is the distance to the next."""
        _version, _priv, _status, count, first = _BLOCK.unpack_from(self.map, offset)
        return count, offset + first

    def release(self, offset):
        """Give the block back to the kernel and move to the next one."""
        struct.pack_into("=I", self.map, offset + _STATUS_OFFSET, TP_STATUS_KERNEL)
        self.current = (self.current + 1) % self.block_count

    def close(self):
        self._poll = None
        self.map.close()


def statistics(sock):
    """(packets, drops) since the last call, as PACKET_STATISTICS counts them
    (for TPACKET_V3 the kernel counts drops among the packets)."""
    try:
        packets, drops, _freezes = struct.unpack(
            "=III", sock.getsockopt(SOL_PACKET, PACKET_STATISTICS, 12))
    except OSError as error:
        raise SocketCallError.from_os_error("getsockopt PACKET_STATISTICS", error) from error
    return packets, drops
