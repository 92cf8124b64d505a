"""LINEMODE SLC as telnet keeps it, byte for byte.

The expected triplets were recorded from Debian's telnet (GNU inetutils 2.4)
at a pty with the usual characters, answering a Python server's crafted SLC
lists; tests/lab/test_pytelnet_slc.py checks pytelnet beside telnet itself.
"""

import pytest

from pynettools.telnet import constants as T
from pynettools.telnet.protocol import TelnetProtocol, TerminalFacts
from pynettools.telnet.slc import OFF, SpecialCharacters

# A pty's characters (stty sane).
TERMINAL = {"interrupt": 0x03, "quit": 0x1C, "erase": 0x7F, "kill": 0x15, "eof": 0x04,
            "start": 0x11, "stop": 0x13, "susp": 0x1A, "reprint": 0x12, "flushoutput": 0x0F,
            "worderase": 0x17, "lnext": 0x16}
# What telnet exports for them: SYNCH, AYT and FORW1/2 (no character) not supported.
EXPORTED = bytes.fromhex("010000 036203 04020f 050000 07621c 080204 09421a 0a027f 0b0215"
                         "0c0217 0d0212 0e0216 0f0211 100213 110000 120000")


def triplets(*entries):
    return bytes(byte for entry in entries for byte in entry)


def started(terminal=TERMINAL):
    characters = SpecialCharacters(terminal)
    characters.start()
    return characters


def test_export_reports_every_function_telnet_supports():
    assert started().export() == EXPORTED


def test_without_a_terminal_every_function_is_not_supported():
    assert started({}).export() == bytes.fromhex(
        "010000 030000 040000 050000 070000 080000 090000 0a0000 0b0000 0c0000 0d0000"
        "0e0000 0f0000 100000 110000 120000")


def test_server_values_taken_with_an_ack_and_refusals():
    characters = started()
    characters.export()
    answer, changed = characters.receive(triplets(
        (3, 2, 0x18), (10, 2, 0x08), (4, 3, 0x0F), (17, 2, 0x01), (1, 3, 0), (5, 3, 0x14),
        (2, 3, 0x7F), (19, 2, 5), (0, 3, 0)))
    assert answer == triplets((3, 0x82, 0x18), (10, 0x82, 0x08), (4, 0x02, 0x0F),
                              (17, 0x82, 0x01), (1, 0, 0), (5, 0, 0x14), (2, 0, 0), (19, 0, 0))
    assert changed
    assert characters.characters["interrupt"] == 0x18
    assert characters.characters["erase"] == 0x08 and characters.characters["forw1"] == 0x01
    assert characters.characters["flushoutput"] == 0x0F  # DEFAULT keeps telnet's own


def test_levels_flush_bits_ack_and_odd_triplets():
    characters = started()
    characters.export()
    answer, _ = characters.receive(triplets(
        (3, 1, 0x18), (10, 0, 0), (7, 0x42, 0x01), (11, 0x83, 0x15), (8, 0x82, 0x06),
        (25, 0, 0), (20, 1, 0), (12, 2, 0xFF), (13, 2, 0x12), (14, 2)))
    # CANTCHANGE and NOSUPPORT taken, flush bits kept, DEFAULT|ACK read as DEFAULT,
    # the ACK of our EOF taken silently, unknown functions refused unless NOSUPPORT,
    # an unchanged triplet and a cut one not answered.
    assert answer == triplets((3, 0x81, 0x18), (10, 0x80, 0), (7, 0xC2, 0x01), (11, 2, 0x15),
                              (20, 0, 0), (12, 0x82, 0xFF))
    assert characters.characters["eof"] == 0x06 and characters.characters["erase"] == OFF
    answer, _ = characters.receive(triplets(
        (3, 0x81, 0x18), (10, 2, 0x7F), (11, 0x83, 0x19), (9, 3, 0x05), (1, 2, 0x03),
        (5, 0x82, 0x14), (6, 2, 7), (2, 0x80, 0)))
    assert answer == triplets((10, 0x82, 0x7F), (11, 2, 0x15), (9, 0x42, 0x1A), (1, 0x82, 3),
                              (5, 0x82, 0x14), (6, 0, 0))


