"""Making report files. One function per format serves the web request, the task
worker and the command line, so a file is the same whichever way it was asked for.

The office report and the bundle take seconds to tens of seconds to lay out, so the
web asks for them through ``tasks.ekspor_minta``: an ``Ekspor`` row is written and a
task (django-tasks, database backend) is enqueued; the worker runs
``ekspor_jalankan``, which records its progress on the row and, at the end, the
file. Every export has a deadline (``LAKIP_EKSPOR_BATAS_MENIT``): past it, it shows
as failed whatever became of its worker, and a worker still making it stops.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError
from django.db.models import F
from django.utils import timezone

from reports import basisdata, excel, laporan, pdf, selectors
from reports.models import ROMAWI, Ekspor, PerangkatDaerah, TahunAnggaran, UnitKerja

log = logging.getLogger(__name__)

Jenis = Ekspor.Jenis
UNIT = "unit"


@dataclass(frozen=True)
class Permintaan:
    """What to make: a unit's report, the office report or the bundle of unit
    reports, of one office's quarter."""

    jenis: str  # "unit" | Jenis.OPD | Jenis.BUNDEL
    tahun_anggaran: TahunAnggaran
    triwulan: int
    unit: UnitKerja | None = None

    @property
    def opd(self) -> PerangkatDaerah:
        return self.tahun_anggaran.opd

    def nama_berkas(self, akhiran: str) -> str:
        opd, tahun, tw = self.opd.slug, self.tahun_anggaran.tahun, self.triwulan
        if self.jenis == UNIT:
            return f"laporan-kinerja-{opd}-{self.unit.slug}-{tahun}-tw{tw}.{akhiran}"
        if self.jenis == Jenis.BUNDEL:
            return f"bundel-laporan-unit-{opd}-{tahun}-tw{tw}.{akhiran}"
        return f"laporan-evaluasi-kinerja-{opd}-{tahun}-tw{tw}.{akhiran}"


def permintaan(
    *, opd: str, tahun: int, triwulan: int, jenis: str, unit: str | None = None
) -> Permintaan:
    """A request by slugs and numbers (the command line's and the worker's way);
    raises ``TahunAnggaran.DoesNotExist`` / ``UnitKerja.DoesNotExist``."""
    if not 1 <= triwulan <= 4:
        raise ValueError(f"triwulan harus 1-4, bukan {triwulan}")
    ta = selectors.tahun_anggaran_for(opd, tahun)
    unit_kerja = None
    if jenis == UNIT:
        unit_kerja = UnitKerja.objects.select_related(
            "opd__pemda", "kepala", "atasan__kepala"
        ).get(opd=ta.opd, slug=unit)
    return Permintaan(
        jenis=jenis, tahun_anggaran=ta, triwulan=triwulan, unit=unit_kerja
    )


def unit_urut(opd_id: int) -> list[UnitKerja]:
    """The office's units in tree order (the bundle's order)."""
    return [b.unit for b in selectors.unit_kantor(opd_id)]


def dokumen(p: Permintaan):
    """The report objects of a request: one document, or the list of a bundle."""
    if p.jenis == UNIT:
        return laporan.dokumen_unit(
            unit=p.unit, tahun_anggaran=p.tahun_anggaran, triwulan=p.triwulan
        )
    if p.jenis == Jenis.BUNDEL:
        return laporan.bundel(
            tahun_anggaran=p.tahun_anggaran,
            triwulan=p.triwulan,
            unit=unit_urut(p.opd.pk),
        )
    return laporan.dokumen_opd(tahun_anggaran=p.tahun_anggaran, triwulan=p.triwulan)


def berkas_pdf(p: Permintaan, *, progres: pdf.Progres = pdf._diam) -> bytes:
    progres(10, "Menyusun data laporan")
    dok = dokumen(p)
    progres(20, "Menyusun halaman")
    if p.jenis == UNIT:
        return pdf.pdf_unit(dok, progres=progres)
    if p.jenis == Jenis.BUNDEL:
        return pdf.pdf_bundel(
            opd=p.opd,
            tahun=p.tahun_anggaran.tahun,
            triwulan=p.triwulan,
            dokumen=dok,
            lambang=laporan.lambang_uri(p.opd.pemda),
            progres=progres,
        )
    return pdf.pdf_opd(dok, progres=progres)


def berkas_xlsx(p: Permintaan) -> bytes:
    dok = dokumen(p)
    periode = f"Triwulan {ROMAWI[p.triwulan]} Tahun {p.tahun_anggaran.tahun}"
    if p.jenis == Jenis.BUNDEL:
        return excel.buku_kerja(
            (d.unit.nama, f"{d.unit.nama}, {p.opd.nama}, {periode}", d.tabel())
            for d in dok
        )
    if p.jenis == UNIT:
        subjudul = f"{dok.unit.nama}, {p.opd.nama}, {periode}"
    else:
        subjudul = f"{p.opd.nama}, {periode}"
    return excel.buku_kerja([("", subjudul, dok.tabel())])


# --- background exports ---

