"""Live capture on Linux as libpcap 1.10 does it: an AF_PACKET socket whose
packets come through a TPACKET_V3 ring (`ring.Ring`).  Never prints.

`LiveCapture(device, ...)` opens the device (an interface name or "any"),
`set_filter(program)` puts a compiled filter in the kernel, `packets()`
yields `Packet` records as they are captured, `statistics()` gives what
tcpdump reports at the end and `close()` lets go of everything (the
promiscuous membership ends with the socket).

What libpcap does and this does too:
- the socket receives nothing until it is bound, and a reject-all program
  is attached before that, so no packet passes unfiltered; a filter changed
  later also runs in user space over the blocks already in the ring;
- `-i any` is a SOCK_DGRAM socket, each packet getting a LINUX_SLL2 (or
  LINUX_SLL) header built from its socket address (`cooked.py`);
- an outgoing packet on the loopback device is skipped (it comes again as
  incoming), and -Q in/out selects by packet type, in user space;
- a VLAN tag the kernel took into metadata is put back in Ethernet frames.
"""

import errno
import fcntl
import os
import socket
import struct

from pynettools.bpf import kernel
from pynettools.capture import cooked, linktypes, ring
from pynettools.capture.packet import Packet
from pynettools.errors import CaptureDeviceError, PrivilegeError, SocketCallError

ETH_P_ALL = 0x0003
PACKET_ADD_MEMBERSHIP, PACKET_MR_PROMISC = 1, 1
PACKET_OUTGOING = 4
SIOCGIFHWADDR = 0x8927
ARPHRD_ETHER, ARPHRD_LOOPBACK, ARPHRD_NONE = 1, 772, 0xFFFE
DEFAULT_SNAPLEN = linktypes.DEFAULT_MAX_SNAPLEN
IN, OUT, INOUT = "in", "out", "inout"
# The pseudo-devices tcpdump lists (devices.py) that this build does not capture on.
PSEUDO_DEVICES = ("bluetooth-monitor", "nflog", "nfqueue", "dbus-system", "dbus-session")
# Where libpcap puts back the tag the kernel took: after the Ethernet addresses, or
# before the protocol of a cooked v1 header; cooked v2 has no place for one.
_VLAN_OFFSETS = {linktypes.ETHERNET: 12, linktypes.LINUX_SLL: 14}
SYS_CLASS_NET = "/sys/class/net"


