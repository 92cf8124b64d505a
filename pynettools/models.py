"""Result records shared by the text formatters and the JSON writer.

Records are tuples with named fields, as psutil's results are, rather than
dataclasses: importing `dataclasses` pulls in `inspect` and `re`, about
15 ms, which is more than a whole `pyservices` lookup may cost.  `record`
makes them with the part of namedtuple's interface the project uses, without
`collections`: importing it (and `functools`, which needs it) costs about
0.2x of a bare interpreter's start (benchmarks/bench_startup.py).  They are
immutable; the JSON writer turns them into objects field by field
(`pynettools.output.jsonout`), so a field added here appears in both outputs.

Each record module lists its records in RECORDS (name: fields, docstring)
and makes each record class the first time it is imported (`lazy_records`):
a command that needs two of a module's twelve should not build the other ten
at every start.
"""

import sys
from _operator import itemgetter  # the C module: `operator` costs more than it gives here


def record(name, fields, doc=None, module=None):
    """A tuple class called `name` whose items are the attributes `fields`
    (a str of space-separated names), as collections.namedtuple makes one:
    built positionally or by keyword, `_fields`, `_make`, `_replace`,
    `_asdict`, a repr with the names, pickled by value.  `module` (default:
    the caller's) is where pickle finds the class."""
    fields = tuple(fields.split())
    arguments = ", ".join(fields)
    # A __new__ with the fields as its parameters, as namedtuple writes one:
    # faster to call than *args/**kwargs, and its errors name the fields.
    namespace = {"_tuple_new": tuple.__new__}
    exec("def __new__(_cls, %s):\n    return _tuple_new(_cls, (%s,))" % (arguments, arguments),
         namespace)
    body = {"__slots__": (), "__doc__": doc, "_fields": fields, "__new__": namespace["__new__"],
            "__module__": module or sys._getframe(1).f_globals.get("__name__", "__main__"),
            "__match_args__": fields}
    body.update(_RECORD_METHODS)
    for index, field in enumerate(fields):
        body[field] = property(itemgetter(index), doc="Item %d: %s" % (index, field))
    return type(name, (tuple,), body)


def _make(cls, iterable):
    return tuple.__new__(cls, iterable)


def _replace(self, **changes):
    made = self._make(map(changes.pop, self._fields, self))
    if changes:
        raise ValueError("Got unexpected field names: %r" % list(changes))
    return made


def _asdict(self):
    return dict(zip(self._fields, self))


def _values(self):
    return tuple(self)


def _repr(self):
    return "%s(%s)" % (type(self).__name__,
                       ", ".join("%s=%r" % pair for pair in zip(self._fields, self)))


_RECORD_METHODS = {"_make": classmethod(_make), "_replace": _replace, "_asdict": _asdict,
                   "__repr__": _repr, "__getnewargs__": _values}


def lazy_records(records, module):
    """A module __getattr__ (PEP 562) that builds the record called `name`
    from `records` ({name: (fields, docstring)}) on first use, into `module`
    (the module's globals)."""

    def __getattr__(name):
        if name not in records:
            raise AttributeError("module %r has no attribute %r" % (module["__name__"], name))
        fields, doc = records[name]
        made = module[name] = record(name, fields, doc, module["__name__"])
        return made

    return __getattr__