PESAN_GALAT = (
    "Laporan gagal dibuat karena kesalahan pada server. Coba lagi; jika terulang, "
    "hubungi administrator."
)
PESAN_DIHENTIKAN = (
    "Pembuatan laporan terhenti karena pekerja latar dimatikan. Coba lagi; jika "
    "terulang, hubungi administrator."
)


class EksporKedaluwarsa(Exception):
    """The export ran past its deadline and was stopped."""


@contextmanager
def batas_waktu(detik: float) -> Iterator[None]:
    """Interrupt the work in this block with ``EksporKedaluwarsa`` after ``detik``
    seconds (by SIGALRM, so only in the main thread, where the worker runs its
    tasks; elsewhere the page still shows the export failed at its deadline)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def bunyi(signum, frame):
        raise EksporKedaluwarsa(f"stopped after {detik:.0f} s")

    lama = signal.signal(signal.SIGALRM, bunyi)
    signal.setitimer(signal.ITIMER_REAL, max(detik, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, lama)


def ekspor_gagal(ekspor_id: int, pesan: str) -> None:
    """Record an export as failed, with the message the user reads."""
    basisdata.ulangi_bila_sibuk(
        lambda: Ekspor.objects.filter(pk=ekspor_id).update(
            status=Ekspor.Status.GAGAL,
            tahap="Gagal",
            pesan_galat=pesan,
            selesai_pada=timezone.now(),
        )
    )


def tandai_kedaluwarsa() -> int:
    """Record every unfinished export past its deadline as failed (the pages show
    them failed already; this makes the rows say so)."""
    batas = timezone.now() - timedelta(minutes=settings.LAKIP_EKSPOR_BATAS_MENIT)
    return Ekspor.objects.filter(
        status__in=[Ekspor.Status.MENUNGGU, Ekspor.Status.BERJALAN],
        dibuat_pada__lt=batas,
    ).update(
        status=Ekspor.Status.GAGAL,
        tahap="Gagal",
        pesan_galat=Ekspor.pesan_batas_waktu(),
        selesai_pada=timezone.now(),
    )


def ekspor_sama_berjalan(
    *, tahun_anggaran: TahunAnggaran, triwulan: int, jenis: str
) -> Ekspor | None:
    """An unfinished export of the same report asked for within its deadline: a
    second request (a double click, a colleague) waits for it instead."""
    batas = timezone.now() - timedelta(minutes=settings.LAKIP_EKSPOR_BATAS_MENIT)
    return (
        Ekspor.objects.filter(
            opd_id=tahun_anggaran.opd_id,
            tahun=tahun_anggaran.tahun,
            triwulan=triwulan,
            jenis=jenis,
            status__in=[Ekspor.Status.MENUNGGU, Ekspor.Status.BERJALAN],
            dibuat_pada__gte=batas,
        )
        .order_by("-dibuat_pada", "-pk")
        .first()
    )


def ekspor_jalankan(*, ekspor_id: int) -> None:
    """Make the file of an export, recording progress as it goes, within the
    export's deadline. A failure, the deadline or the worker being stopped is
    recorded on the export (for the user) and logged (for the administrator)."""
    ekspor = Ekspor.objects.select_related("opd").get(pk=ekspor_id)
    if not ekspor.berjalan:
        return  # already failed at its deadline, or made by an earlier try
    sisa = (ekspor.batas_waktu - timezone.now()).total_seconds()
    if sisa <= 0:
        ekspor_gagal(ekspor.pk, Ekspor.pesan_batas_waktu())
        return

    def progres(persen: int, tahap: str) -> None:
        # Progress is for the eye: a busy database must not fail the export.
        try:
            Ekspor.objects.filter(pk=ekspor.pk).update(
                status=Ekspor.Status.BERJALAN, progres=persen, tahap=tahap
            )
        except OperationalError as exc:
            if not basisdata.sibuk(exc):
                raise
            log.warning("ekspor %s: progress not recorded: %s", ekspor.pk, exc)

    Ekspor.objects.filter(pk=ekspor.pk).update(percobaan=F("percobaan") + 1)
    progres(5, "Dimulai")
    try:
        with batas_waktu(sisa):
            p = permintaan(
                opd=ekspor.opd.slug,
                tahun=ekspor.tahun,
                triwulan=ekspor.triwulan,
                jenis=ekspor.jenis,
            )
            isi = berkas_pdf(p, progres=progres)
    except BaseException as exc:
        # BaseException: a worker stopped by SIGTERM leaves by SystemExit, and the
        # row must not say "berjalan" for ever.
        log.exception("ekspor %s gagal", ekspor.pk)
        if isinstance(exc, EksporKedaluwarsa):
            pesan = Ekspor.pesan_batas_waktu()
        elif isinstance(exc, Exception):
            pesan = PESAN_GALAT
        else:
            pesan = PESAN_DIHENTIKAN
        ekspor_gagal(ekspor.pk, pesan)
        raise

    def simpan() -> None:
        ekspor.refresh_from_db()
        ekspor.berkas.save(p.nama_berkas("pdf"), ContentFile(isi), save=False)
        ekspor.status = Ekspor.Status.SELESAI
        ekspor.progres = 100
        ekspor.tahap = "Selesai"
        ekspor.selesai_pada = timezone.now()
        ekspor.save()

    basisdata.ulangi_bila_sibuk(simpan)
