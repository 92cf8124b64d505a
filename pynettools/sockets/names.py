"""Names netstat puts on addresses, ports and uids, found where netstat finds them.

Hosts come from the system resolver (gethostbyaddr for IPv4, getnameinfo
for IPv6, as net-tools does), ports from the services database and, for
raw sockets, /etc/protocols, users from the password database.  netstat
reads services and protocols once into lists it searches from the newest
entry, so the LAST line naming a port wins; this keeps that rule.
"""

from pynettools.resolve import host_name

PROTOCOLS_PATH = "/etc/protocols"
SERVICE_TABLES = ("tcp", "udp", "raw")  # netstat looks names up for these only


class Names:
    """Text for hosts, ports and users; numeric where the flags ask for it.

    Answers are cached: a busy table repeats the same few addresses.
    """

    def __init__(self, numeric_hosts=False, numeric_ports=False, numeric_users=False,
                 services=None):
        self.numeric_hosts = numeric_hosts
        self.numeric_ports = numeric_ports
        self.numeric_users = numeric_users
        self._services_db = services
        self._ports = None
        self._hosts = {}
        self._users = {}

    def host(self, address, family):
        """`address` (numeric text) as netstat shows it."""
        if family == "inet6":
            if address.startswith("::ffff:") and "." in address:
                return without_mapping(self._ipv6_host(address))
            return self._ipv6_host(address)
        if self.numeric_hosts or address == "0.0.0.0" or address.startswith("0."):
            # netstat asks getnetbyaddr about 0.x.y.z, which finds nothing here
            return address
        return self._resolved(address, family)

    def _ipv6_host(self, address):
        if self.numeric_hosts:
            return address
        if address == "::":
            return "[::]"
        return self._resolved(address, "inet6")

    def _resolved(self, address, family):
        name = self._hosts.get(address)
        if name is None:
            name = self._hosts[address] = host_name(address, ipv6=family == "inet6")
        return name

    def service(self, port, table):
        """Port `port` as netstat shows it for `table` ("tcp", "udp", "raw", ...)."""
        if port == 0:
            return "*"
        if self.numeric_ports or table not in SERVICE_TABLES:
            return str(port)
        if self._ports is None:
            self._ports = _port_names(self._services_db)
        return self._ports.get((port, table)) or str(port)

    def service_texts(self, table):
        """{port: text} of every port whose text in `table` is not its number:
        what `service` answers, for callers that map whole columns of ports."""
        texts = {0: "*"}
        if not self.numeric_ports and table in SERVICE_TABLES:
            if self._ports is None:
                self._ports = _port_names(self._services_db)
            texts.update((port, name) for (port, kind), name in self._ports.items()
                         if kind == table and name)
        return texts

    def user(self, uid):
        """The login name of `uid`, or the number."""
        name = self._users.get(uid)
        if name is None:
            name = self._users[uid] = str(uid) if self.numeric_users else _login(uid)
        return name


def without_mapping(text):
    """An IPv4-mapped address's text as netstat shows it: `::ffff:1.2.3.4` as `1.2.3.4`.

    netstat cuts the text after the last colon before its first dot, so a
    resolved name (no colon) stays whole.
    """
    dot = text.find(".")
    if dot < 0:
        return text
    colon = text.rfind(":", 0, dot)
    return text[colon + 1:] if colon >= 0 else text


def _login(uid):
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _port_names(services):
    """{(port, table): name}, the last entry of each port winning, as in netstat."""
    if services is None:
        from pynettools.services import ServicesDB

        services = ServicesDB()
    names = {}
    for entry in services.entries():
        if entry.protocol in SERVICE_TABLES:
            names[entry.port, entry.protocol] = entry.name
    for number, name in read_protocols():  # netstat adds them after the services
        names[number, "raw"] = name
    return names


def read_protocols(path=PROTOCOLS_PATH):
    """(number, name) of each line of a protocols(5) file, in file order."""
    try:
        with open(path, "rb") as protocols:
            data = protocols.read()
    except OSError:
        return []
    found = []
    for line in data.split(b"\n"):
        fields = line.split(b"#", 1)[0].split()
        if len(fields) >= 2 and fields[1].isdigit():
            found.append((int(fields[1]), fields[0].decode("utf-8", "surrogateescape")))
    return found
