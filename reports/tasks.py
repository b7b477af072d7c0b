"""Background tasks (django-tasks, run by ``manage.py db_worker``), and asking for
them: the enqueuing side and the task side meet here."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from reports import ekspor
from reports.models import Ekspor, TahunAnggaran


@task()
def buat_ekspor(ekspor_id: int) -> None:
    """Make the PDF of a requested office report or bundle."""
    ekspor.ekspor_jalankan(ekspor_id=ekspor_id)


def ekspor_minta(
    *, user, tahun_anggaran: TahunAnggaran, triwulan: int, jenis: str
) -> tuple[Ekspor, bool]:
    """Ask for the office report or the bundle as PDF: the unfinished export of the
    same report if there is one (and False), else a new one, whose task is enqueued
    once the request's transaction commits (and True)."""
    with transaction.atomic():
        # One request of a year's report at a time, so that two at once do not
        # both find none running and both start one.
        TahunAnggaran.objects.select_for_update().filter(pk=tahun_anggaran.pk).get()
        ada = ekspor.ekspor_sama_berjalan(
            tahun_anggaran=tahun_anggaran, triwulan=triwulan, jenis=jenis
        )
        if ada is not None:
            return ada, False
        e = Ekspor(
            jenis=jenis,
            opd=tahun_anggaran.opd,
            tahun=tahun_anggaran.tahun,
            triwulan=triwulan,
            diminta_oleh=user,
            tahap="Menunggu giliran",
        )
        e.full_clean()
        e.save()
        transaction.on_commit(lambda: buat_ekspor.enqueue(ekspor_id=e.pk))
    return e, True
