"""Every text cell of every workbook LAKIP writes is text: what a user typed is never
turned into a formula (a link, a DDE command) or an error value."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from reports import ekspor, models
from reports.rencana_aksi import rencana_aksi_impor, templat_rencana_aksi

pytestmark = pytest.mark.django_db

TAUTAN = '=HYPERLINK("http://contoh.invalid/x","klik")'
DDE = "=cmd|' /C calc'!A0"


def sel_rumus(xlsx: bytes) -> list[str]:
    wb = load_workbook(BytesIO(xlsx))
    return [
        f"{ws.title}!{sel.coordinate}: {sel.value}"
        for ws in wb.worksheets
        for baris in ws.iter_rows()
        for sel in baris
        if sel.data_type in {"f", "e"}
    ]


def semua_teks(xlsx: bytes) -> set[str]:
    wb = load_workbook(BytesIO(xlsx))
    return {
        sel.value
        for ws in wb.worksheets
        for baris in ws.iter_rows()
        for sel in baris
        if isinstance(sel.value, str)
    }


@pytest.fixture
def racun():
    """A kendala, a program, a kegiatan, a sub kegiatan and a satuan that read
    like formulas, in Kalaena's 2024 plan (Trantib TW II)."""
    ta = models.TahunAnggaran.objects.get(opd__slug="kalaena", tahun=2024)
    r = models.Realisasi.objects.filter(
        indikator__unit_kerja__slug="trantib",
        indikator__tahun_anggaran=ta,
        triwulan=2,
    ).first()
    r.kendala = TAUTAN
    r.tindak_lanjut = "#N/A"
    r.save()
    sub = r.indikator.sub_kegiatan
    sub.nama = DDE
    sub.save()
    sub.kegiatan.nama = "=1+1"
    sub.kegiatan.save()
    sub.kegiatan.program.nama = "=SUM(A1:A9)"
    sub.kegiatan.program.save()
    r.indikator.satuan = "=A1"
    r.indikator.save()
    return ta


@pytest.mark.parametrize("jenis", [ekspor.UNIT, ekspor.Jenis.OPD, ekspor.Jenis.BUNDEL])
def test_report_workbooks_write_formula_like_text_as_text(racun, jenis):
    p = ekspor.permintaan(
        opd="kalaena",
        tahun=2024,
        triwulan=2,
        jenis=jenis,
        unit="trantib" if jenis == ekspor.UNIT else None,
    )
    xlsx = ekspor.berkas_xlsx(p)
    assert sel_rumus(xlsx) == []
    teks = semua_teks(xlsx)
    assert DDE in teks
    assert "=SUM(A1:A9)" in teks
    if jenis != ekspor.Jenis.OPD:  # the office report has no narrative table
        assert TAUTAN in teks


def test_rencana_aksi_download_writes_formula_like_names_as_text_and_imports_again(
    racun,
):
    program = models.Program.objects.get(tahun_anggaran=racun, nama="=SUM(A1:A9)")
    program.kode = ""
    program.save()
    anggaran = models.Anggaran.objects.filter(sub_kegiatan__nama=DDE).first()
    anggaran.sumber_dana = TAUTAN
    anggaran.save()
    sebelum = sorted(
        models.Indikator.objects.filter(tahun_anggaran=racun).values_list(
            "nama", "satuan", "sub_kegiatan__nama"
        ),
        key=str,
    )

    xlsx = templat_rencana_aksi(racun, isi=True)
    assert sel_rumus(xlsx) == []
    assert {DDE, TAUTAN, "=SUM(A1:A9)", "=A1"} <= semua_teks(xlsx)

    models.Program.objects.filter(tahun_anggaran=racun).delete()
    rencana_aksi_impor(user=None, tahun_anggaran=racun, berkas=xlsx)
    assert models.Program.objects.filter(
        tahun_anggaran=racun, nama="=SUM(A1:A9)"
    ).exists()
    assert models.SubKegiatan.objects.get(
        kegiatan__program__tahun_anggaran=racun, nama=DDE
    )
    assert models.Anggaran.objects.get(sub_kegiatan__nama=DDE).sumber_dana == TAUTAN
    sesudah = sorted(
        models.Indikator.objects.filter(tahun_anggaran=racun).values_list(
            "nama", "satuan", "sub_kegiatan__nama"
        ),
        key=str,
    )
    assert sesudah == sebelum


def test_control_characters_pasted_into_a_kendala_do_not_break_the_workbook(racun):
    r = models.Realisasi.objects.get(kendala=TAUTAN)
    r.kendala = "Hujan\x0bderas\x01"
    r.save()
    p = ekspor.permintaan(
        opd="kalaena", tahun=2024, triwulan=2, jenis=ekspor.UNIT, unit="trantib"
    )
    assert "Hujanderas" in semua_teks(ekspor.berkas_xlsx(p))
