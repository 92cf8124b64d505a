"""The "packets dropped by interface" count: the device's own counters, as libpcap 1.10 reads them."""

from pynettools.capture import live


def test_missed_and_fifo_count_software_drops_do_not(tmp_path, monkeypatch):
    statistics = tmp_path / "a0" / "statistics"
    statistics.mkdir(parents=True)
    for counter, value in (("rx_missed_errors", "3\n"), ("rx_fifo_errors", "4\n"),
                           ("rx_dropped", "100\n")):
        (statistics / counter).write_text(value)
    monkeypatch.setattr(live, "SYS_CLASS_NET", str(tmp_path))
    assert live._interface_drops("a0") == 7


def test_a_device_without_counters_counts_none(tmp_path, monkeypatch):
    (tmp_path / "a0" / "statistics").mkdir(parents=True)
    (tmp_path / "a0" / "statistics" / "rx_fifo_errors").write_text("not a number\n")
    monkeypatch.setattr(live, "SYS_CLASS_NET", str(tmp_path))
    assert live._interface_drops("a0") == 0
    assert live._interface_drops("gone") == 0
