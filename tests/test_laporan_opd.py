"""The office report (seed 001) and the bundle of unit reports (seed 002): the page,
the xlsx, the PDF made by the task worker, and the command line."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reports import ekspor, models
from tests.conftest import DEMO, D, make_kantor, make_user, teks_html
from tests.pdf_util import (
    gambar_pdf,
    jumlah_halaman,
    penanda_buku,
    simpan,
    teks_halaman,
    teks_pdf,
)

pytestmark = pytest.mark.django_db


def url(nama: str, opd="kalaena", tahun=2023, triwulan=4) -> str:
    return reverse(
        f"reports:{nama}", kwargs={"opd": opd, "tahun": tahun, "triwulan": triwulan}
    )


@pytest.fixture
def perencana(client):
    client.force_login(make_user("perencana", opd="kalaena", peran="perencana"))
    return client


def jalankan_worker() -> None:
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )


BELANJA = ["2.727.830.700", "2.691.183.025", "98,66 %", "36.647.675", "1,34 %"]


def test_office_report_page_shows_seed_001_belanja_total(perencana):
    response = perencana.get(url("laporan_opd"))
    assert response.status_code == 200
    html = teks_html(response)
    for angka in BELANJA:
        assert angka in html
    dok = response.context["dok"]
    total = dok.ringkasan.keuangan
    assert (total.pagu, total.realisasi) == (2727830700, 2691183025)
    assert len(dok.program) == 6
    assert sum(len(p.kegiatan) for p in dok.program) == 15
    assert sum(p.jumlah_sub for p in dok.program) == 33


def test_office_report_compares_the_iku_with_last_year(perencana):
    dok = perencana.get(url("laporan_opd")).context["dok"]
    ikm = dok.tabel_capaian_iku.baris[0].sel
    nilai = [s.nilai for s in ikm]
    assert nilai[2] == "Indeks Kepuasan Masyarakat"
    assert nilai[3:5] == [D("85"), D("92.78")]
    assert nilai[5] == D("92.78") * 100 / 85  # 109,15 %
    assert nilai[6:8] == [D("87"), D("92.79")]
    assert nilai[8] == D("92.79") * 100 / 87  # 106,66 %


def test_office_report_writes_each_programs_averaging_formula(perencana):
    dok = perencana.get(url("laporan_opd")).context["dok"]
    penunjang = dok.program[0]
    assert penunjang.rerata.jumlah == 9
    assert len(penunjang.rerata.suku) == 9
    assert penunjang.rerata.nilai == sum(penunjang.rerata.suku) / 9
    assert penunjang.kegiatan[0].capaian in penunjang.rerata.suku


def test_office_report_xlsx_reads_back_the_belanja_total(perencana):
    response = perencana.get(url("laporan_opd_xlsx"))
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    lembar = next(
        wb[n] for n in wb.sheetnames if "Realisasi Belanja" in wb[n]["A1"].value
    )
    total = next(
        r for r in lembar.iter_rows(values_only=True) if r[0] == "Total Belanja"
    )
    # No code was entered: the Kode column is left out, as seed 001 prints it.
    assert total[2:5] == (2727830700, 2727830700, 2691183025)
    assert round(total[5], 4) == 0.9866
    assert total[6] == 36647675
    # Every table of the report is a sheet, each with its frozen, merged header.
    assert len(wb.sheetnames) >= 20
    assert all(wb[n].freeze_panes for n in wb.sheetnames)


def test_office_report_pdf_reads_back_the_golden_figures(pdf_kalaena):
    teks = teks_pdf(pdf_kalaena)
    for angka in BELANJA:
        assert angka in teks
    assert "Total Belanja" in teks
    assert "Kalaena, 31 Desember 2023" in teks
    assert "NIP. 19691025 199802 1 004" in teks
    # The table of contents carries page numbers read from the laid-out pages.
    daftar = teks_pdf(pdf_kalaena, layout=True)
    baris = next(b for b in daftar.splitlines() if "BAB III AKUNTABILITAS KINERJA" in b)
    assert baris.split()[-1].isdigit()


def test_office_report_prints_seed_001_revenue_ikm_and_iku_analysis(pdf_kalaena):
    teks = " ".join(teks_pdf(pdf_kalaena).split())
    # Tabel 2.7 and the realisasi pendapatan table: 28.684.125 / 21.300.000.
    assert "Target Pendapatan Asli Daerah Tahun 2023" in teks
    assert (
        "1.2 Pendapatan Retribusi Daerah 21.300.000 21.300.000 28.684.125 134,67 %"
        in teks
    )
    # The IKM from the survey in the demo data, with its mutu.
    assert "IKM (nilai IKM unit × 25) 92,79" in teks
    assert "Mutu pelayanan A (Sangat Baik)" in teks
    assert "1 1,00 - 2,5996 25,00 - 64,99 D Tidak Baik" in teks
    assert "4 3,5324 - 4,00 88,31 - 100,00 A Sangat Baik" in teks
    # The planner's analysis of the IKU, and the Renstra's kondisi akhir (91).
    assert "1) Faktor penyebab keberhasilan" in teks
    assert "Peran aktif Kepala Seksi dalam pelayanan yang optimal" in teks
    assert "85 85 87 90 95 98 91" in teks
    # Tabel 2.6: the plan's counts and the typed RKPD and DPA pokok figures.
    assert "RKPD / Renja Perangkat Daerah 6 15 15.000.000 - - 2.711.735.700" in teks
    assert "APBD-P / DPA Perubahan 6 15 21.300.000 - - 2.727.830.700" in teks
    assert "Rencana Aksi Tahun 2023 (DPA Perubahan)" in teks


def test_office_report_lists_the_units_whose_quarter_is_not_approved(
    perencana, pdf_kalaena
):
    # Seed 001's unit reports came on paper: none is approved in LAKIP.
    dok = perencana.get(url("laporan_opd")).context["dok"]
    assert [u.slug for u in dok.unit_draf] == [
        "camat",
        "sekretariat",
        "subbag-perencanaan",
        "subbag-umum",
        "pemerintahan",
        "trantib",
        "pmd",
        "pelayanan-umum",
    ]
    teks = " ".join(teks_pdf(pdf_kalaena).split())
    assert "Angka draf. Laporan Triwulan IV Tahun 2023 unit kerja berikut belum " in (
        teks
    )


def test_office_report_pdf_has_bookmarks_for_each_bab(pdf_kalaena):
    bab = [j for _, j in penanda_buku(pdf_kalaena) if j.startswith("BAB")]
    assert [b.split()[1] for b in bab] == ["I", "II", "III", "IV"]


def test_long_tables_repeat_their_header_and_keep_rows_whole(pdf_kalaena):
    halaman = [" ".join(h.split()) for h in teks_halaman(pdf_kalaena)]
    # The Rencana Aksi runs over several landscape pages, each with its header.
    rencana = [h for h in halaman if "Rencana Aksi Tahun 2023 (DPA Perubahan)" in h]
    assert len([h for h in rencana if "Target Tahunan" in h]) >= 3
    # The 2023 plan has yearly targets only: no empty quarter columns.
    assert not any("Target per Triwulan" in h for h in halaman)
    # A tall row (a long kendala) is moved whole to the next page, not cut.
    awal = [h for h in halaman if "Sejak terbitnya Peraturan Pemerintah" in h]
    akhir = [h for h in halaman if "diambil alih oleh Kabupaten" in h]
    tabel = [h for h in awal if "1.721.300" in h]
    assert tabel and tabel[0] in akhir


def test_office_report_charts_are_vector_drawings_from_the_data(pdf_kalaena):
    teks = teks_pdf(pdf_kalaena)
    assert "Gambar 3.1" in teks and "Gambar 1.1" in teks
    # Drawn as SVG, so the PDF has no raster images.
    assert gambar_pdf(pdf_kalaena) == []


@pytest.mark.django_db(transaction=True)
def test_background_export_makes_the_pdf_and_shows_progress(client, settings, tmp_path):
    # Transactional: the real worker commits and closes connections as it goes.
    call_command("loaddata", str(DEMO), verbosity=0)
    settings.MEDIA_ROOT = tmp_path
    perencana = client
    perencana.force_login(make_user("perencana", opd="kalaena", peran="perencana"))
    response = perencana.post(url("laporan_opd_pdf"))
    assert response.status_code == 302
    e = models.Ekspor.objects.get()
    assert e.status == models.Ekspor.Status.MENUNGGU
    halaman = perencana.get(url("laporan_opd")).content.decode()
    assert f'hx-get="{reverse("reports:ekspor_status", args=[e.pk])}"' in halaman
    assert "<progress" in halaman

    jalankan_worker()

    e.refresh_from_db()
    assert (e.status, e.progres) == (models.Ekspor.Status.SELESAI, 100)
    status = perencana.get(reverse("reports:ekspor_status", args=[e.pk]))
    assert "hx-trigger" not in status.content.decode()
    assert reverse("reports:ekspor_unduh", args=[e.pk]) in status.content.decode()
    unduh = perencana.get(reverse("reports:ekspor_unduh", args=[e.pk]))
    assert unduh["Content-Type"] == "application/pdf"
    teks = teks_pdf(b"".join(unduh.streaming_content))
    assert "2.691.183.025" in teks and "98,66 %" in teks


def test_a_failed_export_says_so_in_indonesian(perencana, monkeypatch):
    def gagal(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ekspor, "berkas_pdf", gagal)
    e = models.Ekspor.objects.create(
        jenis="opd",
        opd=models.PerangkatDaerah.objects.get(slug="kalaena"),
        tahun=2023,
        triwulan=4,
    )
    with pytest.raises(RuntimeError):
        ekspor.ekspor_jalankan(ekspor_id=e.pk)
    e.refresh_from_db()
    assert e.status == models.Ekspor.Status.GAGAL
    html = perencana.get(reverse("reports:ekspor_status", args=[e.pk])).content.decode()
    assert "gagal dibuat" in html
    assert (
        perencana.get(reverse("reports:ekspor_unduh", args=[e.pk])).status_code == 404
    )


def test_bundle_puts_every_unit_report_on_its_own_pages(client):
    client.force_login(make_user("p-lmj", opd="satpolpp-lumajang", peran="perencana"))
    # One approved report among drafts: only the drafts' pages carry the mark.
    models.LaporanTriwulan.objects.filter(
        unit_kerja__slug="subbag-keuangan", tahun_anggaran__tahun=2022, triwulan=2
    ).update(status="disetujui", disetujui_pada=timezone.now())
    p = ekspor.permintaan(
        opd="satpolpp-lumajang", tahun=2022, triwulan=2, jenis="bundel"
    )
    dokumen = ekspor.dokumen(p)
    assert len(dokumen) >= 10
    isi = ekspor.berkas_pdf(p)
    simpan(isi, "bundel-satpolpp-2022-tw2.pdf")
    halaman = teks_halaman(isi)
    assert len(halaman) == jumlah_halaman(isi)
    awal = []
    for dok in dokumen:
        penanda = f" · {dok.unit.nama} · Triwulan II Tahun 2022"
        i = next(n for n, h in enumerate(halaman) if penanda in h)
        # A unit's report starts on a fresh page that opens with its title block.
        assert penanda not in halaman[i - 1]
        assert "LAPORAN KINERJA TRIWULAN II TAHUN 2022" in halaman[i][:500]
        awal.append(i)
    assert awal == sorted(awal)
    # Each report ends, signature included, before the next one starts.
    for dok, mulai, selesai in zip(
        dokumen, awal, [*awal[1:], len(halaman)], strict=True
    ):
        bagian = "".join(halaman[mulai:selesai])
        kepala = dok.penanda_tangan.pejabat
        if kepala:
            assert kepala.nama in bagian, dok.unit.nama
            if selesai < len(halaman):
                assert kepala.nama not in halaman[selesai], dok.unit.nama
    draf = "Draf - belum disetujui atasan"
    for dok, mulai, selesai in zip(
        dokumen, awal, [*awal[1:], len(halaman)], strict=True
    ):
        tertanda = [draf in h for h in halaman[mulai:selesai]]
        assert all(tertanda) != (dok.unit.slug == "subbag-keuangan"), dok.unit.nama
        assert any(tertanda) != (dok.unit.slug == "subbag-keuangan"), dok.unit.nama
    sekretaris = next(d for d in dokumen if d.unit.slug == "sekretariat")
    assert "AGUS DWI KORANTO, SH, MM" in teks_pdf(isi)
    assert sekretaris.lap.total_keuangan.pagu is not None
    xlsx = client.get(
        url("bundel_xlsx", opd="satpolpp-lumajang", tahun=2022, triwulan=2)
    )
    wb = load_workbook(BytesIO(xlsx.content))
    # Each sheet is named for its unit and table.
    assert {"Sekretariat 2.1", "Si Operasi dan Pengendalian 3.1"} <= set(wb.sheetnames)
    assert len({n.rsplit(" ", 1)[0] for n in wb.sheetnames}) == len(dokumen)


@pytest.mark.parametrize(
    ("username", "peran", "unit", "status"),
    [
        ("camat", "atasan", "camat", 200),  # the head of the office
        ("pemeriksa", "pemeriksa", None, 200),
        ("kasi", "operator", "trantib", 403),
        ("sekcam", "atasan", "sekretariat", 403),
    ],
)
def test_who_may_read_the_office_report(client, username, peran, unit, status):
    client.force_login(make_user(username, opd="kalaena", unit=unit, peran=peran))
    assert client.get(url("laporan_opd")).status_code == status
    assert client.get(url("laporan_opd_xlsx")).status_code == status
    assert client.post(url("bundel_pdf")).status_code == (
        302 if status == 200 else status
    )


def test_another_offices_report_and_files_are_not_found(perencana):
    lumajang = url("laporan_opd", opd="satpolpp-lumajang", tahun=2022, triwulan=2)
    assert perencana.get(lumajang).status_code == 404
    e = models.Ekspor.objects.create(
        jenis="bundel",
        opd=models.PerangkatDaerah.objects.get(slug="satpolpp-lumajang"),
        tahun=2022,
        triwulan=2,
    )
    assert (
        perencana.get(reverse("reports:ekspor_status", args=[e.pk])).status_code == 404
    )
    assert (
        perencana.get(reverse("reports:ekspor_unduh", args=[e.pk])).status_code == 404
    )


def test_command_line_exports_pdf_and_xlsx(tmp_path):
    pdf = tmp_path / "trantib.pdf"
    call_command(
        "laporan_pdf",
        "--opd",
        "kalaena",
        "--tahun",
        "2024",
        "--triwulan",
        "2",
        "--unit",
        "trantib",
        "-o",
        str(pdf),
    )
    teks = teks_pdf(pdf.read_bytes())
    assert "4.038.500" in teks and "82,17 %" in teks
    xlsx = tmp_path / "kalaena.xlsx"
    call_command(
        "laporan_xlsx",
        "--opd",
        "kalaena",
        "--tahun",
        "2023",
        "--triwulan",
        "4",
        "-o",
        str(xlsx),
    )
    wb = load_workbook(xlsx)
    assert any("Realisasi Belanja" in wb[n]["A1"].value for n in wb.sheetnames)


def test_command_line_names_what_does_not_exist():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Tahun anggaran 2019"):
        call_command(
            "laporan_pdf", "--opd", "kalaena", "--tahun", "2019", "--triwulan", "1"
        )
    with pytest.raises(CommandError, match="Unit kerja 'tidak-ada'"):
        call_command(
            "laporan_xlsx",
            "--opd",
            "kalaena",
            "--tahun",
            "2024",
            "--triwulan",
            "1",
            "--unit",
            "tidak-ada",
        )


@pytest.mark.parametrize("banyak", [3, 40])
def test_office_report_query_count_does_not_grow_with_indicators(
    client, django_assert_max_num_queries, banyak
):
    opd, _ = make_kantor(banyak, unit_per_sub=True)
    client.force_login(make_user(f"u{banyak}", superuser=True))
    with django_assert_max_num_queries(30):
        response = client.get(url("laporan_opd", opd=opd.slug, tahun=2024, triwulan=2))
    assert response.status_code == 200
    assert len(response.context["dok"].program[0].kegiatan[0].rincian) == banyak
