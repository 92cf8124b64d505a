"""Savefiles: pcap read and written, pcapng read, as libpcap 1.10 does it.

`open_savefile(stream)` tells the format by its magic number and returns a
reader (`PcapReader` or `pcapng.PcapngReader`) with `linktype`, `snaplen`
and `nanosecond`, which yields `Packet` records; its `records()` yields the
same as (timestamp_ns, wire_length, data, linktype) tuples, for a loop such
as the printer's that needs no object per packet.  What is wrong with a file
raises `CaptureFileError` with libpcap's own words as its `reason` (the
front end says where it happened: opening, or "pcap_loop" while reading).

pcap: both byte orders, microsecond (0xa1b2c3d4) and nanosecond
(0xa1b23c4d) magic, and the "modified" format of Alexey Kuznetzov's patches
(0xa1b2cd34), whose record headers carry 8 more bytes.  A snapshot length of
0 (or of 2^31 and more) reads as the link type's maximum, one above it is
kept; a record longer than the snapshot length is cut to it, as libpcap
salvages such files, one longer than the maximum is an error.
"""

import itertools
import struct

from pynettools.capture import linktypes
from pynettools.capture.packet import Packet
from pynettools.errors import CaptureFileError

MICROSECOND_MAGIC = 0xA1B2C3D4
NANOSECOND_MAGIC = 0xA1B23C4D
MODIFIED_MAGIC = 0xA1B2CD34
PCAPNG_MAGIC = 0x0A0D0D0A
MAJOR, MINOR = 2, 4
_FILE_HEADER = 24
_MODIFIED_EXTRA = 8  # ifindex, protocol, packet type, padding


def open_savefile(stream):
    """A reader for the savefile on the binary `stream` (a file or a pipe)."""
    magic_bytes = _read_header(stream, 4)
    if struct.unpack("<I", magic_bytes)[0] == PCAPNG_MAGIC:
        from pynettools.capture.pcapng import PcapngReader

        return PcapngReader(stream, magic_bytes)
    for order in ("<", ">"):
        magic = struct.unpack(order + "I", magic_bytes)[0]
        if magic in (MICROSECOND_MAGIC, NANOSECOND_MAGIC, MODIFIED_MAGIC):
            return PcapReader(stream, order, magic)
    raise CaptureFileError("unknown file format")


def _read_header(stream, size, what="file header", whole=None):
    """`size` bytes; libpcap names the `whole` header's size when the magic is already read."""
    data = stream.read(size)
    if len(data) < size:
        raise CaptureFileError("truncated dump file; tried to read %d %s bytes, only got %d"
                               % (whole or size, what, len(data)))
    return data


class PcapReader:
    """The packets of a pcap savefile, in file order."""

    def __init__(self, stream, order, magic):
        rest = _read_header(stream, _FILE_HEADER - 4, whole=_FILE_HEADER)
        major, minor, _zone, _sigfigs, snaplen, linktype = struct.unpack(order + "HHiIII", rest)
        if major != MAJOR or minor > MINOR:
            raise CaptureFileError("unsupported pcap savefile version %d.%d" % (major, minor))
        self.stream = stream
        self.linktype = linktypes.from_dlt(linktype & 0x03FFFFFF)  # the rest are FCS bits
        self.nanosecond = magic == NANOSECOND_MAGIC
        maximum = linktypes.max_snaplen(self.linktype)
        # libpcap keeps a length above the maximum (the banner shows it); 0, or one
        # that is negative as an int, reads as the maximum
        self.snaplen = snaplen if 0 < snaplen < 2 ** 31 else maximum
        self._extra = _MODIFIED_EXTRA if magic == MODIFIED_MAGIC else 0
        if self._extra and self.linktype == linktypes.ETHERNET:
            self.snaplen += 14  # libpcap: it may have been captured cooked, a fake header added
        self._record = struct.Struct(order + "IIII")

    def __iter__(self):
        return itertools.starmap(Packet, self.records())

    def records(self):
        """(timestamp_ns, wire_length, data, linktype) of each packet, in file order."""
        # Records are cut from blocks read ahead (two reads a packet cost more
        # than the rest of reading it); read1 returns what a pipe holds, so
        # `tcpdump -w - | pytcpdump -r -` still sees each packet as it comes.
        read = getattr(self.stream, "read1", self.stream.read)
        unpack_from, size = self._record.unpack_from, self._record.size + self._extra
        scale = 1 if self.nanosecond else 1000
        maximum, snaplen, linktype = linktypes.max_snaplen(self.linktype), self.snaplen, \
            self.linktype
        bound = min(maximum, snaplen)  # a record longer is refused or cut
        block, at, have = b"", 0, 0
        while True:
            if at + size > have:
                block, at = _refill(block, at, size, read)
                have = len(block)
                if at + size > have:
                    if at == have:
                        return
                    raise CaptureFileError("truncated dump file; tried to read %d header "
                                           "bytes, only got %d" % (size, have - at))
            seconds, fraction, captured, wire = unpack_from(block, at)
            if captured > maximum:  # libpcap cuts one above the snaplen, refuses this
                raise CaptureFileError("invalid packet capture length %d, bigger than %s" % (
                    captured, "snaplen of %d" % snaplen if captured > snaplen else
                    "maximum of %d" % maximum))
            start = at + size
            if start + captured > have:
                block, at = _refill(block, at, size + captured, read)
                have = len(block)
                start = at + size
                if start + captured > have:
                    raise CaptureFileError("truncated dump file; tried to read %d captured "
                                           "bytes, only got %d" % (captured, have - start))
            at = start + captured
            yield (seconds * 1_000_000_000 + fraction * scale, wire,
                   block[start:at] if captured <= bound else block[start:start + snaplen],
                   linktype)


_BLOCK = 1 << 18


def _refill(block, at, needed, read):
    """The unread rest of `block` and what follows, until `needed` bytes or the end."""
    parts = [block[at:]]
    have = len(parts[0])
    while have < needed:
        part = read(max(_BLOCK, needed - have))
        if not part:
            break
        parts.append(part)
        have += len(part)
    return b"".join(parts), 0


class PcapWriter:
    """Writes `Packet` records as a pcap savefile in this machine's byte order,
    as libpcap writes them (microseconds, or nanoseconds with `nanosecond`)."""

    def __init__(self, stream, linktype, snaplen, nanosecond=False):
        self.stream = stream
        self.nanosecond = nanosecond
        self._record = struct.Struct("=IIII")
        magic = NANOSECOND_MAGIC if nanosecond else MICROSECOND_MAGIC
        stream.write(struct.pack("=IHHiIII", magic, MAJOR, MINOR, 0, 0, snaplen, linktype))

    def write(self, packet):
        seconds, nanoseconds = divmod(packet.timestamp_ns, 1_000_000_000)
        fraction = nanoseconds if self.nanosecond else nanoseconds // 1000
        self.stream.write(self._record.pack(seconds, fraction, len(packet.data),
                                            packet.wire_length))
        self.stream.write(packet.data)

    def flush(self):
        self.stream.flush()
