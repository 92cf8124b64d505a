"""The local sockets that accept traffic, with the services they serve."""

from pynettools.models import ListeningSocket

_FAMILIES = {2: "inet", 10: "inet6"}  # AF_INET, AF_INET6 on Linux


def listening_sockets(services):
    """TCP sockets in LISTEN and unconnected UDP sockets, sorted by port.

    `services` is a ServicesDB that names each port.  Reads the current
    network namespace.  Without root, psutil cannot see the owner of
    another user's socket: its pid and process are then None.
    """
    import psutil  # only this mode needs it

    names = {}
    found = []
    for connection in psutil.net_connections(kind="inet"):
        protocol = "tcp" if connection.type == 1 else "udp"  # SOCK_STREAM
        if not _accepts(connection, protocol, psutil.CONN_LISTEN):
            continue
        address, port = connection.laddr
        found.append(ListeningSocket(
            protocol=protocol,
            family=_FAMILIES.get(int(connection.family), str(connection.family)),
            address=address,
            port=port,
            pid=connection.pid,
            process=_process_name(psutil, connection.pid, names),
            service=services.by_port(port, protocol),
        ))
    return sorted(found, key=lambda sock: (sock.protocol, sock.port, sock.family, sock.address))


def _accepts(connection, protocol, listen_state):
    """A listening TCP socket, or a UDP socket not connected to one peer."""
    if protocol == "tcp":
        return connection.status == listen_state
    return not connection.raddr


def _process_name(psutil, pid, names):
    """The name of process `pid`, or None if it is gone or hidden from us."""
    if pid is None:
        return None
    if pid not in names:
        try:
            names[pid] = psutil.Process(pid).name()
        except psutil.Error:
            names[pid] = None
    return names[pid]
