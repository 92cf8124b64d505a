"""Where every packet the filter accepted goes, in file mode and live mode alike.

One code path for -c, -w (with -C/-G/-W rotation), --print, --count, --json
and the printed lines, whichever source the packets come from:

    sink = Sink(args)                 # the parsed command line
    sink.start(linktype, snaplen)     # once the source's link type is known
    for packet in accepted_packets:   # the source applies the filter
        if not sink.take(packet):     # False: -c reached, or `sink.over`: -W's last
            break                     # file done, the pipe -w writes into closed
    sink.finish()                     # flush; --count's line (file mode)
    sink.captured                     # packets taken: tcpdump's "N packets captured"

A failed write of the printed output raises OutputError (tcpdump's "Unable
to write output", status 14); a failed write of a -w file is ignored, as
tcpdump ignores it.
"""

import itertools
import sys

from pynettools.errors import OutputError

_BATCH = 1024  # lines joined per write in drain()


class Sink:
    """The packets' destination for one run; see the module's docstring."""

    def __init__(self, args):
        self.args = args
        self.limit = args.count
        self.captured = 0
        self._taken = 0  # from this source: -c counts each -V file anew, as pcap_loop does
        self.started = False
        self._children = []  # -z's commands still running
        self.printer = self.writer = None
        self.owners = None  # --owners: the OwnerService of a live run
        self._show = None
        self._lines = None  # the printer's line() when nothing else wraps its text
        self._out = sys.stdout.buffer
        # -l, or a terminal, whose stdout C's stdio buffers by the line
        self._flush_each = bool(args.line_buffered) or self._out.isatty()

    def start(self, linktype, snaplen):
        """Open the -w file and make the printer for packets of `linktype`; for
        each further file of -V the count starts anew, the rest carries on
        (the -w file, the printer's relative sequence numbers and times)."""
        self._taken = 0
        if self.started:
            return
        self.started = True
        args = self.args
        nano = args.precision == "nano"
        if args.write_file is not None:
            from pynettools.capture.rotation import RotatingWriter

            self.writer = RotatingWriter(
                args.write_file, linktype, snaplen, nanosecond=nano,
                file_size=args.file_size or 0, seconds=args.rotate_seconds or 0,
                file_count=args.file_count or 0, packet_buffered=bool(args.packet_buffered),
                on_close=self._postrotate if args.postrotate_command else None)
        # --count silences the printing, not --print's beside -w (tcpdump's callbacks)
        if (not args.print if args.write_file is not None else args.count_only):
            self._show = None
        elif args.json:
            self._show, self._flush_each = self._json_line(), True
        else:
            self._show = self._text_line(nano)

    def _json_line(self):
        from pynettools.output.jsonout import json_line
        from pynettools.output.tcpdump import Printer

        record = Printer().record
        if self.owners is not None:
            from pynettools.cli.tcpdump.owners import owned_record

            record = owned_record(record, self.owners)
        return lambda packet: json_line(record(packet))

    def _text_line(self, nano):
        from pynettools.output.tcpdump import Printer

        self.printer = Printer(print_options(self.args, nano))
        if self.owners is not None:
            from pynettools.cli.tcpdump.owners import owned_text

            return owned_text(self.printer.text, self.owners)
        self._lines = self.printer.line
        return self.printer.text

    def _postrotate(self, name):
        """-z: COMMAND FILE on each file a rotation closed, at the lowest priority, not
        waited for (tcpdump's compress_savefile); the children that ended are reaped."""
        import os

        command = self.args.postrotate_command
        self._children = [pid for pid in self._children if not os.waitpid(pid, os.WNOHANG)[0]]
        try:
            pid = os.posix_spawnp(command, [command, name], os.environ)
        except OSError as error:
            from pynettools.output import write

            write("compress_savefile: execlp(%s, %s) failed: %s\n" % (
                command, name, error.strerror), sys.stderr)
            return
        self._children.append(pid)
        try:
            os.setpriority(os.PRIO_PROCESS, pid, 19)
        except OSError:
            pass  # it ended already

    def take(self, packet):
        """Count, write and print one packet; False when the run must stop."""
        self.captured += 1
        self._taken += 1
        if self.writer is not None and not self.writer.write(packet):
            if self.writer.exhausted:  # tcpdump counted the packet all the same
                self._say_limit()
            return False
        if self._show is not None:
            self.emit(self._show(packet))
        return self.limit is None or self._taken < self.limit

    def drain(self, reader, program=None):
        """take() every packet of savefile `reader` that `program` accepts (None:
        every one) until one says stop: file mode's loop.

        Printing alone, the reader's records go to the printer without a Packet
        each, and the lines are joined and written a batch at a time (a file is
        read much faster than a capture arrives: the calls per packet are what
        costs)."""
        if self.writer is not None or self._lines is None or self._flush_each:
            packets = reader if program is None else \
                (packet for packet in reader if program.run(packet.data, packet.wire_length))
            for packet in packets:
                if not self.take(packet):
                    return
            return
        records = reader.records()
        if program is not None:
            run = program.run
            records = (record for record in records if run(record[2], record[1]))
        lines = itertools.starmap(self._lines, records)
        if self.limit is not None:
            lines = itertools.islice(lines, self.limit - self._taken)
        batch = []
        try:
            while True:
                # extend keeps the lines made before a savefile cut short or a ^C
                batch.extend(itertools.islice(lines, _BATCH))
                if not batch:
                    return
                self._print_batch(batch)
        finally:
            if batch:
                self._print_batch(batch)

    def _print_batch(self, batch):
        self.captured += len(batch)
        self._taken += len(batch)
        text = "".join(batch)
        batch.clear()
        self.emit(text)

    @property
    def over(self):
        """True when nothing more can be taken (-W's last file done, -w's pipe closed),
        not merely -c reached for this source."""
        return self.writer is not None and (self.writer.exhausted or self.writer.stopped)

    def emit(self, text):
        """Write printed text to stdout (OutputError when it cannot be written)."""
        try:
            self._out.write(text.encode("utf-8", "surrogateescape"))
            if self._flush_each:
                self._out.flush()
        except OSError as error:
            self._closed(error)

    def _closed(self, error):
        from pynettools.cli.runner import silence_stdout

        silence_stdout()  # what is still buffered must not be flushed at exit
        if self.writer is not None and self.writer.name == "-":
            # -w - --print: the packets and the lines share the pipe; tcpdump's
            # dumper meets the closed pipe first, and its SIGPIPE ends the run quietly
            self.writer.stopped = True
            return
        raise OutputError(error.errno) from None

    def _say_limit(self):
        from pynettools.output import write

        self.flush()
        write("Maximum file limit reached: %d\n" % self.args.file_count, sys.stderr)

    def flush(self):
        """Push out what is printed (before a message on stderr, at the end)."""
        try:
            self._out.flush()
        except OSError as error:
            self._closed(error)

    def finish(self, count_line=False):
        """Flush and close; with --count in file mode (`count_line`), print its line."""
        if self.writer is not None:
            self.writer.close()
        if count_line and self.started and self.args.count_only:
            self.emit("%u packet%s\n" % (self.captured, "" if self.captured == 1 else "s"))
        self.flush()


def print_options(args, nanoseconds):
    """The printer's options from tcpdump's printing flags."""
    from pynettools.output.tcpdump import PrintOptions

    return PrintOptions(
        verbose=args.verbose, link_header=bool(args.link_header), numeric=args.numeric,
        quiet=args.quiet, absolute_sequence=bool(args.absolute_sequence),
        timestamps=args.timestamps, nanoseconds=nanoseconds,
        packet_number=bool(args.packet_number), no_checksums=bool(args.no_checksums),
        hex=args.hex, hex_ascii=args.hex_ascii, ascii=args.ascii,
        strip_domains=bool(args.strip_domains))
