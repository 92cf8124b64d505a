"""The kernel's socket tables in /proc/net, read the way netstat reads them.

Each table is one line per socket in the kernel's own order (the order
netstat keeps), after a header line.  Addresses are hexadecimal 32-bit
words in the machine's byte order; ports, queues and timers hexadecimal;
uid, timeout and inode decimal.  A line that does not parse is counted as
bogus (netstat warns about it) and skipped.
"""

import socket
import sys

from pynettools.models import InternetSocket, SocketTimer, UnixSocket

TCP_STATES = ("", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
              "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING")
UDP_ESTABLISHED, UDP_CLOSE = 1, 7
UNIX_TYPES = {1: "STREAM", 2: "DGRAM", 3: "RAW", 4: "RDM", 5: "SEQPACKET"}
UNIX_STATES = ("FREE", "", "CONNECTING", "CONNECTED", "DISCONNECTING")
ACCEPTING, WAITING_DATA, NO_SPACE = 1 << 16, 1 << 17, 1 << 18
UNCONNECTED = 1
_LITTLE_ENDIAN = sys.byteorder == "little"


def read_table(path):
    """The lines of a /proc table after its header, as bytes.

    OSError propagates: the caller decides what a missing table means.
    """
    with open(path, "rb") as table:
        data = table.read()
    return data.split(b"\n")[1:]


def _ipv4_text(word):
    value = int(word, 16)
    if _LITTLE_ENDIAN:
        value = int.from_bytes(value.to_bytes(4, "little"), "big")
    return "%d.%d.%d.%d" % (value >> 24, value >> 16 & 255, value >> 8 & 255, value & 255)


def _ipv6_text(words):
    raw = bytes.fromhex(words.decode())
    if _LITTLE_ENDIAN:
        raw = b"".join(raw[start:start + 4][::-1] for start in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, raw)


def address_text(hex_address, cache):
    """Numeric text of a /proc address: 8 hex digits IPv4, 32 IPv6."""
    text = cache.get(hex_address)
    if text is None:
        text = _ipv6_text(hex_address) if len(hex_address) > 8 else _ipv4_text(hex_address)
        cache[hex_address] = text
    return text


def is_unspecified(address):
    return address in ("0.0.0.0", "::")


def internet_sockets(lines, protocol, family, shown):
    """InternetSocket records of one table, and the number of bogus lines.

    `protocol` is the name netstat prints ("tcp", "udp6", "udpl", "raw6");
    `shown(remote_address, remote_port)` keeps the sockets netstat would
    list for -a/-l (see `listing_filter`).
    """
    kind = protocol.rstrip("6")
    state_of = _STATE_TEXT[kind]
    cache = {}
    found, bogus = [], 0
    for line in lines:
        fields = line.split()
        if len(fields) < 10 or not fields[0].endswith(b":"):
            if line.strip():
                bogus += 1
            continue
        try:
            local, local_port = fields[1].rsplit(b":", 1)
            remote, remote_port = fields[2].rsplit(b":", 1)
            remote_address = address_text(remote, cache)
            remote_port = int(remote_port, 16)
            if not shown(kind, remote_address, remote_port):
                continue
            send_queue, recv_queue = fields[4].split(b":")
            timer_code, clock_ticks = fields[5].split(b":")
            found.append(InternetSocket(
                protocol, family, int(recv_queue, 16), int(send_queue, 16),
                address_text(local, cache), int(local_port, 16), remote_address, remote_port,
                state_of(int(fields[3], 16)), int(fields[7]), int(fields[9]),
                SocketTimer(int(timer_code, 16), int(clock_ticks, 16),
                            0 if kind in _NO_RETRANSMITS else int(fields[6], 16),
                            int(fields[8])),
                None))
        except ValueError:
            bogus += 1
    return found, bogus


def _tcp_state(code):
    return TCP_STATES[code] if code < len(TCP_STATES) else ""


def _udp_state(code):
    return "ESTABLISHED" if code == UDP_ESTABLISHED else "" if code == UDP_CLOSE else "UNKNOWN"


_NO_RETRANSMITS = ("udp", "udpl")  # netstat shows 0 for UDP whatever the table says
_STATE_TEXT = {"tcp": _tcp_state, "udp": _udp_state, "udpl": _udp_state, "raw": str}


def listing_filter(all_sockets, listening):
    """netstat's test for -a / -l / neither, on a socket's remote end.

    TCP looks at the remote port, UDP and raw at the remote address:
    without -a, -l keeps the unconnected ones and no flag the others.
    """
    if all_sockets:
        return lambda kind, address, port: True

    def shown(kind, address, port):
        connected = bool(port) if kind == "tcp" else not is_unspecified(address)
        return connected != bool(listening)

    return shown


def unix_sockets(lines, all_sockets, listening):
    """UnixSocket records netstat would list for -a / -l, and the bogus count."""
    found, bogus = [], 0
    for line in lines:
        fields = line.split(None, 7)
        if len(fields) < 6 or not fields[0].endswith(b":"):
            if line.strip():
                bogus += 1
            continue
        try:
            refcount, protocol, flags, kind, state = (int(field, 16) for field in fields[1:6])
            inode = int(fields[6]) if len(fields) > 6 else 0
        except ValueError:
            bogus += 1
            continue
        listener = state == UNCONNECTED and flags & ACCEPTING
        if not all_sockets and bool(listener) != bool(listening):
            continue
        path = fields[7].decode("utf-8", "surrogateescape") if len(fields) > 7 else ""
        found.append(UnixSocket(
            "unix" if protocol == 0 else "??", refcount, _unix_flags(flags),
            UNIX_TYPES.get(kind, "UNKNOWN"), _unix_state(state, flags), inode,
            path.rstrip("\r\t\v\f "), None))
    return found, bogus


def _unix_flags(flags):
    return tuple(name for bit, name in ((ACCEPTING, "ACC"), (WAITING_DATA, "W"),
                                        (NO_SPACE, "N")) if flags & bit)


def _unix_state(state, flags):
    if state == UNCONNECTED and flags & ACCEPTING:
        return "LISTENING"
    return UNIX_STATES[state] if state < len(UNIX_STATES) else "UNKNOWN"
