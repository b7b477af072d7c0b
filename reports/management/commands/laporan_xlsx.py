"""Export a report's tables as xlsx from the command line; the same arguments as
``laporan_pdf``."""

from __future__ import annotations

from reports import ekspor
from reports.management.commands.laporan_pdf import PerintahLaporan


class Command(PerintahLaporan):
    help = "Mengekspor tabel laporan (kantor, satu unit, atau bundel unit) ke xlsx."
    akhiran = "xlsx"

    def buat(self, p: ekspor.Permintaan) -> bytes:
        return ekspor.berkas_xlsx(p)
