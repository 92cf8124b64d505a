"""tcpdump's lines: packets in, the text tcpdump 4.99 prints for them out.

`Printer(options).text(packet)` is every line tcpdump prints for a packet
(newline-terminated), `Printer.line(timestamp_ns, wire_length, data,
linktype)` the same of a savefile reader's record (the common packet's
through tcpdump_fast, in one call); `Printer.record(packet)` the same
packet's decoded layers for `--json`.  A printer keeps what tcpdump keeps
between packets: the previous and first time stamps (-ttt, -ttttt), the
packet count (-#) and the TCP sequence bases behind relative sequence
numbers.

The protocol printers (tcpdump_link, tcpdump_ip, tcpdump_icmp,
tcpdump_tcp, tcpdump_udp, tcpdump_dns) read the bytes straight, as tcpdump does,
checking each field against the captured length: a field past it ends the
line with tcpdump's truncation mark (`Truncated`).  What a packet holds is
decoded by `pynettools.decode`; only how it reads is here.
"""

import time

from pynettools.output import (tcpdump_fast, tcpdump_hex, tcpdump_icmp, tcpdump_icmp6,
                               tcpdump_ip, tcpdump_ip6, tcpdump_ipproto, tcpdump_link,
                               tcpdump_tcp, tcpdump_udp)
from pynettools.output.tcpdump_common import Cut, Truncated
from pynettools.output.tcpdump_names import Names


_DIGITS = tuple("%03d" % number for number in range(1000))


class PrintOptions:
    """The printing flags of a tcpdump command line, as counts and switches.

    verbose: -v count; link_header: -e; numeric: -n count; quiet: -q count;
    absolute_sequence: -S; timestamps: -t count (0: time of day, 1: none,
    2: seconds since the epoch, 3: since the previous packet, 4: date and
    time, 5: since the first packet); nanoseconds: --time-stamp-precision=nano;
    packet_number: -#; no_checksums: -K; hex: -x count; hex_ascii: -X count;
    ascii: -A count; strip_domains: -N (host names cut at their first
    dot).  resolver: a function from a packed IPv4 or IPv6
    address to its host name or None (default: the system resolver, as
    tcpdump asks it); services: a `pynettools.services.ServicesDB` for port
    names (default: /etc/services)."""

    __slots__ = ("verbose", "link_header", "numeric", "quiet", "absolute_sequence",
                 "timestamps", "nanoseconds", "packet_number", "no_checksums", "hex",
                 "hex_ascii", "ascii", "strip_domains", "resolver", "services")

    def __init__(self, verbose=0, link_header=False, numeric=0, quiet=0,
                 absolute_sequence=False, timestamps=0, nanoseconds=False,
                 packet_number=False, no_checksums=False, hex=0, hex_ascii=0, ascii=0,
                 strip_domains=False, resolver=None, services=None):
        self.verbose = verbose
        self.link_header = link_header
        self.numeric = numeric
        self.quiet = quiet
        self.absolute_sequence = absolute_sequence
        self.timestamps = timestamps
        self.nanoseconds = nanoseconds
        self.packet_number = packet_number
        self.no_checksums = no_checksums
        self.hex = hex
        self.hex_ascii = hex_ascii
        self.ascii = ascii
        self.strip_domains = strip_domains
        self.resolver = resolver
        self.services = services


