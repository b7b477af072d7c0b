"""Bad input on the entry form: each case gets its Indonesian message beside the
field, nothing is saved, and everything typed comes back in the form."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reports import models
from tests.conftest import make_user, teks_html
from tests.test_alur import ISIAN, data_isian, indikator_trantib, laporan, sub_trantib

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def kasi(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(make_user("kasi", opd="kalaena", unit="trantib"))
    return client


def kirim(client, **kwargs):
    response = client.post(ISIAN, data_isian(**kwargs))
    return response, teks_html(response)


def nothing_saved() -> bool:
    return (
        not models.LaporanTriwulan.objects.filter(
            unit_kerja__slug="trantib", tahun_anggaran__tahun=2024, triwulan=3
        ).exists()
        and not models.Realisasi.objects.filter(
            indikator__in=indikator_trantib(), triwulan=3
        ).exists()
    )


def field(nama: str, nilai: str) -> str:
    return f'name="{nama}" value="{nilai}"'


@pytest.mark.parametrize(
    ("ketikan", "pesan"),
    [
        ("satu", "Isi dengan angka, mis. 12 atau 12,5."),
        ("-1", "Nilai tidak boleh negatif."),
        ("1,5", "Nilai untuk satuan \u201cLaporan\u201d harus bilangan bulat"),
        ("1.5", "Gunakan koma sebagai pemisah desimal"),
    ],
)
def test_a_bad_realisation_is_explained_and_the_typing_kept(kasi, ketikan, pesan):
    pertama, kedua, _ = indikator_trantib()
    response, html = kirim(
        kasi, nilai=(ketikan, "1", "1"), **{f"i{kedua.pk}-kendala": "Hujan deras"}
    )
    assert response.status_code == 400
    assert pesan in html
    assert field(f"i{pertama.pk}-nilai", ketikan) in html
    assert "Hujan deras" in html
    assert field(f"s{sub_trantib()[0].pk}-nilai", "3.095.000") in html
    assert "Belum ada yang disimpan" in html
    assert nothing_saved()


def test_decimals_within_the_satuan_are_accepted(db):
    from reports.forms import AngkaField, baca_angka

    assert baca_angka("12.523.000") == Decimal("12523000")
    assert baca_angka("87,5") == Decimal("87.5")
    assert baca_angka("Rp 1.234,56") == Decimal("1234.56")
    assert AngkaField(desimal=2).clean("92,79") == Decimal("92.79")
    assert AngkaField(desimal=0).clean("") is None


def test_spending_above_the_pagu_is_refused(kasi):
    sub = sub_trantib()[2]  # pagu 2.009.000
    response, html = kirim(kasi, rupiah=("3.095.000", "1.670.000", "2.500.000"))
    assert response.status_code == 400
    assert "Realisasi Rp 2.500.000 melebihi pagu Rp 2.009.000." in html
    assert field(f"s{sub.pk}-nilai", "2.500.000") in html
    assert nothing_saved()


def test_year_to_date_spending_above_the_pagu_is_refused(kasi):
    # TW II already spent 2.144.000 of 12.523.000; 10.500.000 more passes the pagu.
    sub = sub_trantib()[0]
    response, html = kirim(kasi, rupiah=("10.500.000", "1.670.000", "360.000"))
    assert response.status_code == 400
    assert (
        "Realisasi s/d triwulan ini menjadi Rp 12.644.000, melebihi pagu "
        "Rp 12.523.000." in html
    )
    assert field(f"s{sub.pk}-nilai", "10.500.000") in html
    assert nothing_saved()


def test_evidence_of_the_wrong_type_or_size_is_refused(kasi, settings):
    pertama = indikator_trantib()[0]
    palsu = SimpleUploadedFile("foto.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response, html = kirim(kasi, **{f"i{pertama.pk}-bukti": palsu})
    assert response.status_code == 400
    assert "Berkas \u201cfoto.pdf\u201d bukan PDF, JPG atau PNG." in html
    assert "pilih lagi" in html
    assert field(f"i{pertama.pk}-nilai", "1") in html

    settings.LAKIP_BUKTI_MAKS_MB = 1
    besar = SimpleUploadedFile("scan.png", PNG + b"\x00" * (1024 * 1024), "image/png")
    response, html = kirim(kasi, **{f"i{pertama.pk}-bukti": besar})
    assert response.status_code == 400
    assert (
        "Berkas \u201cscan.png\u201d terlalu besar (1 MB); paling besar 1 MB." in html
    )
    assert nothing_saved()


def test_a_capaian_above_150_percent_asks_for_confirmation(kasi):
    pertama = indikator_trantib()[0]
    response, html = kirim(kasi, nilai=("2", "1", "1"))
    assert response.status_code == 400
    assert "Capaian di atas 150 % pada:" in html
    assert pertama.nama in html
    assert field(f"i{pertama.pk}-nilai", "2") in html
    assert nothing_saved()

    response, _ = kirim(kasi, nilai=("2", "1", "1"), konfirmasi_tinggi="1")
    assert response.status_code == 302
    assert models.Realisasi.objects.get(indikator=pertama, triwulan=3).nilai == 2
    # Saving it again unchanged does not ask again.
    response, _ = kirim(kasi, nilai=("2", "1", "1"), versi=laporan().versi)
    assert response.status_code == 302


def test_evidence_is_stored_privately_and_served_only_to_who_may_see_it(
    kasi, client, settings
):
    pertama = indikator_trantib()[0]
    bukti = SimpleUploadedFile("notulen rapat.pdf", PDF, "application/pdf")
    response, _ = kirim(kasi, **{f"i{pertama.pk}-bukti": bukti})
    assert response.status_code == 302
    berkas = models.BuktiDukung.objects.get(realisasi__indikator=pertama)
    assert berkas.berkas.path.startswith(str(settings.MEDIA_ROOT))
    url = f"/bukti/{berkas.pk}/"
    response = kasi.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    riwayat = laporan().riwayat.filter(jenis="bukti").get()
    assert riwayat.nilai_baru == "notulen rapat.pdf"

    for user, status in [
        (make_user("camat", opd="kalaena", unit="camat", peran="atasan"), 200),
        (make_user("p", opd="kalaena", peran="perencana"), 200),
        (make_user("kasi.pmd", opd="kalaena", unit="pmd"), 404),
        (make_user("lumajang", opd="satpolpp-lumajang", peran="pemeriksa"), 404),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.logout()
    assert client.get(url).status_code == 302
    # Never from a public media URL.
    assert client.get(f"/media/{berkas.berkas.name}").status_code == 404

    # Deleting it is recorded too, and removes the file.
    client.force_login(models.Pengguna.objects.get(user__username="kasi").user)
    response = client.post(
        ISIAN,
        data_isian(versi=laporan().versi, **{f"i{pertama.pk}-hapus_bukti": berkas.pk}),
    )
    assert response.status_code == 302
    assert not models.BuktiDukung.objects.exists()
    assert laporan().riwayat.filter(jenis="bukti", nilai_baru="dihapus").exists()


def test_live_figures_come_from_the_server(kasi):
    from django.urls import reverse

    from tests.test_alur import ARGS

    pertama = indikator_trantib()[0]
    sub = sub_trantib()[0]
    url = reverse("reports:hitung", kwargs=ARGS)
    response = kasi.post(
        url, {f"i{pertama.pk}-nilai": "1", f"s{sub.pk}-nilai": "1.547.500"}
    )
    assert response.status_code == 200
    html = teks_html(response)
    assert f'<span id="k{pertama.pk}-capaian" hx-swap-oob="true">100 %</span>' in html
    assert (
        f'<span id="k{pertama.pk}-predikat" hx-swap-oob="true">Sangat Baik</span>'
        in html
    )
    # 1.547.500 of the TW III anggaran kas 3.095.000.
    assert '<span id="b1-serapan" hx-swap-oob="true">50 %</span>' in html
    # Efisiensi = capaian kinerja 100 - capaian keuangan 50, in points.
    assert '<span id="b1-efisiensi" hx-swap-oob="true">50</span>' in html
    assert nothing_saved()
    response = kasi.post(url, {f"i{pertama.pk}-nilai": "bukan angka"})
    assert f'<span id="k{pertama.pk}-capaian" hx-swap-oob="true">-</span>' in (
        response.content.decode()
    )


# --- year-to-date (s/d) entry ---

HITUNG = ISIAN + "hitung/"


def test_a_value_typed_s_d_the_quarter_is_stored_so_and_its_quarter_derived(kasi):
    pertama = indikator_trantib()[0]
    models.Realisasi.objects.create(indikator=pertama, triwulan=1, nilai=1)
    response, _ = kirim(
        kasi, nilai=("3", "1", "1"), **{f"i{pertama.pk}-kumulatif": "1"}
    )
    assert response.status_code == 302
    r = models.Realisasi.objects.get(indikator=pertama, triwulan=3)
    assert (r.nilai, r.kumulatif) == (3, True)
    html = kasi.get(ISIAN).content.decode()
    # TW I 1 + TW II 1 + TW III 1 = 3 s/d TW III: TW III alone is 1, capaian 100 %.
    assert f'id="k{pertama.pk}-realisasi">1</span>' in html
    assert f'id="k{pertama.pk}-sd">3</span>' in html
    assert '<option value="1" selected>s/d TW III</option>' in html
    riwayat = models.Riwayat.objects.filter(kolom="Nilai s/d triwulan").get()
    assert (riwayat.nilai_lama, riwayat.nilai_baru) == ("Tidak", "Ya")


def test_an_s_d_value_below_the_quarters_before_is_refused(kasi):
    # TW I is missing, TW II has 1: whatever TW I was, s/d TW II is at least 1.
    pertama = indikator_trantib()[0]
    response, html = kirim(
        kasi, nilai=("0", "1", "1"), **{f"i{pertama.pk}-kumulatif": "1"}
    )
    assert response.status_code == 400
    assert (
        "Nilai s/d TW III (0) lebih kecil dari realisasi s/d TW II (1). Nilai s/d "
        "triwulan tidak boleh turun" in html
    )
    assert '<option value="1" selected>s/d TW III</option>' in html
    assert nothing_saved()


def test_spending_s_d_the_quarter_is_checked_against_the_quarter_before(kasi):
    sub = sub_trantib()[0]  # TW II spent 2.144.000
    rupiah = ("2.000.000", "1.670.000", "360.000")
    response, html = kirim(kasi, rupiah=rupiah, **{f"s{sub.pk}-kumulatif": "1"})
    assert response.status_code == 400
    assert (
        "Nilai s/d TW III (Rp 2.000.000) lebih kecil dari realisasi s/d TW II "
        "(Rp 2.144.000)." in html
    )
    assert nothing_saved()
    rupiah = ("2.500.000", "1.670.000", "360.000")
    response, _ = kirim(kasi, rupiah=rupiah, **{f"s{sub.pk}-kumulatif": "1"})
    assert response.status_code == 302
    r = models.RealisasiAnggaran.objects.get(sub_kegiatan=sub, triwulan=3)
    assert (r.nilai, r.kumulatif) == (2500000, True)


def test_a_quarter_that_would_overtake_a_later_s_d_entry_is_refused(kasi):
    sub = sub_trantib()[0]
    models.RealisasiAnggaran.objects.create(
        sub_kegiatan=sub, triwulan=4, nilai=3000000, kumulatif=True
    )
    response, html = kirim(kasi, rupiah=("1.000.000", "1.670.000", "360.000"))
    assert response.status_code == 400
    assert (
        "Dengan isian ini realisasi s/d TW III menjadi Rp 3.144.000, lebih besar dari "
        "nilai s/d TW IV yang sudah diisi (Rp 3.000.000)." in html
    )


def test_the_live_figures_derive_the_other_reading_of_what_is_typed(kasi):
    sub = sub_trantib()[1]  # TW I missing, TW II 1.600.000
    models.RealisasiAnggaran.objects.create(sub_kegiatan=sub, triwulan=1, nilai=1000)
    data = data_isian(rupiah=("3.095.000", "2.600.000", "360.000"))
    data[f"s{sub.pk}-kumulatif"] = "1"
    html = kasi.post(HITUNG, data).content.decode()
    assert 'id="b2-tw" hx-swap-oob="true">999.000<' in html
    assert 'id="b2-sd" hx-swap-oob="true">2.600.000<' in html
