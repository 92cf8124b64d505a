"""pytcpdump's lines beside tcpdump's for crafted NTP, syslog and SSH packets
(tests/data/print_services.py), whole and cut at many points, packet by packet
under every printing option.

Needs the tcpdump binary (the oracle), not root."""

import pytest

from tests.data import print_services
from tests.tcpdump_corpus import OPTION_SETS, compare_crafted, tcpdump_missing

pytestmark = [pytest.mark.skipif(tcpdump_missing() is not None, reason=str(tcpdump_missing())),
              pytest.mark.usefixtures("utc")]
ETHERNET = 1


@pytest.mark.parametrize("argv", OPTION_SETS, ids=" ".join)
def test_services_are_tcpdumps(tmp_path, argv):
    compare_crafted(tmp_path, ETHERNET, print_services.FRAMES, argv)


@pytest.mark.parametrize("cut", print_services.CUT_POINTS)
@pytest.mark.parametrize("argv", [(), ("-v",), ("-vv",)],
                         ids=lambda argv: " ".join(argv) or "plain")
def test_services_cut_short_are_tcpdumps(tmp_path, argv, cut):
    compare_crafted(tmp_path, ETHERNET, print_services.FRAMES, argv, cut)
