"""LINEMODE SLC on the wire (RFC 1184): pytelnet beside telnet against a scripted server.

A Python server asks for LINEMODE and sends crafted SLC lists: every level
(NOSUPPORT, CANTCHANGE, VARIABLE, DEFAULT), the ACK and FLUSHIN/FLUSHOUT bits,
DEFAULT with an ACK, unknown functions, a value 255, a cut triplet, FORW2.
Between them keys are typed at the client's terminal: lines edited and signal
keys sent with the server's characters, `set` and `unset` of a character,
`slc import`, `slc check`, `slc export`, `display`, `status`.  What each client
answers after every step, its terminal's control characters and its screen
must be telnet's.
"""

import shutil
import termios
import time

import pytest

from tests.commands import command_path
from tests.lab.telnet_peers import PtyProgram, ScriptedServer, read_for

pytestmark = pytest.mark.skipif(shutil.which("telnet") is None,
                                reason="needs telnet, the oracle (Debian: telnet)")

PAUSE = 0.5  # telnet answers within milliseconds; each step is read this long
CHARACTERS = ("VINTR", "VQUIT", "VERASE", "VKILL", "VEOF", "VSTART", "VSTOP", "VSUSP", "VEOL",
              "VREPRINT", "VDISCARD", "VWERASE", "VLNEXT", "VEOL2")


def slc(*triplets):
    body = bytes(byte for triplet in triplets for byte in triplet).replace(b"\xff", b"\xff\xff")
    return b"\xff\xfa\x22\x03" + body + b"\xff\xf0"


def escape(command):
    """Keys that run one prompt command: the escape character, then the line."""
    return [("key", b"\x1d"), ("key", command)]


DO_LINEMODE = ("net", b"\xff\xfd\x22")
EDIT_TRAPSIG = ("net", b"\xff\xfa\x22\x01\x03\xff\xf0")  # LINEMODE MODE EDIT|TRAPSIG
SCENARIOS = {
    "server values": [
        DO_LINEMODE,
        ("net", slc((3, 2, 0x18), (10, 2, 0x08), (4, 3, 0x0F), (17, 2, 0x01), (1, 3, 0),
                    (5, 3, 0x14), (2, 3, 0x7F), (19, 2, 5), (0, 3, 0))), ("characters",),
        ("net", slc((18, 2, 0x02))), ("characters",),
        *escape(b"display\r"), *escape(b"set forw2 ^G\r"), ("characters",)],
    "levels and keys": [
        DO_LINEMODE,
        ("net", slc((3, 1, 0x18), (10, 0, 0), (7, 0x42, 0x01), (11, 0x83, 0x15), (8, 0x82, 0x06),
                    (25, 0, 0), (20, 1, 0), (12, 2, 0xFF), (13, 2, 0x12), (14, 2))),
        ("characters",),
        ("net", slc((3, 0x81, 0x18), (10, 2, 0x7F), (11, 0x83, 0x19), (9, 3, 0x05),
                    (1, 2, 0x03), (5, 0x82, 0x14), (6, 2, 7), (2, 0x80, 0))),
        EDIT_TRAPSIG, ("characters",),
        ("key", b"ab\x7fc\r"), ("key", b"\x01"), ("key", b"\x18"), ("key", b"x\r"),
        *escape(b"status\r")],
    "commands": [
        DO_LINEMODE, EDIT_TRAPSIG,
        *escape(b"set interrupt ^B\r"), ("characters",), ("key", b"\x02"),
        *escape(b"unset quit\r"), *escape(b"set escape ^]\r"),
        *escape(b"slc import\r"), ("net", slc((3, 3, 0x03), (10, 3, 0x08), (4, 3, 0x0F))),
        ("characters",), *escape(b"slc check\r"), ("net", slc((3, 2, 0x05), (11, 2, 0x15))),
        ("characters",), *escape(b"slc export\r"), ("characters",), *escape(b"display\r")],
}


def control_characters(fd):
    characters = termios.tcgetattr(fd)[6]
    return {name: characters[getattr(termios, name)] for name in CHARACTERS}


def session(program, steps):
    """(what the client answered after each step, the screen) for `program` at a pty."""
    answers = []
    terminal = []

    def play(connection):
        deadline = time.monotonic() + 20
        while not terminal and time.monotonic() < deadline:
            time.sleep(0.05)
        for step in steps:
            if step[0] == "characters":
                answers.append(control_characters(terminal[0].fd))
                continue
            if step[0] == "net":
                connection.sendall(step[1])
            else:
                terminal[0].send(step[1])
            answers.append((step[1], read_for(connection, PAUSE)))

    with ScriptedServer(behaviour=play) as server:
        argv = ["telnet" if program == "telnet" else command_path("pytelnet"), "127.0.0.1",
                str(server.port)]
        terminal.append(PtyProgram(argv))
        try:
            status = terminal[0].finish(len(steps) * PAUSE + 30)
        finally:
            terminal[0].kill()
    screen = terminal[0].output.replace(b"%d" % server.port, b"PORT")
    return answers, screen, status


def both(steps, attempts=3):
    """telnet's and pytelnet's sessions; a run that differs (timing) is tried again."""
    for _ in range(attempts):
        telnet, ours = session("telnet", steps), session("pytelnet", steps)
        if ours == telnet:
            break
    return telnet, ours


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_slc_exchange_as_telnet(name):
    telnet, ours = both(SCENARIOS[name])
    assert ours[0] == telnet[0]  # the answers on the wire and the terminal's characters
    assert ours[1] == telnet[1]  # the screen
    assert ours[2] == telnet[2] == 0
    assert b"Connection closed by foreign host." in ours[1]


def test_server_characters_reach_the_terminal_and_display():
    answers, screen, _ = session("pytelnet", SCENARIOS["server values"])
    after_first_list = answers[2]
    assert after_first_list["VINTR"] == b"\x18" and after_first_list["VERASE"] == b"\x08"
    assert after_first_list["VEOL"] == b"\x01"
    assert b"interrupt       [^X]\r\n" in screen and b"forw2           [^B]\r\n" in screen
