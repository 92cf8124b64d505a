"""The pytcpdump command beside tcpdump on savefiles: the same stdout, stderr and
exit status for option sets, errors, filters, -d, -V, -F; the files each writes
read by the other; -C/-W rotation; a closed pipe.

Needs the tcpdump binary (the oracle), not root.  Both run with TZ=UTC; the
program's name in messages is the only difference allowed, and the version
lines (pytcpdump names pynettools, and has no OpenSSL line).  tcpdump runs
with -Z root where it writes files, as it always did here; as root, both
tools otherwise drop to user tcpdump once the first file is open (keeping
CAP_DAC_OVERRIDE for -w, not for -z's commands).
"""

import os
import subprocess

import pytest

from tests.commands import command_path
from tests.jsoncheck import assert_valid
from tests.tcpdump_corpus import CORPUS, tcpdump_missing

pytestmark = pytest.mark.skipif(tcpdump_missing() is not None, reason=str(tcpdump_missing()))
MIX = str(CORPUS / "mix.pcap")
ENV = dict(os.environ, TZ="UTC")


def run(program, argv, **kwargs):
    done = subprocess.run([program, *argv], capture_output=True, timeout=60, env=ENV, **kwargs)
    return done.stdout, done.stderr, done.returncode


def _comparable(stderr, program):
    lines = stderr.decode("ascii", "backslashreplace").splitlines()
    return [line.replace(program + ":", "PROG:").replace("Usage: " + program, "Usage: PROG")
            for line in lines if " version " not in line and not line.startswith("OpenSSL")
            and "--json" not in line]


def assert_same(argv, cwd=None):
    theirs = run("tcpdump", argv, cwd=cwd)
    ours = run(command_path("pytcpdump"), argv, cwd=cwd)
    assert ours[0] == theirs[0]
    assert _comparable(ours[1], "pytcpdump") == _comparable(theirs[1], "tcpdump")
    assert ours[2] == theirs[2]
    return ours


@pytest.mark.parametrize("argv", [
    ["-nn"], [], ["-v", "-nn"], ["-e", "-q"], ["-x", "-c", "3"], ["-XX", "-#"], ["-ttt", "-S"],
    ["-nnvvv", "-c", "5"], ["-nn", "tcp", "and", "port", "80"], ["-nn", "udp", "or", "arp"],
    ["-nn", "-O", "icmp"], ["--count"], ["-c", "3", "--count", "ip6"], ["-l", "-c", "2"],
    ["--nano", "-nn"], ["-K", "-v"], ["-nn", "--", "not", "tcp"],
], ids=" ".join)
def test_reading_prints_as_tcpdump(argv):
    assert_same(["-r", MIX, *argv])


@pytest.mark.parametrize("name", ["raw", "mix-any", "mix-any-sll1", "mix-nano", "mix-s34",
                                  "vlan", "dns", "fragments"])
def test_each_link_type_and_precision_reads_as_tcpdump(name):
    assert_same(["-r", str(CORPUS / (name + ".pcap")), "-nn", "-e"])


def test_the_standard_input_reads_as_tcpdump():
    with open(MIX, "rb") as stdin:
        theirs = run("tcpdump", ["-r", "-", "-nn"], stdin=stdin)
    with open(MIX, "rb") as stdin:
        ours = run(command_path("pytcpdump"), ["-r", "-", "-nn"], stdin=stdin)
    assert ours[0] == theirs[0] and ours[2] == theirs[2] == 0


def _cut(tmp_path, size):
    path = tmp_path / ("cut%d.pcap" % size)
    path.write_bytes(open(MIX, "rb").read()[:size])
    return str(path)


@pytest.mark.parametrize("size", [0, 3, 5, 24, 30, 45, 100, 200])
def test_a_savefile_cut_short_fails_as_tcpdump(tmp_path, size):
    assert_same(["-r", _cut(tmp_path, size), "-nn"])[2] == 1


@pytest.mark.parametrize("snaplen, captured", [(0, 300000), (2 ** 32 - 1, 300000),
                                               (2 ** 31, 100), (300000, 300000),
                                               (300000, 100), (54, 10 ** 9), (54, 100)])
