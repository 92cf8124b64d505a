"""pytcpdump's packet lines beside tcpdump's, byte for byte: every file of the -r
corpus under every printing option, numeric and with names.

Needs the tcpdump binary (the oracle), not root: both read the committed files.
"""

import pytest

from tests.tcpdump_corpus import (NAMED_OPTION_SETS, OPTION_SETS, corpus_files, numbered,
                                  printed, tcpdump_missing, tcpdump_printed)

pytestmark = [pytest.mark.skipif(tcpdump_missing() is not None, reason=str(tcpdump_missing())),
              pytest.mark.usefixtures("utc")]
FILES = corpus_files()


def _same(path, argv):
    expected = tcpdump_printed(path, argv)
    assert expected, "tcpdump printed nothing for %s" % path.name
    assert printed(path, argv) == expected


@pytest.mark.parametrize("argv", OPTION_SETS, ids=" ".join)
@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_lines_are_tcpdumps(path, argv):
    _same(path, numbered(argv))


@pytest.mark.parametrize("argv", NAMED_OPTION_SETS, ids=lambda argv: " ".join(argv) or "plain")
@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_names_are_tcpdumps(path, argv):
    # this machine's resolver and /etc/services, for both
    _same(path, argv)


@pytest.mark.parametrize("argv", [("-nn",), ("-nn", "-ttt"), ("-nn", "-tt", "-v")], ids=" ".join)
def test_nanosecond_time_stamps_are_tcpdumps(argv):
    path = next(path for path in FILES if path.stem == "mix-nano")
    expected = tcpdump_printed(path, (*argv, "--time-stamp-precision=nano"))
    assert printed(path, argv, nanoseconds=True) == expected
