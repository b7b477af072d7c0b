"""The Rencana Aksi workbook: a template a planner fills in Excel, and its import.

One workbook holds a year's plan of an office: programs, kegiatan, sub kegiatan, their
indicators with the yearly and quarterly targets, and the budget of each sub kegiatan
with its anggaran kas per quarter (docs/rencana-aksi.md describes it for planners).

Reading is separate from writing: ``baca_rencana_aksi`` turns a workbook into plain
frozen dataclasses and collects every error it finds, by sheet, row and column, without
touching the database; ``rencana_aksi_impor`` writes a valid plan in one transaction,
creating or updating items and never deleting any (realisations hang on them), in
bulk level by level (``tulis``), and refuses a plan that would change what an
approved quarter prints (``kunci``).

An item's key is its kode when it has one, otherwise its name under the same parent:
many real programs and kegiatan carry no national code. A child row names its parent
the same way, by the parent's kode, or by its name when the parent has no kode.
"""

from reports.rencana_aksi.baca import baca_rencana_aksi
from reports.rencana_aksi.impor import rencana_aksi_impor
from reports.rencana_aksi.kolom import (
    KOLOM,
    LEMBAR_DATA,
    Galat,
    RencanaAksi,
    RencanaAksiTidakValid,
)
from reports.rencana_aksi.templat import nama_berkas, templat_rencana_aksi
from reports.rencana_aksi.tulis import HasilImpor, Hitungan

__all__ = [
    "KOLOM",
    "LEMBAR_DATA",
    "Galat",
    "HasilImpor",
    "Hitungan",
    "RencanaAksi",
    "RencanaAksiTidakValid",
    "baca_rencana_aksi",
    "nama_berkas",
    "rencana_aksi_impor",
    "templat_rencana_aksi",
]
