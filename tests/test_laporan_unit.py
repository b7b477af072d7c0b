"""A unit's Laporan Kinerja Triwulan: the page, the PDF read back with pdftotext and
the xlsx read back with openpyxl, all on the seeds' figures."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reports import models
from tests.conftest import make_kantor, make_user, teks_html
from tests.pdf_util import (
    info_pdf,
    penanda_buku,
    teks_halaman,
    teks_pdf,
    ukuran_halaman_mm,
)

pytestmark = pytest.mark.django_db


def url(nama: str, opd="kalaena", unit="trantib", tahun=2024, triwulan=2) -> str:
    return reverse(
        f"reports:{nama}",
        kwargs={"opd": opd, "unit": unit, "tahun": tahun, "triwulan": triwulan},
    )


@pytest.fixture
def kasi(client):
    client.force_login(make_user("kasi", opd="kalaena", unit="trantib"))
    return client


GOLDEN_KEUANGAN = [
    "12.523.000",
    "3.025.000",
    "2.144.000",
    "70,88 %",
    "1.600.000",
    "294.500",
    "101,55 %",
    "21.349.000",
    "4.915.000",
    "4.038.500",
    "82,17 %",
]


def test_unit_report_page_shows_seed_000_as_computed(kasi):
    response = kasi.get(url("laporan_unit"))
    assert response.status_code == 200
    html = teks_html(response)
    dok = response.context["dok"]
    assert [b.angka.capaian for b in dok.lap.baris_isian] == [100, 100, 100]
    for angka in GOLDEN_KEUANGAN:
        assert angka in html
    assert "Sangat Baik" in html
    assert "BAB V" in html
    # BAB I: the unit's tasks, from its record.
    assert "<li>Mengkoordinasikan upaya penyelenggaraan ketentraman" in html
    # Not approved: no "Mengetahui" block for the camat yet.
    assert "<p>Mengetahui,</p>" not in html
    assert "SUMANGE RUKKA, SP" in html


def test_unit_report_pdf_reads_back_the_golden_figures(pdf_trantib):
    teks = teks_pdf(pdf_trantib)
    for angka in GOLDEN_KEUANGAN:
        assert angka in teks
    assert teks.count("100 %") >= 3
    assert "Rata-rata Capaian Keuangan" in teks
    assert "Kalaena, 28 Juni 2024" in teks
    assert "NIP. 19710502 201410 1 002" in teks
    assert "Pangkat/Gol : Penata, III/c" in teks
    for judul in ["BAB I", "BAB II", "BAB III", "BAB IV", "BAB V", "Tabel 4.2"]:
        assert judul in teks
    assert "Mengetahui" not in teks


def test_a_unit_report_not_yet_approved_is_marked_draft_on_every_page(pdf_trantib):
    halaman = teks_halaman(pdf_trantib)
    assert "Draf - belum disetujui atasan" not in halaman[0]  # the cover
    assert all("Draf - belum disetujui atasan" in h for h in halaman[1:])


def test_unit_report_pdf_has_page_numbers_header_and_a4_pages(pdf_trantib):
    ukuran = ukuran_halaman_mm(pdf_trantib)
    halaman = len(ukuran)
    # A4 portrait, and landscape for the wide tables (rencana aksi, cost per outcome).
    assert set(ukuran) == {(210, 297), (297, 210)}
    assert ukuran[0] == (210, 297)
    teks = teks_halaman(pdf_trantib)
    # The cover carries neither; BAB I is page 1, and the last says how many.
    assert "Halaman" not in teks[0] and "Kecamatan Kalaena ·" not in teks[0]
    assert "Halaman 1 dari" in teks[1]
    assert f"Halaman {halaman - 1} dari {halaman - 1}" in teks[-1]
    assert all(
        "Kecamatan Kalaena · Seksi Ketentraman dan Ketertiban Umum" in h
        for h in teks[1:]
    )


def test_unit_report_pdf_embeds_subset_fonts(pdf_trantib):
    fonts = info_pdf(pdf_trantib, "pdffonts").splitlines()[2:]
    assert fonts
    for baris in fonts:
        kolom = baris.split()
        emb, sub = kolom[-5], kolom[-4]
        assert (emb, sub) == ("yes", "yes"), baris


def test_unit_report_pdf_has_a_bookmark_per_bab(pdf_trantib):
    tanda = penanda_buku(pdf_trantib)
    bab = [judul for _, judul in tanda if judul.startswith("BAB")]
    assert len(bab) == 5
    assert bab[0].startswith("BAB I") and "Pendahuluan" in bab[0]


def test_pdf_follows_the_offices_paper_size(kasi):
    models.PerangkatDaerah.objects.filter(slug="kalaena").update(ukuran_kertas="F4")
    response = kasi.get(url("laporan_unit_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert set(ukuran_halaman_mm(response.content)) == {(215, 330), (330, 215)}


def test_unit_report_xlsx_reads_back_the_golden_figures(kasi):
    response = kasi.get(url("laporan_unit_xlsx"))
    assert response.status_code == 200
    assert (
        'filename="laporan-kinerja-kalaena-trantib-2024-tw2.xlsx"'
        in (response["Content-Disposition"])
    )
    wb = load_workbook(BytesIO(response.content))
    assert "Tabel 4.1" in wb.sheetnames and "Tabel 3.1" in wb.sheetnames
    ws = wb["Tabel 4.1"]
    baris = [r for r in ws.iter_rows(values_only=True)]
    jumlah = next(r for r in baris if r[0] == "Jumlah")
    assert jumlah[2:5] == (21349000, 4915000, 4038500)
    serapan = [r[5] for r in baris if r[0] in {"1", "2", "3"}]
    assert [round(v, 4) for v in serapan] == [0.7088, 1, 1.0155]
    rata = next(r for r in baris if str(r[0]).startswith("Rata-rata"))
    assert round(rata[5], 4) == 0.8217
    # Two-row merged header, frozen below it, repeated on printed pages.
    assert "D4:F4" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "A6"
    assert ws.print_title_rows == "$4:$5"
    sel_persen = next(c for c in ws["F"] if c.value == rata[5])
    assert sel_persen.number_format == "0.00%"
    assert sel_persen.font.b
    assert ws["C6"].number_format == "#,##0"


def test_approved_report_prints_the_superiors_block_and_ticked_boxes(kasi):
    camat = make_user("camat-uji", opd="kalaena", unit="camat", peran="atasan")
    models.LaporanTriwulan.objects.filter(
        unit_kerja__slug="trantib", tahun_anggaran__tahun=2024, triwulan=2
    ).update(
        status="disetujui",
        disetujui_oleh=camat,
        disetujui_pada=timezone.now(),
        laporan_sudah_baik=True,
        capaian_diteliti_ulang=True,
    )
    html = kasi.get(url("laporan_unit")).content.decode()
    assert "<p>Mengetahui,</p>" in html
    assert "H. MARSUKI, S.Pd., M.M" in html
    assert html.count('class="dicentang"') == 2
    teks = teks_pdf(kasi.get(url("laporan_unit_pdf")).content)
    assert "Mengetahui," in teks
    assert "Camat Kalaena" in teks
    assert "NIP. 19691025 199802 1 004" in teks


def test_missing_quarter_prints_dashes_not_zeros(kasi):
    response = kasi.get(url("laporan_unit", triwulan=1))
    assert not re.search(r"(?<![\d,.])0 %", teks_html(response))
    dok = response.context["dok"]
    # Nothing entered: no averages to print, so no table of them.
    assert dok.tabel_penutup is None
    assert dok.tabel_capaian.kaki[0].sel[-2].nilai is None


@pytest.mark.parametrize(
    "nama", ["laporan_unit", "laporan_unit_pdf", "laporan_unit_xlsx"]
)
def test_section_head_cannot_print_another_units_report(kasi, nama):
    assert kasi.get(url(nama, unit="pemerintahan")).status_code == 404
    assert (
        kasi.get(
            url(nama, opd="satpolpp-lumajang", unit="sekretariat", tahun=2022)
        ).status_code
        == 404
    )


@pytest.mark.parametrize("banyak", [3, 60])
def test_report_page_query_count_does_not_grow_with_indicators(
    client, django_assert_max_num_queries, banyak
):
    opd, unit = make_kantor(banyak)
    client.force_login(make_user(f"u{banyak}", superuser=True))
    with django_assert_max_num_queries(16):
        response = client.get(url("laporan_unit", opd=opd.slug, unit=unit.slug))
    assert response.status_code == 200
    assert len(response.context["dok"].tabel_keuangan.baris) == banyak
