"""The read-only pages: who may see what, what they show, how many queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports import models
from tests.conftest import make_kantor, make_user, teks_html

pytestmark = pytest.mark.django_db


def halaman(opd: str, unit: str, tahun: int, triwulan: int) -> str:
    return reverse(
        "reports:unit_triwulan",
        kwargs={"opd": opd, "unit": unit, "tahun": tahun, "triwulan": triwulan},
    )


TRANTIB_TW2 = halaman("kalaena", "trantib", 2024, 2)


@pytest.fixture
def kasi(client):
    client.force_login(make_user("kasi", opd="kalaena", unit="trantib"))
    return client


def test_pages_require_sign_in(client):
    for url in [reverse("reports:beranda"), TRANTIB_TW2]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_login_page_is_indonesian(client):
    response = client.get(reverse("login"))
    assert "Kata sandi" in response.content.decode()
    response = client.post(reverse("login"), {"username": "x", "password": "salah"})
    assert "nama pengguna dan sandi" in response.content.decode().lower()


def test_section_head_sees_their_units_quarter_with_the_seeds_figures(kasi):
    response = kasi.get(TRANTIB_TW2)
    assert response.status_code == 200
    html = teks_html(response)
    assert "Capaian Kinerja Triwulan II Tahun 2024" in html
    assert "SUMANGE RUKKA, SP" in html
    assert "19710502 201410 1 002" in html
    lap = response.context["lap"]
    sub = [b for b in lap.baris_kinerja if b.tingkat == "sub_kegiatan"]
    assert [b.angka.capaian for b in sub] == [100, 100, 100]
    assert 'id="rata-rata-kinerja">100 %<' in html
    assert 'id="rata-rata-keuangan">82,17 %<' in html
    assert "Rp 4.038.500 dari Rp 4.915.000" in html
    for tampil in ["70,88 %", "101,55 %", "12.523.000", "3.025.000", "2.144.000"]:
        assert tampil in html


def test_budget_lines_follow_plan_order(kasi):
    baris = kasi.get(TRANTIB_TW2).context["lap"].baris_keuangan
    assert [b.nama.split()[0] for b in baris] == [
        "Sinergitas",
        "Harmonisasi",
        "Koordinasi/Sinergi",
    ]


@pytest.mark.parametrize(
    "url",
    [
        halaman("kalaena", "pemerintahan", 2024, 2),  # another seksi, same office
        halaman("kalaena", "camat", 2024, 2),  # the unit above
        halaman("satpolpp-lumajang", "sekretariat", 2022, 2),  # another office
    ],
)
def test_section_head_cannot_open_other_units_by_url(kasi, url):
    assert kasi.get(url).status_code == 404


def test_forbidden_and_missing_units_answer_alike(kasi):
    lain = kasi.get(halaman("kalaena", "pemerintahan", 2024, 2))
    tiada = kasi.get(halaman("kalaena", "tidak-ada", 2024, 2))
    assert lain.status_code == tiada.status_code == 404


def test_superior_sees_the_units_below(client):
    client.force_login(make_user("camat", opd="kalaena", unit="camat", peran="atasan"))
    assert client.get(TRANTIB_TW2).status_code == 200
    assert client.get(halaman("kalaena", "camat", 2023, 4)).status_code == 200
    lumajang = halaman("satpolpp-lumajang", "sekretariat", 2022, 2)
    assert client.get(lumajang).status_code == 404


def test_sekretaris_sees_the_subbagian_but_not_the_bidang(client):
    client.force_login(
        make_user("sekr", opd="satpolpp-lumajang", unit="sekretariat", peran="atasan")
    )
    subbag = halaman("satpolpp-lumajang", "subbag-umum-kepegawaian", 2022, 2)
    assert client.get(subbag).status_code == 200
    assert (
        client.get(halaman("satpolpp-lumajang", "pimpinan", 2022, 2)).status_code == 404
    )


@pytest.mark.parametrize("peran", ["perencana", "pemeriksa"])
def test_planner_and_examiner_see_every_unit_of_their_office_only(client, peran):
    client.force_login(make_user(peran, opd="kalaena", peran=peran))
    for unit in models.UnitKerja.objects.filter(opd__slug="kalaena"):
        assert client.get(halaman("kalaena", unit.slug, 2024, 2)).status_code == 200
    lumajang = halaman("satpolpp-lumajang", "sekretariat", 2022, 2)
    assert client.get(lumajang).status_code == 404


def test_site_admin_sees_every_office(client):
    client.force_login(make_user("root", superuser=True))
    assert (
        client.get(halaman("satpolpp-lumajang", "sekretariat", 2022, 2)).status_code
        == 200
    )
    assert client.get(TRANTIB_TW2).status_code == 200


def test_user_without_a_profile_sees_nothing(client):
    client.force_login(make_user("asing"))
    assert client.get(TRANTIB_TW2).status_code == 404
    beranda = client.get(reverse("reports:beranda")).content.decode()
    assert "belum terhubung dengan unit kerja" in beranda


def test_home_lists_only_the_visible_units(kasi):
    html = kasi.get(reverse("reports:beranda")).content.decode()
    assert TRANTIB_TW2 in html
    assert halaman("kalaena", "pemerintahan", 2024, 2) not in html
    assert "Satuan Polisi Pamong Praja" not in html


@pytest.mark.parametrize(
    "url",
    [
        halaman("kalaena", "trantib", 2024, 5),
        halaman("kalaena", "trantib", 2024, 0),
        halaman("kalaena", "trantib", 2019, 2),
    ],
)
def test_unknown_quarters_and_years_are_not_found(kasi, url):
    assert kasi.get(url).status_code == 404


def test_pages_are_read_only(kasi):
    assert kasi.post(TRANTIB_TW2).status_code == 405


def test_missing_quarter_shows_dashes_not_zeros(kasi):
    html = kasi.get(halaman("kalaena", "trantib", 2024, 1)).content.decode()
    assert 'id="rata-rata-kinerja">-<' in html
    assert 'id="rata-rata-keuangan">-<' in html
    assert "0 %" not in html


def test_a_unit_without_budget_lines_shows_no_rupiah_sums(client):
    client.force_login(make_user("c", opd="kalaena", unit="camat", peran="atasan"))
    html = client.get(halaman("kalaena", "camat", 2023, 4)).content.decode()
    assert "Rp 0" not in html
    assert "tidak memegang anggaran" in html
    assert "Sasaran Strategis" in html


def test_yearly_basis_compares_with_the_yearly_target(client):
    # Kalaena 2023 measures s/d TW IV against the year's target: no quarterly column.
    client.force_login(make_user("p", opd="kalaena", peran="perencana"))
    html = client.get(halaman("kalaena", "trantib", 2023, 4)).content.decode()
    assert "Realisasi s/d TW IV" in html
    assert "Target s/d TW IV" not in html


def test_each_table_and_report_names_its_own_basis(client):
    opd, unit = make_kantor(1)
    ta = models.TahunAnggaran.objects.get(opd=opd)
    ta.dasar_keuangan = models.DasarCapaian.TAHUNAN
    ta.save()
    client.force_login(make_user("p.dasar", opd=opd, peran="perencana"))
    html = client.get(halaman(opd.slug, unit.slug, 2024, 2)).content.decode()
    kinerja, keuangan = html.split("Realisasi keuangan</h2>")
    assert "Target TW II" in kinerja and "Realisasi TW II" in kinerja
    assert "Realisasi s/d TW II" in keuangan and "Target" not in keuangan
    assert "terhadap target tahunan (pagu)" in html
    laporan = reverse(
        "reports:laporan_unit",
        kwargs={"opd": opd.slug, "unit": unit.slug, "tahun": 2024, "triwulan": 2},
    )
    teks = client.get(laporan).content.decode()
    assert "Anggaran s/d TW II" in teks and "Kinerja TW II" in teks


@pytest.mark.parametrize("banyak", [3, 60])
def test_query_count_does_not_grow_with_the_number_of_indicators(
    client, django_assert_max_num_queries, banyak
):
    opd, unit = make_kantor(banyak)
    client.force_login(make_user(f"u{banyak}", superuser=True))
    with django_assert_max_num_queries(16):
        response = client.get(halaman(opd.slug, unit.slug, 2024, 2))
    assert response.status_code == 200
    assert len(response.context["lap"].baris_keuangan) == banyak
