"""pyservices against the real `getent services`: same output, same status.

On this machine's /etc/services directly; on crafted and hostile files by
bind-mounting them over /etc/services in a private mount namespace.
"""

import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.commands import command_path, needs_root, run_command
from tests.lab.mountns import run_over_services


def getent(*keys):
    done = run_command(["getent", "services", *keys])
    return done.stdout, done.stderr, done.returncode


def keys_of(listing):
    """Every name, alias, port, port/proto and name/proto in getent's listing."""
    keys = []
    for line in listing.decode("utf-8", "surrogateescape").splitlines():
        name, port_protocol, *aliases = line.split()
        port, _, protocol = port_protocol.partition("/")
        keys += [name, port, port_protocol, name + "/" + protocol, *aliases]
    return list(dict.fromkeys(keys))


ODD_KEYS = ["", "70000", "22/TCP", "http/sctp", "080", "+80", " 80", "80 ", "0", "65535",
            "65536", "80/", "/tcp", "http/", "80/tcp/x", "914c/g", "0x50", "HTTP", "\u00e9"]


def test_full_listing_equals_getent():
    done = run_command([command_path("pyservices")])
    assert (done.stdout, done.stderr, done.returncode) == getent()


def test_every_key_of_this_machine_equals_getent(run_inline):
    keys = keys_of(getent()[0])
    assert len(keys) > 500
    for key in keys + ODD_KEYS:
        assert run_inline("services", ["--", key]) == getent(key), key


@pytest.mark.parametrize("keys", [
    ["http", "nosuch", "ssh"], ["22", "22/udp", "53/udp"], ["nosuch"], ["domain", "domain"],
])
def test_several_keys_in_one_call(keys):
    done = run_command([command_path("pyservices"), *keys])
    assert (done.stdout, done.stderr, done.returncode) == getent(*keys)


@pytest.mark.parametrize("argv", [["-1"], ["--bogus"], ["--bogus=x", "http"], ["-s"],
                                  ["http", "-1"]])
def test_bad_options_as_getent_words_them(argv):
    ours = run_command([command_path("pyservices"), *argv])
    theirs = getent(*argv)
    assert ours.stderr.replace(b"pyservices", b"getent") == theirs[1]
    assert (ours.stdout, ours.returncode) == (theirs[0], theirs[2]) == (b"", 64)


CRAFTED = {
    "quirks": (b"a 1/tcp x\0y z\nb\0 2/tcp\n\0c 3/tcp\nd 0x10/udp\ne 010/udp\nf -1/tcp\n"
               b"g 70000/tcp\nh 08/tcp\ni 0x/tcp\nj 9//tcp/x al1 al2#c\n"
               b"k 99999999999999999999999/t\nl -0x10/t\nm +5/t\nn 5/\n"
               b"w\xff\xfe 7/tcp \xe9\r\no\t8/tcp\x0b\x0cal\r\nz -0/t\nq 4294967295/t\n"
               b"r 4294967296/t\nfoo#bar 80/tcp\n  # indented comment\n"
               b"a 80\nb 81 /tcp\nc 82 x y\nd 83x/tcp\ne 84\t\nf 0x\nh 08\ni 85#x\nk 87 # c\n"),
    "memmove tail": b"a 1/tcp\n  http 80/tcp",
    "memmove tail with alias": b"a 1/tcp\n\t http 80/tcp x",
    "duplicates, first wins": b"one 7/tcp uno\ntwo 7/tcp uno\none 7/udp\n",
    "truncated ports": b"big 65616/tcp\nsmall 80/tcp\n",
    "empty": b"",
    "only comments": b"# nothing\n\n   \n#x 1/tcp\n",
    "crlf": b"http 80/tcp www\r\nssh 22/tcp\r\n",
    "long names": b"n" * 40 + b" 1/tcp " + b"a" * 40 + b"\n\xc3\xa9t\xc3\xa9 2/udp\n",
}


def _crafted_keys(data):
    words = {word.decode("latin-1") for word in data.replace(b"\0", b" ").split()}
    keys = sorted(words | {"80", "7", "1/tcp", "7/udp", "uno/udp", "http/", "9/", "5/"})
    return [key for key in keys if "\0" not in key and key[:1] != "-"]


