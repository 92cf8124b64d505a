"""Reading a socket's error queue: the ICMP error a probe provoked.

With IP_RECVERR (IPV6_RECVERR) set, the kernel matches an ICMP error to the
socket whose datagram it quotes and queues it; `recvmsg(MSG_ERRQUEUE)` then
returns the quoted payload plus a `sock_extended_err` control message: errno,
origin, ICMP type and code, info (the MTU for "fragmentation needed"), and
right after it the offender's socket address.  No privileges are needed.
"""

import errno
import _socket as socket  # the C module: `socket` costs ~15 ms of enum set-up
import struct
import time

from pynettools.models import record
from pynettools.probe import Reply
from pynettools.probe.family import classify, scoped
from pynettools.probe.packets import ORIGINAL_LENGTH, parse_mpls

LocalError = record("LocalError", "errno mtu")
LocalError.__doc__ = """An error of the local stack (e.g. EMSGSIZE, with the MTU that applies)."""

MSG_ERRQUEUE = 0x2000
SO_TIMESTAMP = 29
EXTENDED_ERROR = struct.Struct("=IBBBBII")  # errno origin type code pad info data
ORIGIN_LOCAL = 1
CONTROL_SPACE = 512
PAYLOAD_SPACE = 2048


def enable(sock, family):
    """Ask for errors, arrival TTLs and arrival times on `sock`."""
    sock.setsockopt(family.level, family.recverr_option, 1)
    sock.setsockopt(family.level, family.recvttl_option, 1)
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMP, 1)


def read_error(sock, family, now):
    """The next queued error as a Reply or LocalError; None if there is none to use."""
    try:
        payload, controls, _flags, _address = sock.recvmsg(PAYLOAD_SPACE, CONTROL_SPACE,
                                                           MSG_ERRQUEUE)
    except BlockingIOError:
        return None
    return parse_error(family, payload, controls, now)


def parse_error(family, payload, controls, now):
    """A Reply or LocalError from recvmsg's results, or None."""
    received_at, ttl = received_time(controls, family, now)
    error = next((data for level, kind, data in controls
                  if level == family.level and kind == family.recverr_option), None)
    if error is None or len(error) < EXTENDED_ERROR.size:
        return None
    code_errno, origin, icmp_type, icmp_code, _pad, info, _data = EXTENDED_ERROR.unpack_from(error)
    if origin == ORIGIN_LOCAL:
        return LocalError(code_errno or errno.EIO, info)
    if origin != family.icmp_origin:
        return None
    address = offender(family, error[EXTENDED_ERROR.size:])
    if address is None:
        return None
    annotation, final = classify(family, icmp_type, icmp_code, info)
    return Reply(address, received_at, icmp_type, icmp_code, annotation, final,
                 info or None if annotation.startswith("!F") else None, ttl,
                 _mpls(family, payload))


def _mpls(family, payload):
    """MPLS labels from the extension structure after the quoted probe, or None.

    The queue holds what the error quoted after the probe's 8-byte transport
    header; an RFC 4884 error pads the quoted datagram to 128 bytes, so its
    extension structure (version 2) starts 128 - IP header - 8 bytes in.
    """
    start = ORIGINAL_LENGTH - family.header_length - 8
    if len(payload) < start + 8 or payload[start] >> 4 != 2:
        return None
    return tuple(parse_mpls(payload[start:])) or None


def received_time(controls, family, now=None):
    """(arrival time, arrival TTL or None) from SO_TIMESTAMP and IP_TTL control messages."""
    received_at, ttl = time.time() if now is None else now, None
    for level, kind, data in controls:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMP and len(data) >= 16:
            seconds, micros = struct.unpack("=qq", data[:16])
            received_at = seconds + micros / 1e6
        elif level == family.level and kind == family.ttl_message and len(data) >= 4:
            ttl = struct.unpack("=i", data[:4])[0]
    return received_at, ttl


def offender(family, data):
    """The address in a sockaddr_in / sockaddr_in6 (with its scope), or None if there is none."""
    if len(data) < 8:
        return None
    af = struct.unpack_from("=H", data)[0]
    if af == socket.AF_INET and len(data) >= 8:
        return socket.inet_ntop(socket.AF_INET, data[4:8])
    if af == socket.AF_INET6 and len(data) >= 24:
        scope_id = struct.unpack_from("=I", data, 24)[0] if len(data) >= 28 else 0
        return scoped(socket.inet_ntop(socket.AF_INET6, data[8:24]), scope_id)
    return None

