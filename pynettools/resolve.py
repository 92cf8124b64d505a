"""Reverse lookups through the system resolver, as the C originals ask it.

IPv4 goes through gethostbyaddr and IPv6 through getnameinfo, the calls
net-tools makes, so /etc/hosts and NSS order count as they do for netstat.
"""


def host_name(address, ipv6=False):
    """The resolver's name for numeric `address`, or `address` when it has none."""
    import _socket as socket  # only now, and the C module: `socket` costs ~4 ms

    try:
        if ipv6:
            return socket.getnameinfo((address, 0, 0, 0), 0)[0]
        return socket.gethostbyaddr(address)[0]
    except (OSError, UnicodeError):
        return address
