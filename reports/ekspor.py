"""Making report files. One function per format serves the web request, the task
worker and the command line, so a file is the same whichever way it was asked for.

The office report and the bundle take seconds to tens of seconds to lay out, so the
web asks for them through ``ekspor_minta``: an ``Ekspor`` row is written and a task
(django-tasks, database backend) is enqueued; the worker runs ``ekspor_jalankan``,
which records its progress on the row and, at the end, the file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from reports import excel, laporan, pdf, selectors
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
            progres=progres,
        )
    return pdf.pdf_opd(dok, progres=progres)


def berkas_xlsx(p: Permintaan) -> bytes:
    dok = dokumen(p)
    periode = f"Triwulan {ROMAWI[p.triwulan]} Tahun {p.tahun_anggaran.tahun}"
    if p.jenis == Jenis.BUNDEL:
        return excel.buku_kerja(
            (
                f"{n}. ",
                f"{d.unit.jabatan_kepala}, {p.opd.nama}, {periode}",
                d.tabel(),
            )
            for n, d in enumerate(dok, start=1)
        )
    if p.jenis == UNIT:
        subjudul = f"{dok.unit.jabatan_kepala}, {p.opd.nama}, {periode}"
    else:
        subjudul = f"{p.opd.nama}, {periode}"
    return excel.buku_kerja([("", subjudul, dok.tabel())])


# --- background exports ---


def ekspor_minta(*, user, tahun_anggaran: TahunAnggaran, triwulan: int, jenis: str):
    """Record a request for the office report or the bundle as PDF and enqueue the
    task that makes it (once the request's transaction commits)."""
    from reports.tasks import buat_ekspor

    ekspor = Ekspor(
        jenis=jenis,
        opd=tahun_anggaran.opd,
        tahun=tahun_anggaran.tahun,
        triwulan=triwulan,
        diminta_oleh=user,
        tahap="Menunggu giliran",
    )
    ekspor.full_clean()
    ekspor.save()
    transaction.on_commit(lambda: buat_ekspor.enqueue(ekspor_id=ekspor.pk))
    return ekspor


def ekspor_jalankan(*, ekspor_id: int) -> None:
    """Make the file of an export, recording progress as it goes. A failure is
    recorded on the export (for the user) and logged (for the administrator)."""
    ekspor = Ekspor.objects.select_related("opd").get(pk=ekspor_id)

    def progres(persen: int, tahap: str) -> None:
        Ekspor.objects.filter(pk=ekspor.pk).update(
            status=Ekspor.Status.BERJALAN, progres=persen, tahap=tahap
        )

    progres(5, "Dimulai")
    try:
        p = permintaan(
            opd=ekspor.opd.slug,
            tahun=ekspor.tahun,
            triwulan=ekspor.triwulan,
            jenis=ekspor.jenis,
        )
        isi = berkas_pdf(p, progres=progres)
    except Exception:
        log.exception("ekspor %s gagal", ekspor.pk)
        Ekspor.objects.filter(pk=ekspor.pk).update(
            status=Ekspor.Status.GAGAL,
            tahap="Gagal",
            pesan_galat="Laporan gagal dibuat karena kesalahan pada server. "
            "Coba lagi; jika terulang, hubungi administrator.",
            selesai_pada=timezone.now(),
        )
        raise
    ekspor.refresh_from_db()
    ekspor.berkas.save(p.nama_berkas("pdf"), ContentFile(isi), save=False)
    ekspor.status = Ekspor.Status.SELESAI
    ekspor.progres = 100
    ekspor.tahap = "Selesai"
    ekspor.selesai_pada = timezone.now()
    ekspor.save()
