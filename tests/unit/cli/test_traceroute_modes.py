"""pytraceroute --report and --targets on the command line, traced on loopback."""


import pytest

from pynettools.cli.traceroute.declaration import COMMAND
from tests.jsoncheck import assert_valid, valid_document


@pytest.mark.parametrize("args, complaint", [
    ("--report -q 2 127.0.0.1", "Option `-q' (argc 3) cannot be used with `--report'\n"),
    ("-n --report --queries=2 127.0.0.1",
     "Option `--queries' (argc 3) cannot be used with `--report'\n"),
    ("--report --mtu 127.0.0.1", "Option `--mtu' (argc 2) cannot be used with `--report'\n"),
    ("--report --back 127.0.0.1", "Option `--back' (argc 2) cannot be used with `--report'\n"),
    ("--report -nA 127.0.0.1", "Option `-A' (argc 2) cannot be used with `--report'\n"),
    ("-e --report 127.0.0.1", "Option `-e' (argc 1) cannot be used with `--report'\n"),
    ("--report --targets=x", "Option `--targets' (argc 2) cannot be used with `--report'\n"),
    ("--cycles=3 127.0.0.1", "Option `--cycles' (argc 1) needs `--report'\n"),
    ("--interval=3 127.0.0.1", "Option `--interval' (argc 1) needs `--report'\n"),
    ("--rate=3 127.0.0.1", "Option `--rate' (argc 1) needs `--targets'\n"),
    ("--report --cycles=0 127.0.0.1", "Cannot handle `--cycles' option with arg `0' (argc 2)\n"),
    ("--report --interval=-1 127.0.0.1",
     "Cannot handle `--interval' option with arg `-1' (argc 2)\n"),
    ("--targets=x --rate=abc", "Cannot handle `--rate' option with arg `abc' (argc 2)\n"),
    ("--report --cycles 3 127.0.0.1",
     "Option `--cycles' (argc 2) requires an argument: `--cycles=N'\n"),
    ("--targets /dev/null", "Option `--targets' (argc 1) requires an argument: `--targets=FILE'\n"),
    ("--target=/dev/null", "Bad option `--target=/dev/null' (with arg `/dev/null') (argc 1)\n"),
    ("--targets=/nonexistent/hosts", "/nonexistent/hosts: No such file or directory\n"),
    ("--targets=/dev/null -m 300", "max hops cannot be more than 255\n"),
    ("--targets=/dev/null 1 2",
     "Extra arg `2' (position 3, argc 3)\n"),
])
def test_refusals_have_traceroutes_style_and_status_2(run_inline, args, complaint):
    out, err, status = run_inline("traceroute", args.split())
    assert (status, out, err.decode()) == (2, b"", complaint)


def test_the_targets_file_stands_for_the_host_operand():
    args = COMMAND.parse(["--targets=hosts", "-n", "1500"])
    assert (args.targets, args.operands) == ("hosts", [None, 1500])
    assert args.given["targets"] == ("--targets", 1)


def test_report_on_loopback(run_inline):
    out, err, status = run_inline("traceroute", ["--report", "--cycles=2", "--interval=0.01",
                                                 "-n", "127.0.0.1"])
    lines = out.decode().splitlines()
    assert (status, err) == (0, b"") and len(lines) == 3
    assert lines[0].startswith("Start: ") and lines[1].startswith("HOST: ")
    assert lines[2].startswith("  1.|-- 127.0.0.1                  0.0%     2 ")


def test_report_json_on_loopback(run_inline):
    out, _err, status = run_inline("traceroute", ["--report", "--json", "--cycles=3",
                                                  "--interval=0.01", "::1"])
    document = valid_document("pytraceroute", out)
    assert status == 0 and list(document) == ["schema", "report"]
    hub, = document["report"]["hubs"]
    assert (hub["count"], hub["Snt"], hub["Loss%"], document["report"]["mtr"]["tests"]) == (
        1, 3, 0.0, 3)


def test_targets_on_loopback(run_inline, tmp_path):
    hosts = tmp_path / "hosts"
    hosts.write_text("127.0.0.1\n::1\n# done\n")
    out, err, status = run_inline("traceroute", ["-n", "-q", "1", "--targets=%s" % hosts])
    assert (status, err) == (0, b"")
    blocks = sorted(block.split("\n")[0] for block in out.decode().split("traceroute to ")[1:])
    assert blocks == ["127.0.0.1 (127.0.0.1), 30 hops max, 60 byte packets",
                      "::1 (::1), 30 hops max, 80 byte packets"]
    out, err, status = run_inline("traceroute", ["-n", "--json", "--targets=%s" % hosts])
    lines = assert_valid("pytraceroute", out)
    assert (status, sorted(line["target"] for line in lines)) == (0, ["127.0.0.1", "::1"])
    assert all(line["type"] == "trace" and line["reached"] for line in lines)
    out, err, status = run_inline("traceroute", ["-n", "-4", "--targets=%s" % hosts])
    assert status == 2 and err.decode() == (
        "::1: Address family for hostname not supported\n"
        "Cannot handle \"host\" cmdline arg `::1' on position 1 (argc 3)\n")