@needs_root
@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_files_equal_getent(name, tmp_path, run_inline):
    data = CRAFTED[name]
    keys = [key.encode("latin-1").decode("utf-8", "surrogateescape") for key in _crafted_keys(data)]
    path = tmp_path / "services"
    path.write_bytes(data)
    commands = [["getent", "services"]] + [["getent", "services", "--", key] for key in keys]
    listing, *answers = run_over_services(path, commands)
    assert run_inline("services", ["-f", str(path)]) == listing
    for key, answer in zip(keys, answers):
        assert run_inline("services", ["-f", str(path), "--", key]) == answer, key


@needs_root
def test_default_file_is_the_one_getent_reads(tmp_path):
    path = tmp_path / "services"
    path.write_bytes(CRAFTED["quirks"])
    mine, theirs = run_over_services(path, [[command_path("pyservices")],
                                            ["getent", "services"]])
    assert mine == theirs


HOSTILE = {
    "binary junk": lambda: random.Random(7).randbytes(1 << 20),
    "100,000-character line": lambda: b"x" * 100_000 + b" 1/tcp " + b"y" * 100_000 + b"\nok 2/udp\n",
    "1,000,000 lines": lambda: b"".join(b"svc%d %d/tcp alias%d # c\n" % (n, n % 65536, n)
                                        for n in range(1_000_000)),
    # blocks of the common shape (read by one regular expression), one odd line among them
    "300,000 lines of the common shape": lambda: b"".join(
        b"s%d%s %d/%s%s\n" % (n, b"\xff" * (n % 3) + b"n" * (n % 25), n % 65536,
                              (b"tcp", b"", b"t/x")[n % 3], b" a%d b" % n * (n % 4))
        for n in range(300_000)).replace(b"s150000 ", b"s150000  "),
}


@needs_root
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_equal_getent(name, tmp_path):
    path = tmp_path / "services"
    path.write_bytes(HOSTILE[name]())
    ours = [command_path("pyservices"), "-f", str(path)]
    commands = [["getent", "services"], ours, ["getent", "services", "ok", "999999/tcp", "x"],
                ours + ["ok", "999999/tcp", "x"]]
    listing, our_listing, answer, our_answer = run_over_services(path, commands)
    assert our_listing == listing
    assert our_answer == answer


# Lines built from the pieces glibc's parser treats specially.
_BLANK = st.sampled_from([b" ", b"\t", b"  ", b"\x0b", b"\x0c", b"\r", b" \t"])
_WORD = st.text("abz09-_./é\xff", min_size=1, max_size=6).map(
    lambda text: text.encode("utf-8").replace("\xff".encode("utf-8"), b"\xff"))
_PORT = st.sampled_from([b"80", b"0x50", b"010", b"08", b"0x", b"-0", b"-1", b"+5", b"70000",
                         b"4294967295", b"4294967296", b"0", b"65535", b"22", b"", b"1e2"])
_SLASHES = st.sampled_from([b"/", b"//", b"", b" /", b" "])
_PROTOCOL = st.sampled_from([b"tcp", b"udp", b"", b"TCP", b"t/x", b"sctp"])
_TAIL = st.sampled_from([b"", b"#", b"# comment", b"\0junk", b"#x 1/tcp"])


@st.composite
def services_line(draw):
    parts = [draw(st.sampled_from([b"", b"  ", b"\t"])), draw(_WORD), draw(_BLANK), draw(_PORT),
             draw(_SLASHES), draw(_PROTOCOL)]
    for _ in range(draw(st.integers(0, 2))):
        parts += [draw(_BLANK), draw(_WORD)]
    return b"".join(parts) + draw(_TAIL)


@needs_root
@settings(max_examples=100, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(services_line(), min_size=1, max_size=6), newline_at_end=st.booleans(),
       keys=st.lists(st.sampled_from(["80", "22", "0", "65535", "80/tcp", "a", "ab", "a/tcp",
                                      "80/", "b/udp", "0/t/x"]), max_size=3))
def test_random_files_equal_getent(lines, newline_at_end, keys, tmp_path_factory):
    path = tmp_path_factory.mktemp("random") / "services"
    path.write_bytes(b"\n".join(lines) + (b"\n" if newline_at_end else b""))
    ours = [command_path("pyservices"), "-f", str(path)]
    mine, theirs, my_answer, their_answer = run_over_services(
        path, [ours, ["getent", "services"], ours + keys, ["getent", "services", *keys]])
    assert mine == theirs
    if keys:
        assert my_answer == their_answer
