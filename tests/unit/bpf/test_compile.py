"""The compiled programs are libpcap's: tcpdump -d, -dd and -ddd print the
same lines for every expression form, optimised and with -O, on every link
type; and libpcap's errors come out in its words."""

import pytest

from pynettools.bpf import DEAD, LIVE, SAVEFILE, compile_filter, dump
from pynettools.capture import linktypes
from pynettools.errors import FilterError
from tests.unit.bpf import expressions
from tests.unit.bpf.oracle import (LINKTYPE_NAMES, needs_tcpdump, our_program,
                                   tcpdump_program)

LINKTYPES = [linktypes.ETHERNET, linktypes.LINUX_SLL, linktypes.LINUX_SLL2, linktypes.RAW,
             linktypes.IPV4, linktypes.IPV6, 0, 108, 9]
NAME_TO_LINKTYPE = {name: number for number, name in LINKTYPE_NAMES.items()}


@needs_tcpdump
@pytest.mark.parametrize("linktype", LINKTYPES, ids=lambda number: LINKTYPE_NAMES[number])
@pytest.mark.parametrize("optimize", [True, False], ids=["optimised", "-O"])
def test_programs_are_tcpdumps(linktype, optimize):
    differences = []
    for expression in expressions.EXPRESSIONS + expressions.REJECTING:
        ours = our_program(expression, linktype, optimize)
        theirs = tcpdump_program(expression, linktype, optimize)
        if ours != theirs:
            differences.append((expression, ours, theirs))
    assert differences == []


@needs_tcpdump
@pytest.mark.parametrize("level", [2, 3], ids=["-dd", "-ddd"])
def test_dd_and_ddd_formats(level):
    for expression in ("tcp port 80", "ip[8] < 5", "ether proto 100 or inbound", "len - 1 > 2"):
        assert our_program(expression, level=level) == tcpdump_program(expression, level=level)


@pytest.mark.parametrize("expression", expressions.REJECTING)
def test_contradictions_reject_all_packets_unless_not_optimised(expression):
    with pytest.raises(FilterError) as raised:
        compile_filter(expression, linktypes.ETHERNET)
    assert raised.value.reason == "expression rejects all packets"
    program = compile_filter(expression, linktypes.ETHERNET, optimize=False)
    assert len(program.instructions) > 2


@pytest.mark.parametrize("expression, reason", expressions.ERRORS)
def test_errors_in_libpcaps_words(expression, reason):
    with pytest.raises(FilterError) as raised:
        compile_filter(expression, linktypes.ETHERNET, source=DEAD)
    assert raised.value.reason == reason


@pytest.mark.parametrize("expression, linktype, reason", expressions.LINKTYPE_ERRORS)
def test_link_type_errors(expression, linktype, reason):
    with pytest.raises(FilterError) as raised:
        compile_filter(expression, NAME_TO_LINKTYPE[linktype], source=DEAD)
    assert raised.value.reason == reason


@needs_tcpdump
def test_errors_are_tcpdumps():
    cases = [(expression, linktypes.ETHERNET) for expression, _ in expressions.ERRORS]
    cases += [(expression, NAME_TO_LINKTYPE[name])
              for expression, name, _ in expressions.LINKTYPE_ERRORS]
    differences = [(expression, our_program(expression, linktype),
                    tcpdump_program(expression, linktype))
                   for expression, linktype in cases
                   if our_program(expression, linktype) != tcpdump_program(expression, linktype)]
    assert differences == []


def test_empty_expression_accepts_everything_with_the_snapshot_length():
    program = compile_filter("", linktypes.ETHERNET, snaplen=1500)
    assert program.instructions == [(0x06, 0, 0, 1500)]
    assert dump.lines(compile_filter("  ", linktypes.RAW), 1) == ["(000) ret      #262144"]


def test_the_snapshot_length_is_what_matches_return():
    program = compile_filter("ip", linktypes.ETHERNET, snaplen=96)
    assert program.instructions[-2:] == [(0x06, 0, 0, 96), (0x06, 0, 0, 0)]


def test_inbound_depends_on_where_packets_come_from():
    with pytest.raises(FilterError) as raised:
        compile_filter("inbound", linktypes.ETHERNET, source=SAVEFILE)
    assert raised.value.reason == \
        "inbound/outbound not supported on Ethernet when reading savefiles"
    live = compile_filter("inbound", linktypes.ETHERNET, source=LIVE)
    assert dump.lines(live, 1)[0] == "(000) ldh      [type]"
    cooked = compile_filter("inbound", linktypes.LINUX_SLL2, source=SAVEFILE)
    assert dump.lines(cooked, 1)[0] == "(000) ldb      [10]"


def test_ip_broadcast_needs_a_netmask():
    with pytest.raises(FilterError) as raised:
        compile_filter("ip broadcast", linktypes.ETHERNET, netmask=0xFFFFFFFF)
    assert raised.value.reason == "netmask not known, so 'ip broadcast' not supported"
    program = compile_filter("ip broadcast", linktypes.ETHERNET, netmask=0xFFFFFF00)
    assert (0x54, 0, 0, 0xFF) in [(code, 0, 0, k) for code, _, _, k in program.instructions]


def test_unknown_link_types():
    with pytest.raises(FilterError) as raised:
        compile_filter("ip", 4242)
    assert raised.value.reason == "unknown data link type 4242 (min 104, max 289)"


@needs_tcpdump
def test_long_jumps_use_ja_as_libpcap_does():
    """Beyond 255 instructions a branch goes through a `ja`, placed as libpcap places it."""
    hosts = " or ".join("host 192.0.2.%d" % number for number in range(1, 41))
    hosts6 = " and ".join("not host 2001:db8::%x" % number for number in range(1, 31))
    for expression, optimize in ((hosts, False), (hosts6, True)):
        ours = our_program(expression, optimize=optimize)
        assert any(") ja " in line for line in ours)
        assert ours == tcpdump_program(expression, optimize=optimize)


def test_live_vlan_tests_the_kernels_metadata_then_the_packet():
    """On a live capture the kernel keeps the outer tag beside the packet (as
    libpcap's live programs expect); in a savefile the tag is in the packet."""
    live = compile_filter("vlan 10 and ip", linktypes.ETHERNET, source=LIVE)
    lines = dump.lines(live, 1)
    assert lines[:3] == ["(000) ld       #0x0", "(001) st       M[1]", "(002) ldb      [vlanp]"]
    assert "(012) ldb      [vlan_tci]" in lines and "(018) ldh      [x + 12]" in lines
    untagged_ip = b"\0" * 12 + b"\x08\x00" + b"\x45" + b"\0" * 19
    tagged_ip = b"\0" * 12 + b"\x81\x00\x00\x0a\x08\x00" + b"\x45" + b"\0" * 19
    assert live.run(untagged_ip, 34, {"vlan_present": 1, "vlan_tci": 10})
    assert not live.run(untagged_ip, 34, {"vlan_present": 1, "vlan_tci": 11})
    assert live.run(tagged_ip, 38, {"vlan_present": 0, "vlan_tci": 0})
    assert not live.run(untagged_ip, 34, {"vlan_present": 0, "vlan_tci": 0})
    savefile = compile_filter("vlan 10 and ip", linktypes.ETHERNET)
    assert savefile.run(tagged_ip, 38) and not savefile.run(untagged_ip, 34)
