"""Importing a Rencana Aksi workbook: read and check it, write it in one
transaction, and refuse it when an approved quarter would print differently."""

from __future__ import annotations

from typing import IO

from django.db import transaction

from reports import akses
from reports.models import TahunAnggaran
from reports.rencana_aksi import kunci
from reports.rencana_aksi.baca import baca_rencana_aksi
from reports.rencana_aksi.kolom import RencanaAksiTidakValid
from reports.rencana_aksi.tulis import HasilImpor, Penulis
from reports.services import AksiDitolak


def rencana_aksi_impor(
    *,
    user,
    tahun_anggaran: TahunAnggaran,
    berkas: bytes | IO[bytes],
    perubahan_mulai: int | None = None,
) -> HasilImpor:
    """Create or update the year's plan from a Rencana Aksi workbook.

    Nothing is written unless the whole workbook is valid: ``RencanaAksiTidakValid``
    carries every error. Stored items the workbook does not list are kept. ``user``
    None is the command line (``manage.py impor_rencana_aksi``), whose operator
    already holds the database; from the web it is the signed-in user, who must be
    the office's planner (``AksiDitolak`` otherwise).

    With ``perubahan_mulai`` (1-4) the workbook is the DPA Perubahan, measured from
    that quarter on: see ``Penulis``. Reports already submitted keep the stage
    they were submitted under.

    An approved report never changes: the plan is written, every approved quarter
    of the year is read again as it prints, and if any differs the import is
    refused (and rolled back) with errors naming the reports and the rows that
    change them.
    """
    if user is not None and not akses.boleh_kelola_kantor(user, tahun_anggaran.opd):
        raise AksiDitolak("Hanya perencana perangkat daerah ini yang dapat mengimpor.")
    if perubahan_mulai is not None and not 1 <= perubahan_mulai <= 4:
        raise ValueError(f"triwulan harus 1-4, bukan {perubahan_mulai}")
    rencana = baca_rencana_aksi(berkas, tahun_anggaran=tahun_anggaran)
    with transaction.atomic():
        # One import of a year at a time: items without a kode have no database
        # constraint that would stop two concurrent imports creating both.
        ta = TahunAnggaran.objects.select_for_update().get(pk=tahun_anggaran.pk)
        disetujui = kunci.laporan_disetujui(ta)
        sebelum = kunci.cetakan(ta, disetujui)
        penulis = Penulis(ta, rencana, perubahan=perubahan_mulai is not None)
        hasil = penulis.tulis()
        if perubahan_mulai is not None and ta.perubahan_mulai != perubahan_mulai:
            ta.perubahan_mulai = perubahan_mulai
            ta.save(update_fields=["perubahan_mulai"])
        sesudah = kunci.cetakan(ta, disetujui)
        if berubah := [d for d in disetujui if sesudah[d] != sebelum[d]]:
            raise RencanaAksiTidakValid(penulis.galat_terkunci(berubah))
    tahun_anggaran.perubahan_mulai = ta.perubahan_mulai
    return hasil
