"""The kernel's socket tables in /proc/net, read the way netstat reads them.

Each table is one line per socket in the kernel's own order (the order
netstat keeps), after a header line.  Addresses are hexadecimal 32-bit
words in the machine's byte order; ports, queues and timers hexadecimal;
uid, timeout and inode decimal.  A line that does not parse is counted as
bogus (netstat warns about it) and skipped.
"""

import struct
import sys

from pynettools.sockets.records import InternetSocket, SocketTimer, UnixSocket

TCP_STATES = ("", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
              "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING")
UDP_ESTABLISHED, UDP_CLOSE = 1, 7
UNIX_TYPES = {1: "STREAM", 2: "DGRAM", 3: "RAW", 4: "RDM", 5: "SEQPACKET"}
UNIX_STATES = ("FREE", "", "CONNECTING", "CONNECTED", "DISCONNECTING")
ACCEPTING, WAITING_DATA, NO_SPACE = 1 << 16, 1 << 17, 1 << 18
UNCONNECTED = 1
_LITTLE_ENDIAN = sys.byteorder == "little"
_NO_RETRANSMITS = ("udp", "udpl")  # netstat shows 0 for UDP whatever the table says
_UDP_STATES = {UDP_ESTABLISHED: "ESTABLISHED", UDP_CLOSE: ""}
_STATE_TEXTS = {"tcp": dict(enumerate(TCP_STATES)), "udp": _UDP_STATES, "udpl": _UDP_STATES,
                "raw": {}}


def read_table(path):
    """The lines of a /proc table after its header, as bytes.

    OSError propagates: the caller decides what a missing table means.
    """
    with open(path, "rb") as table:
        data = table.read()
    lines = data.split(b"\n")[1:]
    if lines and not lines[-1]:
        lines.pop()  # what follows the last newline; any other empty line is bogus
    return lines


def _ipv4_text(value):
    """Dotted text of the 32-bit word /proc printed (host byte order)."""
    if _LITTLE_ENDIAN:
        return "%d.%d.%d.%d" % (value & 255, value >> 8 & 255, value >> 16 & 255, value >> 24)
    return "%d.%d.%d.%d" % (value >> 24, value >> 16 & 255, value >> 8 & 255, value & 255)


def _ipv6_text(printed):
    """Text of the 16 bytes /proc printed as four host-order words."""
    if _LITTLE_ENDIAN:
        printed = b"".join(printed[start:start + 4][::-1] for start in range(0, 16, 4))
    return ipv6_text(printed)


def ipv6_text(raw):
    """glibc's inet_ntop for 16 bytes, without importing socket (about 15 ms).

    The first longest run of two or more zero groups becomes `::`; an
    address that is zero but for its last 32 bits, or in ::ffff:0:0/96,
    ends in dotted IPv4.
    """
    groups = [raw[index] << 8 | raw[index + 1] for index in range(0, 16, 2)]
    best_start, best_length, start = -1, 0, None
    for index, group in enumerate(groups + [1]):
        if group == 0 and start is None:
            start = index
        elif group != 0 and start is not None:
            if index - start > best_length:
                best_start, best_length = start, index - start
            start = None
    if best_length < 2:
        best_start = -1
    if best_start == 0 and (best_length == 6 or (best_length == 5 and groups[5] == 0xFFFF)):
        return ("::ffff:" if best_length == 5 else "::") + "%d.%d.%d.%d" % tuple(raw[12:])
    if best_start < 0:
        return ":".join("%x" % group for group in groups)
    return (":".join("%x" % group for group in groups[:best_start]) + "::"
            + ":".join("%x" % group for group in groups[best_start + best_length:]))


