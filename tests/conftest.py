"""Session-wide test set-up."""

import signal

import pytest


@pytest.fixture(scope="session", autouse=True)
def _sigterm_runs_finalizers():
    """Turn SIGTERM into KeyboardInterrupt so fixtures still clean up."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt("SIGTERM")

    previous = signal.signal(signal.SIGTERM, interrupt)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.fixture(scope="session", autouse=True)
def _no_stale_namespaces():
    """Remove network namespaces that an interrupted earlier run left behind."""
    from tests.commands import root_skip_reason

    if root_skip_reason() is None:
        from tests.lab.netns import remove_stale

        remove_stale()
    yield


@pytest.fixture
def run_inline(capfdbinary, monkeypatch):
    """Run a command in this process: (stdout, stderr, status), bytes.

    The same code path as the installed script minus interpreter start-up,
    for tests that run a command hundreds of times.  A command run here must
    not make this process give up root: pytcpdump's privilege drop is
    recorded in `run_inline.dropped` instead (tests/lab checks the real one).
    """
    from pynettools.cli.runner import run
    from pynettools.cli.tcpdump import privileges

    def record_drop(user, keep_file_access=False, json_records=False):
        run_inline.dropped.append((user, keep_file_access, json_records))

    monkeypatch.setattr(privileges, "drop_privileges", record_drop)

    def run_inline(name, argv):
        capfdbinary.readouterr()
        status = run(name, list(argv))
        out, err = capfdbinary.readouterr()
        return out, err, status

    run_inline.dropped = []
    return run_inline


@pytest.fixture
def utc(monkeypatch):
    """Local time is UTC (TZ=UTC), as the tcpdump printer tests run tcpdump."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def procfs_root(tmp_path, monkeypatch):
    """A fixture tree standing for /proc (with an empty net/): every reader in
    pynettools reads it instead, through `pynettools.procfs.PROCFS_PATH`."""
    from pynettools import procfs

    root = tmp_path / "proc"
    (root / "net").mkdir(parents=True)
    monkeypatch.setattr(procfs, "PROCFS_PATH", str(root))
    return root


@pytest.fixture
def run_inline_with_input(run_inline, tmp_path):
    """run_inline with `data` as the command's standard input (fd 0, a file)."""
    import os

    def run_with_input(name, argv, data=b""):
        path = tmp_path / "stdin"
        path.write_bytes(data)
        saved = os.dup(0)
        given = os.open(path, os.O_RDONLY)
        os.dup2(given, 0)
        os.close(given)
        try:
            return run_inline(name, argv)
        finally:
            os.dup2(saved, 0)
            os.close(saved)

    return run_with_input
