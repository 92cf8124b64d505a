"""pytcpdump --owners: its words, its JSON member against the schema, its refusal of files."""

import json

from pynettools.capture import owners
from pynettools.capture.savefile import open_savefile
from pynettools.cli.tcpdump import owners as cli_owners
from pynettools.output.jsonout import json_line
from pynettools.output.tcpdump import Printer, PrintOptions
from pynettools.sockets.records import SocketOwner
from tests import jsoncheck
from tests.tcpdump_corpus import CORPUS as PCAP_DIRECTORY

CURL, NGINX = SocketOwner(1234, "curl"), SocketOwner(567, "nginx")


class Known:
    """An owner service that knows every flow: CURL sends, NGINX receives."""

    def __init__(self):
        self.flows = []

    def ends(self, flow):
        self.flows.append(flow)
        return owners.Ends(CURL, NGINX)


def test_suffix_words():
    assert cli_owners.suffix(owners.Ends(CURL, None)) == " [out 1234/curl]"
    assert cli_owners.suffix(owners.Ends(None, NGINX)) == " [in 567/nginx]"
    assert cli_owners.suffix(owners.Ends(CURL, NGINX)) == " [out 1234/curl in 567/nginx]"
    assert cli_owners.suffix(owners.NO_ENDS) == " [unknown]"


def mix_packets():
    with open(PCAP_DIRECTORY / "mix.pcap", "rb") as stream:
        return list(open_savefile(stream))


def test_text_suffix_on_the_first_line_of_tcp_and_udp_only():
    service = Known()
    plain = Printer(PrintOptions(numeric=2, verbose=1))
    owned = cli_owners.owned_text(Printer(PrintOptions(numeric=2, verbose=1)).text, service)
    suffixed = 0
    for packet in mix_packets():
        expected, found = plain.text(packet), owned(packet)
        if owners.flow_of(packet) is None:
            assert found == expected
        else:
            first, rest = expected.split("\n", 1)
            assert found == first + " [out 1234/curl in 567/nginx]\n" + rest
            suffixed += 1
    assert suffixed == len(service.flows) > 0


def test_json_member_validates_against_the_schema():
    record = cli_owners.owned_record(Printer().record, Known())
    lines = "".join(json_line(record(packet)) for packet in mix_packets())
    objects = jsoncheck.assert_valid("pytcpdump", lines)
    with_owner = [found for found in objects if "owner" in found]
    assert with_owner and all(found["owner"] == {"sender": {"pid": 1234, "program": "curl"},
                                                 "receiver": {"pid": 567, "program": "nginx"}}
                              for found in with_owner)
    unknown = json.loads(json_line({**with_owner[0], "owner": cli_owners.member(owners.NO_ENDS)}))
    jsoncheck.assert_valid("pytcpdump", json.dumps(unknown))


def test_owners_refused_for_savefiles(run_inline):
    for argv in (["--owners", "-r", str(PCAP_DIRECTORY / "mix.pcap")],
                 ["-V", "/dev/null", "--owners"]):
        out, err, status = run_inline("tcpdump", argv)
        assert (out, err, status) == (b"", ("pytcpdump: %s\n" % cli_owners.NOT_FOR_FILES)
                                      .encode(), 1)


def test_no_helper_where_nothing_is_captured():
    from types import SimpleNamespace

    quiet = dict(owners=True, list_interfaces=0, list_data_link_types=False,
                 list_time_stamp_types=False, dump_program=0)
    for changed in ({"owners": False}, {"list_interfaces": 1}, {"list_data_link_types": True},
                    {"list_time_stamp_types": True}, {"dump_program": 1}):
        with cli_owners.service(SimpleNamespace(**{**quiet, **changed})) as service:
            assert service is None, changed
