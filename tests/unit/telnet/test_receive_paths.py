"""The receive path's whole-read shortcuts against the byte states: the same
data, answers and option states however the stream is cut, with options that
really change (BINARY, ECHO, LINEMODE, TTYPE ...) among IAC storms, escaped IACs,
lone IACs at read ends, option 255 and cut-short subnegotiations."""

from hypothesis import given, settings, strategies as st

from pynettools.telnet import constants as T
from pynettools.telnet.protocol import TelnetProtocol, TerminalFacts

IAC = bytes((T.IAC,))


def command(*codes):
    return bytes((T.IAC,) + codes)


TOKENS = [
    b"\r", b"\n", b"\0", b"\r\n", b"\r\0", b"\xff", command(T.IAC), command(T.IAC) * 5,
    command(T.NOP), command(T.NOP) * 7, command(T.GA), command(T.SE), command(T.DM),
    command(T.WILL, T.ECHO), command(T.WONT, T.ECHO), command(T.WILL, T.BINARY),
    command(T.WONT, T.BINARY), command(T.DO, T.BINARY), command(T.WILL, T.SGA),
    command(T.DO, T.TTYPE), command(T.DO, T.NAWS), command(T.DO, T.LINEMODE),
    command(T.DO, T.LFLOW), command(T.WILL, T.STATUS), command(T.DO, T.TIMING_MARK),
    command(T.WILL, 255), command(T.DO, 255), command(T.DONT, 200),
    command(T.SB, T.TTYPE, T.SB_SEND) + command(T.SE),
    command(T.SB, T.NEW_ENVIRON, T.SB_SEND) + command(T.SE),
    command(T.SB, T.LINEMODE, T.LM_MODE, 3) + command(T.SE),
    command(T.SB, T.LFLOW, 1) + command(T.SE), command(T.SB, T.LFLOW, 0) + command(T.NOP),
    command(T.SB, T.STATUS, T.SB_IS, 1, 2) + command(T.SE),
    command(T.SB, T.TTYPE, T.SB_SEND) + command(T.NOP) + command(T.SE),
    command(T.SB, 200, 255, 255, 1) + command(T.SE), command(T.SB) + command(T.SE),
    command(T.SB, 201) + b"x" * 5000 + command(T.SE),
]
streams = st.lists(st.one_of(st.binary(max_size=12), st.sampled_from(TOKENS)),
                   max_size=40).map(b"".join)


def facts():
    return TerminalFacts("VT100", (80, 24), "9600,9600", [("USER", "bob")])


def snapshot(protocol):
    return ([side.enabled for side in protocol.local], [side.enabled for side in protocol.remote],
            protocol.linemode_mode, protocol.flow_control, protocol.peer_status,
            protocol.mode_changed)


def run(stream, sizes):
    protocol = TelnetProtocol(facts())
    protocol.start()
    protocol.take_output()
    shown, position = bytearray(), 0
    for size in sizes:
        if position >= len(stream):
            break
        shown += protocol.receive(stream[position:position + size])
        position += size
    shown += protocol.finish()
    return bytes(shown), protocol.take_output(), snapshot(protocol)


@settings(max_examples=500, deadline=None)
@given(streams, st.lists(st.integers(1, 64), min_size=1, max_size=8))
def test_reads_of_any_size_parse_as_single_bytes_do(stream, cuts):
    byte_by_byte = run(stream, [1] * len(stream))
    assert run(stream, [len(stream)]) == byte_by_byte
    assert run(stream, cuts * (len(stream) // sum(cuts) + 1)) == byte_by_byte


def test_a_read_of_escaped_iacs_is_unescaped_whole_across_read_ends():
    protocol = TelnetProtocol()
    stream = command(T.IAC) * 1000 + b"x"
    assert protocol.receive(stream[:1001]) + protocol.receive(stream[1001:]) == \
        b"\xff" * 1000 + b"x"


def test_a_nop_ending_a_subnegotiation_at_a_read_end_still_ends_it():
    stream = command(T.SB, 200) + b"x" + command(T.NOP) + IAC + IAC + b"y"
    assert run(stream, [7, 10])[0] == run(stream, [1] * len(stream))[0] == b"\xffy"
