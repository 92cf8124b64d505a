"""pcapng savefiles read as libpcap 1.10 reads them (its words for what is wrong).

Blocks are read one at a time, so a file of any size takes bounded memory.
Interface Description Blocks give each interface its link type, snapshot
length and timestamp resolution (if_tsresol) and offset (if_tsoffset);
Enhanced, Simple and obsolete Packet Blocks become `Packet` records; other
blocks are skipped.  As libpcap, every interface must have the link type of
the first one, and only the first section is read.
"""

import struct

from pynettools.capture import linktypes
from pynettools.capture.packet import Packet
from pynettools.errors import CaptureFileError

SECTION_HEADER = 0x0A0D0D0A
INTERFACE_DESCRIPTION = 1
OBSOLETE_PACKET = 2
SIMPLE_PACKET = 3
ENHANCED_PACKET = 6
BYTE_ORDER_MAGIC = 0x1A2B3C4D
_OPTION_TSRESOL, _OPTION_TSOFFSET = 9, 14
_MAX_BLOCK = 16 * 1024 * 1024  # libpcap's largest block


class _Interface:
    __slots__ = ("linktype", "snaplen", "units_per_second", "offset_seconds")

    def __init__(self, linktype, snaplen, units_per_second, offset_seconds):
        self.linktype = linktype
        self.snaplen = snaplen
        self.units_per_second = units_per_second
        self.offset_seconds = offset_seconds


class PcapngReader:
    """The packets of a pcapng savefile's first section, in file order."""

    def __init__(self, stream, magic_bytes):
        self.stream = stream
        self.order = "<"
        self._section_header(magic_bytes)
        self.interfaces = []
        first = self._next_block(opening=True)
        while first is not None and first[0] != INTERFACE_DESCRIPTION:
            if first[0] in (ENHANCED_PACKET, SIMPLE_PACKET, OBSOLETE_PACKET):
                raise CaptureFileError("the capture file has a packet block before any "
                                       "Interface Description Blocks")
            first = self._next_block(opening=True)
        if first is None:
            raise CaptureFileError("the capture file has no Interface Description Blocks")
        self._add_interface(first[1])
        self.linktype = self.interfaces[0].linktype
        self.snaplen = self.interfaces[0].snaplen
        self.nanosecond = self.interfaces[0].units_per_second >= 1_000_000_000

    def _section_header(self, magic_bytes):
        rest = self._read(8, "pcapng", what="header")
        order_magic = rest[4:8]
        if struct.unpack("<I", order_magic)[0] != BYTE_ORDER_MAGIC:
            if struct.unpack(">I", order_magic)[0] != BYTE_ORDER_MAGIC:
                raise CaptureFileError("unknown file format")
            self.order = ">"
        length = struct.unpack(self.order + "I", rest[:4])[0]
        body = self._read(length - 12, "pcapng")
        major = struct.unpack(self.order + "H", body[:2])[0]
        if major != 1:
            raise CaptureFileError("unsupported pcapng savefile version %d.%d" % (
                major, struct.unpack(self.order + "H", body[2:4])[0]))

    def _read(self, size, kind, what=None):
        data = self.stream.read(size)
        if len(data) < size:
            raise CaptureFileError("truncated %s dump file; tried to read %d %sbytes, only got %d"
                                   % (kind, size, what + " " if what else "", len(data)))
        return data

    def _next_block(self, opening=False):
        """(type, body) of the next block, None at the end of the file or section."""
        head = self.stream.read(8)
        if not head:
            return None
        if len(head) < 8:
            raise CaptureFileError("truncated pcapng dump file; tried to read 8 bytes, only got "
                                   "%d" % len(head))
        kind, length = struct.unpack(self.order + "II", head)
        if kind == SECTION_HEADER and not opening:
            return None
        if length < 12 or length % 4 or length > _MAX_BLOCK:
            raise CaptureFileError("block in pcapng dump file has a length of %d < 12" % length
                                   if length < 12 else
                                   "block in pcapng dump file has a length of %d that is not a "
                                   "multiple of 4" % length if length % 4 else
                                   "pcapng block size %d > maximum %d" % (length, _MAX_BLOCK))
        data = self.stream.read(length - 8)
        if len(data) < length - 8:
            raise CaptureFileError("truncated pcapng dump file; tried to read %d bytes, only got "
                                   "%d" % (length - 8, len(data)))
        return kind, data[:-4]

    def _add_interface(self, body):
        linktype, _reserved, snaplen = struct.unpack(self.order + "HHI", body[:8])
        linktype = linktypes.from_dlt(linktype)
        if self.interfaces and linktype != self.interfaces[0].linktype:
            raise CaptureFileError("an interface has a type %d different from the type of the "
                                   "first interface" % linktype)
        units, offset = 1_000_000, 0
        for code, value in self._options(body[8:]):
            if code == _OPTION_TSRESOL and value:
                exponent = value[0] & 0x7F
                units = 2 ** exponent if value[0] & 0x80 else 10 ** exponent
            elif code == _OPTION_TSOFFSET and len(value) == 8:
                offset = struct.unpack(self.order + "q", value)[0]
        maximum = linktypes.max_snaplen(linktype)
        self.interfaces.append(_Interface(linktype, snaplen if 0 < snaplen <= maximum else
                                          maximum, units, offset))

    def _options(self, data):
        offset = 0
        while offset + 4 <= len(data):
            code, length = struct.unpack_from(self.order + "HH", data, offset)
            if code == 0:
                return
            yield code, data[offset + 4:offset + 4 + length]
            offset += 4 + length + (-length % 4)

    def __iter__(self):
        while True:
            block = self._next_block()
            if block is None:
                return
            kind, body = block
            if kind == INTERFACE_DESCRIPTION:
                self._add_interface(body)
            elif kind in (ENHANCED_PACKET, OBSOLETE_PACKET):
                yield self._packet(kind, body)
            elif kind == SIMPLE_PACKET:
                yield self._simple_packet(body)

    def records(self):
        """(timestamp_ns, wire_length, data, linktype) of each packet, as PcapReader's."""
        return ((packet.timestamp_ns, packet.wire_length, packet.data, packet.linktype)
                for packet in self)

    def _interface(self, number):
        if number >= len(self.interfaces):
            raise CaptureFileError("a packet arrived on interface %d, but there's no Interface "
                                   "Description Block for that interface" % number)
        return self.interfaces[number]

    def _packet(self, kind, body):
        if kind == ENHANCED_PACKET:
            number, high, low, captured, wire = struct.unpack(self.order + "IIIII", body[:20])
        else:
            number, _drops, high, low, captured, wire = struct.unpack(self.order + "HHIIII",
                                                                     body[:20])
        interface = self._interface(number)
        data = body[20:20 + captured]
        if len(data) > interface.snaplen:
            data = data[:interface.snaplen]
        return Packet(self._nanoseconds(interface, high << 32 | low), wire, data,
                      interface.linktype, number)

    def _simple_packet(self, body):
        interface = self._interface(0)
        wire = struct.unpack(self.order + "I", body[:4])[0]
        data = body[4:4 + min(wire, interface.snaplen)]
        return Packet(0, wire, data, interface.linktype)

    @staticmethod
    def _nanoseconds(interface, units):
        seconds, rest = divmod(units, interface.units_per_second)
        return (seconds + interface.offset_seconds) * 1_000_000_000 + \
            rest * 1_000_000_000 // interface.units_per_second
