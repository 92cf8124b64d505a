"""The Telnet state machine, byte for byte against what Debian's telnet sends.

The expected replies were recorded from telnet (GNU inetutils 2.4) talking
to a Python server; tests/lab/test_telnet_wire.py checks pytelnet against
telnet itself on the wire.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pynettools.telnet import constants as T
from pynettools.telnet.environ import EnvironmentTable
from pynettools.telnet.protocol import MAX_SUBNEGOTIATION, TelnetProtocol, TerminalFacts

IAC = b"\xff"


def verb(code, option):
    return bytes((T.IAC, code, option))


def facts():
    environment = EnvironmentTable()
    environment.define("USER", "bob")
    return TerminalFacts("VT100", (101, 33), "38400,38400", environment)


def exchange(received, protocol=None):
    protocol = protocol or TelnetProtocol(facts())
    shown = protocol.receive(received)
    return shown, protocol.take_output()


def test_answers_as_telnet_does_to_a_typical_server():
    received = (b"\xff\xfd\x18\xff\xfa\x18\x01\xff\xf0\xff\xfd\x1f\xff\xfd\x20\xff\xfa\x20\x01"
                b"\xff\xf0\xff\xfd\x27\xff\xfa\x27\x01\xff\xf0\xff\xfd\xc8\xff\xfb\xc8"
                b"\xff\xfd\x00\xff\xfb\x00")
    assert exchange(received) == (b"", (
        b"\xff\xfb\x18\xff\xfa\x18\x00VT100\xff\xf0\xff\xfb\x1f\xff\xfa\x1f\x00e\x00!\xff\xf0"
        b"\xff\xfb \xff\xfa \x0038400,38400\xff\xf0\xff\xfb'\xff\xfa'\x00\x00USER\x01bob\xff\xf0"
        b"\xff\xfc\xc8\xff\xfe\xc8\xff\xfb\x00\xff\xfd\x00"))


ACCEPTED_DO = {0, 3, 24, 31, 32, 33, 39}
ACCEPTED_WILL = {0, 1, 3, 5, 37, 38}


@pytest.mark.parametrize("option", [o for o in range(41) if o not in (6, 34)])
def test_do_and_will_answered_as_telnet(option):
    protocol = TelnetProtocol()
    _, reply = exchange(verb(T.DO, option), protocol)
    accepted = option in ACCEPTED_DO
    assert reply == verb(T.WILL if accepted else T.WONT, option)
    _, reply = exchange(verb(T.WILL, option), protocol)
    accepted = option in ACCEPTED_WILL
    support = b"\xff\xfa&\x01\xff\xf0" if option == T.ENCRYPT else b""  # no types
    assert reply == verb(T.DO if accepted else T.DONT, option) + support


def test_timing_mark_is_a_one_shot_answer():
    assert exchange(verb(T.DO, 6)) == (b"", verb(T.WILL, 6))
    assert exchange(verb(T.WILL, 6)) == (b"", b"")


def test_linemode_asks_for_sga_then_reports_its_characters():
    _, reply = exchange(verb(T.DO, T.LINEMODE), TelnetProtocol())
    assert reply.hex(" ") == (
        "ff fd 03 ff fb 22 ff fa 22 03 01 00 00 03 00 00 04 00 00 05 00 00 07 00 00 08 00 00 "
        "09 00 00 0a 00 00 0b 00 00 0c 00 00 0d 00 00 0e 00 00 0f 00 00 10 00 00 11 00 00 "
        "12 00 00 ff f0")


def test_linemode_mode_is_acknowledged_once():
    protocol = TelnetProtocol()
    exchange(verb(T.DO, T.LINEMODE), protocol)
    mode = b"\xff\xfa\x22\x01\x03\xff\xf0"
    assert exchange(mode, protocol) == (b"", b"\xff\xfa\x22\x01\x07\xff\xf0")
    assert protocol.linemode_mode == 3
    assert exchange(mode, protocol) == (b"", b"")
    forwardmask = b"\xff\xfa\x22\xfd\x02\xff\xf0"
    assert exchange(forwardmask, protocol) == (b"", b"\xff\xfa\x22\xfc\x02\xff\xf0")


def test_telnet_port_offer_in_telnets_order():
    protocol = TelnetProtocol()
    protocol.start()
    assert protocol.take_output() == (b"\xff\xfd\x03\xff\xfb\x18\xff\xfb\x1f\xff\xfb \xff\xfb!"
                                      b"\xff\xfb\"\xff\xfb'\xff\xfd\x05")
    protocol = TelnetProtocol()
    protocol.start(binary_in=True, binary_out=True)
    assert protocol.take_output().endswith(b"\xff\xfd\x05\xff\xfd\x00\xff\xfb\x00")


def test_answers_to_our_offer_are_not_answered_again():
    protocol = TelnetProtocol(facts())
    protocol.start()
    protocol.take_output()
    shown, reply = exchange(verb(T.WILL, T.SGA) + verb(T.DO, T.TTYPE) + verb(T.DONT, T.TSPEED),
                            protocol)
    assert (shown, reply) == (b"", b"")
    _, reply = exchange(verb(T.DO, T.NAWS), protocol)
    assert reply == b"\xff\xfa\x1f\x00e\x00!\xff\xf0"


def test_option_flip_storm_never_loops():
    protocol = TelnetProtocol()
    replies = []
    for _ in range(100):
        replies.append(exchange(verb(T.WILL, T.ECHO) + verb(T.WONT, T.ECHO), protocol)[1])
    assert replies[0] == verb(T.DO, T.ECHO) + verb(T.DONT, T.ECHO)
    assert all(reply == replies[0] for reply in replies)  # one answer per change, no more
    assert exchange(verb(T.WILL, T.ECHO) * 50, protocol)[1] == verb(T.DO, T.ECHO)


def test_requests_counted_as_telnet_counts_them():
    """telnet sends a changed request at once (no RFC 1143 queue) and counts the answers."""
    protocol = TelnetProtocol()
    protocol.ask_remote(T.ECHO, True)
    protocol.ask_remote(T.ECHO, False)
    assert protocol.take_output() == verb(T.DO, T.ECHO) + verb(T.DONT, T.ECHO)
    assert protocol.remote[T.ECHO].pending == 2
    assert exchange(verb(T.WILL, T.ECHO), protocol)[1] == b""
    assert exchange(verb(T.WONT, T.ECHO), protocol)[1] == b""
    assert protocol.remote[T.ECHO].pending == 0
    assert not protocol.remote[T.ECHO].enabled


def test_a_refused_request_is_refused_each_time():
    protocol = TelnetProtocol()
    assert exchange(verb(T.DO, 200) * 2, protocol)[1] == verb(T.WONT, 200) * 2


def test_received_line_endings_as_telnet():
    assert exchange(b"a\r\x00b\r\nc\rd\ne\n")[0] == b"a\rb\nc\rd\ne\n"
    protocol = TelnetProtocol()
    exchange(verb(T.WILL, T.ECHO), protocol)
    assert exchange(b"a\r\nb\r\x00c", protocol)[0] == b"a\r\nb\rc"
    exchange(verb(T.WILL, T.BINARY), protocol)
    assert exchange(b"a\r\nb\r\x00c", protocol)[0] == b"a\r\nb\r\x00c"


def test_cr_split_across_reads():
    protocol = TelnetProtocol()
    assert protocol.receive(b"a\r") == b"a"
    assert protocol.receive(b"\nb\r") == b"\nb"
    assert protocol.receive(b"\x00") == b"\r"
    assert protocol.receive(b"x\r") == b"x"
    assert protocol.finish() == b"\r"


def test_doubled_iac_is_one_data_byte():
    assert exchange(b"a\xff\xffb\xff")[0] == b"a\xffb"


def test_typed_data_on_the_wire():
    protocol = TelnetProtocol()
    assert protocol.encode(b"abc\n\xff x\r\n") == b"abc\r\n\xff\xff x\r\n"
    assert protocol.encode(b"a\rb\r\r\nc\r") == b"a\r\x00b\r\x00\r\nc\r\x00"
    protocol.crlf = True
    assert protocol.encode(b"a\rb") == b"a\r\nb"
    exchange(verb(T.DO, T.BINARY), protocol)
    assert protocol.encode(b"a\r\n\xff") == b"a\r\n\xff\xff"


def test_subnegotiation_is_bounded_and_parsing_goes_on():
    protocol = TelnetProtocol()
    exchange(verb(T.DO, T.TTYPE), protocol)
    huge = b"\xff\xfa\x18\x01" + b"x" * (10 * MAX_SUBNEGOTIATION) + b"\xff\xf0hello"
    assert exchange(huge, protocol)[0] == b"hello"
    assert len(protocol._sb) <= MAX_SUBNEGOTIATION


def test_iac_command_inside_subnegotiation_ends_it():
    protocol = TelnetProtocol()
    exchange(verb(T.DO, T.TTYPE), protocol)
    shown, reply = exchange(b"\xff\xfa\x18\x01\xff\xfb\x01ok", protocol)
    assert shown == b"ok"
    assert reply == b"\xff\xfa\x18\x00UNKNOWN\xff\xf0" + verb(T.DO, T.ECHO)


def test_naws_doubles_255_and_follows_resizes():
    protocol = TelnetProtocol(TerminalFacts(window_size=(255, 24)))
    assert exchange(verb(T.DO, T.NAWS), protocol)[1] == (
        verb(T.WILL, T.NAWS) + b"\xff\xfa\x1f\x00\xff\xff\x00\x18\xff\xf0")
    protocol.window_changed((80, 25))
    assert protocol.take_output() == b"\xff\xfa\x1f\x00\x50\x00\x19\xff\xf0"


def test_new_environ_answers_as_telnet():
    """Order, types and values as telnet sends them (observed on the wire)."""
    environment = EnvironmentTable({"DISPLAY": ":7", "LOGNAME": "lg", "PRINTER": "lp0",
                                    "FOO": "bar"})
    assert [name for name, _, _ in environment.items()] == [
        "USER", "FOO", "PRINTER", "LOGNAME", "DISPLAY"]
    assert environment.answer(b"") == b"\x00PRINTER\x01lp0\x00DISPLAY\x01localhost:7"
    environment.export("FOO")
    environment.define("USER", "j\x01e")
    assert environment.answer(b"\x00") == (b"\x03FOO\x01bar\x00USER\x01j\x02\x01e"
                                          b"\x00PRINTER\x01lp0\x00DISPLAY\x01localhost:7")
    # Named: each name back, its value only if exported.
    assert environment.answer(b"\x00USER\x03LOGNAME\x03NOPE\x00USER") == (
        b"\x00USER\x01j\x02\x01e\x03LOGNAME\x03NOPE\x00USER\x01j\x02\x01e")


def test_status_request_needs_the_peers_agreement():
    protocol = TelnetProtocol()
    assert not protocol.request_status()
    exchange(verb(T.WILL, T.STATUS), protocol)
    assert protocol.request_status()
    assert protocol.take_output() == b"\xff\xfa\x05\x01\xff\xf0"


def reference_receive(data, remote_echo=False):
    """Byte-at-a-time model of telnet's receive side, with no options changing."""
    shown, state, pending_cr = bytearray(), "data", False
    for byte in data:
        if state == "iac":
            state = {255: "data", 250: "sb", 251: "verb", 252: "verb", 253: "verb",
                     254: "verb"}.get(byte, "data")
            if byte != 255:
                continue
        elif state == "verb":
            state = "data"
            continue
        elif state == "sb":
            state = "sbiac" if byte == 255 else "sb"
            continue
        elif state == "sbiac":
            state = "sb" if byte == 255 else ("data" if byte == 240 else "iac")
            if state == "iac":
                state = {250: "sb", 251: "verb", 252: "verb", 253: "verb",
                         254: "verb"}.get(byte, "data")
            continue
        elif byte == 255:
            state = "iac"
            continue
        if pending_cr:
            pending_cr = False
            if byte == 0:
                shown += b"\r"
                continue
            if byte == 10 and not remote_echo:
                shown += b"\n"
                continue
            shown += b"\r"
        if byte == 13:
            pending_cr = True
        else:
            shown.append(byte)
    return bytes(shown) + (b"\r" if pending_cr else b"")