class LiveCapture:
    """Capture on `device`.  `snaplen` bytes at most of each packet;
    `promiscuous` (not on "any", as libpcap); `buffer_size` the ring's bytes
    (-B); `immediate`: blocks are handed over after 1 ms instead of tcpdump's
    1000 ms; `direction` IN, OUT or INOUT (-Q); `cooked_linktype` the header
    of "any" (LINUX_SLL2 as tcpdump 4.99 picks, or LINUX_SLL)."""

    def __init__(self, device, snaplen=DEFAULT_SNAPLEN, promiscuous=True,
                 buffer_size=ring.DEFAULT_BUFFER_SIZE, immediate=False, direction=INOUT,
                 cooked_linktype=linktypes.LINUX_SLL2):
        if device in PSEUDO_DEVICES:
            raise CaptureDeviceError(device, "pseudo")
        self.device = device
        self.snaplen = snaplen if 0 < snaplen <= DEFAULT_SNAPLEN else DEFAULT_SNAPLEN
        self.direction = direction
        self._received = self._dropped = 0
        self._userland, self._userland_blocks, self._attached = None, 0, False
        self._stopping = self.cooked = self._always_userland = self._went_down = False
        # "any" is never bound: its socket receives from the start, the
        # reject-all then the drain keep what came before out.  The socket
        # comes first, as in libpcap: no privilege is said before no device.
        try:
            self.sock = _open(socket.SOCK_DGRAM if device == "any" else socket.SOCK_RAW,
                              socket.htons(ETH_P_ALL) if device == "any" else 0)
        except PrivilegeError as error:
            raise CaptureDeviceError(device, "permission", error.errno) from error
        self._wake_read, self._wake_write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            self.ifindex = 0 if device == "any" else _index(device)
            self.linktype = self._link_type(cooked_linktype)
            kernel.attach(self.sock, kernel.REJECT_ALL)
            self._drain()
            self.ring = ring.Ring(self.sock, buffer_size, 1 if immediate else 1000,
                                  self._wake_read)
            if self.ifindex:
                self._bind()
            if promiscuous and self.ifindex:
                _add_membership(self.sock, self.ifindex)
            # libpcap counts the interface's drops in promiscuous mode only
            self._if_drops_counted = promiscuous and bool(self.ifindex)
            self._if_drops_base = _interface_drops(device) if self._if_drops_counted else 0
        except BaseException:
            self.sock.close()
            os.close(self._wake_read)
            os.close(self._wake_write)
            raise
        self.lo_ifindex = _lo_index()

    def _link_type(self, cooked_linktype):
        """The link type for the device, reopening the socket cooked where
        libpcap captures cooked (-i any, and devices with headers it does not know)."""
        if not self.ifindex:
            self.cooked = True
            return cooked_linktype
        hatype = _hardware_type(self.sock, self.device)
        if hatype in (ARPHRD_ETHER, ARPHRD_LOOPBACK):
            return linktypes.ETHERNET
        if hatype == ARPHRD_NONE:
            return linktypes.RAW
        self.sock.close()
        self.sock = _open(socket.SOCK_DGRAM, 0)
        self.cooked = True
        return linktypes.LINUX_SLL

    def _bind(self):
        try:
            self.sock.bind((self.device, ETH_P_ALL))
        except OSError as error:
            raise _device_error(self.device, error) from error
        # A down interface is not refused by bind: the socket's error says it.
        pending = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if pending == errno.ENETDOWN:
            raise CaptureDeviceError(self.device, "down", pending)

    def set_filter(self, program):
        """Filter with `program` (compiled for this capture's link type): in
        the kernel when it can run it there, else in user space."""
        adapted = kernel.for_socket(program, cooked=self.cooked)
        kernel.attach(self.sock, kernel.REJECT_ALL)
        self._drain()
        if self._attached:
            # Blocks filled before the reject-all may hold packets the new filter refuses.
            self._userland_blocks = self.ring.block_count + 1
        self._userland = program if adapted is None or self._attached else None
        self._always_userland = adapted is None
        if adapted is not None:
            kernel.attach(self.sock, adapted)
        else:  # every packet comes up, as libpcap without a kernel filter
            kernel.detach(self.sock)
        self._attached = True

    def _drain(self):
        """Read what waits on the socket's own queue (not the ring), as libpcap does."""
        for _ in range(1000):
            try:
                self.sock.recv(1, socket.MSG_DONTWAIT)
            except BlockingIOError:
                return
            except OSError as error:
                raise SocketCallError.from_os_error("recv", error) from error

    def packets(self):
        """Yield each `Packet` captured, until stop() or the consumer stops
        (or the device goes away: CaptureDeviceError "gone", errno ENODEV).

        One loop over blocks and their frames, the common case inline: the
        calls per packet are what limits the rate."""
        wait, release, block, mm = self.ring.wait, self.ring.release, self.ring.block, \
            self.ring.map
        unpack, vlan_valid, snaplen, linktype = ring.FRAME.unpack_from, \
            ring.TP_STATUS_VLAN_VALID, self.snaplen, self.linktype
        while not self._stopping:
            # Once down, the socket hears nothing of its removal: look each second.
            offset = wait(1000 if self._went_down else None)
            if offset is None or offset < 0:
                self._check_device(offset is not None)
                continue
            if self._stopping:
                break
            count, frame = block(offset)
            plain = self._plain()
            for _ in range(count):
                following, seconds, nanoseconds, captured, wire, status, mac, _net, tci, \
                    tpid = unpack(mm, frame)
                start = frame + mac
                if plain and not status & vlan_valid:
                    yield Packet(seconds * 1_000_000_000 + nanoseconds, wire, mm[
                        start:start + (captured if captured < snaplen else snaplen)], linktype)
                else:
                    packet = self._slow_packet(frame, seconds * 1_000_000_000 + nanoseconds,
                                               mm[start:start + captured], wire, status, tci,
                                               tpid)
                    if packet is not None:
                        yield packet
                frame += following
            release(offset)
            self._count_userland_block()

    def _check_device(self, polled_error):
        """After poll's POLLERR (`polled_error`) or a wait that timed out: an
        interface that went down is waited for, as libpcap 1.10 waits; one
        that no longer exists ends the capture."""
        pending = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) if polled_error \
            else 0  # reading it clears it
        self._went_down = self._went_down or pending == errno.ENETDOWN
        if self.ifindex:
            try:
                socket.if_indextoname(self.ifindex)
            except OSError:
                raise CaptureDeviceError(self.device, "gone", errno.ENODEV) from None
        if pending not in (0, errno.ENETDOWN):
            raise CaptureDeviceError(self.device, "gone", pending)

    def _plain(self):
        """True when packets need nothing but their bytes (no cooked header,
        direction, loopback or user-space filter)."""
        return not self.cooked and self.direction == INOUT and self._userland is None and \
            self.ifindex != self.lo_ifindex

    def _count_userland_block(self):
        if self._userland_blocks:
            self._userland_blocks -= 1
            if not self._userland_blocks and not self._always_userland:
                self._userland = None

    def stop(self):
        """End packets() at the next block (callable from a signal handler)."""
        self._stopping = True
        try:
            os.write(self._wake_write, b"x")
        except BlockingIOError:
            pass

    def _slow_packet(self, frame, timestamp, data, wire, status, tci, tpid):
        """The packet as libpcap delivers it (None when it is skipped): direction,
        cooked header, VLAN tag, user-space filter."""
        _family, protocol, ifindex, hatype, pkttype, halen, address = \
            ring.SOCKADDR.unpack_from(self.ring.map, frame + ring.SOCKADDR_OFFSET)
        if not self._wanted(pkttype, ifindex):
            return None
        if self.cooked:
            prefix = cooked.header(self.linktype, socket.ntohs(protocol), ifindex, hatype,
                                   pkttype, halen, address)
            data, wire = prefix + data, wire + len(prefix)
        at = _VLAN_OFFSETS.get(self.linktype)
        if status & ring.TP_STATUS_VLAN_VALID and at is not None and len(data) >= at:
            tpid = tpid if status & ring.TP_STATUS_VLAN_TPID_VALID else 0x8100
            data = data[:at] + struct.pack(">HH", tpid, tci) + data[at:]
            wire += 4
        data = data[:self.snaplen]
        if self._userland is not None and not self._userland.run(data, wire, {
                "pkttype": pkttype, "ifindex": ifindex, "protocol": socket.ntohs(protocol),
                "hatype": hatype, "vlan_present": int(bool(status & ring.TP_STATUS_VLAN_VALID)),
                "vlan_tci": tci, "vlan_tpid": tpid}):
            return None
        return Packet(timestamp, wire, data, self.linktype)

    def _wanted(self, pkttype, ifindex):
        if pkttype == PACKET_OUTGOING:
            return ifindex != self.lo_ifindex and self.direction != IN
        return self.direction != OUT

    def statistics(self):
        """(packets received by filter, dropped by kernel, dropped by interface)
        since the capture opened, as libpcap adds PACKET_STATISTICS up and
        reads the interface's receive drops in /proc/net/dev."""
        received, dropped = ring.statistics(self.sock)
        self._received += received
        self._dropped += dropped
        interface = _interface_drops(self.device) - self._if_drops_base \
            if self._if_drops_counted else 0
        return self._received, self._dropped, max(interface, 0) & 0xFFFFFFFF

    def fileno(self):
        return self.sock.fileno()

    def close(self):
        self.ring.close()
        self.sock.close()
        os.close(self._wake_read)
        os.close(self._wake_write)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def _interface_drops(device):
    """The drops the device itself counts (missed and FIFO overruns), as libpcap
    1.10 reads them; not /proc/net/dev's drop column, which also counts what the
    stack drops in software (a VLAN tag no device takes, say)."""
    total = 0
    for counter in ("rx_missed_errors", "rx_fifo_errors"):
        try:
            with open("%s/%s/statistics/%s" % (SYS_CLASS_NET, device, counter), "rb") as value:
                total += int(value.read())
        except (OSError, ValueError):
            pass  # libpcap counts an unreadable counter as 0
    return total


