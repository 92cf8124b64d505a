"""The corpus's DNS server (dnspython), UDP and TCP on port 53 of the given
addresses: `python -m tests.data.corpus_dns ADDRESS...`.  It prints "ready"
once bound and answers for at most LIFETIME seconds.

Zone example.com: A, AAAA, a CNAME chain, MX, TXT, NS and SOA; names under
`refused.` are REFUSED, `servfail.` SERVFAIL, and anything else NXDOMAIN
with the SOA in the authority section.  `big.example.com` TXT does not fit
512 bytes, so a UDP query without EDNS is answered truncated (TC).
"""

import select
import socket
import struct
import sys
import time

LIFETIME = 60
ZONE = """
example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300
example.com. 300 IN NS ns1.example.com.
example.com. 300 IN MX 10 mail.example.com.
example.com. 300 IN A 192.0.2.80
example.com. 300 IN AAAA 2001:db8::80
example.com. 300 IN TXT "v=spf1 -all"
ns1.example.com. 300 IN A 198.51.100.2
mail.example.com. 300 IN A 192.0.2.25
www.example.com. 300 IN CNAME web.example.com.
web.example.com. 300 IN A 192.0.2.81
web.example.com. 300 IN A 192.0.2.82
_sip._udp.example.com. 300 IN SRV 10 60 5060 sip.example.com.
80.2.0.192.in-addr.arpa. 300 IN PTR example.com.
"""


def _zone():
    import dns.rrset

    records = {}
    for line in ZONE.strip().splitlines():
        name, ttl, rdclass, rdtype, text = line.split(None, 4)
        key = (name.lower(), rdtype)
        rrset = records.get(key) or dns.rrset.from_text(name, int(ttl), rdclass, rdtype)
        rrset.add(dns.rrset.from_text(name, int(ttl), rdclass, rdtype, text)[0])
        records[key] = rrset
    return records


def answer(wire, records, over_tcp):
    import dns.edns
    import dns.message
    import dns.rcode
    import dns.rdatatype
    import dns.rrset

    query = dns.message.from_wire(wire)
    reply = dns.message.make_response(query)
    question = query.question[0]
    name = question.name.to_text().lower()
    rdtype = dns.rdatatype.to_text(question.rdtype)
    if name == "big.example.com." and rdtype == "TXT":
        reply.answer.append(dns.rrset.from_text(
            name, 60, "IN", "TXT", *['"%s%d"' % ("x" * 200, index) for index in range(4)]))
    elif name.endswith("refused."):
        reply.set_rcode(dns.rcode.REFUSED)
    elif name.endswith("servfail."):
        reply.set_rcode(dns.rcode.SERVFAIL)
    elif not any(key[0] == name for key in records):
        reply.set_rcode(dns.rcode.NXDOMAIN)
        reply.authority.append(records[("example.com.", "SOA")])
    else:
        while (name, "CNAME") in records and rdtype != "CNAME":
            reply.answer.append(records[(name, "CNAME")])
            name = records[(name, "CNAME")][0].target.to_text().lower()
        if (name, rdtype) in records:
            reply.answer.append(records[(name, rdtype)])
        if rdtype in ("A", "AAAA", "MX") and (name, "NS") not in records:
            reply.authority.append(records[("example.com.", "NS")])
            reply.additional.append(records[("ns1.example.com.", "A")])
        if not reply.answer and not reply.authority:
            reply.authority.append(records[("example.com.", "SOA")])
    if query.edns >= 0:
        options = [dns.edns.GenericOption(dns.edns.NSID, b"corpus")] if any(
            option.otype == dns.edns.NSID for option in query.options) else []
        reply.use_edns(0, query.ednsflags, 1232, options=options)
    limit = 65535 if over_tcp else (max(query.payload, 512) if query.edns >= 0 else 512)
    wire = reply.to_wire()
    if len(wire) > limit:
        import dns.flags

        reply.answer.clear()
        reply.authority.clear()
        reply.additional.clear()
        reply.flags |= dns.flags.TC
        wire = reply.to_wire()
    return wire


def serve(addresses):
    records = _zone()
    sockets = []
    for address in addresses:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        udp = socket.socket(family, socket.SOCK_DGRAM)
        udp.bind((address, 53))
        tcp = socket.socket(family, socket.SOCK_STREAM)
        tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        tcp.bind((address, 53))
        tcp.listen(8)
        sockets += [udp, tcp]
    print("ready", flush=True)
    deadline = time.monotonic() + LIFETIME
    while time.monotonic() < deadline:
        for ready in select.select(sockets, [], [], 1)[0]:
            if ready.type == socket.SOCK_DGRAM:
                wire, peer = ready.recvfrom(65536)
                ready.sendto(_safe_answer(wire, records, False), peer)
            else:
                _serve_tcp(ready, records)


def _safe_answer(wire, records, over_tcp):
    import dns.exception

    try:
        return answer(wire, records, over_tcp)
    except dns.exception.DNSException:
        return b""


def _serve_tcp(listener, records):
    connection, _peer = listener.accept()
    connection.settimeout(2)
    with connection:
        try:
            while True:
                header = connection.recv(2)
                if len(header) < 2:
                    return
                (size,) = struct.unpack("!H", header)
                wire = b""
                while len(wire) < size:
                    chunk = connection.recv(size - len(wire))
                    if not chunk:
                        return
                    wire += chunk
                reply = _safe_answer(wire, records, True)
                connection.sendall(struct.pack("!H", len(reply)) + reply)
        except OSError:
            pass


if __name__ == "__main__":
    serve(sys.argv[1:])
