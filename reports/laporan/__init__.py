"""The printed reports, assembled from the selectors' rows.

``dokumen_unit`` is the Laporan Kinerja Triwulan of one unit (seeds 000, 002, 003),
``bundel`` all of an office's unit reports of a quarter (seed 002), ``dokumen_opd`` the
office's Laporan Evaluasi Kinerja Triwulan / LKjIP (seeds 001, 004). Each holds its
tables as ``reports.tabel.Tabel``: the HTML page, the PDF and the xlsx all draw from
these same objects. Every figure comes from ``reports.kinerja`` through the
selectors; nothing here is typed or rounded.
"""

from reports.laporan.bagian import Pengesahan, lambang_uri
from reports.laporan.opd import DokumenOpd, dokumen_opd
from reports.laporan.unit import DokumenUnit, bundel, dokumen_unit

__all__ = [
    "DokumenOpd",
    "DokumenUnit",
    "Pengesahan",
    "bundel",
    "dokumen_opd",
    "dokumen_unit",
    "lambang_uri",
]
