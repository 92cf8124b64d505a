"""The recorded netstat outputs the unit tests compare with are still netstat's."""

import json

from tests.commands import needs_root
from tests.data.record_netstat_golden import GOLDEN, record


@needs_root
def test_recorded_outputs_are_what_netstat_prints():
    recorded = json.loads(GOLDEN.read_text())
    now = record()
    assert sorted(recorded) == sorted(now)
    assert [name for name in now if now[name] != recorded[name]] == []
