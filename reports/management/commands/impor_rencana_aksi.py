"""Import an office's Rencana Aksi from a workbook, or write the template.

    python manage.py impor_rencana_aksi --opd kalaena --tahun 2024 rencana.xlsx
    python manage.py impor_rencana_aksi --opd kalaena --tahun 2024 --templat [--isi] \\
        -o rencana.xlsx
    python manage.py impor_rencana_aksi --opd kalaena --tahun 2024 --perubahan 3 \\
        rencana-perubahan.xlsx     # the DPA Perubahan, from TW III on

The import is the same as the web page's: every error by sheet, row and column, and
nothing written unless the whole workbook is valid (exit status 1 then).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports import rencana_aksi
from reports.models import TahapRencana, TahunAnggaran


class Command(BaseCommand):
    help = "Mengimpor Rencana Aksi dari buku kerja .xlsx, atau menulis templatnya."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", nargs="?", help="buku kerja .xlsx yang diimpor")
        parser.add_argument("--opd", required=True, help="slug perangkat daerah")
        parser.add_argument("--tahun", required=True, type=int, help="tahun anggaran")
        parser.add_argument(
            "--templat", action="store_true", help="tulis templat, jangan impor"
        )
        parser.add_argument(
            "--isi",
            action="store_true",
            help="dengan --templat: isi dengan Rencana Aksi yang tersimpan",
        )
        parser.add_argument("-o", "--output", help="dengan --templat: berkas tujuan")
        parser.add_argument(
            "--perubahan",
            type=int,
            choices=[1, 2, 3, 4],
            metavar="TRIWULAN",
            help="impor sebagai DPA Perubahan yang berlaku mulai triwulan ini; "
            "dengan --templat --isi: tulis Rencana Aksi sebagai DPA Perubahan",
        )

    def handle(self, *args, **options) -> None:
        try:
            ta = TahunAnggaran.objects.select_related("opd").get(
                opd__slug=options["opd"], tahun=options["tahun"]
            )
        except TahunAnggaran.DoesNotExist as exc:
            raise CommandError(
                f"Tahun anggaran {options['tahun']} perangkat daerah "
                f'"{options["opd"]}" tidak ada.'
            ) from exc
        if options["templat"]:
            self._templat(ta, options)
        else:
            self._impor(ta, options)

    def _templat(self, ta: TahunAnggaran, options: dict) -> None:
        if not options["output"]:
            raise CommandError("Sebutkan berkas tujuan dengan -o BERKAS.xlsx.")
        tujuan = Path(options["output"])
        tahap = TahapRencana.PERUBAHAN if options["perubahan"] else TahapRencana.MURNI
        tujuan.write_bytes(
            rencana_aksi.templat_rencana_aksi(ta, isi=options["isi"], tahap=tahap)
        )
        self.stdout.write(f"Templat Rencana Aksi {ta} ditulis ke {tujuan}.")

    def _impor(self, ta: TahunAnggaran, options: dict) -> None:
        if not options["berkas"]:
            raise CommandError("Sebutkan buku kerja .xlsx yang diimpor.")
        try:
            with open(options["berkas"], "rb") as berkas:
                hasil = rencana_aksi.rencana_aksi_impor(
                    user=None,
                    tahun_anggaran=ta,
                    berkas=berkas,
                    perubahan_mulai=options["perubahan"],
                )
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {exc}") from exc
        except rencana_aksi.RencanaAksiTidakValid as salah:
            for galat in salah.galat:
                self.stderr.write(str(galat))
            raise CommandError(
                f"{len(salah.galat)} kesalahan; tidak ada yang disimpan."
            ) from salah
        self.stdout.write(hasil.ringkasan())
        for h in hasil.hitungan:
            self.stdout.write(
                f"  {h.jenis}: {h.dibuat} dibuat, {h.diubah} diubah, {h.tetap} tetap"
            )
        for butir in hasil.tidak_disentuh:
            self.stdout.write(f"  dibiarkan: {butir}")
        for butir in hasil.dikeluarkan:
            self.stdout.write(f"  dikeluarkan dari DPA Perubahan: {butir}")
