"""A failed file operation is said in English words, whatever the system's language."""

from __future__ import annotations

import errno
import locale
import os
from collections.abc import Iterator

import pytest

from spasticity_tracker.domain.errors import os_reason

GERMAN = "de_DE.UTF-8"


@pytest.fixture
def german_messages() -> Iterator[None]:
    """The C library's messages in German, as Qt leaves them on a German system."""
    before = locale.setlocale(locale.LC_MESSAGES)
    try:
        locale.setlocale(locale.LC_MESSAGES, GERMAN)
    except locale.Error:
        pytest.fail(f"the {GERMAN} locale is missing: .ci/run generates it")
    yield
    locale.setlocale(locale.LC_MESSAGES, before)


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.ENOENT, "it does not exist"),
        (errno.EISDIR, "it is a folder"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "the disk is read-only"),
        (errno.ENOSPC, "the disk is full"),
        (errno.ENOTDIR, "a part of the path is not a folder"),
        (errno.ELOOP, "system error ELOOP"),
    ],
)
def test_an_os_error_is_worded_in_english_under_a_german_system(
    german_messages: None, number: int, words: str
) -> None:
    error = OSError(number, os.strerror(number))  # German words: not shown
    assert os_reason(error) == words


def test_an_error_without_a_number_is_unknown() -> None:
    assert os_reason(OSError("odd")) == "an unknown system error"
