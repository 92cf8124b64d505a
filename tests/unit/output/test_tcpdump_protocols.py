"""The JSON records of the protocols decoded beyond the captured corpus
(tests/data/print_protocols.py), whole and cut short, against the schema."""

import io
import json

from pynettools.capture.savefile import open_savefile
from pynettools.output.tcpdump import Printer
from tests.data import print_protocols
from tests.jsoncheck import assert_valid

ETHERNET, NULL = 1, 0


def _records(linktype, packets, cut):
    printer = Printer()
    stream = io.BytesIO(print_protocols.savefile(linktype, packets, cut=cut))
    return [printer.record(packet) for packet in open_savefile(stream)]


def test_records_follow_the_schema_whole_and_cut_short():
    seen = set()
    for linktype, packets in ((ETHERNET, print_protocols.ETHERNET_FRAMES +
                               print_protocols.SUMMARY_FRAMES),
                              (NULL, print_protocols.LOOPBACK_FRAMES)):
        for cut in (None, 40, 60):
            records = _records(linktype, packets, cut)
            assert_valid("pytcpdump", "".join(json.dumps(record) + "\n" for record in records))
            seen.update(layer["protocol"] for record in records for layer in record["layers"])
    assert seen >= {"loopback", "llc", "mpls", "pppoe", "sctp", "igmp", "vrrp", "esp", "ah", "pim"}


def test_an_authentication_header_leads_to_what_it_covers():
    ah = next(record for record in _records(ETHERNET, print_protocols.ETHERNET_FRAMES, None)
              if any(layer["protocol"] == "ah" for layer in record["layers"]))
    names = [layer["protocol"] for layer in ah["layers"]]
    assert names == ["ethernet", "ipv4", "ah", "tcp"]
    assert ah["layers"][2]["header_length"] == 24


def test_mpls_labels_and_the_ip_below_them():
    records = _records(ETHERNET, print_protocols.ETHERNET_FRAMES, None)
    stacks = [[layer for layer in record["layers"] if layer["protocol"] == "mpls"]
              for record in records]
    two = next(stack for stack in stacks if len(stack) == 2)
    assert [(label["label"], label["bottom"]) for label in two] == [(16, False), (2, True)]
    record = records[stacks.index(two)]
    assert record["layers"][-2]["protocol"] == "ipv6"
