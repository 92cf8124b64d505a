"""Decoded packets for Python callers: `pynettools.packets()` (see its docstring).

The same reading, filtering and decoding as `pytcpdump -r FILE --json` (or
`pytcpdump -i IFACE --json`): a savefile or a live capture through the filter
compiled for its link type (libpcap's semantics), each packet accepted as its
JSON record (schema "pytcpdump/1").
"""


def packets(source=None, filter=None, count=None, optimize=True, interface=None,
            promiscuous=True):
    """Yield the records of the packets in savefile `source`, or captured live
    on `interface` (a name or "any"; `promiscuous` as tcpdump without -p),
    that `filter` accepts.

    `source` is a path or a binary file object (pcap or pcapng); `filter` a
    pcap-filter(7) expression (None: every packet); `count` stops after that
    many packets; `optimize=False` is tcpdump's -O.  Each record is a dict as
    `pytcpdump --json` prints it: "time", "timestamp_ns", "length",
    "captured_length", "linktype", "interface", "layers" (outermost first),
    "truncated".  Raises FileReadError (the path cannot be opened),
    CaptureFileError (not a savefile, or cut short: after the packets before
    the cut), FilterError (the expression cannot be compiled); live, also
    CaptureDeviceError (no such device, not up, no privilege: "permission").
    A live capture runs until `count` packets or until the caller stops.
    """
    if interface is not None:
        yield from _live_records(interface, filter, count, optimize, promiscuous)
        return
    from pynettools.capture.savefile import open_savefile
    from pynettools.errors import FileReadError

    if isinstance(source, (str, bytes)) or hasattr(source, "__fspath__"):
        try:
            stream = open(source, "rb")
        except OSError as error:
            raise FileReadError(str(source), error.strerror) from None
    else:
        stream = source
    try:
        yield from _records(open_savefile(stream), filter, count, optimize)
    finally:
        if stream is not source:
            stream.close()


def _records(reader, expression, count, optimize):
    run = None
    if expression is not None and expression.strip():
        from pynettools.bpf import compile_filter

        run = compile_filter(expression, reader.linktype, reader.snaplen,
                             optimize=optimize).run
    yield from _decoded((packet for packet in reader
                         if run is None or run(packet.data, packet.wire_length)), count)


def _live_records(interface, expression, count, optimize, promiscuous):
    """The live capture's packets: the filter in the kernel, as pytcpdump -i puts it."""
    from pynettools.bpf import LIVE, compile_filter
    from pynettools.capture.live import LiveCapture

    with LiveCapture(interface, promiscuous=promiscuous, immediate=True) as capture:
        capture.set_filter(compile_filter(expression or "", capture.linktype, capture.snaplen,
                                          optimize=optimize, source=LIVE))
        yield from _decoded(capture.packets(), count)


def _decoded(accepted, count):
    from pynettools.decode.records import packet_record
    from pynettools.output.tcpdump_link import interface_name

    taken = 0
    for packet in accepted:
        yield packet_record(packet, interface_name)
        taken += 1
        if taken == count:
            return
