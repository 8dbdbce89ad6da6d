"""The alerts' tests: a local server of the job boards' recorded responses, and the real
mail servers of tests/mail for the digest."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from boards import Boards, running_boards

_MAIL = Path(__file__).resolve().parent.parent / "mail"
if str(_MAIL) not in sys.path:
    sys.path.insert(0, str(_MAIL))  # `servers`, as the mail tests import it


def _mail_conftest() -> object:
    spec = importlib.util.spec_from_file_location("mail_fixtures", _MAIL / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_mail = _mail_conftest()
dovecot = _mail.dovecot  # type: ignore[attr-defined]
mail_user = _mail.mail_user  # type: ignore[attr-defined]
smtp_server = _mail.smtp_server  # type: ignore[attr-defined]
mail_keyring = _mail.mail_keyring  # type: ignore[attr-defined]  # autouse: in-memory keyring


@pytest.fixture
def boards() -> Iterator[Boards]:
    yield from running_boards()
