"""pytelnet's local special keys and `display`'s option lines, on the real protocol
state machine and SLC table (the lab tests compare both with telnet itself)."""

from types import SimpleNamespace

from pynettools.cli.telnet.keys import special_keys
from pynettools.cli.telnet.optiondump import option_dump
from pynettools.telnet import constants as T
from pynettools.telnet.protocol import TelnetProtocol
from pynettools.telnet.slc import SpecialCharacters

TERMINAL = {"interrupt": 0x03, "quit": 0x1c, "susp": 0x1a, "flushoutput": 0x0f, "eof": 0x04}


def client(protocol, terminal=TERMINAL):
    return SimpleNamespace(session=SimpleNamespace(protocol=protocol),
                           characters=SpecialCharacters(terminal))


def negotiated(*commands):
    protocol = TelnetProtocol()
    protocol.receive(b"".join(bytes((T.IAC, verb, option)) for verb, option in commands))
    protocol.take_output()
    return protocol


def test_keys_become_commands_quit_a_break_in_kludge_mode():
    data = b"ab\x03cd\x1c\x1a\x0f\x04e"
    assert special_keys(data, client(TelnetProtocol())) == \
        [b"ab", T.IP, b"cd", T.BREAK, T.SUSP, T.AO, b"\x04e"]


def test_under_linemode_quit_aborts_and_eof_is_a_command():
    protocol = negotiated((T.DO, T.LINEMODE))
    assert special_keys(b"x\x04\x1c", client(protocol)) == [b"x", T.xEOF, T.ABORT]


def test_keys_off_on_the_terminal_pass_as_data():
    assert special_keys(b"a\x03b", client(TelnetProtocol(), {})) == [b"a\x03b"]


def test_no_option_no_line():
    assert option_dump(TelnetProtocol()) == ""


def test_options_in_effect_peer_side_first():
    protocol = negotiated((T.DO, T.TTYPE), (T.WILL, T.ECHO), (T.WILL, T.SGA))
    assert option_dump(protocol) == (
        "     DO   ECHO\n     DO   SUPPRESS GO AHEAD\n     WILL TERMINAL TYPE\n")


def test_answers_due_with_the_state_wanted():
    protocol = negotiated((T.WILL, T.ECHO))
    protocol.request_binary(True, True)
    assert option_dump(protocol).splitlines()[:4] == [
        "resp DO_DONT BINARY: 1", "want DO   BINARY", "resp WILL_WONT BINARY: 1",
        "want WILL BINARY"]
