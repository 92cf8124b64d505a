"""pytcpdump run in this process on the committed savefiles: what needs no oracle
(statuses, streams, the checks after getopt).  The lab tests compare with tcpdump."""

import pytest

from tests.jsoncheck import assert_valid
from tests.tcpdump_corpus import CORPUS

MIX = str(CORPUS / "mix.pcap")


@pytest.fixture
def tcpdump(run_inline, utc):
    return lambda *argv: run_inline("tcpdump", list(argv))


def test_reading_prints_the_banner_on_stderr_and_the_lines_on_stdout(tcpdump):
    out, err, status = tcpdump("-r", MIX, "-nn", "-c", "2")
    assert status == 0 and out.count(b"\n") == 2 and out.startswith(b"21:34:13.896855 ARP")
    assert err == (b"reading from file %s, link-type EN10MB (Ethernet), snapshot length "
                   b"262144\n" % MIX.encode())


def test_count_prints_only_the_number(tcpdump):
    out, _err, status = tcpdump("-r", MIX, "--count", "arp")
    assert status == 0 and out == b"2 packets\n"


def test_json_lines_follow_the_schema(tcpdump):
    out, _err, status = tcpdump("-r", MIX, "--json", "-c", "9")
    assert status == 0 and len(assert_valid("pytcpdump", out)) == 9


@pytest.mark.parametrize("argv, message", [
    (["-r", MIX, "-tttttt"], b"only -t, -tt, -ttt, -tttt and -ttttt are supported"),
    (["-r", MIX, "-f"], b"-f can not be used with -V or -r"),
    (["-r", MIX, "-V", MIX], b"-V and -r are mutually exclusive."),
    (["-r", MIX, "-T", "rtp"], b"-T is not built in pytcpdump: printing packets as another "
                               b"protocol"),
    (["-r", MIX, "tcp", "and"], b"can't parse filter expression: syntax error"),
    (["-r", "/nonexistent.pcap"], b"/nonexistent.pcap: No such file or directory"),
])
def test_what_stops_it_is_status_1_in_tcpdumps_words(tcpdump, argv, message):
    out, err, status = tcpdump(*argv)
    assert status == 1 and out == b""
    assert err.splitlines()[-1] == b"pytcpdump: " + message


def test_a_file_cut_short_prints_what_came_before(tcpdump, tmp_path):
    cut = tmp_path / "cut.pcap"
    cut.write_bytes((CORPUS / "mix.pcap").read_bytes()[:200])
    out, err, status = tcpdump("-r", str(cut), "-nn")
    assert status == 1 and out.count(b"\n") == 2
    assert err.endswith(b"pytcpdump: pcap_loop: truncated dump file; tried to read 98 "
                        b"captured bytes, only got 44\n")


def test_dump_without_a_file_assumes_ethernet(tcpdump):
    out, err, status = tcpdump("-d")
    assert (out, err, status) == (b"(000) ret      #262144\n", b"Warning: assuming Ethernet\n", 0)


def test_help_and_version_go_to_stdout(tcpdump):
    out, err, status = tcpdump("--help")
    assert status == 0 and err == b"" and b"[ -z postrotate-command ]" in out
    out, err, status = tcpdump("--version")
    assert status == 0 and err == b"" and out.count(b"\n") == 2


def test_fp_type_prints_tcpdumps_check(tcpdump):
    assert tcpdump("--fp-type") == (b"9877.895\n", b"", 0)


def test_a_list_of_files_reads_each_with_its_banner_and_its_own_count(tcpdump, tmp_path):
    listed = tmp_path / "list"
    names = [str(CORPUS / "icmp.pcap"), str(CORPUS / "dns.pcap")]
    listed.write_text("".join(name + "\n" for name in names))
    out, err, status = tcpdump("-V", str(listed), "-nn", "-c", "1")
    assert status == 0 and out.count(b"\n") == 2
    assert [line.split(b",")[0] for line in err.splitlines()] == \
        [b"reading from file " + name.encode() for name in names]


@pytest.mark.parametrize("content, message", [
    ("", b"Nothing in %s"), (None, b"Unable to open file: No such file or directory")])
def test_a_list_empty_or_missing_is_status_1(tcpdump, tmp_path, content, message):
    listed = tmp_path / "list"
    if content is not None:
        listed.write_text(content)
    out, err, status = tcpdump("-V", str(listed))
    expected = message % str(listed).encode() if b"%s" in message else message
    assert (out, err, status) == (b"", b"pytcpdump: " + expected + b"\n", 1)


def test_a_cooked_v2_file_warns_of_interface_names(tcpdump):
    name = str(CORPUS / "mix-any.pcap")
    _out, err, status = tcpdump("-r", name, "-nn", "-c", "1")
    assert status == 0 and err.splitlines() == [
        b"reading from file %s, link-type LINUX_SLL2 (Linux cooked v2), snapshot length "
        b"262144" % name.encode(), b"Warning: interface names might be incorrect"]


def test_file_mode_gives_up_root_only_where_it_shows(run_inline, tmp_path):
    listed = tmp_path / "list"
    listed.write_text(MIX + "\n")
    runs = [(["-r", MIX, "-nn"], []), (["-r", MIX, "-d"], []),
            (["-r", MIX, "-w", str(tmp_path / "out")], [(None, True, False)]),
            (["-V", str(listed), "--json"], [(None, False, True)]),
            (["-r", MIX, "-Z", "nobody"], [("nobody", False, False)])]
    for argv, dropped in runs:
        run_inline.dropped.clear()
        assert run_inline("tcpdump", argv)[2] == 0
        assert run_inline.dropped == dropped, argv