# Negotiation verbs name options nobody accepts, so the states stay still.
telnet_streams = st.lists(st.one_of(
    st.binary(max_size=20),
    st.sampled_from([b"\r", b"\n", b"\0", b"\r\n", b"\r\0", b"\xff\xff", b"\xff\xf1",
                     b"\xff\xfb\xc8", b"\xff\xfd\xc9", b"\xff\xfa\xc8abc\xff\xf0",
                     b"\xff\xfa\xc8\xff\xff\xff\xf0", b"\xff"])), max_size=30).map(b"".join)


@settings(max_examples=400, deadline=None)
@given(telnet_streams, st.lists(st.integers(1, 40), min_size=1, max_size=10))
def test_stream_parser_matches_byte_model_however_split(stream, cuts):
    protocol = TelnetProtocol()
    shown, position = bytearray(), 0
    for size in cuts * (len(stream) // max(sum(cuts), 1) + 1):
        shown += protocol.receive(stream[position:position + size])
        position += size
        if position >= len(stream):
            break
    shown += protocol.finish()
    assert bytes(shown) == reference_receive(stream)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_break_the_parser(stream):
    protocol = TelnetProtocol(facts())
    protocol.receive(stream)
    protocol.take_output()
    assert len(protocol._sb) <= MAX_SUBNEGOTIATION


def test_character_mode_sends_a_typed_lf_as_it_is():
    protocol = TelnetProtocol()
    protocol.lf_is_newline = False
    assert protocol.encode(b"ab\rc\n") == b"ab\r\x00c\n"


def test_slc_flags_for_interrupt_abort_and_suspend():
    from pynettools.telnet.slc import SpecialCharacters

    characters = SpecialCharacters({"interrupt": 3, "quit": 0x1C, "susp": 0x1A, "erase": 0x7F})
    characters.start()
    triplets = characters.export()
    assert b"\x03\x62\x03" in triplets and b"\x07\x62\x1c" in triplets
    assert b"\x09\x42\x1a" in triplets and b"\x0a\x02\x7f" in triplets


def test_lflow_status_follows_the_peer():
    protocol = TelnetProtocol()
    exchange(verb(T.DO, T.LFLOW), protocol)
    assert protocol.flow_control
    exchange(b"\xff\xfa\x21\x00\xff\xf0", protocol)
    assert not protocol.flow_control
