"""The Sink both modes feed: drain() (file mode's batches) and take() (live mode's
packet by packet) print, count and stop alike."""

import io
import sys
import types

import pytest

from pynettools.capture.savefile import open_savefile
from pynettools.cli.tcpdump.declaration import COMMAND
from pynettools.cli.tcpdump.sink import Sink
from pynettools.errors import OutputError
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


def sink_for(*argv):
    sink = Sink(COMMAND.parse(list(argv)))
    sink.start(1, 262144)
    return sink


@pytest.mark.parametrize("argv", [["-nn"], ["-nn", "-c", "7"], ["-e", "-c", "1"], ["--json"],
                                  ["-nn", "-l", "-c", "3"]], ids=" ".join)
def test_drain_prints_what_take_prints(stdout, utc, argv):
    drained = sink_for(*argv)
    drained.drain(iter(packets()))
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
    sink.drain(iter(packets()))
    sink.start(1, 262144)
    sink.drain(iter(packets()))
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
    sink.drain(iter(packets()))
    sink.finish()
    assert stdout.getvalue() == b"" and sink.captured == 44
    with open(tmp_path / "out", "rb") as written:
        assert list(open_savefile(written)) == packets()
