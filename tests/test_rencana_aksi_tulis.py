"""The Rencana Aksi import writes in bulk: its queries do not grow with the rows, a
code may pass from one stored item to another within one import, and a constraint
the database enforces gives the normal error list. (Its speed is measured by
bench/impor.py, not here.)"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import models
from reports.rencana_aksi import rencana_aksi_impor
from tests import xlsx_util
from tests.conftest import make_opd, make_tahun, make_unit
from tests.test_rencana_aksi import buku, galat, sah, ta_uji  # noqa: F401

pytestmark = pytest.mark.django_db


def kueri_impor(baris: int) -> tuple[int, int]:
    """The queries of importing a plan of ``baris`` rows per sheet into an empty
    year, and the items it created."""
    opd = make_opd()
    make_unit(opd, "seksi")
    ta = make_tahun(opd, 2024)
    xlsx = xlsx_util.rencana_besar(ta, baris, "seksi")
    with CaptureQueriesContext(connection) as kueri:
        hasil = rencana_aksi_impor(user=None, tahun_anggaran=ta, berkas=xlsx)
    return len(kueri), hasil.dibuat


def test_the_queries_of_an_import_do_not_grow_with_its_rows():
    kecil, dibuat_kecil = kueri_impor(3)
    besar, dibuat_besar = kueri_impor(30)
    assert (dibuat_kecil, dibuat_besar) == (15, 150)
    assert besar == kecil


def test_a_code_passes_from_one_stored_program_to_another(ta_uji):  # noqa: F811
    trantib = models.UnitKerja.objects.get(opd=ta_uji.opd, slug="trantib")
    alfa, beta = (
        models.Program.objects.create(
            tahun_anggaran=ta_uji, kode=kode, nama=nama, unit_kerja=trantib, urutan=n
        )
        for n, (kode, nama) in enumerate([("", "Alfa"), ("7.01", "Beta")], start=1)
    )
    # Beta gives up its code (its row has none) and Alfa takes it.
    xlsx = buku(
        ta_uji,
        {
            "Program": [
                [None, "Beta", "trantib", None],
                ["7.01", "Alfa", "trantib", None],
            ]
        },
    )
    hasil = rencana_aksi_impor(user=None, tahun_anggaran=ta_uji, berkas=xlsx)
    assert hasil.diubah == 2
    alfa.refresh_from_db()
    beta.refresh_from_db()
    assert (alfa.kode, alfa.urutan, beta.kode, beta.urutan) == ("7.01", 2, "", 1)


def test_a_constraint_the_database_enforces_gives_the_error_list(ta_uji, sah):  # noqa: F811
    """Another writer (the admin, say) adds program 7.01 to the year while the
    import is writing it: the database refuses the second one."""
    trantib = models.UnitKerja.objects.get(opd=ta_uji.opd, slug="trantib")
    sela_dulu = True

    def penulis_lain(execute, sql, params, many, context):
        nonlocal sela_dulu
        if sela_dulu and sql.startswith('INSERT INTO "reports_program"'):
            sela_dulu = False
            models.Program.objects.create(
                tahun_anggaran=ta_uji, kode="7.01", nama="Lain", unit_kerja=trantib
            )
        return execute(sql, params, many, context)

    with connection.execute_wrapper(penulis_lain):
        pesan = galat(ta_uji, sah)

    assert pesan == [
        'Lembar "Program": basis data menolak isian lembar ini, mungkin karena '
        "rencana tahun ini diubah orang lain pada saat yang sama. Tidak ada yang "
        "disimpan; unggah lagi berkasnya. Bila pesan ini muncul lagi, hubungi "
        "administrator."
    ]
    assert not models.Program.objects.filter(tahun_anggaran=ta_uji).exists()
