"""The cooked headers of -i any, byte for byte as libpcap lays them out."""

from pynettools.capture import cooked, linktypes


def test_sll2_header_fields():
    header = cooked.header(linktypes.LINUX_SLL2, 0x0800, 3, 1, 4, 6,
                           bytes.fromhex("02000000000a") + b"\xee\xee")
    assert header == bytes.fromhex("0800 0000 00000003 0001 04 06 02000000000a0000")


def test_sll_header_fields_and_stale_address_bytes_cleared():
    header = cooked.header(linktypes.LINUX_SLL, 0x86DD, 1, 772, 0, 6, b"\x00" * 6 + b"\xff\xff")
    assert header == bytes.fromhex("0000 0304 0006 0000000000000000 86dd")
    assert len(header) == cooked.LENGTHS[linktypes.LINUX_SLL] == 16


def test_no_address():
    header = cooked.header(linktypes.LINUX_SLL2, 0x0800, 7, 0xFFFE, 0, 0, b"\x12" * 8)
    assert header[12:] == b"\0" * 8 and len(header) == cooked.LENGTHS[linktypes.LINUX_SLL2]
