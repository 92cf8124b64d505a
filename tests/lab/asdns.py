"""A tiny DNS server for the lab: origin-AS TXT records, NXDOMAIN for the rest.

Run as a script inside a namespace: `python asdns.py ADDRESS NAME=TEXT...`.
It prints "ready" once bound and answers for at most LIFETIME seconds.
"""

import socket
import sys
import time

LIFETIME = 600


def serve(address, records):
    import dns.exception
    import dns.message
    import dns.rcode
    import dns.rdataclass
    import dns.rdatatype
    import dns.rrset

    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    server = socket.socket(family, socket.SOCK_DGRAM)
    server.bind((address, 53))
    server.settimeout(1)
    print("ready", flush=True)
    deadline = time.monotonic() + LIFETIME
    while time.monotonic() < deadline:
        try:
            wire, peer = server.recvfrom(4096)
        except socket.timeout:
            continue
        try:
            query = dns.message.from_wire(wire)
        except dns.exception.DNSException:  # not DNS, e.g. a probe sent to port 53
            continue
        reply = dns.message.make_response(query)
        name = query.question[0].name.to_text(omit_final_dot=True).lower()
        if name in records and query.question[0].rdtype == dns.rdatatype.TXT:
            reply.answer.append(dns.rrset.from_text(name + ".", 60, dns.rdataclass.IN,
                                                    dns.rdatatype.TXT, '"%s"' % records[name]))
        else:
            reply.set_rcode(dns.rcode.NXDOMAIN)
        server.sendto(reply.to_wire(), peer)


if __name__ == "__main__":
    serve(sys.argv[1], dict(argument.split("=", 1) for argument in sys.argv[2:]))
