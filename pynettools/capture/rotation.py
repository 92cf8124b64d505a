"""tcpdump's -w file, with its -C, -G and -W rotation, in file and live mode alike.

    writer = RotatingWriter("out.pcap", linktype, snaplen, file_size=..., seconds=...)
    writer.write(packet)   # False once -G's -W files are done (nothing written then)
    writer.close()

Names as tcpdump's MakeFilename makes them: with -G (`seconds`) the name is
a strftime(3) pattern expanded at the time the file is opened (local time);
with -C (`file_size`) a number is appended, padded to the digits of
`file_count - 1` ("out0".."out9" for -W 10), except that the very first file
keeps the bare name when -W is not given.  -C starts a new file when the
current one has grown over `file_size` bytes (checked before each packet, so
a file may end over it); with -W the numbers go round a ring.  -G starts a
new file when `seconds` have passed on the wall clock (not the packets'
time stamps) since the current one was opened; with -W and no -C it stops
after that many files.

Errors writing a packet are ignored, as pcap_dump ignores fwrite's; a closed
pipe (`-w -` into `head -c`) stops the writing as SIGPIPE stops tcpdump.
A file that cannot be opened raises FileWriteError.
"""

import errno
import sys
import time

from pynettools.capture.savefile import PcapWriter
from pynettools.errors import FileWriteError

_FILE_HEADER = 24
_RECORD_HEADER = 16


def digits(file_count):
    """tcpdump's getWflagChars: the digits of file_count - 1 (0 without -W)."""
    count, value = 0, file_count - 1
    while value > 0:
        count += 1
        value //= 10
    return count


def make_filename(template, number, width, stamp=None):
    """MakeFilename: strftime over `template` at `stamp` (with -G), then the number."""
    name = time.strftime(template, time.localtime(stamp)) if stamp is not None else template
    if number == 0 and width == 0:
        return name
    return "%s%0*d" % (name, width, number)


class RotatingWriter:
    """Packets written to the -w file(s); see the module's docstring.

    `clock` gives the wall-clock seconds (time.time; tests pass their own);
    `on_close(name)` is called with each file's name when it is closed by a
    rotation (what -z would run a command on).
    """

    def __init__(self, template, linktype, snaplen, nanosecond=False, file_size=0, seconds=0,
                 file_count=0, packet_buffered=False, clock=time.time, on_close=None):
        self.template = template
        self.header = (linktype, snaplen, nanosecond)
        self.file_size = file_size
        self.seconds = seconds
        self.file_count = file_count
        self.packet_buffered = packet_buffered
        self.clock = clock
        self.on_close = on_close
        self.width = digits(file_count) if file_size else 0
        self.opened_at = int(clock()) if seconds else None
        self.files_done = 0   # tcpdump's Gflag_count
        self.number = 0       # tcpdump's Cflag_count
        self.stopped = False  # the pipe was closed
        self.exhausted = False  # -G with -W: the last file is done
        self.stream = self.writer = None
        self.size = 0
        self._open(make_filename(template, 0, self.width, self.opened_at))

    def _open(self, name):
        self.name = name
        if name == "-":
            self.stream = sys.stdout.buffer
        else:
            try:
                self.stream = open(name, "wb")
            except OSError as error:
                raise FileWriteError(name, error.strerror) from None
        self.writer = PcapWriter(self.stream, *self.header)
        self.size = _FILE_HEADER

    def write(self, packet):
        """Write one packet, rotating first if it is time.

        False when the writing is over: -G's -W files are done (this packet
        was not written: `exhausted`), or the pipe `-w -` writes into was
        closed (`stopped`).
        """
        if self.seconds and not self._rotate_by_time():
            return False
        if self.file_size and self.size > self.file_size:
            self._close_current()
            self.number += 1
            if self.file_count and self.number >= self.file_count:
                self.number = 0
            self._open(make_filename(self.template, self.number, self.width, self.opened_at))
        self.size += _RECORD_HEADER + len(packet.data)
        self._guarded(self.writer.write, packet)
        if self.packet_buffered:
            self._guarded(self.writer.flush)
        return not self.stopped

    def _rotate_by_time(self):
        now = int(self.clock())
        if now - self.opened_at < self.seconds:
            return True
        self.opened_at = now
        self.files_done += 1
        self._close_current()
        if not self.file_size and self.file_count and self.files_done >= self.file_count:
            self.exhausted = True
            return False
        self.number = 0
        self._open(make_filename(self.template, 0, self.width, now))
        return True

    def _guarded(self, call, *arguments):
        try:
            call(*arguments)
        except OSError as error:
            # pcap_dump ignores write errors; a closed pipe would have killed
            # tcpdump's loop through its SIGPIPE handler
            self.stopped = self.stopped or error.errno == errno.EPIPE

    def flush(self):
        if self.stream is not None and not self.stopped:
            self._guarded(self.writer.flush)

    def _close_current(self):
        self.close()
        if self.on_close:
            self.on_close(self.name)

    def close(self):
        if self.stream is not None:
            self.flush()
            if self.stream is not sys.stdout.buffer:
                try:
                    self.stream.close()
                except OSError:
                    pass
            self.stream = None
