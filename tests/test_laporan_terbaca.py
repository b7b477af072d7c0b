"""The printed reports read right (issue 10): the demo PDFs read back as a
reviewer reads them. Each demo PDF is rendered once for the whole session
(``tests/conftest.py``)."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from reports import ekspor, laporan, models, selectors
from tests.conftest import make_user
from tests.pdf_util import (
    gambar_pdf,
    info_pdf,
    kata_halaman,
    label_halaman,
    penanda_buku,
    penanda_halaman,
    teks_halaman,
    teks_pdf,
)

pytestmark = pytest.mark.django_db

DEMO = ["pdf_trantib", "pdf_kalaena", "pdf_bundel", "pdf_towuti"]
MARGIN_BAWAH_PT = 18 / 25.4 * 72  # the page footer lies below this


def rapat(teks: str) -> str:
    return " ".join(teks.split())


def bundel_dokumen() -> list[laporan.DokumenUnit]:
    return ekspor.dokumen(
        ekspor.permintaan(
            opd="satpolpp-lumajang", tahun=2022, triwulan=2, jenis="bundel"
        )
    )


# --- content that contradicts or means nothing ---


@pytest.mark.parametrize("nama", DEMO)
def test_no_demo_pdf_prints_a_placeholder(request, nama):
    teks = rapat(teks_pdf(request.getfixturevalue(nama)))
    for sisipan in [
        "belum diisi",
        "belum ada pejabat",
        "Tidak ada data",
        "belum dikaitkan",
        "Belum ada Renstra",
        "Belum ada program",
        "Belum ada indikator",
    ]:
        assert sisipan.lower() not in teks.lower(), sisipan


def test_the_conclusion_agrees_with_the_count_of_programs_on_target(pdf_kalaena):
    dok = laporan.dokumen_opd(
        tahun_anggaran=selectors.tahun_anggaran_for("kalaena", 2023), triwulan=4
    )
    rk = dok.ringkasan
    assert (rk.jumlah_program, len(rk.tercapai), len(rk.belum)) == (6, 4, 2)
    halaman = teks_halaman(pdf_kalaena)
    awal = max(n for n, h in enumerate(halaman) if "BAB IV\nPENUTUP" in h)
    penutup = rapat("".join(halaman[awal:]))
    assert (
        "Dari 6 program, 4 program mencapai target yang ditetapkan dan 2 program "
        "belum mencapai target" in penutup
    )
    # The programs below target are named with the indicators that hold them back.
    assert "Jumlah Ijin Bangunan yang Diterbitkan target 6 Lembar, realisasi 0" in (
        penutup
    )
    # The typed conclusion is narrative: no count of its own, no other quarter.
    assert "5 program" not in penutup and "Triwulan II" not in penutup
    # The kata pengantar states the same figures.
    assert "4 dari 6 program Kecamatan Kalaena mencapai target" in rapat(halaman[1])


def test_biaya_per_output_only_for_outputs_counted_in_units(pdf_bundel):
    dokumen = bundel_dokumen()
    baris = [(d, b) for d in dokumen if d.tabel_biaya for b in d.tabel_biaya.baris]
    judul = [k.judul for d in dokumen if d.tabel_biaya for k in d.tabel_biaya.daun]
    assert baris
    for d, b in baris:
        daun = [k.judul for k in d.tabel_biaya.daun]
        if "Satuan" not in daun:
            continue  # no line of this unit has a cost per output
        satuan = b.sel[daun.index("Satuan")].nilai
        rencana = b.sel[daun.index("Satuan") - 2].nilai
        assert (rencana is None) == (not satuan), (d.unit.nama, b)
        assert satuan != "%"
    # The Sekretariat's lines are all percentages: its table stops at column 10.
    sekretariat = next(d for d in dokumen if d.unit.slug == "sekretariat")
    assert sekretariat.tabel_biaya.nomor_daun()[-1] == "10=9-6"
    assert "Satuan" in judul  # and units with counted outputs have the columns
    # Printed: the Sekretariat's table has no column of cost per output.
    halaman = [rapat(h) for h in teks_halaman(pdf_bundel)]
    tabel = next(h for h in halaman if "Cost per Outcome Sekretariat" in h)
    assert "Biaya per Output" not in tabel and "11=4/7" not in tabel


def test_efisiensi_is_in_points_in_the_pdf_and_the_xlsx(pdf_trantib, client):
    halaman = teks_pdf(pdf_trantib, layout=True).split("\f")
    biaya = next(h for h in halaman if "Cost per Outcome Seksi" in h)
    assert re.search(r"100 %\s+29,12\s+3\.025\.000", biaya)  # 100 - 70,88 points
    assert re.search(r"82,17 %\s+100 %\s+17,83\n", biaya)  # the total
    client.force_login(make_user("kasi", opd="kalaena", unit="trantib"))
    xlsx = client.get(
        reverse(
            "reports:laporan_unit_xlsx",
            kwargs={"opd": "kalaena", "unit": "trantib", "tahun": 2024, "triwulan": 2},
        )
    )
    ws = load_workbook(BytesIO(xlsx.content))["Tabel 3.3"]
    efisiensi = [
        c
        for c in ws["J"]
        if isinstance(c.value, int | float) and c.row > 5  # below the header
    ]
    assert [round(c.value, 2) for c in efisiensi] == [29.12, 0, -1.55, 17.83]
    assert {c.number_format for c in efisiensi} == {"0.00"}


def test_each_unit_of_the_bundle_is_named_by_its_unit(pdf_bundel):
    judul = [j for tingkat, j in penanda_buku(pdf_bundel) if tingkat == 1][1:]
    unit = [d.unit.nama for d in bundel_dokumen()]
    assert judul == unit and len(set(judul)) == 14
    teks = teks_pdf(pdf_bundel)
    assert "POLISI PAMONG PRAJA MUDA" not in teks.upper().replace(
        "SATUAN POLISI PAMONG PRAJA", ""
    ).replace("POLISI PAMONG PRAJA MUDA\n", "")  # only above a signature
    assert "Seksi Operasi dan Pengendalian" in teks
    # The jabatan stays where the seed puts it: above the head's signature.
    operasi = next(d for d in bundel_dokumen() if d.unit.slug.startswith("seksi-op"))
    assert operasi.penanda_tangan.jabatan == "Polisi Pamong Praja Muda"


def test_each_sentence_states_the_figure_of_the_table_next_to_it(pdf_bundel):
    teks = rapat(teks_pdf(pdf_bundel))
    # Seksi Pelatihan Dasar's one sub kegiatan is at 37,5 %: its sentence says so.
    assert (
        "Capaian kinerja indikator sub kegiatan Seksi Pelatihan Dasar di bawah "
        "kegiatan ini: 37,50 %" in teks
    )
    # Kabid Trantibum's one kegiatan is at 100 %, whatever its program's mean.
    assert (
        "Capaian kinerja indikator kegiatan Bidang Ketertiban Umum dan Ketentraman "
        "Masyarakat di bawah program ini: 100 %" in teks
    )
    assert "79,17" not in teks
    # A program heading is followed by "Program ini", never "Kegiatan ini".
    for awal in re.finditer(r"di bawah program ini: [\d,]+ %\. (\w+) ini", teks):
        assert awal.group(1) == "Program"


def test_empty_tables_and_sections_are_left_out(pdf_bundel, pdf_kalaena, pdf_towuti):
    bundel = teks_pdf(pdf_bundel)
    # Lumajang's plan has yearly targets and no anggaran kas: no Rencana Aksi table
    # of dashes, nor a comparison with a plan s/d the quarter it does not have.
    assert "Rencana Aksi Sekretariat" not in bundel
    assert "Capaian terhadap Target Tahunan dan Rencana Aksi" not in bundel
    kalaena = teks_pdf(pdf_kalaena)
    assert "Target per Triwulan" not in kalaena
    assert "Tabel 2.10 Rencana Aksi Tahun 2023" in rapat(kalaena)
    # Towuti keeps only its follow-up matrix: no empty plan table or section.
    towuti = rapat(teks_pdf(pdf_towuti))
    for kosong in [
        "Tujuan dan Sasaran",
        "Indikator Kinerja Utama",
        "Rencana Aksi Tahun",
    ]:
        assert kosong not in towuti
    assert "BAB II AKUNTABILITAS KINERJA" in towuti
    assert "Tabel 2.1 Matriks Tindak Lanjut Hasil Evaluasi" in towuti


def test_tables_are_numbered_as_seed_001_numbers_them(pdf_kalaena):
    teks = rapat(teks_pdf(pdf_kalaena))
    for nomor, judul in [
        ("2.5", "Sasaran dan Program Tahun 2023"),
        ("2.6", "Program dan Kegiatan pada Dokumen Perencanaan"),
        ("2.7", "Target Pendapatan Asli Daerah"),
        ("2.8", "Perjanjian Kinerja Tahun 2023"),
        ("2.10", "Rencana Aksi Tahun 2023"),
        ("3.1", "Perbandingan Target dan Realisasi"),
        ("3.6", "Laporan Realisasi Belanja"),
        ("3.7", "Realisasi Pendapatan"),
    ]:
        assert f"Tabel {nomor} {judul}" in teks


def test_charts_show_what_the_data_holds(pdf_kalaena):
    dok = laporan.dokumen_opd(
        tahun_anggaran=selectors.tahun_anggaran_for("kalaena", 2023), triwulan=4
    )
    gambar = [r.gambar for p in dok.program for k in p.kegiatan for r in k.rincian]
    # A yearly target and one entry s/d TW IV: the target once, then the entry.
    label = {tuple(lb.teks for lb in g.grafik.label) for g in gambar if g}
    assert label == {("Tahunan", "s/d TW IV")}
    # The organisation chart names the head in the boxes that have one.
    assert dok.bagan.bagan.kotak[0].nama == ("H. MARSUKI, S.Pd.,", "M.M")
    teks = teks_pdf(pdf_kalaena)
    assert "SUMANGE RUKKA, SP" in teks and "s/d TW IV" in teks


def test_rencana_tindak_lanjut_shows_the_entered_follow_up(pdf_bundel):
    sekretaris = next(d for d in bundel_dokumen() if d.unit.slug == "sekretariat")
    rtl = sekretaris.tabel_tindak_lanjut
    tindak = [b.sel[-2].nilai for b in rtl.baris]
    assert all(tindak[:2]), tindak  # entered for the sub kegiatan below
    umum = next(d for d in bundel_dokumen() if d.unit.slug == "subbag-umum-kepegawaian")
    assert "" not in [b.sel[0].nilai for b in umum.tabel_tindak_lanjut.baris[:1]]
    # Each funding source once, and no "-" typed for none.
    tibum = next(d for d in bundel_dokumen() if d.unit.slug == "bidang-tibum")
    assert tibum.tabel_anggaran.baris[0].sel[3].nilai == (
        "Dana Transfer Umum-Dana Alokasi Umum / Dana Pergeseran Khusus-Dana Alokasi "
        "Khusus Non Fisik"
    )
    latihan = next(d for d in bundel_dokumen() if d.unit.slug.endswith("dasar"))
    assert [k.judul for k in latihan.tabel_anggaran.daun][-1] == "Anggaran (Rp)"


def test_tugas_pokok_keep_their_letters_and_the_legal_basis_is_cited(pdf_bundel):
    teks = rapat(teks_pdf(pdf_bundel))
    assert (
        "mempunyai tugas: a. menyusun rencana program kerja dan anggaran Sub Bagian "
        "Umum dan Kepegawaian b. melakukan penyiapan" in teks
    )
    assert (
        "Berdasarkan Peraturan Bupati Nomor 59 Tahun 2017 tentang Perubahan atas "
        "Peraturan Bupati Nomor 65 Tahun 2016" in teks
    )
    assert "Berdasarkan Peraturan Bupati Nomor 93 Tahun 2021" in teks


# --- layout and typography ---


@pytest.mark.parametrize("nama", DEMO)
def test_no_heading_ends_a_page_and_no_page_is_only_a_signature(request, nama):
    isi = request.getfixturevalue(nama)
    halaman = kata_halaman(isi)
    for _, n, judul, atas in penanda_halaman(isi):
        tinggi, kata = halaman[n]
        if n == 0:
            continue  # the cover
        # Something of the body below the heading on its page, not the heading's
        # own words.
        sendiri = {w.upper() for w in judul.split()}
        dibawah = [
            k
            for k in kata
            if atas + 2 < k[0] < tinggi - MARGIN_BAWAH_PT - 4
            and k[2].upper() not in sendiri
        ]
        assert dibawah, f"{nama}: '{judul}' alone at the foot of page {n + 1}"
    # A signature block never starts a page: the lines before it come along.
    for n, h in enumerate(teks_halaman(isi)[1:], start=2):
        baris = [b.strip() for b in h.splitlines() if b.strip()]
        isi_halaman = [
            b for b in baris[1:] if not b.startswith(("Halaman ", "Draf - "))
        ]
        assert isi_halaman, f"{nama}: page {n} is empty"
        awal = isi_halaman[0]
        assert not (
            awal.startswith("Mengetahui")
            or re.match(r"^[A-Z][\w ]*, (\d+ \w+|\.+) \d{4}$", awal)
        ), f"{nama}: page {n} begins with a signature: {isi_halaman[:4]}"


def test_front_matter_is_numbered_in_roman_and_bab_i_starts_at_1(pdf_kalaena):
    label = label_halaman(pdf_kalaena)
    depan = label.index("1")
    assert depan >= 4
    assert label[:depan] == ["Sampul", "i", "ii", "iii", "iv", "v", "vi"][:depan]
    assert label[depan:] == [str(n) for n in range(1, len(label) - depan + 1)]
    halaman = teks_halaman(pdf_kalaena)
    assert "Halaman i\n" in halaman[1] and "Halaman ii\n" in halaman[2]
    assert "BAB I" in halaman[depan] and "Halaman 1 dari" in halaman[depan]
    akhir = len(label) - depan
    assert f"Halaman {akhir} dari {akhir}" in halaman[-1]
    # The contents: leader dots, the page on the right of an entry's last line.
    isi = teks_pdf(pdf_kalaena, layout=True).split("\f")[2]
    daftar = [b.strip() for b in isi.splitlines() if "...." in b]
    assert len(daftar) > 20
    assert all(re.search(r"\.{3,} ?[0-9ivx]+$", b) for b in daftar)
    assert re.search(r"^BAB I PENDAHULUAN ?\.{3,} ?1$", "\n".join(daftar), re.M)
    assert re.search(r"^Kata Pengantar ?\.{3,} ?i$", "\n".join(daftar), re.M)


def test_one_percent_format_and_no_percent_sign_alone_on_a_line(pdf_kalaena):
    teks = teks_pdf(pdf_kalaena)
    assert "97,80 %" in teks and "100 %" in teks
    assert "97,8 %" not in teks and "100%" not in teks
    # A number and its "%" or "Rp" are never split over two lines.
    assert not re.search(r"\d\n%|Rp\n\d", teks)


def test_the_realisasi_belanja_table_does_not_sprawl(pdf_kalaena):
    halaman = teks_halaman(pdf_kalaena)
    tabel = [h for h in halaman[6:] if "Laporan Realisasi Belanja s/d TW IV" in h]
    assert 1 < len(tabel) <= 7
    assert "Kode" not in "".join(tabel)


def test_bookmarks_have_spaces_and_the_bundle_title_names_its_office(pdf_bundel):
    judul = [j for _, j in penanda_buku(pdf_bundel)]
    assert not [j for j in judul if re.search(r"[a-z0-9][A-Z]{2}", j)]
    info = info_pdf(pdf_bundel)
    assert (
        "Title:           Laporan Kinerja Unit Kerja Satuan Polisi Pamong Praja "
        "Kabupaten Lumajang Triwulan II Tahun 2022" in info
    )


# --- the cover's lambang ---


def png_kecil() -> bytes:
    """A 4 x 4 pixel PNG, made by Pillow as any image editor would."""
    keluaran = BytesIO()
    Image.new("RGB", (4, 4), (200, 0, 0)).save(keluaran, "PNG")
    return keluaran.getvalue()


def test_the_cover_carries_the_pemdas_lambang_uploaded_in_the_admin(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    admin = make_user("admin-uji", superuser=True)
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    pemda = models.PemerintahDaerah.objects.get(slug="luwu-timur")
    halaman = reverse("admin:reports_pemerintahdaerah_change", args=[pemda.pk])
    data = {
        "jenis": pemda.jenis,
        "nama": pemda.nama,
        "slug": pemda.slug,
        "pita_predikat-TOTAL_FORMS": "0",
        "pita_predikat-INITIAL_FORMS": "0",
    }
    palsu = SimpleUploadedFile("lambang.png", b"bukan gambar", "image/png")
    ditolak = client.post(halaman, {**data, "lambang": palsu})
    assert ditolak.status_code == 200
    assert "Unggah gambar yang valid" in ditolak.content.decode()
    gif = BytesIO()
    Image.new("RGB", (4, 4)).save(gif, "GIF")
    ditolak = client.post(
        halaman,
        {**data, "lambang": SimpleUploadedFile("lambang.gif", gif.getvalue())},
    )
    assert "Lambang harus berupa gambar PNG atau JPG." in ditolak.content.decode()
    assert not models.PemerintahDaerah.objects.get(pk=pemda.pk).lambang
    gambar = png_kecil()
    berkas = SimpleUploadedFile("lambang.png", gambar, "image/png")
    diterima = client.post(halaman, {**data, "lambang": berkas})
    assert diterima.status_code == 302, diterima.context["errors"]
    pemda.refresh_from_db()
    assert pemda.lambang.name == "lambang/luwu-timur.png"
    assert (tmp_path / "lambang" / "luwu-timur.png").read_bytes() == gambar

    isi = ekspor.berkas_pdf(
        ekspor.permintaan(
            opd="kalaena", tahun=2024, triwulan=2, jenis="unit", unit="trantib"
        )
    )
    # One image, on the cover; the charts stay vector drawings.
    assert [b.split()[0] for b in gambar_pdf(isi)] == ["1"]


# --- the workbooks ---


def test_each_column_of_a_workbook_has_one_number_format_and_print_titles(client):
    client.force_login(make_user("perencana.x", opd="kalaena", peran="perencana"))
    xlsx = client.get(
        reverse(
            "reports:laporan_opd_xlsx",
            kwargs={"opd": "kalaena", "tahun": 2023, "triwulan": 4},
        )
    )
    wb = load_workbook(BytesIO(xlsx.content))
    for ws in wb.worksheets:
        format_kolom: dict[int, set[str]] = {}
        for baris in ws.iter_rows(min_row=4):
            for sel in baris:
                if isinstance(sel.value, int | float):
                    format_kolom.setdefault(sel.column, set()).add(sel.number_format)
        assert all(len(f) == 1 for f in format_kolom.values()), ws.title
        # Printed: the office and period at the top, the page at the foot.
        assert ws.oddHeader.left.text == "Kecamatan Kalaena, Triwulan IV Tahun 2023"
        assert ws.oddFooter.right.text == "Halaman &P dari &N"
    # The IKM under the NRR takes the column's format; percentages keep theirs.
    ikm = wb["Tabel 3.2"]
    assert {c.number_format for c in ikm["D"] if isinstance(c.value, float)} == {
        "0.0000"
    }
    assert "Kegiatan 1.1" in wb.sheetnames  # the unnumbered kegiatan tables
