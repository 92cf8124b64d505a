"""pytcpdump's lines beside tcpdump's for crafted packets of the protocols
decoded beyond the captured corpus (tests/data/print_protocols.py): IGMP,
VRRP, ESP, AH, SCTP, PIM, MPLS, PPPoE, HTTP/FTP/SMTP/RTSP/WHOIS, BOOTP and BSD
loopback, whole and cut short, packet by packet under every printing option.

Needs the tcpdump binary (the oracle), not root."""

import pytest

from tests.data import print_protocols
from tests.tcpdump_corpus import (NAMED_OPTION_SETS, OPTION_SETS, compare_crafted,
                                  tcpdump_missing)

pytestmark = [pytest.mark.skipif(tcpdump_missing() is not None, reason=str(tcpdump_missing())),
              pytest.mark.usefixtures("utc")]
ETHERNET, NULL = 1, 0
# whole packets, and cut where headers and text lines end early
CUTS = (None, 40, 60)


@pytest.mark.parametrize("argv", OPTION_SETS, ids=" ".join)
def test_decoded_protocols_are_tcpdumps(tmp_path, argv):
    for cut in CUTS:
        compare_crafted(tmp_path, ETHERNET, print_protocols.ETHERNET_FRAMES, argv, cut)
        compare_crafted(tmp_path, NULL, print_protocols.LOOPBACK_FRAMES, argv, cut)


@pytest.mark.parametrize("argv", [argv for argv in OPTION_SETS
                                  if not any("v" in argument for argument in argv)],
                         ids=" ".join)
def test_summaries_are_tcpdumps_without_v(tmp_path, argv):
    for cut in CUTS:
        compare_crafted(tmp_path, ETHERNET, print_protocols.SUMMARY_FRAMES, argv, cut)


@pytest.mark.parametrize("argv", NAMED_OPTION_SETS, ids=lambda argv: " ".join(argv) or "plain")
def test_names_in_decoded_protocols_are_tcpdumps(tmp_path, argv):
    # this machine's resolver and /etc/services, for both
    compare_crafted(tmp_path, ETHERNET, print_protocols.ETHERNET_FRAMES, argv, None, names=True)
