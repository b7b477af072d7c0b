"""The office report's texts and staff tables as transcribed from seed 001 (and
their absence from seed 002), and the builder's rules for the staff tables."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections import Counter

import pytest
from django.urls import reverse

from reports import models
from tests.conftest import ROOT, make_user

pytestmark = pytest.mark.django_db


def _komposisi(tabel: str) -> list[models.KomposisiPegawai]:
    return list(
        models.KomposisiPegawai.objects.filter(
            tahun_anggaran__opd__slug="kalaena",
            tahun_anggaran__tahun=2023,
            tabel=tabel,
        )
    )


def _total_per_baris(sel: list[models.KomposisiPegawai]) -> dict[str, tuple[int, int]]:
    jumlah: Counter[tuple[str, str]] = Counter()
    for s in sel:
        jumlah[(s.kelompok, s.jenis_kelamin)] += s.jumlah
    return {k: (jumlah[(k, "L")], jumlah[(k, "P")]) for k, _ in jumlah}


def test_kalaena_2023_staff_by_golongan_adds_up_to_the_seeds_row_totals():
    sel = _komposisi("golongan")
    # Seed 001 Tabel 1.1, columns (15)/(16).
    assert _total_per_baris(sel) == {
        "IV": (2, 0),
        "III": (5, 4),
        "II": (2, 3),
        "Upah Jasa": (4, 9),
    }
    # The JUMLAH row: L 13, P 16.
    assert sum(s.jumlah for s in sel if s.jenis_kelamin == "L") == 13
    assert sum(s.jumlah for s in sel if s.jenis_kelamin == "P") == 16


def test_kalaena_2023_staff_by_golongan_keeps_the_cells_in_their_columns():
    sel = {
        (s.kelompok, s.pendidikan, s.jenis_kelamin): s.jumlah
        for s in _komposisi("golongan")
    }
    assert sel == {
        ("IV", "s3_s2", "L"): 1,
        ("IV", "s1_d4", "L"): 1,
        ("III", "s1_d4", "L"): 4,
        ("III", "s1_d4", "P"): 2,
        ("III", "d1_d3", "P"): 1,
        ("III", "slta", "L"): 1,
        ("III", "slta", "P"): 1,
        ("II", "d1_d3", "P"): 1,
        ("II", "slta", "L"): 2,
        ("II", "slta", "P"): 2,
        ("Upah Jasa", "s1_d4", "L"): 1,
        ("Upah Jasa", "s1_d4", "P"): 8,
        ("Upah Jasa", "slta", "L"): 3,
        ("Upah Jasa", "sd", "P"): 1,
    }


def test_kalaena_2023_structural_officials_add_up_to_the_seeds_row_totals():
    sel = _komposisi("eselon")
    # Seed 001 Tabel 1.2, columns (15)/(16); JUMLAH L 6, P 2.
    assert _total_per_baris(sel) == {
        "III/a": (1, 0),
        "III/b": (1, 0),
        "IV/a": (2, 2),
        "IV/b": (2, 0),
    }
    assert sum(s.jumlah for s in sel) == 8


def test_staff_table_rows_keep_the_seeds_order_and_store_no_zero_cells():
    for tabel, urutan in (
        ("golongan", ["IV", "III", "II", "Upah Jasa"]),
        ("eselon", ["III/a", "III/b", "IV/a", "IV/b"]),
    ):
        sel = _komposisi(tabel)
        baris = sorted({(s.urutan, s.kelompok) for s in sel})
        assert baris == list(enumerate(urutan, start=1))
        assert all(s.jumlah > 0 for s in sel)


def test_kalaena_renstra_carries_the_kabupaten_visi_and_six_misi():
    renstra = models.Renstra.objects.get(opd__slug="kalaena")
    misi = renstra.misi.splitlines()
    assert len(misi) == 6
    assert misi[3] == "Menciptakan pemerintahan dan pelayanan publik yang lebih baik"
    assert "Agama" in renstra.visi and "Agamm" not in renstra.visi


def test_kalaena_office_texts_come_from_seed_001_bab_i():
    opd = models.PerangkatDaerah.objects.get(slug="kalaena")
    assert opd.latar_belakang.startswith("Laporan Kinerja (LKj) Instansi Pemerintah")
    assert "Nomor 56 Tahun 2016" in opd.gambaran_umum
    assert opd.ukuran_kertas == models.UkuranKertas.A4


def test_kalaena_tw_iv_2023_office_report_is_dated_and_has_its_texts():
    laporan = models.LaporanOpd.objects.get(
        tahun_anggaran__opd__slug="kalaena", tahun_anggaran__tahun=2023
    )
    assert laporan.triwulan == 4
    assert laporan.tanggal == dt.date(2023, 12, 31)
    assert len(laporan.kata_pengantar.split("\n\n")) == 2
    # The narrative only: the report writes the counts from the figures.
    assert laporan.kesimpulan.startswith("Program Penyelenggaraan Pemerintahan")
    assert "5 program" not in laporan.kesimpulan


def test_seed_002_gives_lumajang_no_office_texts_or_staff_tables():
    opd = models.PerangkatDaerah.objects.get(slug="satpolpp-lumajang")
    assert (opd.latar_belakang, opd.gambaran_umum) == ("", "")
    assert opd.ukuran_kertas == models.UkuranKertas.A4
    assert not models.LaporanOpd.objects.filter(tahun_anggaran__opd=opd).exists()
    assert not models.KomposisiPegawai.objects.filter(tahun_anggaran__opd=opd).exists()


def test_the_admin_edits_a_years_office_report_and_staff_tables(client):
    root = make_user("root", superuser=True)
    root.is_staff = True
    root.save()
    client.force_login(root)
    ta = models.TahunAnggaran.objects.get(opd__slug="kalaena", tahun=2023)
    response = client.get(reverse("admin:reports_tahunanggaran_change", args=[ta.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="laporan_opd-0-kata_pengantar"' in html
    assert 'name="komposisi_pegawai-0-jumlah"' in html


# --- the builder ------------------------------------------------------------------


@pytest.fixture
def build():
    spec = importlib.util.spec_from_file_location(
        "fixtures_build", ROOT / "fixtures" / "build.py"
    )
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


@pytest.mark.parametrize(
    "baris",
    [
        {"tabel": "golongan", "kelompok": "IV", "L": {"s1_d4": 0}},
        {"tabel": "golongan", "kelompok": "IV", "L": {"s1": 1}},
        {"tabel": "golongan", "kelompok": "IV", "X": {"s1_d4": 1}},
        {"tabel": "pangkat", "kelompok": "IV", "L": {"s1_d4": 1}},
        {"tabel": "golongan", "kelompok": "IV", "L": {"s1_d4": 1.5}},
    ],
)
def test_the_builder_refuses_zero_cells_and_unknown_keys_in_staff_tables(build, baris):
    ta = models.TahunAnggaran.objects.get(opd__slug="kalaena", tahun=2024)
    with pytest.raises(build.DataError):
        build.Pembangun().pegawai(ta, [baris], "uji")
