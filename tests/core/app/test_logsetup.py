"""The log file: follows a changed log folder, and never holds a key."""

import logging

from glancelabel.core.app import logsetup


def test_log_follows_a_new_folder_and_redacts(tmp_path):
    a, b = tmp_path / "a" / "x.log", tmp_path / "b" / "x.log"
    log = logging.getLogger("glancelabel.test")
    try:
        logsetup.setup(path=a)
        log.warning("first")
        logsetup.setup(path=b)
        logsetup.register_secret("zz-secret-value-123")
        log.warning("second sk-ant-abcdefghijklmnop and zz-secret-value-123 and "
                    "Authorization: Bearer abcdefghijkl")
    finally:
        for h in logging.getLogger().handlers:
            h.flush()
    assert "first" in a.read_text() and "second" not in a.read_text()
    text = b.read_text()
    assert "second" in text
    for secret in ("sk-ant-abcdefghijklmnop", "zz-secret-value-123", "abcdefghijkl"):
        assert secret not in text
    assert text.count("[redacted]") == 3
