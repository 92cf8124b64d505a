"""Many traces in one process, every target's probes out at once.  Never prints.

`traceroutes(hosts, ...)` (also `pynettools.traceroutes`) traces every host
and yields each trace whole as soon as it is complete; `Batch` is the engine
under it and under `pytraceroute --targets`.  One `schedule.Loop` drives a
traceroute `schedule.Progress` per target, each with its own method and
the same schedule (-N, -w, -z) as a trace alone, on one poller; one
`schedule.RateGate` keeps the sends of all at or under `rate` a second.
Targets are taken from their iterable only as room frees up (MOST_TRACES
under way, or as many as open files allow; MOST_RAW_TRACES with the raw
methods, whose every socket receives every ICMP message the host gets), so
that a long list is never held whole.  `read_targets` reads a file of hosts.
"""

import _socket as socket  # the C module: `socket` costs ~15 ms of enum set-up

from pynettools.errors import FileReadError, PynettoolsError, ResolveError
from pynettools.models import record, TraceFailure
from pynettools.probe import schedule
from pynettools.probe.family import family_of
from pynettools.probe.poller import Poller
from pynettools.tracing import HopRecords, make_request, open_method, resolve, timing, \
    trace_record

DEFAULT_RATE = 1000  # probes a second, over the whole batch
MOST_TRACES = 512  # traces under way at once
DESCRIPTORS_PER_TRACE = 20  # sockets a trace may hold: -N's 16 and a method's own
SPARE_DESCRIPTORS = 64
MOST_RAW_TRACES = 16  # ... with raw sockets, each of which receives every ICMP message
LONGEST_LINE = 4096  # bytes; a host name has at most 253
CHUNK = 65536

Job = record("Job", "key request error")
Job.__doc__ = """One target for a Batch: `key` (anything, handed back with its result),
and either a checked tracing.Request or the PynettoolsError that stops it
before any probe (an unknown host)."""

Result = record("Result", "key request trace error")
Result.__doc__ = """A finished target: trace is the Trace with its hops as a list (those done
before an error, if one ended it) or None when no probe went out; error is
the PynettoolsError it ended with, or None."""

TargetLine = record("TargetLine", "number text too_long")
TargetLine.__doc__ = """A host from a targets file: line number (from 1), the host (str, the
line's bytes decoded with surrogateescape, blanks around it removed), and
too_long: True when the line was longer than LONGEST_LINE bytes (text is
then its start)."""


def traceroutes(hosts, family=None, rate=DEFAULT_RATE, **settings):
    """Trace the route to every host at once; yield each trace as it completes.

    :param hosts: an iterable of host names or addresses, read as traces
        start (it may be a generator over a huge file).
    :param family: 4 or 6 to resolve every host in that family only; None
        takes the first IPv4 address when a name has one, as traceroute does.
    :param rate: probes a second at most over the whole batch (default 1000),
        in bursts of at most rate/100.
    :param settings: the keywords of `pynettools.tracing.make_request`, as for
        `pynettools.tracing.traceroute`; they apply to every host.
    :returns: an iterator of `pynettools.models.Trace` records (hops as
        lists), in the order the traces complete, and of
        `pynettools.models.TraceFailure` records for the hosts that did not
        resolve (error: ResolveError) or whose trace failed (error: the
        PrivilegeError, SocketCallError or UnsupportedError that
        `pynettools.traceroute` would raise; trace: the hops done before).
    :raises ValueError: `method` is not one of tracing.METHODS.
    """
    jobs = (_job(host, family, settings) for host in hosts)
    for result in Batch(jobs, rate).results():
        if result.error is None:
            yield result.trace
        else:
            yield TraceFailure(result.key, result.error, result.trace)


def _job(host, family, settings):
    try:
        af, address = resolve(host, family)
    except socket.gaierror as error:
        return Job(host, None, ResolveError(host, error.strerror))
    return Job(host, make_request(host, address, family_of(af).version, **settings), None)