RECORDS = {
    "ServiceEntry": (
        "name port protocol aliases comment",
        """One parsed line of a services(5) file.

name: str; port: int (0-65535, after glibc's truncation to 16 bits);
protocol: str (as written, may be empty); aliases: tuple of str;
comment: str or None (the text after `#`, stripped).
"""),
    "ServiceLookup": (
        "key entry",
        """The answer to one `pyservices KEY`: entry is None when not found."""),
    "ListeningSocket": (
        "protocol family address port pid process service",
        """A local socket that accepts traffic, with its service.

protocol: "tcp" or "udp"; family: "inet" or "inet6"; address: str; port: int;
pid: int or None (None when the owner cannot be seen, e.g. without root);
process: str or None; service: ServiceEntry or None.
"""),
    "MplsLabel": (
        "label exp bottom ttl",
        """One MPLS label stack entry an ICMP extension reported (RFC 4950).

label: int (20 bits); exp: int (3 bits, traffic class); bottom: int (1 at the
bottom of the stack); ttl: int.
"""),
    "TraceProbe": (
        "address name rtt icmp_type icmp_code annotation final mtu back_hops "
        "mpls asn",
        """One probe of a traceroute hop and what answered it.

address: str or None (None: no answer, `*`); name: str or None (the
responder's name, None with -n or when it has none); rtt: float, milliseconds,
or None; icmp_type, icmp_code: int or None, as the answer carried them (11/0
time exceeded, 3/3 port unreachable from a UDP target, 0/0 or 129/0 an echo
reply; None when the answer was not ICMP: a UDP datagram, a TCP segment); annotation: "" or traceroute's mark
("!H", "!N", "!X", "!F-1400", "!<5>", ...); final: bool (the trace ends at this
hop); mtu: int or None (--mtu: the path MTU this probe found, `F=`);
back_hops: int or None (--back: hops on the way back, shown when they differ);
mpls: tuple of MplsLabel (-e); asn: str or None (-A, e.g. "AS64500").
"""),
    "TraceHop": (
        "ttl probes",
        """One hop: ttl: int; probes: tuple of TraceProbe, in sending order."""),
    "Trace": (
        "target address family method port first_hop max_hops queries "
        "packet_length hops",
        """A whole trace.

target: str (as given); address: str; family: 4 or 6; method: "udp" (traceroute's
default), "udp-fixed" (-U), "udplite", "icmp", "tcp", "tcpconn", "dccp" or "raw" (-P);
port: int (for "raw", the IP protocol is in the request, not here); first_hop,
max_hops, queries: int; packet_length: int (bytes, as in the header line);
hops: list of TraceHop (a generator while streaming).
"""),
    "TraceFailure": (
        "target error trace",
        """A target of a batch (`pynettools.traceroutes`) whose trace did not run
through.

target: str (as given); error: the `pynettools.errors.PynettoolsError` it
ended with (a ResolveError for a name that does not resolve); trace: the
Trace as far as it went (its hops so far), or None when no probe was sent.
"""),
    "ReportHop": (
        "ttl address name addresses names sent received loss last average best "
        "worst stdev error",
        """One hop of an mtr-style report: every probe sent to one TTL.

ttl: int; address: str or None (the latest responder; None: nothing ever
answered, mtr's `???`); name: str or None (its name, None with -n or when it
has none); addresses: tuple of str, every responder in the order first seen
(at most 8; more than one where paths balance or change); names: tuple of
str or None, their names (as `name`, in the same order); sent, received:
int (Snt, and the answers among them); loss: float, percent, to three
decimals as mtr truncates it (Loss%); last, average, best, worst, stdev:
float, milliseconds, to the microsecond as mtr keeps them (mtr's integer
average and standard deviation, 0.0 when nothing answered); error: bool (the
latest answer was an ICMP error other than port unreachable: the path ends
here).
"""),
    "Report": (
        "target address family method port first_hop max_hops packet_length tos "
        "cycles interval started source hops",
        """An mtr-style report (`pytraceroute --report`): `cycles` rounds of one probe
to every hop.

target: str (as given); address: str; family: 4 or 6; method, port, first_hop,
max_hops, packet_length: as in Trace; tos: int; cycles: int; interval: float
(seconds between rounds); started: float (time.time() when the first probe
went out); source: str (this host's name, mtr's HOST); hops: tuple of
ReportHop from first_hop to where the path ends by mtr's rules (the first hop
answered by the target or with an error; else one hop past the last hop that
answered, at most max_hops).
"""),
    "TelnetSummary": (
        "host address port connect_seconds bytes_sent bytes_received "
        "local_options remote_options closed_by data_encoding data",
        """One pytelnet session, for --json.

host: str as given; address: str connected to; port: int; connect_seconds: float;
bytes_sent, bytes_received: int counted on the wire (protocol bytes included);
local_options, remote_options: [str] names of the options in effect at the end
(ours, the peer's); closed_by: "peer", "silence" (--wait), "user" or "quit";
data_encoding: "text" (UTF-8) or "base64"; data: str, everything shown.
"""),
}
__getattr__ = lazy_records(RECORDS, globals())
