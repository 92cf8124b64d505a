"""The Sink both modes feed: drain() (file mode's batches) and take() (live mode's
packet by packet) print, count and stop alike."""

import io
import sys
import types

import pytest

from pynettools.capture.savefile import open_savefile
from pynettools.cli.tcpdump.declaration import COMMAND
from pynettools.cli.tcpdump.sink import Sink
from pynettools.errors import CaptureFileError, OutputError
from tests.tcpdump_corpus import CORPUS


class Stdout:
    """What the sink wrote on sys.stdout's buffer (pytest's capsysbinary)."""

    def __init__(self, capture):
        self.capture = capture

    def getvalue(self):
        return self.capture.readouterr().out


@pytest.fixture
def stdout(capsysbinary):
    return Stdout(capsysbinary)


def packets():
    with open(CORPUS / "mix.pcap", "rb") as stream:
        return list(open_savefile(stream))


def reader(name="mix.pcap"):
    """A savefile reader of the corpus file, as file mode drains it."""
    with open(CORPUS / name, "rb") as stream:
        return open_savefile(io.BytesIO(stream.read()))


def sink_for(*argv):
    sink = Sink(COMMAND.parse(list(argv)))
    sink.start(1, 262144)
    return sink


@pytest.mark.parametrize("argv", [["-nn"], ["-nn", "-c", "7"], ["-e", "-c", "1"], ["--json"],
                                  ["-nn", "-l", "-c", "3"]], ids=" ".join)
def test_drain_prints_what_take_prints(stdout, utc, argv):
    drained = sink_for(*argv)
    drained.drain(reader())
    drained.finish()
    printed = stdout.getvalue()
    taken = sink_for(*argv)
    for packet in packets():
        if not taken.take(packet):
            break
    taken.finish()
    assert printed == stdout.getvalue() and printed
    assert drained.captured == taken.captured == (int(argv[-1]) if "-c" in argv else 44)


def test_count_starts_anew_for_each_file_of_V(stdout):
    sink = sink_for("-c", "2", "--count")
    sink.drain(reader())
    sink.start(1, 262144)
    sink.drain(reader())
    sink.finish(count_line=True)
    assert (stdout.getvalue(), sink.captured, sink.over) == (b"4 packets\n", 4, False)


def test_a_closed_stdout_is_an_output_error(monkeypatch):
    class Closed(io.RawIOBase):
        def writable(self):
            return True

        def write(self, data):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", types.SimpleNamespace(buffer=Closed(),
                                                             flush=lambda: None))
    monkeypatch.setattr("pynettools.cli.runner.silence_stdout", lambda: None)
    sink = sink_for("-nn", "-l")
    with pytest.raises(OutputError) as raised:
        sink.take(packets()[0])
    assert raised.value.strerror == "Broken pipe"


def test_writing_prints_nothing_unless_print(stdout, tmp_path):
    sink = sink_for("-w", str(tmp_path / "out"))
    sink.drain(reader())
    sink.finish()
    assert stdout.getvalue() == b"" and sink.captured == 44
    with open(tmp_path / "out", "rb") as written:
        assert list(open_savefile(written)) == packets()


def test_drain_prints_only_what_the_program_accepts(stdout, utc):
    arp = types.SimpleNamespace(run=lambda data, wire_length: data[12:14] == b"\x08\x06")
    drained = sink_for("-nn")
    drained.drain(reader(), arp)
    drained.finish()
    printed = stdout.getvalue()
    taken = sink_for("-nn")
    for packet in packets():
        if arp.run(packet.data, packet.wire_length):
            taken.take(packet)
    taken.finish()
    assert printed == stdout.getvalue() and printed.count(b"ARP, ") == taken.captured > 0
    assert drained.captured == taken.captured


def test_a_savefile_cut_short_prints_the_lines_before_the_cut(stdout, utc):
    with open(CORPUS / "mix.pcap", "rb") as stream:
        whole = stream.read()
    complete = sink_for("-nn")
    complete.drain(reader())
    complete.finish()
    lines = stdout.getvalue().splitlines(keepends=True)
    sink = sink_for("-nn")
    with pytest.raises(CaptureFileError):
        sink.drain(open_savefile(io.BytesIO(whole[:-5])))
    sink.finish()
    assert stdout.getvalue() == b"".join(lines[:-1]) and sink.captured == len(lines) - 1
