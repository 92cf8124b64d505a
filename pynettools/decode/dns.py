"""DNS messages (RFC 1035, 6891) read with dnspython's wire parser.

`Message(wire)` reads fields lazily at offsets, as a printer walks a message
that may be cut short: `header()`, `skip_name(at)` (the next offset, without
following compression, or None), `name(at)` (dnspython's `Name` and the
next offset; `DNSException`s of dnspython when the name is malformed or cut).
"""

import struct

_HEADER = struct.Struct("!HHHHHH")
POINTER, EXTENDED = 0xC0, 0x40
OPT, TXT = 41, 16
QR, AA, TC, RD, RA, AD, CD = 0x8000, 0x0400, 0x0200, 0x0100, 0x0080, 0x0020, 0x0010


class Message:
    """A DNS message's bytes (as far as they were captured)."""

    __slots__ = ("wire", "_parser")

    def __init__(self, wire):
        self.wire = wire
        self._parser = None

    def header(self):
        """(id, flags, qdcount, ancount, nscount, arcount)."""
        return _HEADER.unpack_from(self.wire)

    def skip_name(self, at):
        """The offset after the name at `at` (a pointer ends it), or None when
        it runs past the captured bytes or holds a label type with no length."""
        wire = self.wire
        end = len(wire)
        if at >= end:
            return None
        size = wire[at]
        at += 1
        while size:
            kind = size & POINTER
            if kind == POINTER:
                return at + 1
            if kind == EXTENDED:
                if size & 0x3F != 1 or at >= end:  # only bit-string labels have a length
                    return None
                at += 1 + ((wire[at] or 256) + 7) // 8
            elif kind:
                return None
            else:
                at += size
            if at >= end:
                return None
            size = wire[at]
            at += 1
        return at

    def name(self, at):
        """(dns.name.Name, the offset after the name where it is written)."""
        import dns.name
        import dns.wire

        parser = self._parser
        if parser is None:
            parser = self._parser = dns.wire.Parser(self.wire)
        parser.seek(at)
        name = dns.name.from_wire_parser(parser)
        return name, parser.current

    def word(self, at):
        return self.wire[at] << 8 | self.wire[at + 1]

    def long(self, at):
        return int.from_bytes(self.wire[at:at + 4], "big")


def layer(wire):
    """The DNS layer of a whole message, from dnspython's `dns.message.from_wire`:
    header, question and records with their data in master-file text."""
    import dns.exception
    import dns.flags
    import dns.message
    import dns.opcode
    import dns.rcode

    try:
        message = dns.message.from_wire(wire, ignore_trailing=True)
    except dns.exception.DNSException as error:
        found = {"protocol": "dns", "error": type(error).__name__}
        if len(wire) >= 12:
            found["id"] = wire[0] << 8 | wire[1]
        return found
    found = {"protocol": "dns", "id": message.id,
             "response": bool(message.flags & dns.flags.QR),
             "opcode": dns.opcode.to_text(message.opcode()),
             "rcode": dns.rcode.to_text(message.rcode()),
             "flags": dns.flags.to_text(message.flags).split(),
             "question": [{"name": rrset.name.to_text(), "type": _type(rrset.rdtype),
                           "class": _class(rrset.rdclass)} for rrset in message.question]}
    for section, rrsets in (("answer", message.answer), ("authority", message.authority),
                            ("additional", message.additional)):
        found[section] = [{"name": rrset.name.to_text(), "type": _type(rrset.rdtype),
                           "class": _class(rrset.rdclass), "ttl": rrset.ttl,
                           "data": rdata.to_text()} for rrset in rrsets for rdata in rrset]
    if message.edns >= 0:
        found["edns"] = {"version": message.edns, "payload": message.payload,
                         "dnssec_ok": bool(message.ednsflags & dns.flags.DO),
                         "options": [{"code": int(option.otype),
                                      "data": option.to_wire().hex()}
                                     for option in message.options]}
    return found


def _type(rdtype):
    import dns.rdatatype

    return dns.rdatatype.to_text(rdtype)


def _class(rdclass):
    import dns.rdataclass

    return dns.rdataclass.to_text(rdclass)
