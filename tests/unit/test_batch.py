"""Many traces in one process (pynettools.batch) and the rate gate, on loopback.

Loopback traces need no privileges (the default UDP method), so these run
as nobody; the lab compares whole batches with traceroute.
"""

import io
import itertools

import pytest

import pynettools
from pynettools.batch import LONGEST_LINE, read_targets
from pynettools.errors import FileReadError, ResolveError
from pynettools.models import Trace, TraceFailure
from pynettools.probe.schedule import RateGate


def targets(data):
    return [(line.number, line.text, line.too_long)
            for line in read_targets(io.BytesIO(data), "hosts")]


def test_targets_skip_blanks_and_comments():
    assert targets(b"a\n\n  # note\n  b  # why\n\tc\r\n#d\nlast") == [
        (1, "a", False), (4, "b", False), (5, "c", False), (7, "last", False)]


def test_a_long_line_is_cut_and_marked_and_the_next_one_read():
    data = b"x" * (LONGEST_LINE + 1) + b"\n" + b"y" * LONGEST_LINE + b"\n#" + b"z" * 10 ** 6 + \
        b"\nok\n"
    found = targets(data)
    assert [(number, len(text), too_long) for number, text, too_long in found] == [
        (1, LONGEST_LINE, True), (2, LONGEST_LINE, False), (4, 2, False)]


def test_bytes_that_are_not_utf8_survive():
    assert targets(b"caf\xe9\n") == [(1, "caf\udce9", False)]


class Endless(io.RawIOBase):
    """A stream of one line that never ends (to the 100 MB this test reads)."""

    def __init__(self):
        self.given = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.given >= 100 * 2 ** 20:
            return 0
        buffer[:] = b"h" * len(buffer)
        self.given += len(buffer)
        return len(buffer)


def test_an_endless_line_is_read_in_bounded_memory():
    import tracemalloc

    tracemalloc.start()
    found = list(read_targets(io.BufferedReader(Endless()), "-"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(line.number, line.too_long) for line in found] == [(1, True)]
    assert peak < 2 * 2 ** 20


def test_a_read_error_is_a_file_read_error():
    class Failing(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            raise IsADirectoryError(21, "Is a directory")

    with pytest.raises(FileReadError) as caught:
        list(read_targets(Failing(), "dir"))
    assert (caught.value.path, caught.value.reason) == ("dir", "Is a directory")


def test_the_gate_keeps_the_rate_and_the_bound():
    gate = RateGate(rate=100, limit=1000)
    taken = sum(gate.take(10.0) for _ in range(5))
    assert taken == 1 and gate.ready_at == pytest.approx(10.01)  # a burst of rate/100
    assert gate.take(10.01) and not gate.take(10.01)
    gate = RateGate(rate=10 ** 6, limit=2)
    assert [gate.take(1.0 + step) for step in range(3)] == [True, True, False]
    gate.release()
    assert gate.take(5.0)


def test_traces_to_many_hosts_come_whole_and_failures_as_records():
    hosts = ["127.0.0.1", "::1", "127.0.0.1", "::1"]
    results = list(pynettools.traceroutes(iter(hosts), numeric=True, max_hops=3,
                                          wait=(1, 0, 0), rate=1000))
    assert sorted(result.target for result in results) == sorted(hosts)
    assert all(isinstance(result, Trace) and len(result.hops) == 1 for result in results)
    assert all(probe.address == result.address for result in results
               for probe in result.hops[0].probes)
    failed, = pynettools.traceroutes(["::1"], family=4)
    assert isinstance(failed, TraceFailure) and failed.trace is None
    assert isinstance(failed.error, ResolveError) and failed.target == "::1"


def test_a_long_list_is_read_only_as_traces_start():
    taken = []

    def hosts():
        for number in itertools.count():
            taken.append(number)
            yield "127.0.0.1"

    results = pynettools.traceroutes(hosts(), numeric=True, max_hops=1, wait=(1, 0, 0))
    first = next(results)
    assert first.target == "127.0.0.1"
    assert len(taken) <= 513
    results.close()
