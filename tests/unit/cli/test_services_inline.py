"""pyservices run inline: getent's answers for the same keys on this machine, and
the lookups beyond getent on a crafted file."""

import shutil
import subprocess

import pytest

from tests.jsoncheck import valid_document

needs_getent = pytest.mark.skipif(shutil.which("getent") is None,
                                  reason="needs getent, the oracle (Debian: libc-bin)")
FILE = b"""\
ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol
domain\t\t53/tcp
domain\t\t53/udp
http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP
kerberos\t88/tcp\t\tkerberos5 krb5 kerberos-sec
kerberos\t88/udp\t\tkerberos5 krb5 kerberos-sec
"""


@needs_getent
@pytest.mark.parametrize("keys", [["http"], ["22/tcp"], ["domain/udp", "www"], ["nosuch"],
                                  ["ssh", "nosuch", "53/udp"], ["0"], ["http/"], ["/tcp"]])
def test_keys_as_getent(run_inline, keys):
    done = subprocess.run(["getent", "services", *keys], capture_output=True, timeout=30)
    out, err, status = run_inline("services", keys)
    assert (out, status) == (done.stdout, done.returncode)


@pytest.fixture
def services_file(tmp_path):
    path = tmp_path / "services"
    path.write_bytes(FILE)
    return str(path)


def test_lookups_beyond_getent(run_inline, services_file):
    def lines(*argv):
        out, err, status = run_inline("services", ["-f", services_file, *argv])
        assert (err, status) == (b"", 0)
        return out.decode().splitlines()

    assert [line.split()[0] for line in lines("-s", "kerberos")] == ["kerberos", "kerberos"]
    assert lines("--range", "50-85", "-p", "udp") == ["domain                53/udp"]
    assert lines("--range", "22") == ["ssh                   22/tcp"]
    assert len(lines()) == 6 and lines("-p", "tcp")[-1].startswith("kerberos")
    assert lines("-p", "udp", "domain") == ["domain                53/udp"]
    document = valid_document("pyservices", "\n".join(lines("--json", "www", "krb5")) + "\n")
    assert [found["entry"]["port"] for found in document["lookups"]] == [80, 88]


@pytest.mark.parametrize("argv, message", [
    (["--range", "9-2"], b"pyservices: invalid port range '9-2'\n"),
    (["--range", "x"], b"pyservices: invalid port range 'x'\n"),
    (["--range", "1-70000"], b"pyservices: invalid port range '1-70000'\n"),
    (["ssh", "-s", "x"], b"pyservices: KEY operands cannot be combined with --search, --range "
                         b"or --listening\n"),
    (["--listening", "-s", "x"], b"pyservices: --search cannot be combined with --listening\n")])
def test_bad_combinations(run_inline, services_file, argv, message):
    out, err, status = run_inline("services", ["-f", services_file, *argv])
    assert (out, status) == (b"", 64)
    assert err == message + b"Try `pyservices --help' or `pyservices --usage' for more " \
                            b"information.\n"


def test_unreadable_file_and_listening(run_inline, tmp_path):
    missing = str(tmp_path / "missing")
    assert run_inline("services", ["-f", missing, "ssh"]) == (
        b"", b"pyservices: %s: No such file or directory\n" % missing.encode(), 1)
    out, err, status = run_inline("services", ["--listening", "--json", "-p", "tcp"])
    assert (err, status) == (b"", 0)
    assert all(sock["protocol"] == "tcp"
               for sock in valid_document("pyservices", out)["sockets"])
