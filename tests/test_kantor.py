"""The planner's pages for the office's own data: the IKM survey, IKU from its
source, revenue, the follow-up matrix and the report's texts; who may use them,
what they refuse, and what the office report then prints."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from reports import laporan, selectors, selectors_kantor
from reports.models import (
    Indikator,
    LaporanOpd,
    Pendapatan,
    RekomendasiEvaluasi,
    Riwayat,
    SumberIKU,
    SurveiIKM,
)
from tests.conftest import make_opd, make_tahun, make_unit, make_user, teks_html

pytestmark = pytest.mark.django_db
D = Decimal


def halaman(nama: str, opd="kalaena", tahun=2023, triwulan=4) -> str:
    return reverse(f"reports:kantor_{nama}", args=[opd, tahun, triwulan])


@pytest.fixture
def perencana(client):
    client.force_login(make_user("perencana.k", opd="kalaena", peran="perencana"))
    return client


def sidik(client, nama: str, **kwargs) -> str:
    return client.get(halaman(nama, **kwargs)).context["sidik"]


@pytest.mark.parametrize("nama", ["isian", "iku", "ikm", "pendapatan", "tindak_lanjut"])
def test_only_the_offices_planner_keeps_its_data(client, nama):
    client.force_login(make_user("op.k", opd="kalaena", unit="trantib"))
    assert client.get(halaman(nama)).status_code == 403
    assert client.post(halaman(nama), {}).status_code == 403
    client.force_login(make_user("lain.k", opd="satpolpp-lumajang", peran="perencana"))
    assert client.get(halaman(nama)).status_code == 404
    client.force_login(make_user("p.k", opd="kalaena", peran="perencana"))
    assert client.get(halaman(nama)).status_code == 200


# --- the IKM survey ---


def data_survei(jawaban, responden="120", **lain) -> dict:
    data = {"sidik": "", "jumlah_responden": responden, "keterangan": ""}
    for n, j in enumerate(jawaban, start=1):
        for skor, nilai in enumerate(j, start=1):
            data[f"u{n}-jawaban_{skor}"] = nilai
        data[f"u{n}-nrr"] = ""
    data.update(lain)
    return data


def test_the_planner_enters_survey_answer_counts_and_the_iku_follows(perencana):
    # TW III 2023 has no survey yet: 120 respondents, all nine unsur alike.
    jawaban = [("0", "2", "38", "80")] * 9
    data = data_survei(jawaban, sidik=sidik(perencana, "ikm", triwulan=3))
    response = perencana.post(halaman("ikm", triwulan=3), data, follow=True)
    assert "Tersimpan." in response.content.decode()
    survei = SurveiIKM.objects.get(tahun_anggaran__tahun=2023, triwulan=3)
    assert survei.jumlah_responden == 120
    hasil = selectors_kantor.survei_tahun(survei.tahun_anggaran)[3]
    nrr = D(2 * 2 + 38 * 3 + 80 * 4) / 120
    assert hasil.nrr == [nrr] * 9
    assert hasil.hasil.ikm == nrr * 25
    assert (hasil.hasil.mutu, hasil.hasil.kinerja) == ("A", "Sangat Baik")
    # The IKM IKU takes its TW III realisation from the survey.
    ta = selectors.tahun_anggaran_for("kalaena", 2023)
    pohon = selectors.PohonTahun(ta, 3)
    ikm = next(i for i in pohon.indikator_iku() if i.nama.startswith("Indeks"))
    assert pohon.angka(ikm).realisasi == nrr * 25
    entri = Riwayat.objects.filter(tahun_anggaran=ta, objek="Survei IKM TW 3")
    assert entri.filter(kolom="Jumlah responden", nilai_baru="120").exists()
    dok = laporan.dokumen_opd(tahun_anggaran=ta, triwulan=3)
    assert dok.tabel_ikm is not None and dok.survei.hasil.mutu == "A"


def test_a_survey_known_only_by_its_nrr_saves_without_respondents(perencana):
    # Seed 001 gives no count of respondents: the NRR alone are enough.
    data = {"sidik": sidik(perencana, "ikm", triwulan=3), "jumlah_responden": ""}
    data["keterangan"] = ""
    for n in range(1, 10):
        data.update({f"u{n}-jawaban_{s}": "" for s in range(1, 5)})
        data[f"u{n}-nrr"] = "3,5"
    response = perencana.post(halaman("ikm", triwulan=3), data, follow=True)
    assert "Tersimpan." in response.content.decode()
    survei = SurveiIKM.objects.get(tahun_anggaran__tahun=2023, triwulan=3)
    assert survei.jumlah_responden is None
    hasil = selectors_kantor.survei_tahun(survei.tahun_anggaran)[3].hasil
    assert (hasil.ikm, hasil.mutu) == (D("87.5"), "B")


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"u1-nrr": "3,5"}, "Isi jumlah jawaban atau NRR, tidak keduanya."),
        ({"u2-jawaban_4": ""}, "Isi keempat jumlah jawaban (0 bila tidak ada)."),
        ({"u3-jawaban_4": "200"}, "Jumlah jawaban (240) melebihi jumlah responden"),
        ({"jumlah_responden": ""}, "Isi jumlah responden survei (jumlah jawaban"),
        ({"u4-jawaban_1": "satu"}, "Isi dengan bilangan bulat."),
    ],
)
def test_a_survey_that_cannot_be_is_refused_and_the_typing_kept(perencana, ubah, pesan):
    data = data_survei([("0", "2", "38", "80")] * 9, **ubah)
    data["sidik"] = sidik(perencana, "ikm", triwulan=3)
    response = perencana.post(halaman("ikm", triwulan=3), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert pesan in html
    assert 'name="u5-jawaban_3" value="38"' in html
    assert not SurveiIKM.objects.filter(tahun_anggaran__tahun=2023, triwulan=3).exists()


def test_a_save_from_a_page_opened_before_someone_elses_is_refused(client):
    a = make_user("perencana.a", opd="kalaena", peran="perencana")
    b = make_user("perencana.b", opd="kalaena", peran="perencana")
    client.force_login(a)
    lama = sidik(client, "ikm", triwulan=3)
    client.force_login(b)
    data = data_survei([("0", "0", "60", "60")] * 9, sidik=lama)
    assert client.post(halaman("ikm", triwulan=3), data).status_code == 302
    client.force_login(a)
    data = data_survei([("0", "2", "38", "80")] * 9, sidik=lama)
    response = client.post(halaman("ikm", triwulan=3), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "diubah orang lain sejak halaman dibuka" in html
    assert 'name="u1-jawaban_2" value="2"' in html  # the typing is kept
    survei = SurveiIKM.objects.get(tahun_anggaran__tahun=2023, triwulan=3)
    assert survei.unsur.get(nomor=1).jawaban_3 == 60  # b's figures stand
    # The page now carries the current fingerprint: saving again is deliberate.
    assert response.context["sidik"] != lama


# --- IKU from its source ---


def test_an_iku_taken_from_programs_agrees_with_their_printed_figures(perencana):
    ta = selectors.tahun_anggaran_for("kalaena", 2023)
    lakip = Indikator.objects.get(tahun_anggaran=ta, iku__nama="Nilai Lakip")
    pohon = selectors.PohonTahun(ta, 4)
    program = pohon.program[:2]
    kunci = [f"p{p.pk}" for p in program]
    awalan = f"iku{lakip.pk}-"
    form = perencana.get(halaman("iku")).context["forms"]
    data = {"sidik": sidik(perencana, "iku")}
    for f, _ in form:  # every IKU as stored, numbers typed the Indonesian way
        for nama, nilai in f.initial.items():
            if isinstance(nilai, Decimal):
                nilai = str(nilai).replace(".", ",")
            data[f"{f.prefix}-{nama}"] = "" if nilai is None else nilai
    data[f"{awalan}sumber"] = "rencana"
    data[f"{awalan}butir"] = kunci
    data[f"{awalan}rumus_sumber"] = "s1 +"
    salah = perencana.post(halaman("iku"), data)
    assert salah.status_code == 400
    assert "Rumus tidak dapat dibaca." in salah.content.decode()
    data[f"{awalan}rumus_sumber"] = "(s1 + s2) / s3"
    salah = perencana.post(halaman("iku"), data)
    assert "s3 tidak ada: IKU ini punya 2 sumber." in salah.content.decode()
    data[f"{awalan}rumus_sumber"] = ""
    r = perencana.post(halaman("iku"), data)
    assert r.status_code == 302, [f.errors for f, _ in r.context["forms"]]
    assert [s.kunci for s in SumberIKU.objects.filter(iku=lakip)] == kunci

    pohon = selectors.PohonTahun(selectors.tahun_anggaran_for("kalaena", 2023), 4)
    rerata = sum(pohon.capaian_simpul(p) for p in pohon.program[:2]) / 2
    lakip = pohon.indikator_by_id[lakip.pk]
    assert pohon.angka(lakip).realisasi == rerata
    dok = laporan.dokumen_opd(tahun_anggaran=pohon.tahun_anggaran, triwulan=4)
    baris = next(
        b for b in dok.tabel_capaian_iku.baris if b.sel[2].nilai == "Nilai Lakip"
    )
    assert baris.sel[7].nilai == rerata


# --- revenue ---


def test_the_planner_adds_revenue_and_its_receipts_s_d_the_quarter(perencana):
    data = {
        "sidik": sidik(perencana, "pendapatan", tahun=2024, triwulan=2),
        "baru0-uraian": "Pendapatan Asli Daerah",
        "baru0-kode": "1",
        "baru1-uraian": "",
    }
    assert (
        perencana.post(halaman("pendapatan", tahun=2024, triwulan=2), data).status_code
        == 302
    )
    pad = Pendapatan.objects.get(tahun_anggaran__tahun=2024, uraian__startswith="Pend")
    data = {
        "sidik": sidik(perencana, "pendapatan", tahun=2024, triwulan=2),
        f"p{pad.pk}-uraian": pad.uraian,
        f"p{pad.pk}-kode": "1",
        "baru0-uraian": "Retribusi Pasar",
        "baru0-kode": "1.2",
        "baru0-induk": str(pad.pk),
        "baru0-anggaran": "20.000.000",
        "baru0-realisasi": "12.500.000",
        "baru0-kumulatif": "1",
    }
    url = halaman("pendapatan", tahun=2024, triwulan=2)
    assert perencana.post(url, data).status_code == 302
    assert 'value="12.500.000"' in perencana.get(url).content.decode()
    retribusi = Pendapatan.objects.get(uraian="Retribusi Pasar")
    assert retribusi.realisasi.get().kumulatif is True
    ta = selectors.tahun_anggaran_for("kalaena", 2024)
    baris = selectors_kantor.baris_pendapatan(
        selectors_kantor.pendapatan_tahun(ta),
        dasar="tahunan",
        triwulan=2,
        tahap="murni",
    )
    assert [(b.nomor, b.angka.realisasi, b.angka.serapan) for b in baris] == [
        ("1", 12500000, D("62.5")),
        ("1.2", 12500000, D("62.5")),
    ]
    # An s/d figure in TW III below TW II's is refused.
    data = {
        "sidik": sidik(perencana, "pendapatan", tahun=2024, triwulan=3),
        f"p{pad.pk}-uraian": pad.uraian,
        f"p{retribusi.pk}-uraian": retribusi.uraian,
        f"p{retribusi.pk}-induk": str(pad.pk),
        f"p{retribusi.pk}-anggaran": "20.000.000",
        f"p{retribusi.pk}-realisasi": "10.000.000",
        f"p{retribusi.pk}-kumulatif": "1",
    }
    response = perencana.post(halaman("pendapatan", tahun=2024, triwulan=3), data)
    assert response.status_code == 400
    assert "lebih kecil dari realisasi s/d TW II (Rp 12.500.000)" in (
        response.content.decode()
    )


# --- the follow-up matrix ---


def test_a_recommendation_is_carried_into_the_next_year_until_done(client):
    opd = make_opd()
    kepala = make_unit(opd, "kepala", jenis="pimpinan")
    make_tahun(opd, 2024)
    make_tahun(opd, 2025)
    client.force_login(make_user(f"p.{opd.slug}", opd=opd, peran="perencana"))

    def url(tahun: int, tw: int) -> str:
        return halaman("tindak_lanjut", opd=opd.slug, tahun=tahun, triwulan=tw)

    data = {
        "sidik": client.get(url(2024, 3)).context["sidik"],
        "baru0-sumber": "Inspektorat",
        "baru0-rekomendasi": "Lakukan penyusunan laporan berjenjang.",
        "baru0-rencana_aksi": "Laporan berjenjang disusun tiap triwulan.",
        "baru0-unit_kerja": str(kepala.pk),
        "baru0-batas_waktu": "2024-12-31",
        "baru0-progres": "Dimulai untuk TW III.",
    }
    assert client.post(url(2024, 3), data).status_code == 302
    r = RekomendasiEvaluasi.objects.get(opd=opd)
    assert (r.tahun, r.selesai) == (2024, False)

    def matriks(tahun: int, tw: int):
        return selectors_kantor.matriks_tindak_lanjut(opd.pk, tahun, tw)

    (b,) = matriks(2025, 1)
    assert b.progres.uraian == "Dimulai untuk TW III." and not b.progres_kini
    ta = selectors.tahun_anggaran_for(opd.slug, 2025)
    teks = " ".join(
        str(s.nilai)
        for s in laporan.dokumen_opd(tahun_anggaran=ta, triwulan=1)
        .tabel_tindak_lanjut.baris[0]
        .sel
    )
    assert "(keadaan per Triwulan III 2024)" in teks and "31 Desember 2024" in teks
    assert matriks(2024, 2) == []  # not yet given then

    data = {
        "sidik": client.get(url(2025, 1)).context["sidik"],
        f"r{r.pk}-sumber": "Inspektorat",
        f"r{r.pk}-rekomendasi": r.rekomendasi,
        f"r{r.pk}-progres": "Laporan berjenjang diserahkan ke Inspektorat.",
        f"r{r.pk}-selesai": "on",
    }
    assert client.post(url(2025, 1), data).status_code == 302
    (b,) = matriks(2025, 1)
    assert b.selesai_kini and b.progres_kini
    assert matriks(2025, 2) == []


# --- the report's texts and Tabel 2.6 ---


def test_the_report_date_and_tabel_2_6_figures_are_checked(perencana):
    url = halaman("isian", tahun=2024, triwulan=2)
    data = {
        "sidik": sidik(perencana, "isian", tahun=2024, triwulan=2),
        "laporan-tanggal": "2024-07-05",
        "kata_pengantar": "",
        "kesimpulan": "Capaian triwulan ini sesuai rencana.",
        "rkpd-belanja": "100.000",
        "rkpd-belanja_operasi": "60.000",
        "rkpd-belanja_modal": "30.000",
    }
    response = perencana.post(url, data)
    assert response.status_code == 400
    assert (
        "Belanja operasi + modal = Rp 90.000, tidak sama dengan jumlah anggaran "
        "belanja Rp 100.000." in response.content.decode()
    )
    data["rkpd-belanja_modal"] = "40.000"
    assert perencana.post(url, data).status_code == 302
    lap = LaporanOpd.objects.get(tahun_anggaran__tahun=2024, triwulan=2)
    assert str(lap.tanggal) == "2024-07-05"
    ta = selectors.tahun_anggaran_for("kalaena", 2024)
    dok = laporan.dokumen_opd(tahun_anggaran=ta, triwulan=2)
    rkpd = dok.tabel_program_kegiatan.baris[0]
    assert [s.nilai for s in rkpd.sel[5:]] == [60000, 40000, 100000]
    assert Riwayat.objects.filter(tahun_anggaran=ta, kolom="Tanggal laporan").exists()


# --- the report's texts ---


def test_the_text_page_shows_the_sentences_of_figures_beside_each_text_box(perencana):
    html = teks_html(perencana.get(halaman("isian")))
    # What the report itself states from the figures, beside the box.
    assert "4 dari 6 program Kecamatan Kalaena mencapai target" in html
    assert "Dari 6 program, 4 program mencapai target yang ditetapkan" in html
    # The demo's typed texts are narrative: nothing to check.
    assert "catatan-teks" not in html
    # A typed kesimpulan with counts and another quarter is pointed out.
    lap = LaporanOpd.objects.get(tahun_anggaran__opd__slug="kalaena", triwulan=4)
    lap.kesimpulan = "Dari 6 program, 5 program mencapai 100 % pada Triwulan II."
    lap.save()
    html = teks_html(perencana.get(halaman("isian")))
    assert "Teks menyebut Triwulan II, padahal laporan ini Triwulan IV." in html
    assert "Teks memuat angka capaian atau jumlah (100 %, 5 program, 6 program)" in (
        html
    )