class Batch:
    """Jobs traced together; `results()` yields a Result for each as it finishes.

    `on_turn`, when given, is called after every turn of the loop (a
    progress display reads `done`, `started`, `exhausted` and `out`).
    `names` is the reverse-lookup cache every trace shares.
    """

    def __init__(self, jobs, rate=DEFAULT_RATE, on_turn=None):
        self.jobs = iter(jobs)
        descriptors = _raise_descriptor_limit()
        self.most = max(1, min(MOST_TRACES, (descriptors - SPARE_DESCRIPTORS) //
                               DESCRIPTORS_PER_TRACE))
        self.gate = schedule.RateGate(rate, max(1, descriptors - SPARE_DESCRIPTORS -
                                                4 * self.most))
        self.loop = schedule.Loop(Poller())
        self.on_turn = on_turn
        self.names = {}
        self.under_way = {}  # progress -> (job, HopRecords, hops so far)
        self.started = self.done = 0
        self.exhausted = False

    @property
    def out(self):
        """Probes out now, over every trace."""
        return self.gate.out

    def results(self):
        try:
            while True:
                yield from self._admit()
                if not self.under_way:
                    if self.exhausted:
                        return
                    continue
                for event in self.loop.turn():
                    result = self._record(event)
                    if result is not None:
                        yield result
                if self.on_turn is not None:
                    self.on_turn()
        finally:
            for progress in list(self.under_way):
                progress.close()

    def _admit(self):
        """Start jobs while there is room: the Results of those that fail at once."""
        while not self.exhausted and len(self.under_way) < self.most:
            job = next(self.jobs, None)
            if job is None:
                self.exhausted = True
                break
            self.started += 1
            if job.error is not None:
                yield self._finished(job, None, job.error)
                continue
            try:
                method = open_method(job.request, self.loop.poller)
            except PynettoolsError as error:
                yield self._finished(job, None, error)
                continue
            if method.sees_every_message:
                self.most = min(self.most, MOST_RAW_TRACES)
            progress = schedule.Progress(method, timing(job.request), self.gate)
            self.under_way[progress] = (job, HopRecords(job.request, self.names), [])
            self.loop.add(progress)

    def _record(self, event):
        job, records, hops = self.under_way[event.progress]
        hops += [records.hop(slots) for slots in event.outputs]
        if not event.finished:
            return None
        del self.under_way[event.progress]
        event.progress.close()
        return self._finished(job, trace_record(job.request, hops), event.error)

    def _finished(self, job, trace, error):
        self.done += 1
        return Result(job.key, job.request, trace, error)


def _raise_descriptor_limit():
    """Raise this process's open-file limit to its hard limit; the limit now."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        wanted = 1 << 20 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return soft


def read_targets(stream, name):
    """TargetLines from a binary stream of hosts, one a line, read as needed.

    Blank lines, lines starting with `#` and what follows a `#` are skipped.
    At most LONGEST_LINE + 1 bytes of a line are kept, so that memory stays
    bounded whatever the input; a longer host is marked too_long.
    :raises FileReadError: reading `stream` (called `name`) fails.
    """
    number, kept, overflow = 0, b"", False
    while True:
        try:
            chunk = stream.read(CHUNK)
        except OSError as error:
            raise FileReadError(name, error.strerror) from None
        if not chunk:
            break
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            room = LONGEST_LINE + 1 - len(kept)
            kept, overflow = kept + piece[:max(0, room)], overflow or len(piece) > room
            if end < 0:
                break
            number += 1
            found = _target(number, kept, overflow)
            if found is not None:
                yield found
            kept, overflow, start = b"", False, end + 1
    if kept or overflow:
        found = _target(number + 1, kept, overflow)
        if found is not None:
            yield found


def _target(number, kept, overflow):
    text, comment, _rest = kept.partition(b"#")
    text = text.strip()
    if not text:
        return None
    too_long = len(text) > LONGEST_LINE or (overflow and not comment)
    return TargetLine(number, text[:LONGEST_LINE].decode("utf-8", "surrogateescape"), too_long)
