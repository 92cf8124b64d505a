"""pytraceroute --report beside mtr 0.95 (Debian's mtr-tiny) in a lossy lab.

r2 drops exactly 3 of every 10 time-exceeded messages it sends the client
(`routers.drop_answers`), so both tools, each sending 10 probes to hop 2,
lose the same share there.  Each case runs mtr with the same method (mtr -u
for the default UDP probes, plain mtr for -I, mtr -T for -T) and compares
the report with the round-trip figures masked: layout, hosts, Snt, Loss%.

Both run their 10 cycles in half a second and wait 0.3 s for the last
answers: mtr -T probes with the kernel's TCP, which sends a SYN again after
a second without an answer, and that answer would count (and move r2's
count) if it came while mtr still ran.
"""

import json
import re

import pytest

from tests.commands import command_path, needs_root
from tests.jsoncheck import valid_document
from tests.lab.routers import (BATCH_TARGETS, DEST4, DEST6, ROUTER4, SECOND_R2, TARGETS4,
                               TARGETS6, add_batch_targets, alternate, build_lab, drop_answers,
                               second_path)
from tests.lab.tracecompare import NOBODY

pytestmark = needs_root

CYCLES = 10
INTERVAL, LAST_WAIT = "0.05", "0.3"
MTR_METHODS = {"": ["-u"], "-I": [], "-T": ["-T"]}
MTR_OPTIONS = {"-t": "-Q"}  # the TOS: mtr's -t is its curses display
START = re.compile(r"^Start: \S+$", re.M)


@pytest.fixture(scope="module")
def lab():
    with build_lab() as built:
        add_batch_targets(built)
        yield built


def masked(text):
    """The report with its start time and round-trip figures masked.

    The host (to column 33), Loss% and Snt (to 45) stay; each figure after
    them becomes an x (their widths are checked by tests/unit/output).
    """
    lines = START.sub("Start: T", text).splitlines()
    return [line[:45] + " ".join(" x" for _ in line[45:].split()) if ".|-- " in line else line
            for line in lines]


def mtr(lab, method, args):
    done = lab.run(["mtr", "-r", "-c", str(CYCLES), "-i", INTERVAL, "-G", LAST_WAIT,
                    *MTR_METHODS[method], *(MTR_OPTIONS.get(word, word) for word in args)],
                   timeout=120)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def pytraceroute(lab, method, args, prefix=()):
    words = [*prefix, command_path("pytraceroute"), "--report", "--cycles=%d" % CYCLES,
             "--interval=" + INTERVAL, "-w", LAST_WAIT, *method.split(), *args]
    done = lab.run(words, timeout=120)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def both(lab, method, args, attempts=3):
    """(mtr's, pytraceroute's) report, masked, run again while they differ (a busy
    machine may lose an answer now and then, to either tool)."""
    for _ in range(attempts):
        drop_answers(lab)
        original = mtr(lab, method, args)
        drop_answers(lab)
        mine = pytraceroute(lab, method, args)
        if masked(original[1]) == masked(mine[1]):
            break
    return (original[0], masked(original[1])), (mine[0], masked(mine[1]))


CASES = ["D4", "-n D4", "D6", "-n D6", "-n -f 3 D4", "-n -m 3 D4", "-n host-unreachable4",
         "-n net-unreachable6", "-n -m 7 blackhole4", "-n -m 8 port-unreachable-r44",
         "admin-prohibited4", "-n -t 16 D4"]
NAMES = {"D4": DEST4, "D6": DEST6}
NAMES.update({kind + "4": address for kind, address in TARGETS4.items()})
NAMES.update({kind + "6": address for kind, address in TARGETS6.items()})


def words(case):
    return [NAMES.get(word, word) for word in case.split()]


@pytest.mark.parametrize("method", ["", "-I", "-T"])
@pytest.mark.parametrize("case", CASES)
def test_report_matches_mtr(lab, method, case):
    original, mine = both(lab, method, words(case))
    assert mine[1] == original[1]
    assert mine[0] == original[0] == 0


