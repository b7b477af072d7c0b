"""The task worker's life: it registers and beats a heartbeat while it runs, a
starting worker recovers the tasks of a worker that died (killed, or its machine
restarted) mid-task, and the pages ask whether any worker is alive.

django-tasks marks a task RUNNING when a worker claims it and never looks at it
again; a worker killed with SIGKILL leaves it so for ever. Here a worker counts as
dead when its heartbeat is older than ``DIANGGAP_MATI``, or at once when it ran on
this machine and its process is gone.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from reports import ekspor
from reports.models import Ekspor, PekerjaLatar

log = logging.getLogger(__name__)

DETAK = 30  # seconds between a worker's heartbeats
DIANGGAP_MATI = timedelta(seconds=3 * DETAK)
PERCOBAAN_MAKS = 2  # an export whose worker died is started once more, no more

PESAN_PEKERJA_MATI = (
    "Pembuatan laporan terhenti karena pekerja latar berhenti mendadak. Coba lagi; "
    "jika terulang, hubungi administrator."
)


class PekerjaBerhenti(Exception):
    """The worker running a task died before finishing it."""


def terakhir_terlihat() -> datetime | None:
    """When a worker was last seen alive, if ever."""
    terbaru = PekerjaLatar.objects.order_by("-terakhir_terlihat").first()
    return None if terbaru is None else terbaru.terakhir_terlihat


def ada_yang_hidup() -> bool:
    """Whether a worker has been seen within ``DIANGGAP_MATI``."""
    waktu = terakhir_terlihat()
    return waktu is not None and timezone.now() - waktu < DIANGGAP_MATI


def daftar(nama: str) -> None:
    """Record this process as the worker ``nama``, seen now."""
    PekerjaLatar.objects.update_or_create(
        nama=nama,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "terakhir_terlihat": timezone.now(),
        },
    )


def keluar(nama: str) -> None:
    PekerjaLatar.objects.filter(nama=nama).delete()


def _hidup(p: PekerjaLatar, sekarang: datetime) -> bool:
    if sekarang - p.terakhir_terlihat >= DIANGGAP_MATI:
        return False
    if p.host != socket.gethostname()[:255]:
        return True
    try:
        os.kill(p.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a process of another user: it exists
    return True


def pulihkan(nama: str) -> int:
    """Recover the tasks that dead workers left running: each export is queued
    again (the task back to READY for the next worker, this one included) while
    it is within its deadline and has not been tried ``PERCOBAAN_MAKS`` times;
    otherwise it is failed with the reason. Returns how many were recovered."""
    sekarang = timezone.now()
    pekerja = list(PekerjaLatar.objects.all())
    hidup = {p.nama for p in pekerja if _hidup(p, sekarang)} | {nama}
    jumlah = 0
    for hasil in DBTaskResult.objects.running():
        if hasil.worker_ids and hasil.worker_ids[-1] in hidup:
            continue
        ekspor_id = hasil.args_kwargs.get("kwargs", {}).get("ekspor_id")
        e = Ekspor.objects.filter(pk=ekspor_id).first() if ekspor_id else None
        if (
            e is not None
            and e.berjalan
            and not e.kedaluwarsa
            and e.percobaan < PERCOBAAN_MAKS
        ):
            Ekspor.objects.filter(pk=e.pk).update(
                status=Ekspor.Status.MENUNGGU,
                progres=0,
                tahap="Diulang: pekerja latar sebelumnya berhenti",
            )
            DBTaskResult.objects.filter(pk=hasil.pk, status=hasil.status).update(
                status=TaskResultStatus.READY, started_at=None
            )
            log.warning("task %s of a dead worker queued again", hasil.pk)
        else:
            if e is not None and e.berjalan:
                ekspor.ekspor_gagal(
                    e.pk,
                    e.pesan_batas_waktu() if e.kedaluwarsa else PESAN_PEKERJA_MATI,
                )
            hasil.set_failed(PekerjaBerhenti(f"worker {hasil.worker_ids} died"))
            log.warning("task %s of a dead worker marked failed", hasil.pk)
        jumlah += 1
    mati = [p.pk for p in pekerja if p.nama not in hidup]
    PekerjaLatar.objects.filter(pk__in=mati).delete()
    return jumlah


class Detak:
    """A daemon thread that records the worker as seen every ``DETAK`` seconds,
    also while a long task keeps the main loop busy."""

    def __init__(self, nama: str, detik: float = DETAK) -> None:
        self.nama, self.detik = nama, detik
        self.berhenti = threading.Event()
        self.utas = threading.Thread(target=self._jalan, daemon=True, name="detak")

    def mulai(self) -> None:
        self.utas.start()

    def hentikan(self) -> None:
        self.berhenti.set()
        self.utas.join(timeout=5)

    def _jalan(self) -> None:
        while not self.berhenti.wait(self.detik):
            try:
                PekerjaLatar.objects.filter(nama=self.nama).update(
                    terakhir_terlihat=timezone.now()
                )
            except DatabaseError as exc:
                log.warning("heartbeat not recorded: %s", exc)
            finally:
                connection.close()  # this thread's own connection
