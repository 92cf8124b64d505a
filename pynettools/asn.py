"""Origin AS numbers through DNS, for `pytraceroute -A`.

An address's origin AS is the first field of the TXT record of its reversed
name under origin.asn.cymru.com (IPv4, by octets: 10.2.0.192.origin...) or
origin6.asn.cymru.com (IPv6, by nibbles), e.g. "64500 | 192.0.2.0/24 | ZZ |
lab | 2024-01-01".  dnspython
asks the system's resolvers, or the one server given.
"""

import ipaddress

ZONES = {4: "origin.asn.cymru.com", 6: "origin6.asn.cymru.com"}
TIMEOUT = 2.0  # seconds for one address, all tries included


class AsLookup:
    """address -> "AS64500", or None when there is no answer; answers are cached."""

    def __init__(self, server=None, timeout=TIMEOUT):
        import dns.resolver

        self.resolver = dns.resolver.Resolver(configure=server is None)
        if server is not None:
            self.resolver.nameservers = [server]
        self.resolver.lifetime = self.resolver.timeout = timeout
        self.cache = {}

    def __call__(self, address):
        if address not in self.cache:
            self.cache[address] = self._ask(address)
        return self.cache[address]

    def _ask(self, address):
        import dns.exception

        try:
            answer = self.resolver.resolve(query_name(address), "TXT")
        except (dns.exception.DNSException, OSError):
            return None
        for record in answer:
            text = b"".join(record.strings).decode("ascii", "replace")
            number = text.split("|")[0].split()
            if number and number[0].isdigit():
                return "AS" + number[0]
        return None


def query_name(address):
    """The TXT name that holds `address`'s origin AS."""
    parsed = ipaddress.ip_address(address)
    labels = parsed.reverse_pointer.split(".")[:-2]  # without in-addr.arpa / ip6.arpa
    return ".".join(labels + [ZONES[parsed.version]])