def test_set_then_check_sends_the_changed_functions():
    characters = started()
    characters.export()
    characters.characters["interrupt"] = 0x02
    characters.characters["quit"] = OFF
    assert characters.check() == triplets((3, 0x62, 0x02), (7, 0, 0))
    assert characters.check() == b""


def test_export_puts_the_terminals_characters_back():
    characters = started()
    characters.export()
    characters.receive(triplets((3, 2, 0x18)))
    characters.characters["ayt"] = 0x01
    exported = characters.export()
    assert characters.characters["interrupt"] == 0x03 and characters.characters["ayt"] == 0x14
    assert exported[3:6] == bytes((3, 0x62, 0x03))


def test_nothing_is_taken_before_linemode_starts():
    characters = SpecialCharacters(TERMINAL)
    answer, changed = characters.receive(triplets((3, 2, 0x18)))
    assert answer == triplets((3, 0, 0)) and not changed
    assert characters.characters["interrupt"] == 0x03


def linemode_protocol(terminal=TERMINAL):
    protocol = TelnetProtocol(TerminalFacts(characters=SpecialCharacters(terminal)))
    protocol.receive(bytes((T.IAC, T.DO, T.LINEMODE)))
    protocol.take_output()
    protocol.mode_changed = False
    return protocol


def slc_subnegotiation(body):
    return b"\xff\xfa\x22\x03" + body.replace(b"\xff", b"\xff\xff") + b"\xff\xf0"


def test_protocol_answers_an_slc_list_and_asks_for_the_new_mode():
    protocol = linemode_protocol()
    protocol.receive(slc_subnegotiation(triplets((3, 2, 0x18), (12, 2, 0xFF))))
    assert protocol.take_output() == slc_subnegotiation(triplets((3, 0x82, 0x18),
                                                                 (12, 0x82, 0xFF)))
    assert protocol.mode_changed
    assert protocol.facts.characters.characters["worderase"] == 0xFF


def test_an_ack_alone_is_not_answered():
    protocol = linemode_protocol()
    protocol.receive(slc_subnegotiation(triplets((3, 0x62, 0x03))))
    assert protocol.take_output() == b"" and not protocol.mode_changed


def test_slc_without_linemode_is_ignored():
    protocol = TelnetProtocol(TerminalFacts(characters=SpecialCharacters(TERMINAL)))
    protocol.receive(slc_subnegotiation(triplets((3, 2, 0x18))))
    assert protocol.take_output() == b""


@pytest.mark.parametrize("source, level", [("import", 3), ("check", 2)])
def test_slc_import_and_check_ask_for_the_servers_characters(source, level):
    protocol = linemode_protocol()
    protocol.choose_slc(source)
    assert protocol.take_output() == slc_subnegotiation(bytes((0, level, 0)))
    protocol.choose_slc("export")
    assert protocol.take_output() == slc_subnegotiation(EXPORTED)


def test_set_character_checked_by_the_protocol():
    protocol = linemode_protocol()
    protocol.facts.characters.characters["erase"] = 0x08
    protocol.check_characters()
    assert protocol.take_output() == slc_subnegotiation(triplets((10, 2, 0x08)))


def test_forw2_is_forw1_as_in_telnet():
    characters = started()
    characters.export()
    answer, changed = characters.receive(triplets((18, 2, 0x02)))
    assert answer == triplets((18, 0x82, 0x02)) and changed
    assert characters.value("forw1") == characters.value("forw2") == 0x02
    characters.set("forw2", 0x07)
    assert characters.check() == triplets((17, 2, 0x07), (18, 2, 0x07))
