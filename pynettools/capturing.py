"""Decoded packets for Python callers: `pynettools.packets()` (see its docstring).

The same reading, filtering and decoding as `pytcpdump -r FILE --json`: a
savefile through the filter compiled for its link type (libpcap's semantics),
each packet accepted as its JSON record (schema "pytcpdump/1").
"""


def packets(source, filter=None, count=None, optimize=True):
    """Yield the records of the packets in savefile `source` that `filter` accepts.

    `source` is a path or a binary file object (pcap or pcapng); `filter` a
    pcap-filter(7) expression (None: every packet); `count` stops after that
    many packets; `optimize=False` is tcpdump's -O.  Each record is a dict as
    `pytcpdump --json` prints it: "time", "timestamp_ns", "length",
    "captured_length", "linktype", "interface", "layers" (outermost first),
    "truncated".  Raises FileReadError (the path cannot be opened),
    CaptureFileError (not a savefile, or cut short: after the packets before
    the cut), FilterError (the expression cannot be compiled).
    """
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
    from pynettools.decode.records import packet_record
    from pynettools.output.tcpdump_link import interface_name

    run = None
    if expression is not None and expression.strip():
        from pynettools.bpf import compile_filter

        run = compile_filter(expression, reader.linktype, reader.snaplen,
                             optimize=optimize).run
    taken = 0
    for packet in reader:
        if run is not None and not run(packet.data, packet.wire_length):
            continue
        yield packet_record(packet, interface_name)
        taken += 1
        if taken == count:
            return