class _Layout:
    """The fixed-width start of a /proc/net line for one address size.

    The kernel writes `ADDR:PORT ADDR:PORT ST TX:RX TR:WHEN RETR` with fixed
    widths (%08X words, %04X ports ...), so the whole run decodes with one
    fromhex and one struct unpack instead of a split and nine int() calls.
    """

    def __init__(self, address_format, address_digits, to_text):
        self.width = 2 * (address_digits + 6) + 3 + 18 + 12 + 8
        self.fields = struct.Struct(">%sH%sHBIIBII" % (address_format, address_format))
        self.to_text = to_text


_IPV4, _IPV6 = _Layout("I", 8, _ipv4_text), _Layout("16s", 32, _ipv6_text)


def internet_sockets(lines, protocol, family, all_sockets=True, listening=False):
    """InternetSocket records of one table, and the number of bogus lines.

    `protocol` is the name netstat prints ("tcp", "udp6", "udpl", "raw6").
    Without `all_sockets`, netstat keeps the sockets whose remote end is
    unset when `listening`, the others when not; TCP looks at the remote
    port, UDP and raw at the remote address.  This runs once per socket of
    tables that can hold tens of thousands: each line's fixed-width start
    decodes with one fromhex and one struct unpack, and records are built
    without the named tuples' Python-level constructor.
    """
    kind = protocol.rstrip("6")
    by_port = kind == "tcp"
    state_texts = _STATE_TEXTS[kind]
    counts_retransmits = kind not in _NO_RETRANSMITS
    layout = _IPV6 if family == "inet6" else _IPV4
    to_text = layout.to_text
    new = tuple.__new__
    addresses = {}
    found, bogus = [], 0
    unpack, width, fromhex = layout.fields.unpack, layout.width, bytes.fromhex
    for line in lines:
        start = line.find(b":") + 2  # what follows is _decoded, inlined for speed
        try:
            (local, local_port, remote, remote_port, code, send_queue, recv_queue, timer, ticks,
             retransmits) = unpack(fromhex(line[start:start + width].translate(None, b": ").decode()))
            uid, timeout, inode = line[start + width:].split(None, 3)[:3]
            uid, timeout, inode = int(uid), int(timeout), int(inode)
        except (ValueError, struct.error):
            bogus += 1
            continue
        if start < 2:
            bogus += 1
            continue
        if not all_sockets:
            connected = bool(remote_port) if by_port else remote not in _UNSPECIFIED
            if connected == bool(listening):
                continue
        local_text = addresses.get(local)
        if local_text is None:
            local_text = addresses[local] = to_text(local)
        remote_text = addresses.get(remote)
        if remote_text is None:
            remote_text = addresses[remote] = to_text(remote)
        state = state_texts.get(code)
        found.append(new(InternetSocket, (
            protocol, family, recv_queue, send_queue, local_text, local_port, remote_text,
            remote_port, _other_state(kind, code) if state is None else state, uid, inode,
            new(SocketTimer, (timer, ticks, retransmits if counts_retransmits else 0, timeout)),
            None)))
    return found, bogus


_UNSPECIFIED = (0, bytes(16))


def connected(kind, remote_address, remote_port):
    """netstat's test for a connected socket: TCP by its remote port, UDP and raw
    by their remote address (numeric text)."""
    return bool(remote_port) if kind == "tcp" else remote_address not in ("0.0.0.0", "::")


def state_texts(kind):
    """What netstat shows for each value of the state byte in a `kind` table
    ("tcp", "udp", "udpl"): a 256-tuple."""
    known = _STATE_TEXTS[kind]
    return tuple(known.get(code, _other_state(kind, code)) for code in range(256))


def _other_state(kind, code):
    """Text for a state the table of `kind` does not name (raw: every state)."""
    if kind == "raw":
        return str(code)
    return "" if kind == "tcp" else "UNKNOWN"


def unix_sockets(lines, all_sockets, listening):
    """UnixSocket records netstat would list for -a / -l, and the bogus count."""
    found, bogus = [], 0
    for line in lines:
        fields = line.split(None, 7)
        if len(fields) < 6 or not fields[0].endswith(b":"):
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
