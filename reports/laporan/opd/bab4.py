"""BAB IV Penutup of the office report: what the year's figures say."""

from __future__ import annotations

from dataclasses import dataclass

from reports import kinerja
from reports.kinerja import AngkaAnggaran, Rerata
from reports.laporan.opd.bab3 import BagianProgram
from reports.selectors import PohonTahun


@dataclass(frozen=True)
class Ringkasan:
    """BAB IV Penutup: what the year's figures say, counted by the program."""

    jumlah_program: int
    tercapai: list[BagianProgram]
    belum: list[BagianProgram]
    tanpa_nilai: list[BagianProgram]
    rata_rata_program: Rerata
    keuangan: AngkaAnggaran


def ringkasan(pohon: PohonTahun, program: list[BagianProgram]) -> Ringkasan:
    tercapai, belum, tanpa = [], [], []
    for p in program:
        status = kinerja.tercapai(p.capaian)
        (tanpa if status is None else tercapai if status else belum).append(p)
    return Ringkasan(
        jumlah_program=len(program),
        tercapai=tercapai,
        belum=belum,
        tanpa_nilai=tanpa,
        rata_rata_program=pohon.rata_rata(p.capaian for p in program),
        keuangan=pohon.total_keuangan(),
    )
