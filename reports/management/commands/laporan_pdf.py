"""Export a report as PDF from the command line (batch use, automation), e.g.:

manage.py laporan_pdf --opd kalaena --tahun 2023 --triwulan 4 -o lkjip.pdf
manage.py laporan_pdf --opd kalaena --tahun 2024 --triwulan 2 --unit trantib
manage.py laporan_pdf --opd satpolpp-lumajang --tahun 2022 --triwulan 2 --bundle
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports import ekspor
from reports.models import TahunAnggaran, UnitKerja


class PerintahLaporan(BaseCommand):
    """What laporan_pdf and laporan_xlsx share: the arguments and the request."""

    akhiran = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--opd", required=True, help="slug perangkat daerah")
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--triwulan", type=int, required=True, choices=[1, 2, 3, 4])
        bentuk = parser.add_mutually_exclusive_group()
        bentuk.add_argument("--unit", help="slug unit kerja: laporan satu unit")
        bentuk.add_argument(
            "--bundle",
            action="store_true",
            help="semua laporan unit dalam satu berkas",
        )
        parser.add_argument(
            "-o", "--output", help="berkas keluaran (bawaan: nama baku di folder ini)"
        )

    def handle(self, *args, **o) -> None:
        if o["unit"]:
            jenis = ekspor.UNIT
        elif o["bundle"]:
            jenis = ekspor.Jenis.BUNDEL
        else:
            jenis = ekspor.Jenis.OPD
        try:
            p = ekspor.permintaan(
                opd=o["opd"],
                tahun=o["tahun"],
                triwulan=o["triwulan"],
                jenis=jenis,
                unit=o["unit"],
            )
        except TahunAnggaran.DoesNotExist as exc:
            raise CommandError(
                f"Tahun anggaran {o['tahun']} perangkat daerah '{o['opd']}' tidak ada."
            ) from exc
        except UnitKerja.DoesNotExist as exc:
            raise CommandError(
                f"Unit kerja '{o['unit']}' tidak ada pada '{o['opd']}'."
            ) from exc
        tujuan = Path(o["output"] or p.nama_berkas(self.akhiran))
        isi = self.buat(p)
        tujuan.write_bytes(isi)
        self.stdout.write(f"{tujuan} ditulis ({len(isi):,} bita).".replace(",", "."))

    def buat(self, p: ekspor.Permintaan) -> bytes:
        raise NotImplementedError


class Command(PerintahLaporan):
    help = "Mencetak laporan (kantor, satu unit, atau bundel unit) sebagai PDF."
    akhiran = "pdf"

    def buat(self, p: ekspor.Permintaan) -> bytes:
        return ekspor.berkas_pdf(p)
