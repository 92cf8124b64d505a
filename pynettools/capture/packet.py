"""One captured packet, as a savefile holds it or a capture socket delivers it."""


class Packet:
    """`timestamp_ns`: int, nanoseconds since the epoch; `wire_length`: the
    packet's length on the wire; `data`: bytes, the part captured (at most
    the snapshot length); `linktype`: the LINKTYPE_ number of the header
    `data` starts with; `interface`: the pcapng interface number (0 in pcap)."""

    __slots__ = ("timestamp_ns", "wire_length", "data", "linktype", "interface")

    def __init__(self, timestamp_ns, wire_length, data, linktype, interface=0):
        self.timestamp_ns = timestamp_ns
        self.wire_length = wire_length
        self.data = data
        self.linktype = linktype
        self.interface = interface

    def __repr__(self):
        return "Packet(%d, %d, %r, %d, %d)" % (self.timestamp_ns, self.wire_length, self.data,
                                              self.linktype, self.interface)

    def __eq__(self, other):
        return isinstance(other, Packet) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__)
