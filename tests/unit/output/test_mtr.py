"""mtr 0.95's report layout and --json document, from Report records.

The expected lines were printed by mtr 0.95 (Debian's mtr-tiny) in the lab;
the records stand for the same figures.
"""

import json

from pynettools.models import Report, ReportHop
from pynettools.output.mtr import header_line, hop_lines, json_text, report_lines


def hop(ttl, address, loss=0.0, sent=10, figures=(0.1, 0.1, 0.1, 0.1, 0.0), name=None,
        addresses=None, names=None):
    addresses = (address,) if addresses is None and address else (addresses or ())
    names = names or (name,) * len(addresses)
    return ReportHop(ttl, address, name, addresses, names, sent,
                     0 if address is None else sent, loss, *figures, False)


def report(hops, source="vm", target="203.0.113.2"):
    return Report(target, "203.0.113.2", 4, "udp", 33434, 1, 30, 60, 0, 10, 1.0, 0.0, source,
                  tuple(hops))


def test_header_and_hop_lines_are_mtrs_columns():
    assert header_line(report([])) == \
        "HOST: vm                          Loss%   Snt   Last   Avg  Best  Wrst StDev"
    assert hop_lines(hop(1, "192.0.2.2", name="r1.lab"), numeric=False) == [
        "  1.|-- r1.lab                     0.0%    10    0.1   0.1   0.1   0.1   0.0"]
    assert hop_lines(hop(2, "192.0.2.6", loss=30.0, name="r2.lab"), numeric=True) == [
        "  2.|-- 192.0.2.6                 30.0%    10    0.1   0.1   0.1   0.1   0.0"]


def test_a_hop_that_never_answered_is_three_question_marks():
    assert hop_lines(hop(5, None, loss=100.0, figures=(0.0,) * 5), numeric=True) == [
        "  5.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0"]


def test_wide_values_are_cut_where_the_next_field_starts_as_mtr_cuts_them():
    long_name = "a-very-long-router-name.example.net"
    line, = hop_lines(hop(12, "192.0.2.2", figures=(12345.678, 391.965, 1.2, 1000.0, 2.25),
                          name=long_name), numeric=False)
    assert line == " 12.|-- a-very-long-router-name.e  0.0%    10  12345 392.0   1.2 1000.   2.2"
    assert len(header_line(report([], source="h" * 40))) == 76


def test_other_responders_follow_the_hop_named_as_it_is():
    two = hop(2, "192.0.2.18", addresses=("192.0.2.6", "192.0.2.18"),
              names=("r2.lab", None))
    assert hop_lines(two, numeric=False)[1:] == ["        r2.lab" + " " * 27]
    assert hop_lines(two, numeric=True)[1:] == ["        192.0.2.6" + " " * 24]


def test_report_lines_start_with_start_and_host():
    lines = report_lines(report([hop(1, "192.0.2.2")]), numeric=True)
    assert lines[0].startswith("Start: 19") and lines[1].startswith("HOST: vm")
    assert len(lines) == 3


def test_json_is_mtrs_document_with_its_number_formats():
    text = json_text(report([hop(1, "192.0.2.2", figures=(0.085, 391.965, 0.0, 12345.678,
                                                           0.001)),
                             hop(2, None, loss=100.0, figures=(0.0,) * 5)]), True,
                     "pytraceroute/2")
    document = json.loads(text)
    assert list(document) == ["schema", "report"]
    assert document["report"]["mtr"] == {"src": "vm", "dst": "203.0.113.2", "tos": 0,
                                         "tests": 10, "psize": "60", "bitpattern": "0x40"}
    first, second = document["report"]["hubs"]
    assert first == {"count": 1, "host": "192.0.2.2", "Loss%": 0.0, "Snt": 10, "Last": 0.085,
                     "Avg": 391.96, "Best": 0.0, "Wrst": 12346.0, "StDev": 0.001}
    assert second["host"] == "???" and second["Loss%"] == 100.0
    assert '\n    "report": {\n        "mtr": {\n            "src": "vm",' in text
    assert '"Wrst": 12346.0,' in text and '"Snt": 10,' in text
