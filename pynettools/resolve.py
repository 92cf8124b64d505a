"""Reverse lookups through the system resolver, as the C originals ask it.

IPv4 goes through gethostbyaddr and IPv6 through getnameinfo, the calls
net-tools makes, so /etc/hosts and NSS order count as they do for netstat.
"""


def host_name(address, ipv6=False):
    """The resolver's name for numeric `address`, or `address` when it has none."""
    import socket  # only now: importing it costs more than a numeric listing

    try:
        if ipv6:
            return socket.getnameinfo((address, 0, 0, 0), 0)[0]
        return socket.gethostbyaddr(address)[0]
    except (OSError, UnicodeError):
        return address
