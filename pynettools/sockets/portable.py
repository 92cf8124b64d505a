"""The socket tables from psutil alone, for systems without /proc/net.

On Linux pynetstat reads /proc/net (psutil has no queues, inodes, timers,
raw sockets or UNIX socket states).  Elsewhere psutil's net_connections is
all there is, so these records carry what it knows: protocol, addresses,
ports, TCP state and the owning process (name as psutil reports it).
Queues, inode and uid are 0, the timer is off, UDP-Lite and raw tables
are empty and UNIX sockets have no refcount, flags or state.
"""

from pynettools.sockets.records import InternetSocket, SocketOwner, SocketTimer, UnixSocket

NO_TIMER = SocketTimer(0, 0, 0, 0)
UNIX_TYPES = {1: "STREAM", 2: "DGRAM", 5: "SEQPACKET"}
_KINDS = {"tcp": "tcp4", "tcp6": "tcp6", "udp": "udp4", "udp6": "udp6"}


def internet_sockets(protocol, family, all_sockets, listening, with_owners):
    """InternetSocket records of one psutil table ("tcp", "udp6", ...), chosen
    for -a / -l as netstat chooses."""
    import psutil

    from pynettools.sockets.procnet import connected

    kind = _KINDS.get(protocol)
    if kind is None:
        return []
    wildcard = "::" if family == "inet6" else "0.0.0.0"
    names = {}
    found = []
    for connection in psutil.net_connections(kind):
        address, port = connection.raddr or (wildcard, 0)
        if not all_sockets and connected(protocol.rstrip("6"), address, port) == bool(listening):
            continue
        found.append(InternetSocket(
            protocol, family, 0, 0, connection.laddr[0], connection.laddr[1], address, port,
            _state(protocol, connection.status, connection.raddr), 0, 0, NO_TIMER,
            _owner(psutil, connection.pid, names) if with_owners else None))
    return found


def unix_sockets(all_sockets, listening, with_owners):
    """UnixSocket records: bound ones count as listening, as far as psutil tells."""
    import psutil

    names = {}
    found = []
    for connection in psutil.net_connections("unix"):
        path = connection.laddr or ""
        if not all_sockets and bool(path) != bool(listening):
            continue
        found.append(UnixSocket(
            "unix", 0, (), UNIX_TYPES.get(int(connection.type), "UNKNOWN"), "", 0, path,
            _owner(psutil, connection.pid, names) if with_owners else None))
    return found


def _state(protocol, status, remote):
    if protocol.startswith("tcp"):
        return status if status != "NONE" else ""
    return "ESTABLISHED" if remote else ""


def _owner(psutil, pid, names):
    if pid is None:
        return None
    if pid not in names:
        try:
            names[pid] = SocketOwner(pid, psutil.Process(pid).name())
        except psutil.Error:  # gone, or not ours to see
            names[pid] = None
    return names[pid]