def _open(kind, protocol):
    try:
        # Protocol 0: nothing arrives before bind names ETH_P_ALL.
        return socket.socket(socket.AF_PACKET, kind, protocol)
    except OSError as error:
        raise SocketCallError.from_os_error("socket", error) from error


def _index(device):
    try:
        return socket.if_nametoindex(device)
    except OSError as error:
        raise CaptureDeviceError(device, "missing", errno.ENODEV) from error


def _lo_index():
    try:
        return socket.if_nametoindex("lo")
    except OSError:
        return -1


def _device_error(device, error):
    if error.errno in (errno.ENODEV, errno.ENXIO):
        return CaptureDeviceError(device, "missing", error.errno)
    if error.errno == errno.ENETDOWN:
        return CaptureDeviceError(device, "down", error.errno)
    return SocketCallError.from_os_error("bind", error)


def _hardware_type(sock, device):
    """The interface's ARPHRD_ type (SIOCGIFHWADDR's address family)."""
    request = struct.pack("16s16x", device.encode())
    try:
        answer = fcntl.ioctl(sock.fileno(), SIOCGIFHWADDR, request)
    except OSError as error:
        raise _device_error(device, error) from error
    return struct.unpack_from("=H", answer, 16)[0]


def _add_membership(sock, ifindex):
    request = struct.pack("=iHH8s", ifindex, PACKET_MR_PROMISC, 0, b"")
    try:
        sock.setsockopt(ring.SOL_PACKET, PACKET_ADD_MEMBERSHIP, request)
    except OSError as error:
        raise SocketCallError.from_os_error("setsockopt PACKET_ADD_MEMBERSHIP", error) from error
