"""The names tcpdump prints for addresses and ports, cached as tcpdump caches them.

Without -n, hosts are asked of the resolver (the system's by default:
gethostbyaddr, as tcpdump asks it), ports are looked up in the services
database (tcp and udp entries; the first entry for a port wins, as in
tcpdump's table built from getservent), and Ethernet addresses in
/etc/ethers, then named by their vendor prefix ("(oui Unknown)" where
tcpdump's built-in table has none).  Any -n turns all of that off; -N
prints host names without their domain.
"""

import socket

from pynettools.decode import names as tables

ETHERS_PATH = "/etc/ethers"
BROADCAST = b"\xff" * 6


def system_resolver(address):
    """The system resolver's name for a packed IPv4 or IPv6 address, or None."""
    family = socket.AF_INET6 if len(address) == 16 else socket.AF_INET
    try:
        return socket.gethostbyaddr(socket.inet_ntop(family, address))[0]
    except (OSError, UnicodeError):
        return None


class Names:
    """Address and port names for one printer."""

    def __init__(self, options):
        self.numeric = bool(options.numeric)
        self.resolver = options.resolver or system_resolver
        self.strip_domains = options.strip_domains
        self._services = options.services
        self._hosts = {}
        self._tcp = None
        self._udp = None
        self._macs = {}
        self._ethers = None

    # hosts

    def ipv4(self, address):
        """tcpdump's ipaddr_string for 4 packed bytes."""
        try:
            return self._hosts[address]
        except KeyError:
            text = socket.inet_ntoa(address)
            if not self.numeric:
                text = self._host_name(address) or text
            self._hosts[address] = text
            return text

    def ipv6(self, address):
        """tcpdump's ip6addr_string for 16 packed bytes."""
        try:
            return self._hosts[address]
        except KeyError:
            text = socket.inet_ntop(socket.AF_INET6, address)
            if not self.numeric:
                text = self._host_name(address) or text
            self._hosts[address] = text
            return text

    def _host_name(self, address):
        name = self.resolver(address)
        if name and self.strip_domains:
            return name.partition(".")[0]  # -N: tcpdump cuts the name at its first dot
        return name

    # ports

    def tcp_port(self, port):
        if self._tcp is None:
            self._tcp, self._udp = self._port_tables()
        return self._tcp.get(port) or str(port)

    def udp_port(self, port):
        if self._udp is None:
            self._tcp, self._udp = self._port_tables()
        return self._udp.get(port) or str(port)

    def _port_tables(self):
        if self.numeric:
            return {}, {}
        services = self._services
        if services is None:
            from pynettools.services import ServicesDB

            services = ServicesDB()
        tcp, udp = {}, {}
        for entry in services.entries():
            table = tcp if entry.protocol == "tcp" else udp if entry.protocol == "udp" else None
            if table is not None:
                table.setdefault(entry.port, entry.name)
        return tcp, udp

    # link-layer addresses

    def mac(self, address):
        """tcpdump's etheraddr_string for 6 bytes."""
        try:
            return self._macs[address]
        except KeyError:
            text = ":".join("%02x" % byte for byte in address)
            if not self.numeric:
                text = self._mac_name(address, text)
            self._macs[address] = text
            return text

    def _mac_name(self, address, text):
        if self._ethers is None:
            self._ethers = _read_ethers()
        if address in self._ethers:
            return self._ethers[address]
        if address == BROADCAST:
            return "Broadcast"
        oui = int.from_bytes(address[:3], "big")
        return "%s (oui %s)" % (text, tables.OUI.get(oui, "Unknown"))

    def link_address(self, address):
        """tcpdump's linkaddr_string: an Ethernet name for 6 bytes, else hex."""
        if len(address) == 6:
            return self.mac(address)
        return ":".join("%02x" % byte for byte in address)


def _read_ethers(path=ETHERS_PATH):
    """/etc/ethers as {6 bytes: name}: "aa:bb:cc:dd:ee:ff name" lines, # comments."""
    found = {}
    try:
        with open(path, "rb") as ethers:
            lines = ethers.read().decode("utf-8", "surrogateescape").splitlines()
    except OSError:
        return found
    for line in lines:
        fields = line.split("#", 1)[0].split()
        if len(fields) < 2:
            continue
        parts = fields[0].split(":")
        try:
            address = bytes(int(part, 16) for part in parts)
        except ValueError:
            continue
        if len(address) == 6:
            found.setdefault(address, fields[1])
    return found