class Printer:
    """Formats packets as tcpdump does, one call per packet, in capture order."""

    # slots: the protocol printers read these for every packet
    __slots__ = ("options", "names", "verbose", "eflag", "qflag", "kflag", "relative",
                 "suppress_default", "tcp_bases", "count", "_first", "_previous", "_second",
                 "_second_text", "stamp", "numbered", "dumps", "line", "out", "end", "protocol",
                 "link_length", "tcp_prefixes", "option_templates", "udp_prefixes",
                 "host_pairs", "_link_printers", "_unsupported", "print_ipv4", "transports")

    def __init__(self, options=None):
        self.options = options = options or PrintOptions()
        self.names = Names(options)
        self.verbose = options.verbose
        self.eflag = options.link_header
        self.qflag = options.quiet
        self.kflag = options.no_checksums
        self.relative = not options.absolute_sequence
        # -q, -x and -X leave out the hex of payloads tcpdump cannot decode
        self.suppress_default = bool(options.quiet or options.hex or options.hex_ascii)
        self.tcp_bases = {}
        self.count = 0
        self._first = self._previous = None
        self._second = -1_000_000_000  # no second yet
        self._second_text = ""
        self.stamp = self._timestamp_function()
        self.numbered = options.packet_number
        self.dumps = bool(options.hex_ascii or options.hex or options.ascii)
        # per packet: the parts printed so far, where the captured bytes end,
        # the protocol a truncation mark names, the link-layer header length
        self.out = None
        self.end = 0
        self.protocol = ""
        self.link_length = 0
        self.tcp_prefixes = {}
        self.option_templates = {}
        self.udp_prefixes = {}
        self.host_pairs = {}
        self._link_printers = tcpdump_link.PRINTERS
        self._unsupported = tcpdump_link.unsupported
        # what the IP printers hand their payload to, by protocol number
        self.print_ipv4 = tcpdump_ip.print_ipv4
        self.transports = {
            6: tcpdump_tcp.print_tcp, 17: tcpdump_udp.print_udp,
            1: tcpdump_icmp.print_icmp, 58: tcpdump_icmp6.print_icmp6,
            4: lambda p, data, offset, length, *_: tcpdump_ip.print_ipv4(p, data, offset,
                                                                         length),
            41: lambda p, data, offset, length, *_: tcpdump_ip6.print_ipv6(p, data, offset,
                                                                           length),
            **tcpdump_ipproto.PRINTERS}
        # line(stamp, wire_length, data, linktype): text() of a packet given by its
        # fields (a savefile reader's records()), the common packet's in one call
        self.line = tcpdump_fast.line_function(self)

    def text(self, packet):
        """Every line tcpdump prints for `packet`, newline-terminated."""
        return self.line(packet.timestamp_ns, packet.wire_length, packet.data, packet.linktype)

    def general_line(self, stamp, wire_length, data, linktype):
        """line() of any packet, through the link layer's printer."""
        self.count += 1
        caplen = len(data)
        if not caplen or wire_length < caplen:
            return self._invalid(data, wire_length)
        if self.numbered:
            out = self.out = ["%5u  " % self.count, self.stamp(stamp)]
        else:
            out = self.out = [self.stamp(stamp)]
        self.end = caplen
        self.protocol = ""
        self.link_length = 0
        try:
            self._link_printers.get(linktype, self._unsupported)(self, data, wire_length,
                                                                 linktype)
        except Cut:
            out.append(" [|%s]" % self.protocol)
        except Truncated:
            out.append(" [|%s]" % self.protocol)
            # the link layer's header length is only known when its printer returns
            self.link_length = 0
        if self.dumps:
            out.append(tcpdump_hex.dump(self.options, data, self.link_length))
        out.append("\n")
        return "".join(out)

    def record(self, packet):
        """The packet's decoded layers, a JSON-ready dict (schema "pytcpdump/1")."""
        from pynettools.decode.records import packet_record

        return packet_record(packet, tcpdump_link.interface_name)

    def _invalid(self, data, wire_length):
        """tcpdump's line for a record header it does not believe (no time stamp)."""
        out = ["%5u  " % self.count] if self.numbered else []
        problems = []
        if not data:
            problems.append(" caplen==0")
        if not wire_length:
            problems.append(" len==0")
        elif wire_length < len(data):
            problems.append(" len(%u) < caplen(%u)" % (wire_length, len(data)))
        return "".join(out) + "[Invalid header:" + ",".join(problems) + "]\n"

    # Time stamps, as ts_print formats them (local time: TZ applies).

    def _timestamp_function(self):
        mode = self.options.timestamps
        digits = 9 if self.options.nanoseconds else 6
        if mode == 1:
            return lambda stamp: ""
        if mode == 2:
            if digits == 9:
                return lambda stamp: "%u.%09u " % divmod(stamp, 1_000_000_000)
            return lambda stamp: "%u.%06u " % divmod(stamp // 1000, 1_000_000)
        if mode in (3, 5):
            return self._delta_stamp
        if mode == 4:
            return self._date_stamp
        return self._time_of_day_nano if digits == 9 else self._time_of_day

    def _fraction(self, stamp):
        if self.options.nanoseconds:
            return ".%09u" % (stamp % 1_000_000_000)
        return ".%06u" % (stamp // 1000 % 1_000_000)

    def _time_of_day(self, stamp):
        # the second's text is kept: most packets share their second with the last
        fraction = stamp - self._second
        if not 0 <= fraction < 1_000_000_000:
            fraction = self._new_second(stamp)
        micro = fraction // 1000
        return self._second_text + _DIGITS[micro // 1000] + _DIGITS[micro % 1000] + " "

    def _time_of_day_nano(self, stamp):
        fraction = stamp - self._second
        if not 0 <= fraction < 1_000_000_000:
            fraction = self._new_second(stamp)
        return f"{self._second_text}{fraction:09d} "

    def _new_second(self, stamp):
        seconds, fraction = divmod(stamp, 1_000_000_000)
        self._second = seconds * 1_000_000_000
        self._second_text = "%02d:%02d:%02d." % time.localtime(seconds)[3:6]
        return fraction

    def _date_stamp(self, stamp):
        seconds = stamp // 1_000_000_000
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(seconds)) + \
            self._fraction(stamp) + " "

    def _delta_stamp(self, stamp):
        if not self.options.nanoseconds:
            stamp = stamp // 1000 * 1000
        if self._first is None:
            self._first = self._previous = stamp
        base = self._previous if self.options.timestamps == 3 else self._first
        self._previous = stamp
        delta = stamp - base
        sign = "-" if delta < 0 else " "
        delta = abs(delta)
        seconds = delta // 1_000_000_000
        return "%s%02d:%02d:%02d%s " % (sign, seconds // 3600 % 24, seconds // 60 % 60,
                                        seconds % 60, self._fraction(delta))
