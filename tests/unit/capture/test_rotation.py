"""-w's rotation (-C, -G, -W) as tcpdump names and fills its files; the wall
clock is the test's own.  The lab tests compare the files with tcpdump's."""

import os

import pytest

from pynettools.capture.packet import Packet
from pynettools.capture.rotation import RotatingWriter, digits, make_filename
from pynettools.capture.savefile import open_savefile
from pynettools.errors import FileWriteError

PACKET = Packet(1_700_000_000_123_456_000, 100, bytes(100), 1)
RECORD = 16 + 100


class Clock:
    def __init__(self):
        self.now = 1_700_000_000.5

    def __call__(self):
        return self.now


def packets_in(path):
    with open(path, "rb") as stream:
        return list(open_savefile(stream))


def test_digits_are_those_of_the_last_number():
    assert [digits(count) for count in (0, 1, 2, 10, 11, 100, 101)] == [0, 0, 1, 1, 2, 2, 3]


def test_names_take_strftime_only_with_G_and_the_number_padded(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    assert make_filename("x-%H", 0, 0) == "x-%H"
    assert make_filename("x-%H", 0, 0, 1_700_000_000) == "x-22"
    assert make_filename("x", 3, 2) == "x03" and make_filename("x", 0, 1) == "x0"


def test_C_starts_a_new_file_once_over_the_size(tmp_path):
    name = str(tmp_path / "out")
    writer = RotatingWriter(name, 1, 262144, file_size=24 + 2 * RECORD)
    for _ in range(7):
        writer.write(PACKET)
    writer.close()
    # a file is over the size after its third packet: 3 + 3 + 1, the first keeps the name
    assert sorted(os.listdir(tmp_path)) == ["out", "out1", "out2"]
    assert [len(packets_in(tmp_path / file)) for file in ("out", "out1", "out2")] == [3, 3, 1]


def test_W_makes_C_go_round_a_ring(tmp_path):
    writer = RotatingWriter(str(tmp_path / "ring"), 1, 262144, file_size=1, file_count=2)
    for _ in range(5):
        writer.write(PACKET)  # each file is over 1 byte at once: one packet a file
    writer.close()
    assert sorted(os.listdir(tmp_path)) == ["ring0", "ring1"]
    assert packets_in(tmp_path / "ring0") == [PACKET]


def test_G_starts_a_file_when_the_seconds_have_passed_and_W_ends_it(tmp_path):
    clock, closed = Clock(), []
    writer = RotatingWriter(str(tmp_path / "g%S"), 1, 262144, seconds=10, file_count=2,
                            clock=clock, on_close=closed.append)
    assert writer.write(PACKET)
    clock.now += 9.9  # 9 whole seconds: time(NULL) differences, as tcpdump takes them
    assert writer.write(PACKET)
    clock.now += 1
    assert writer.write(PACKET) and len(os.listdir(tmp_path)) == 2
    clock.now += 10
    assert not writer.write(PACKET) and writer.exhausted
    assert len(closed) == 2 and not writer.stopped
    assert sorted(len(packets_in(tmp_path / file)) for file in os.listdir(tmp_path)) == [1, 2]


def test_nanosecond_files_keep_the_nanoseconds(tmp_path):
    path = tmp_path / "nano"
    writer = RotatingWriter(str(path), 1, 262144, nanosecond=True)
    writer.write(Packet(1_000_000_000_123_456_789, 100, bytes(100), 1))
    writer.close()
    assert packets_in(path)[0].timestamp_ns == 1_000_000_000_123_456_789


def test_a_file_that_cannot_be_created_raises(tmp_path):
    with pytest.raises(FileWriteError) as raised:
        RotatingWriter(str(tmp_path / "no" / "such"), 1, 262144)
    assert raised.value.reason == "No such file or directory"


def test_write_errors_are_ignored_and_a_closed_pipe_stops(tmp_path):
    writer = RotatingWriter("/dev/full", 1, 262144, packet_buffered=True)
    assert writer.write(PACKET) and not writer.stopped
    reader, sink = os.pipe()
    os.close(reader)
    writer = RotatingWriter("/dev/fd/%d" % sink, 1, 262144, packet_buffered=True)
    assert not writer.write(PACKET) and writer.stopped
    writer.close()
    os.close(sink)
