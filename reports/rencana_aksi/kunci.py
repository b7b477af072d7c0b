"""What the approved quarters of a year print: the import compares it before and
after writing, inside its transaction, and refuses a plan that would change it.

An approved report stands on much more than its own unit's rows: the names and
order of the programs and kegiatan above its indicators, a kegiatan's totals over
sub kegiatan of other units, a derived indicator's mean over the items below it,
the stage it was approved under. Rather than foresee every such path, the import
renders each approved report as it prints (the unit report's body, the same HTML
the PDF is laid out from) and compares the text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from reports import laporan
from reports.models import ROMAWI, LaporanTriwulan, TahunAnggaran, UnitKerja

# The body of a unit's Laporan Kinerja Triwulan, as the page, the PDF and the
# bundle print it.
TEMPLAT_ISI = "reports/laporan/unit_isi.html"


@dataclass(frozen=True)
class Disetujui:
    """An approved quarter of one unit, and the stage of the plan it was approved
    under (murni or Perubahan)."""

    unit: UnitKerja
    triwulan: int
    tahap: str = field(compare=False)


def laporan_disetujui(tahun_anggaran: TahunAnggaran) -> list[Disetujui]:
    """The year's approved unit reports, by quarter, then unit."""
    return [
        Disetujui(
            lap.unit_kerja,
            lap.triwulan,
            lap.tahap or tahun_anggaran.tahap_triwulan(lap.triwulan),
        )
        for lap in LaporanTriwulan.objects.filter(
            tahun_anggaran=tahun_anggaran, status=LaporanTriwulan.Status.DISETUJUI
        )
        .select_related(
            "unit_kerja__opd__pemda", "unit_kerja__atasan__kepala", "unit_kerja__kepala"
        )
        .order_by("triwulan", "unit_kerja__urutan", "unit_kerja__nama")
    ]


def cetakan(
    tahun_anggaran: TahunAnggaran, disetujui: list[Disetujui]
) -> dict[Disetujui, str]:
    """What each of the given reports prints now, read from the database (one
    reading of the year per quarter). A unit left with nothing to report prints
    nothing: ""."""
    per_triwulan: dict[int, list[Disetujui]] = defaultdict(list)
    for d in disetujui:
        per_triwulan[d.triwulan].append(d)
    hasil = {}
    for triwulan, daftar in per_triwulan.items():
        dokumen = {
            dok.unit.pk: dok
            for dok in laporan.bundel(
                tahun_anggaran=tahun_anggaran,
                triwulan=triwulan,
                unit=[d.unit for d in daftar],
            )
        }
        for d in daftar:
            dok = dokumen.get(d.unit.pk)
            hasil[d] = (
                "" if dok is None else render_to_string(TEMPLAT_ISI, {"dok": dok})
            )
    return hasil


def nama_laporan(disetujui: list[Disetujui], tahun: int) -> str:
    """ "laporan triwulan I dan II tahun 2024 Seksi Trantib", the reports of a unit
    named together."""
    per_unit: dict[UnitKerja, list[int]] = defaultdict(list)
    for d in disetujui:
        per_unit[d.unit].append(d.triwulan)
    bagian = []
    for unit, triwulan in per_unit.items():
        romawi = [ROMAWI[t] for t in sorted(triwulan)]
        daftar = (
            romawi[0]
            if len(romawi) == 1
            else f"{', '.join(romawi[:-1])} dan {romawi[-1]}"
        )
        bagian.append(f"laporan triwulan {daftar} tahun {tahun} {unit.nama}")
    return "; ".join(bagian)
