"""Address-to-name lookups the way netstat's route and group modes do them.

Host names come from the system resolver (gethostbyaddr / getnameinfo),
network names from /etc/networks (glibc's getnetbyaddr, "files" only), each
answer cached for the run as netstat caches it.
"""

from pynettools.resolve import host_name

NETWORKS = "/etc/networks"


class NameResolver:
    """Names for addresses, or the addresses themselves when `numeric`."""

    def __init__(self, numeric):
        self.numeric = numeric
        self._hosts = {}
        self._networks = None

    def ipv4_destination(self, address, mask, host):
        """A route destination: `default`, a network name or a host name."""
        if self.numeric:
            return address
        if address == "0.0.0.0":
            return "default"
        outside_mask = _word(address) & ~_word(mask) & 0xFFFFFFFF
        if host or outside_mask:
            return self.ipv4_host(address)
        return self._network_names().get(_word(address), address)

    def ipv4_host(self, address):
        if self.numeric or address == "0.0.0.0":
            return address
        if address not in self._hosts:
            self._hosts[address] = host_name(address)
        return self._hosts[address]

    def ipv6(self, address):
        if self.numeric:
            return unmapped(address)
        if address == "::":
            return "[::]"
        if address not in self._hosts:
            name = host_name(address, ipv6=True)
            self._hosts[address] = unmapped(name) if address.startswith("::ffff:") else name
        return self._hosts[address]

    def _network_names(self):
        if self._networks is None:
            self._networks = read_networks()
        return self._networks


def unmapped(address):
    """netstat's text for an IPv4-mapped IPv6 address: `::ffff:192.0.2.1` as `192.0.2.1`."""
    if address.startswith("::ffff:") and "." in address:
        from pynettools.sockets.names import without_mapping

        return without_mapping(address)
    return address


def read_networks(path=NETWORKS):
    """{network number: first name} from /etc/networks; {} when unreadable."""
    names = {}
    try:
        with open(path, "rb") as networks_file:
            text = networks_file.read().decode("utf-8", "surrogateescape")
    except OSError:
        return names
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2:
            number = _network_number(fields[1])
            if number is not None:
                names.setdefault(number, fields[0])
    return names


def _network_number(text):
    """inet_network(3): up to four dotted parts, the last ones the low bytes."""
    parts = text.split(".")
    if len(parts) > 4 or not all(part.isdigit() and int(part) < 256 for part in parts):
        return None
    number = 0
    for part in parts:
        number = number << 8 | int(part)
    return number


def _word(address):
    """A dotted quad of the routing table (always four parts) as a number."""
    first, second, third, fourth = map(int, address.split("."))
    return first << 24 | second << 16 | third << 8 | fourth
