"""Telling a busy database from a broken one.

SQLite lets one writer in at a time: a second one waits for the busy timeout and
then fails with "database is locked". PostgreSQL makes a waiting statement fail once
``lock_timeout`` has passed. Either way the database is busy, not broken: the work
can be tried again, and nobody's typing should be lost over it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection
from django.shortcuts import render

log = logging.getLogger(__name__)
T = TypeVar("T")

# PostgreSQL's lock_not_available (a lock_timeout ran out).
SQLSTATE_KUNCI = "55P03"


def sibuk(exc: BaseException) -> bool:
    """Whether ``exc`` says the database was locked by someone else."""
    if not isinstance(exc, OperationalError):
        return False
    if getattr(exc.__cause__, "sqlstate", None) == SQLSTATE_KUNCI:
        return True
    return "is locked" in str(exc).lower()


def ulangi_bila_sibuk(kerja: Callable[[], T], *, kali: int = 5, jeda: float = 2) -> T:
    """``kerja()``, tried again up to ``kali`` times while the database is busy
    (outside any transaction: each try is its own)."""
    for ke in range(1, kali + 1):
        try:
            return kerja()
        except OperationalError as exc:
            if not sibuk(exc) or ke == kali or connection.in_atomic_block:
                raise
            log.warning("database busy, trying again (%d/%d): %s", ke, kali, exc)
            time.sleep(jeda)
    raise AssertionError("unreachable")  # pragma: no cover


class SibukMiddleware:
    """A request that fails on a busy database gets a page that says so and asks
    to try again (503), not a server error. The entry form handles it itself, to
    keep what was typed."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not sibuk(exception):
            return None
        log.warning("database busy: %s %s: %s", request.method, request.path, exception)
        respons = render(request, "503.html", status=503)
        respons["Retry-After"] = "10"
        return respons
