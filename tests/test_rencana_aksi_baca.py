"""Reading an uploaded Rencana Aksi workbook cannot exhaust the server: every bound
gets its message in the normal error list, hostile XML gets the same list as a
damaged file, and a formula with no stored result is not an empty cell. (The time
these take is measured by bench/impor.py, not here.)"""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports import models
from reports.rencana_aksi import baca_rencana_aksi
from reports.rencana_aksi.baca import PESAN_BUKAN_XLSX
from tests import xlsx_util
from tests.conftest import make_user
from tests.test_rencana_aksi import galat, sah, ta_uji  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_sheet_declaring_the_whole_grid_is_read_as_its_rows(ta_uji, sah):  # noqa: F811
    r = baca_rencana_aksi(xlsx_util.dimensi_penuh(sah), tahun_anggaran=ta_uji)
    assert [p.nama for p in r.program] == ["Program Uji"]
    assert len(r.indikator) == 2


def test_rows_beyond_a_too_small_declared_size_are_not_dropped(ta_uji, sah):  # noqa: F811
    xlsx = xlsx_util.ganti_bagian(
        sah,
        xlsx_util.LEMBAR_PROGRAM,
        xlsx_util.bagian(sah, xlsx_util.LEMBAR_PROGRAM).replace(
            b'<dimension ref="A1:D2"', b'<dimension ref="A1:D1"'
        ),
    )
    assert b'ref="A1:D1"' in xlsx_util.bagian(xlsx, xlsx_util.LEMBAR_PROGRAM)
    r = baca_rencana_aksi(xlsx, tahun_anggaran=ta_uji)
    assert [p.nama for p in r.program] == ["Program Uji"]


@pytest.mark.parametrize(
    "rusak",
    [
        lambda x: xlsx_util.baris_kosong(x, 1_000_000),
        xlsx_util.sel_jauh,
    ],
    ids=["a-million-formatted-blank-rows", "a-cell-in-the-last-row"],
)
def test_a_sheet_running_past_the_row_bound_is_refused(ta_uji, sah, rusak):  # noqa: F811
    assert galat(ta_uji, rusak(sah)) == [
        'Lembar "Program": lembar ini berisi baris sampai lewat baris 10.001 '
        "(mungkin baris kosong yang diberi format). Paling banyak 5.000 baris data; "
        "hapus baris-baris kosong di bawah data, lalu unggah lagi."
    ]


def test_too_many_shared_strings_are_refused_before_they_are_loaded(ta_uji, sah):  # noqa: F811
    assert galat(ta_uji, xlsx_util.bom_teks(sah, 300_000)) == [
        "Berkas memuat 300.000 teks berbeda; paling banyak 200.000. Hapus lembar "
        "atau isian yang tidak diperlukan, lalu unggah lagi."
    ]


def test_a_workbook_too_big_unpacked_is_refused_before_it_is_parsed(ta_uji, sah):  # noqa: F811
    pesan = galat(ta_uji, xlsx_util.bom_teks(sah, 6_000_000))
    assert len(pesan) == 1
    assert pesan[0].startswith("Isi berkas terlalu besar setelah dibuka (")
    assert "paling besar 64 MB" in pesan[0]


@pytest.mark.parametrize(
    "racun",
    [xlsx_util.bom_entitas, xlsx_util.entitas_luar],
    ids=["billion-laughs", "external-entity"],
)
def test_xml_entity_tricks_get_the_normal_error_list(ta_uji, sah, racun):  # noqa: F811
    assert galat(ta_uji, racun(sah)) == [PESAN_BUKAN_XLSX]


def test_a_hostile_upload_shows_the_error_list_not_a_500(client):
    client.force_login(
        make_user("perencana", opd="kalaena", unit=None, peran="perencana")
    )
    ta = models.TahunAnggaran.objects.get(opd__slug="kalaena", tahun=2024)
    from reports.rencana_aksi import templat_rencana_aksi

    xlsx = xlsx_util.bom_entitas(templat_rencana_aksi(ta, isi=True))
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("reports:rencana_aksi", args=["kalaena", 2024]),
        {"berkas": SimpleUploadedFile("rencana.xlsx", xlsx)},
    )
    assert response.status_code == 400
    assert "Berkas bukan buku kerja Excel (.xlsx) atau rusak." in (
        response.content.decode()
    )


def test_a_formula_without_its_stored_result_is_an_error(ta_uji, sah):  # noqa: F811
    # G2 is the first indicator's Target Tahunan.
    tanpa = xlsx_util.dengan_rumus(sah, "G2", "SUM(H2:K2)", None)
    assert galat(ta_uji, tanpa) == [
        'Lembar "Indikator", baris 2, kolom G (Target Tahunan): berisi rumus yang '
        "hasilnya tidak tersimpan di berkas (program yang membuatnya tidak menghitung "
        "rumus). Buka dan simpan lagi berkas di Excel atau LibreOffice, atau ketik "
        "nilainya langsung."
    ]
    dengan = xlsx_util.dengan_rumus(sah, "G2", "SUM(H2:K2)", "4")
    r = baca_rencana_aksi(dengan, tahun_anggaran=ta_uji)
    assert r.indikator[0].target_tahunan == 4