@pytest.mark.parametrize("method", ["", "-I"])
def test_the_lossy_hop_loses_three_in_ten_in_both(lab, method):
    original, mine = both(lab, method, ["-n", DEST4])
    hop2 = [line for line in mine[1] if line.startswith("  2.|--")]
    assert hop2 and " 30.0%    10 " in hop2[0], mine
    assert mine == original


def test_json_is_mtrs_document_with_the_schema_tag(lab):
    drop_answers(lab)
    done = lab.run(["mtr", "-j", "-c", str(CYCLES), "-i", INTERVAL, "-G", LAST_WAIT, "-u", "-n",
                    DEST4], timeout=120)
    drop_answers(lab)
    ours = lab.run([command_path("pytraceroute"), "--report", "--json", "--interval=" + INTERVAL,
                    "-w", LAST_WAIT, "-n", DEST4], timeout=120)
    original, mine = json.loads(done.stdout), json.loads(ours.stdout)
    assert mine.pop("schema") == "pytraceroute/2"
    assert mine.keys() == original.keys() == {"report"}
    assert list(mine["report"]) == list(original["report"]) == ["mtr", "hubs"]
    assert list(mine["report"]["mtr"]) == list(original["report"]["mtr"])
    assert {key: mine["report"]["mtr"][key] for key in ("src", "dst", "tos", "tests")} == \
        {key: original["report"]["mtr"][key] for key in ("src", "dst", "tos", "tests")}
    assert mine["report"]["mtr"]["psize"] == "60"
    assert len(mine["report"]["hubs"]) == len(original["report"]["hubs"]) == 5
    for theirs, hub in zip(original["report"]["hubs"], mine["report"]["hubs"]):
        assert list(hub) == list(theirs)
        assert {key: hub[key] for key in ("count", "host", "Loss%", "Snt")} == \
            {key: theirs[key] for key in ("count", "host", "Loss%", "Snt")}
        assert all(isinstance(hub[key], float) for key in ("Last", "Avg", "Best", "Wrst",
                                                          "StDev"))
    assert ours.stdout.decode().startswith('{\n    "schema": "pytraceroute/2",\n    "report"')
    valid_document("pytraceroute", ours.stdout)


@pytest.mark.parametrize("numeric", [["-n"], []])
def test_a_hop_answered_by_two_addresses_lists_both_as_mtr_does(lab, numeric):
    """r1 sends every other TTL-2 probe through r2b: hop 2 answers from two addresses,
    the latest on the hop's line, the other under it."""
    drop_answers(lab, dropped=0)
    with second_path(lab):
        alternate(lab)
        original = mtr(lab, "", [*numeric, DEST4])
        alternate(lab)
        mine = pytraceroute(lab, "", [*numeric, DEST4])
    assert masked(mine[1]) == masked(original[1])
    other = ROUTER4["r2"] if numeric else "r2.lab"
    assert "        %-33s" % other in mine[1].splitlines()
    assert "  2.|-- %-26s" % SECOND_R2["r2b"] in mine[1]


def test_as_nobody_with_the_default_method(lab):
    drop_answers(lab)
    original = mtr(lab, "", ["-n", DEST4])
    drop_answers(lab)
    mine = pytraceroute(lab, "", ["-n", DEST4], prefix=NOBODY)
    assert masked(mine[1]) == masked(original[1]) and mine[0] == 0


def test_batch_targets_answer_as_their_kind_says(lab):
    """The extra targets the batch tests use, one of each kind, through --report."""
    for kind, end in (("answered", "203.0.113.10"), ("host-unreachable", "192.0.2.10"),
                      ("answered6", "2001:db8:100::10"), ("admin-prohibited6", "2001:db8:3::2")):
        mine = pytraceroute(lab, "", ["-n", BATCH_TARGETS[kind][0]])
        assert masked(mine[1])[-1].startswith("  %d.|-- %s " % (
            5 if kind.startswith("answered") else 4, end)), (kind, mine)