def test_odd_snapshot_lengths_read_as_tcpdump(tmp_path, snaplen, captured):
    import struct

    frame = open(MIX, "rb").read()[40:82] + bytes(58)  # the first ARP request, padded
    path = tmp_path / "odd.pcap"
    path.write_bytes(struct.pack("=IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, 1) +
                     struct.pack("=IIII", 1, 0, captured, captured) + frame)
    assert_same(["-r", str(path), "-nn"])


@pytest.mark.parametrize("linktype", [4242, 290])
def test_a_link_type_libpcap_does_not_know_fails_as_tcpdump(tmp_path, linktype):
    import struct

    path = tmp_path / "unknown.pcap"
    path.write_bytes(struct.pack("=IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype) +
                     struct.pack("=IIII", 1, 0, 4, 4) + b"abcd")
    assert assert_same(["-r", str(path)])[2] == 1
    assert_same(["-r", str(path), "ip"])


def test_what_is_not_a_savefile_fails_as_tcpdump(tmp_path):
    text = tmp_path / "text"
    text.write_text("hello world, this is not a pcap file\n")
    assert assert_same(["-r", str(text)])[2] == 1
    assert assert_same(["-r", str(tmp_path / "missing.pcap")])[2] == 1


@pytest.mark.parametrize("argv", [
    ["-k"], ["--foo"], ["-r"], ["--no"], ["--n"], ["-Y"], ["-c", "0"], ["-c", "x"],
    ["-C", "0"], ["-C", "1k"], ["-G", "-1"], ["-W", "0"], ["-s", "262145"], ["-s", "-1"],
    ["-y", "FOO"], ["-Q", "foo"], ["-j", "foo"], ["-B", "0"], ["-T", "foo"],
    ["--time-stamp-precision=foo"], ["-r", MIX, "-tttttt"], ["-r", MIX, "-f"],
    ["-V", "x", "-r", "y"], ["-V", "/nonexistent"], ["-F", "/nonexistent", "-r", MIX],
    ["-r", MIX, "tcp", "and"], ["-r", MIX, "port", "99999"], ["-r", MIX, "tcp", "and", "udp"],
    ["-r", MIX, "-w", "/nonexistent/out.pcap"], ["-c", "0", "-h"], ["-m", "mib", "-r", MIX],
    ["-r", MIX, "-w", "/dev/full"],
], ids=" ".join)
def test_errors_are_tcpdumps(argv):
    assert_same(argv)


@pytest.mark.parametrize("argv", [["-h"], ["--help"], ["--version"], ["-h", "-c", "0"]],
                         ids=" ".join)
def test_help_is_tcpdumps_on_stdout(argv):
    theirs = run("tcpdump", argv)
    ours = run(command_path("pytcpdump"), argv)
    assert (ours[1], ours[2]) == (theirs[1], theirs[2]) == (b"", 0)
    assert _comparable(ours[0], "pytcpdump") == _comparable(theirs[0], "tcpdump")


@pytest.mark.parametrize("expression", [
    "", "tcp", "host 192.0.2.1", "udp port 53 or arp", "ip[8] < 5", "not icmp6",
    "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0", "vlan and ip",
])
@pytest.mark.parametrize("level", ["-d", "-dd", "-ddd"])
def test_programs_print_as_tcpdump_O(expression, level):
    assert_same(["-r", MIX, "-O", level, *expression.split()])
    assert_same(["-O", level, *expression.split()])  # no file: Ethernet, with a warning


@pytest.mark.parametrize("linktype", ["RAW", "LINUX_SLL", "LINUX_SLL2"])
def test_y_picks_the_link_type_of_a_program(linktype):
    assert_same(["-O", "-d", "-y", linktype, "tcp", "port", "80"])


def test_V_reads_each_file_with_its_banner_and_count(tmp_path):
    listing = tmp_path / "list"
    listing.write_text("%s\n%s\n%s\n" % (MIX, CORPUS / "raw.pcap", CORPUS / "dns.pcap"))
    assert_same(["-V", str(listing), "-nn", "-c", "3", "-#"])
    assert assert_same(["-V", str(listing), "-w", str(tmp_path / "out")],
                       cwd=tmp_path)[2] == 1  # raw.pcap's link type differs


@pytest.mark.parametrize("order", ["cut first", "cut last", "missing between"])
def test_V_goes_on_after_a_file_cut_short(tmp_path, order):
    cut, dns = _cut(tmp_path, 200), str(CORPUS / "dns.pcap")
    names = {"cut first": [cut, dns], "cut last": [dns, cut],
             "missing between": [dns, str(tmp_path / "missing"), dns]}[order]
    listing = tmp_path / "list"
    listing.write_text("".join(name + "\n" for name in names))
    # -Z root: as root, tcpdump would read the later files as user tcpdump
    assert_same(["-Z", "root", "-V", str(listing), "-nn", "-c", "3"])


def test_F_reads_the_expression_without_comments(tmp_path):
    path = tmp_path / "filter"
    path.write_text("tcp # the web\n  and port 80 # only\n")
    assert_same(["-r", str(CORPUS / "tcp.pcap"), "-nn", "-F", str(path), "ignored", "words"])


@pytest.mark.parametrize("argv", [[], ["--nano"], ["tcp"], ["-c", "4"]], ids=" ".join)
def test_files_written_are_tcpdumps_bytes(tmp_path, argv):
    for name in ("mix", "mix-nano", "raw", "mix-any"):
        source = str(CORPUS / (name + ".pcap"))
        run("tcpdump", ["-Z", "root", "-r", source, "-w", str(tmp_path / "theirs"), *argv])
        done = run(command_path("pytcpdump"), ["-r", source, "-w", str(tmp_path / "ours"),
                                                *argv])
        assert done[:1] == (b"",) and done[2] == 0
        assert (tmp_path / "ours").read_bytes() == (tmp_path / "theirs").read_bytes()
        # and each tool reads what the other wrote
        assert run("tcpdump", ["-r", str(tmp_path / "ours"), "-nn"])[0] == \
            run(command_path("pytcpdump"), ["-r", str(tmp_path / "theirs"), "-nn"])[0]


def test_w_dash_writes_to_stdout_as_tcpdump():
    assert run(command_path("pytcpdump"), ["-r", MIX, "-w", "-", "udp"])[0] == \
        run("tcpdump", ["-r", MIX, "-w", "-", "udp"])[0]


@pytest.mark.parametrize("argv", [["--print"], ["--print", "--count"], ["--count"]],
                         ids=" ".join)
def test_print_shows_the_lines_while_writing(tmp_path, argv):
    theirs = run("tcpdump", ["-Z", "root", "-r", MIX, "-w", str(tmp_path / "t"), *argv])
    ours = run(command_path("pytcpdump"), ["-r", MIX, "-w", str(tmp_path / "o"), *argv])
    assert ours[0] == theirs[0] and ours[0]


def _big(tmp_path, count):
    from benchmarks.bench_tcpdump import write_big_file

    path = tmp_path / "big.pcap"
    write_big_file(path, count)
    return str(path)


@pytest.mark.parametrize("argv, files", [
    (["-C", "1"], ["out", "out1", "out2"]), (["-C", "1", "-W", "2"], ["out0", "out1"]),
    (["-C", "1", "-W", "12"], ["out00", "out01", "out02"]), (["-C", "1", "-W", "1"], ["out"]),
    (["-G", "3600", "-w", "g-%Y%m"], None), (["-G", "3600", "-C", "1", "-W", "3"], None),
], ids=lambda value: " ".join(value or ["any"]))
def test_rotated_files_are_named_and_filled_as_tcpdumps(tmp_path, argv, files):
    big = _big(tmp_path, 12_000)
    argv = argv if "-w" in argv else [*argv, "-w", "out"]
    for who, program, extra in (("theirs", "tcpdump", ["-Z", "root"]),
                                ("ours", command_path("pytcpdump"), [])):
        (tmp_path / who).mkdir()
        assert run(program, [*extra, "-r", big, *argv], cwd=tmp_path / who)[2] == 0
    names = sorted(os.listdir(tmp_path / "theirs"))
    assert names == files or files is None and names  # strftime names: this month's
    assert sorted(os.listdir(tmp_path / "ours")) == names
    for name in names:
        assert (tmp_path / "ours" / name).read_bytes() == \
            (tmp_path / "theirs" / name).read_bytes(), name


def test_a_closed_pipe_ends_as_tcpdump_ends(tmp_path):
    big = _big(tmp_path, 20_000)
    for program in ("tcpdump", command_path("pytcpdump")):
        reader = subprocess.Popen([program, "-r", big, "-nn"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=ENV)
        reader.stdout.read(100)
        reader.stdout.close()
        status = reader.wait(timeout=60)
        errors = reader.stderr.read().decode()
        reader.stderr.close()
        assert status == 14, program
        assert errors.splitlines()[-1].endswith(": Unable to write output: Broken pipe")
        assert "Traceback" not in errors


@pytest.mark.parametrize("argv", [["-w", "-"], ["-w", "-", "--print"]], ids=" ".join)
def test_a_closed_pipe_under_w_dash_ends_quietly_as_tcpdump(tmp_path, argv):
    big = _big(tmp_path, 20_000)
    for program in ("tcpdump", command_path("pytcpdump")):
        writer = subprocess.Popen([program, "-r", big, *argv], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=ENV)
        writer.stdout.read(100)
        writer.stdout.close()
        status = writer.wait(timeout=60)
        errors = writer.stderr.read()
        writer.stderr.close()
        assert (status, len(errors.splitlines())) == (0, 1), program


def test_json_lines_follow_the_schema_and_the_filter():
    out, _err, status = run(command_path("pytcpdump"), ["-r", MIX, "--json", "tcp"])
    records = assert_valid("pytcpdump", out)
    expected = run("tcpdump", ["-r", MIX, "--count", "tcp"])[0]
    assert status == 0 and b"%d packets\n" % len(records) == expected
    assert all(any(layer["protocol"] == "tcp" for layer in record["layers"])
               for record in records)


def test_z_runs_the_command_on_each_rotated_file(tmp_path):
    import time

    big = _big(tmp_path, 12_000)
    script = tmp_path / "note.sh"
    script.write_text('#!/bin/sh\necho "$1" >> log\n')
    script.chmod(0o755)
    logs = {}
    # -Z root: as user tcpdump, the command could not write its log here
    for who, program in (("theirs", "tcpdump"), ("ours", command_path("pytcpdump"))):
        (tmp_path / who).mkdir()
        done = run(program, ["-Z", "root", "-r", big, "-C", "1", "-w", "out", "-z", str(script)],
                   cwd=tmp_path / who)
        assert done[2] == 0
        logs[who] = tmp_path / who / "log"
    deadline = time.monotonic() + 5  # the commands are not waited for
    while time.monotonic() < deadline and not all(
            log.exists() and len(log.read_text().split()) == 2 for log in logs.values()):
        time.sleep(0.05)
    assert sorted(logs["ours"].read_text().split()) == \
        sorted(logs["theirs"].read_text().split()) == ["out", "out1"]


@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_ends_the_reading_as_tcpdump(signum):
    import signal
    import time

    for program in ("tcpdump", command_path("pytcpdump")):
        # the file on a pipe left open: each waits for more when the signal comes
        reader = subprocess.Popen([program, "-r", "-", "-nn"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
        try:
            with open(MIX, "rb") as savefile:
                reader.stdin.write(savefile.read())
            reader.stdin.flush()
            time.sleep(0.5)
            reader.send_signal(getattr(signal, signum))
            out, err = reader.communicate(timeout=30)
        finally:
            reader.kill()
        # status 0, every line and a newline after them, no statistics for a file
        assert (reader.returncode, out.count(b"\n"), out[-2:], len(err.splitlines())) == \
            (0, 45, b"\n\n", 1), program


@pytest.fixture
def private_dir(tmp_path):
    """A folder only root may enter, in one others may write in (tmp_path is root's)."""
    import shutil
    import tempfile

    shared = tempfile.mkdtemp(prefix="pnt%d-" % os.getpid())
    os.chmod(shared, 0o755)
    private = os.path.join(shared, "root-only")
    os.mkdir(private, 0o700)
    yield private
    shutil.rmtree(shared, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving up root needs root")
def test_root_is_given_up_after_the_first_file_as_tcpdump(private_dir):
    """-w's file belongs to user tcpdump (made where only root may write: CAP_DAC_OVERRIDE
    kept); -V's next file, where only root may read, is opened as that user."""
    import pwd
    import shutil

    owners = []
    for program in ("tcpdump", command_path("pytcpdump")):
        path = os.path.join(private_dir, os.path.basename(program) + ".pcap")
        assert run(program, ["-r", MIX, "-w", path])[2] == 0
        owners.append(os.stat(path).st_uid)
    assert owners == [pwd.getpwnam("tcpdump").pw_uid] * 2
    hidden = os.path.join(private_dir, "dns.pcap")
    shutil.copy(CORPUS / "dns.pcap", hidden)
    listing = os.path.join(os.path.dirname(private_dir), "list")
    with open(listing, "w") as names:
        names.write("%s\n%s\n" % (CORPUS / "icmp.pcap", hidden))
    ours = assert_same(["-V", listing, "-nn"])
    assert ours[2] == 1 and b"dns.pcap: Permission denied" in ours[1]
    assert_same(["-r", MIX, "-Z", "nosuchuser", "-c", "1"])
