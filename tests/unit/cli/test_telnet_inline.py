"""pytelnet run inline (the front end's code path, no root needed) beside the
installed telnet run the same way: messages, statuses, the prompt, the wire."""

import os
import shutil
import socket
import subprocess

import pytest

from tests.lab.telnet_peers import ScriptedServer

pytestmark = pytest.mark.skipif(shutil.which("telnet") is None,
                                reason="needs telnet, the oracle (Debian: telnet)")


def telnet(args, data=b"", timeout=30):
    done = subprocess.run(["telnet", *args], input=data, capture_output=True, timeout=timeout,
                          env=dict(os.environ, TERM="vt100"))
    return done.stdout, done.stderr, done.returncode


def as_telnet(result):
    return tuple(part.replace(b"pytelnet", b"telnet") if isinstance(part, bytes) else part
                 for part in result)


def refused_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nobody listens on it now: connections are refused
    return str(port)


@pytest.mark.parametrize("args", [
    ["--bogus"], ["-e"], ["x", "y", "z"], ["nosuchhost.invalid"], ["127.0.0.1", "nosuchsvc"],
    ["127.0.0.1", "0"], ["127.0.0.1", "70000"], ["127.0.0.1", "REFUSED"],
    ["-e", "^B", "127.0.0.1", "REFUSED"], ["-r", "-e", "q", "127.0.0.1", "REFUSED"],
    ["-E", "127.0.0.1", "REFUSED"], ["-b", "nosuch.invalid", "127.0.0.1", "1"],
    ["-b", "192.0.2.1", "127.0.0.1", "REFUSED"], ["-6", "127.0.0.1", "1"],
    ["-l", "someone", "-a", "-8", "127.0.0.1", "REFUSED"]])
def test_errors_as_telnet(run_inline_with_input, args):
    port = refused_port()
    args = [port if arg == "REFUSED" else arg for arg in args]
    assert as_telnet(run_inline_with_input("telnet", args)) == telnet(args)


PROMPT = (b"help\n?\nhelp open\nhelp nosuch\nstatus\nnosuch\nst\ns\ndisplay\nsend ?\nsend\n"
          b"send nosuch\nsend do\nsend ao ?\nsend ip do\nsend ao\nset ?\nset escape ^A\n"
          b"set escape\nunset ?\nunset escape\n"
          b"toggle ?\ntoggle crlf\ntoggle nosuch\nset crlf\nmode ?\nmode line\n"
          b"environ ?\nenviron nosuch\nenviron define X 1\nclose\nlogout\nopen\n"
          b"open -l\nopen -l bob\nopen -4\nopen a b c\nopen -x host\nopen ?\nopen -b\n"
          b"open 127.0.0.1 REFUSED\nopen nosuch.invalid\nopen 127.0.0.1 70000\n"
          b"z\n\nstatus\nquit\n")


@pytest.mark.parametrize("script", [PROMPT, b"status\n", b"", b"open\n\n"])
def test_prompt_as_telnet(run_inline_with_input, script):
    script = script.replace(b"REFUSED", refused_port().encode())
    if b"\nz\n" in script:
        script = script.replace(b"\nz\n", b"\n")  # z suspends the test itself
    assert as_telnet(run_inline_with_input("telnet", [], script)) == telnet([], script)


CHARACTERS = (b"set interrupt ^X\nset quit off\nset erase\nset kill ^?\nset forw1 a\n"
              b"set ayt ^A\nunset susp\nunset eof\nset eof ^\nset lnext \xe9\ndisplay\nquit\n")


def test_special_characters_at_the_prompt_as_telnet(run_inline_with_input):
    """set/unset of a character and display's list (forw2 is forw1, as in telnet)."""
    ours = as_telnet(run_inline_with_input("telnet", [], CHARACTERS))
    assert ours == telnet([], CHARACTERS)
    assert b"forw1           [a]\nforw2           [a]\n" in ours[0]


def wire_inline(run_inline_with_input, greeting, args=()):
    """What pytelnet sends to a server that sends `greeting`, and what it shows."""
    with ScriptedServer(greeting, listen_seconds=1.0) as server:
        shown = run_inline_with_input("telnet", [*args, "127.0.0.1", "--", "-%d" % server.port])
        return server.wait(), shown[0]


def wire_telnet(greeting, args=()):
    """The same for telnet, its input held open: telnet quits at the end of its input."""
    with ScriptedServer(greeting, listen_seconds=1.0) as server:
        process = subprocess.Popen(["telnet", *args, "127.0.0.1", "--", "-%d" % server.port],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, env=dict(os.environ, TERM="vt100"))
        received = server.wait()
        out = process.communicate(timeout=30)[0]
    for offer in UNBUILT_OFFERS:
        received = received.replace(offer, b"")
    return received, out


# telnet's ENCRYPT and (with -l) AUTHENTICATION offers: pytelnet has neither (its man page)
UNBUILT_OFFERS = (b"\xff\xfd&", b"\xff\xfb&", b"\xff\xfb%")
NEGOTIATION = (b"\xff\xfd\x18\xff\xfa\x18\x01\xff\xf0\xff\xfd\x20\xff\xfa\x20\x01\xff\xf0"
               b"\xff\xfd\x27\xff\xfa\x27\x01\xff\xf0\xff\xfd\x1f\xff\xfb\x01\xff\xfb\x03"
               b"\xff\xfd\x21\xff\xfb\x05\xff\xfa\x05\x01\xff\xf0")
@pytest.mark.parametrize("greeting, args", [
    (NEGOTIATION, ()), (NEGOTIATION, ("-8",)), (NEGOTIATION, ("-L", "-l", "u")),
    (b"data\r\n\xff\xff\r\0more\r\n", ())])
def test_negotiation_on_the_wire_as_telnet(run_inline_with_input, monkeypatch, greeting, args):
    monkeypatch.setenv("TERM", "vt100")
    assert wire_inline(run_inline_with_input, greeting, args) == wire_telnet(greeting, args)


def test_piped_session_and_json(run_inline_with_input):
    from tests.jsoncheck import valid_document

    with ScriptedServer(b"hello\r\n", listen_seconds=1.0) as server:
        out, err, status = run_inline_with_input("telnet", ["--json", "127.0.0.1",
                                                            str(server.port)], b"hi\n")
        assert server.wait() == b"hi\r\n"
    summary = valid_document("pytelnet", out)
    assert (status, err, summary["data"], summary["closed_by"]) == (0, b"", "hello\n", "peer")
    with ScriptedServer(b"\xff\xfb\x00\x80", listen_seconds=0.5) as server:
        out, err, status = run_inline_with_input("telnet", ["--json", "127.0.0.1", "--",
                                                            "-%d" % server.port])
    assert valid_document("pytelnet", out)["data_encoding"] == "base64"


def test_wait_ends_a_silent_session(run_inline_with_input):
    with ScriptedServer(b"hello\r\n", listen_seconds=5) as server:
        out, err, status = run_inline_with_input(
            "telnet", ["--wait", "0.3", "127.0.0.1", str(server.port)], b"hi\n")
    assert (status, err) == (2, b"Connection closed.\n") and out.endswith(b"hello\n")
    assert run_inline_with_input("telnet", ["--wait", "x", "127.0.0.1"]) == (
        b"", b"pytelnet: invalid --wait 'x'\n", 64)
