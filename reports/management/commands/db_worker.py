"""``manage.py db_worker``: django-tasks-db's worker, made to survive.

It is the library's worker (same options, same claiming of tasks) with four
additions: it records itself and a heartbeat (``reports.pekerja``), so the pages can
tell when no worker runs; on start it recovers the tasks of a worker that died
mid-task and fails the exports past their deadline; a busy database (SQLite's
"database is locked", PostgreSQL's lock timeout) makes it wait and try again instead
of exiting; and it waits longer for locks than a web request does.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError, OperationalError, close_old_connections
from django.db.backends.signals import connection_created
from django.utils.autoreload import run_with_reloader
from django_tasks_db.management.commands import db_worker

from reports import basisdata, ekspor, pekerja

log = logging.getLogger(__name__)


def _tunggu_lebih_lama(sender, connection, **kwargs) -> None:
    """A worker may wait for a lock longer than a web request: nobody is looking
    at a spinner."""
    milidetik = int(settings.LAKIP_DB_TUNGGU_PEKERJA_DETIK * 1000)
    with connection.cursor() as kursor:
        if connection.vendor == "sqlite":
            kursor.execute(f"PRAGMA busy_timeout = {milidetik}")
        elif connection.vendor == "postgresql":
            kursor.execute(f"SET lock_timeout = {milidetik}")


class PekerjaTahan(db_worker.Worker):
    def run(self) -> None:
        connection_created.connect(_tunggu_lebih_lama)
        detak = None
        try:
            basisdata.ulangi_bila_sibuk(lambda: pekerja.daftar(self.worker_id))
            basisdata.ulangi_bila_sibuk(ekspor.tandai_kedaluwarsa)
            basisdata.ulangi_bila_sibuk(lambda: pekerja.pulihkan(self.worker_id))
            if not self.batch:
                detak = pekerja.Detak(self.worker_id)
                detak.mulai()
            self._jalan_tahan()
        finally:
            if detak is not None:
                detak.hentikan()
            try:
                pekerja.keluar(self.worker_id)
            except DatabaseError as exc:
                log.warning("worker %s not unregistered: %s", self.worker_id, exc)
            connection_created.disconnect(_tunggu_lebih_lama)

    def _jalan_tahan(self) -> None:
        while True:
            try:
                return super().run()
            except OperationalError as exc:
                if not basisdata.sibuk(exc):
                    raise
                log.warning("database busy, worker waits and goes on: %s", exc)
                close_old_connections()
                time.sleep(max(self.interval, 1))


class Command(db_worker.Command):
    help = (
        "Run the task worker (django-tasks-db's), surviving a busy database and "
        "recovering the tasks of a worker that died"
    )

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name,
               startup_delay, reload, max_tasks, worker_id, exclude_queues,
               **options) -> None:  # fmt: skip
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = PekerjaTahan(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload:
            run_with_reloader(self._jalankan, worker)
        else:
            self._jalankan(worker)

    def _jalankan(self, worker: PekerjaTahan) -> None:
        worker.configure_signals()
        worker.run()
