"""The rows of the pages, on the seeds' own numbers (the demo data)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reports import akses, selectors
from reports.kinerja import bulatkan
from reports.models import Program, UnitKerja
from tests.conftest import (
    make_anggaran,
    make_indikator,
    make_opd,
    make_sub_kegiatan,
    make_tahun,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db
D = Decimal


def laporan(opd: str, unit: str, tahun: int, triwulan: int) -> selectors.LaporanUnit:
    return selectors.laporan_unit(
        unit=UnitKerja.objects.get(opd__slug=opd, slug=unit),
        tahun_anggaran=selectors.tahun_anggaran_for(opd, tahun),
        triwulan=triwulan,
    )


def pohon(opd: str, tahun: int, triwulan: int) -> selectors.PohonTahun:
    return selectors.PohonTahun(selectors.tahun_anggaran_for(opd, tahun), triwulan)


def dua(nilai):
    return None if nilai is None else bulatkan(nilai)


# --- seed 000: Kalaena, Seksi Trantib, TW II 2024 ---


def test_trantib_tw2_2024_three_sub_kegiatan_at_100_percent():
    lap = laporan("kalaena", "trantib", 2024, 2)
    sub = [b.angka for b in lap.baris_kinerja if b.tingkat == "sub_kegiatan"]
    assert [(a.target, a.realisasi, a.capaian) for a in sub] == [(1, 1, 100)] * 3
    assert [a.predikat for a in sub] == ["Sangat Baik"] * 3
    assert lap.rata_rata_kinerja.nilai == 100
    assert lap.rata_rata_kinerja.jumlah == 3


def test_trantib_tw2_2024_realisasi_keuangan_as_the_seed():
    lap = laporan("kalaena", "trantib", 2024, 2)
    assert [dua(b.angka.serapan) for b in lap.baris_keuangan] == [
        D("70.88"),
        D(100),
        D("101.55"),
    ]
    total = lap.total_keuangan
    assert (total.realisasi, total.target, total.pagu) == (4038500, 4915000, 21349000)
    assert dua(total.serapan) == D("82.17")


def test_trantib_program_and_kegiatan_take_the_mean_of_what_is_below():
    lap = laporan("kalaena", "trantib", 2024, 2)
    turunan = [b for b in lap.baris_kinerja if b.indikator and b.indikator.dari_turunan]
    assert [(b.tingkat, b.angka.capaian, b.angka.jumlah_turunan) for b in turunan] == [
        ("program", 100, 2),
        ("kegiatan", 100, 2),
        ("kegiatan", 100, 1),
    ]


def test_year_to_date_with_a_missing_first_quarter_is_missing_not_guessed():
    # Seed 000 reports TW II only; TW I stays missing, so s/d TW II is unknown.
    lap = laporan("kalaena", "trantib", 2024, 2)
    sub = [b.angka for b in lap.baris_kinerja if b.tingkat == "sub_kegiatan"]
    assert [a.realisasi_sd for a in sub] == [None] * 3
    assert [a.target_sd for a in sub] == [2] * 3
    assert lap.total_keuangan.realisasi_sd is None


def test_a_quarter_without_realisations_has_no_capaian():
    lap = laporan("kalaena", "trantib", 2024, 3)
    sub = [b.angka for b in lap.baris_kinerja if b.tingkat == "sub_kegiatan"]
    assert [a.capaian for a in sub] == [None] * 3
    assert lap.rata_rata_kinerja.nilai is None
    assert lap.total_keuangan.serapan is None


# --- seed 001: Kalaena, the whole office, s/d TW IV 2023 ---


def test_kalaena_2023_has_the_seeds_plan():
    p = pohon("kalaena", 2023, 4)
    assert (len(p.program), len(p.kegiatan), len(p.sub_kegiatan)) == (6, 15, 33)


def test_kalaena_2023_tw4_belanja_total_as_tabel_3_6():
    total = pohon("kalaena", 2023, 4).total_keuangan()
    assert total.pagu == D("2727830700")
    assert total.realisasi_sd == D("2691183025")
    assert total.sisa == D("36647675")
    assert dua(total.serapan) == D("98.66")


def test_kalaena_2023_program_penunjang_is_the_true_mean_of_its_kegiatan():
    # The seed writes (100+97+100+100+140+100+100+102+100)/9 and prints 94 %. Computed
    # from its own sub kegiatan, the nine kegiatan average 102,19 %.
    p = pohon("kalaena", 2023, 4)
    penunjang = Program.objects.get(
        tahun_anggaran__opd__slug="kalaena",
        tahun_anggaran__tahun=2023,
        nama__startswith="Program Penunjang",
    )
    assert dua(p.capaian_simpul(penunjang)) == D("102.19")
    kegiatan = [dua(p.capaian_simpul(k)) for k in p.anak(penunjang)]
    assert kegiatan[1] == D("97.06")  # gaji 16 of 17 and laporan keuangan 18 of 18
    assert kegiatan[4] == D(120)  # the seed's formula uses 140 for this kegiatan


def test_kalaena_2023_a_real_zero_is_zero_not_missing():
    # Program Penyelenggaraan Pemerintahan: 0 of 6 permits, capaian 0 %.
    p = pohon("kalaena", 2023, 4)
    assert [dua(p.capaian_simpul(pr)) for pr in p.program][1] == 0


def test_kalaena_2023_iku_ikm_against_the_pk_target():
    p = pohon("kalaena", 2023, 4)
    ikm, lakip = p.indikator_iku()
    a = p.angka(ikm)
    assert (a.target, a.realisasi, dua(a.capaian)) == (87, D("92.79"), D("106.66"))
    assert p.angka(lakip).capaian is None  # the seed gives no Nilai Lakip realisation


# --- seed 002: Satpol PP Lumajang, s/d TW II 2022 ---


def test_lumajang_sekretaris_kegiatan_are_means_of_the_kasubag_sub_kegiatan():
    lap = laporan("satpolpp-lumajang", "sekretariat", 2022, 2)
    capaian = [dua(b.angka.capaian) for b in lap.baris_kinerja if b.indikator]
    # The seed prints 63, 43, 74, 50 and 76 %; its own sub kegiatan give these.
    assert capaian == [D("63.33"), D("37.50"), D("88.89"), D(50), D("77.88")]


def test_lumajang_kasubag_umum_measures_year_to_date_against_the_yearly_target():
    lap = laporan("satpolpp-lumajang", "subbag-umum-kepegawaian", 2022, 2)
    pertama = next(b for b in lap.baris_kinerja if b.indikator)
    assert (pertama.angka.target, pertama.angka.realisasi) == (3, 2)
    assert dua(pertama.angka.capaian) == D("66.67")


def test_lumajang_kabid_tibum_computes_its_indicator_from_components():
    lap = laporan("satpolpp-lumajang", "bidang-tibum", 2022, 2)
    baris = next(b for b in lap.baris_kinerja if b.indikator)
    assert baris.indikator.punya_rumus
    assert (baris.realisasi.pembilang, baris.realisasi.penyebut) == (12, 12)
    assert baris.angka.capaian == 100


def test_a_unit_without_a_budget_has_no_serapan_rather_than_zero():
    # Seksi Pelatihan Dasar: "Rp. 0 ... tanpa anggaran".
    lap = laporan("satpolpp-lumajang", "seksi-pelatihan-dasar", 2022, 2)
    assert lap.total_keuangan.pagu == 0
    assert lap.total_keuangan.serapan is None


def test_a_unit_owning_kegiatan_reports_them_as_totals_of_their_sub_kegiatan():
    lap = laporan("satpolpp-lumajang", "sekretariat", 2022, 2)
    assert len(lap.baris_keuangan) == 5
    assert lap.total_keuangan.pagu == D("5224140129")
    assert lap.total_keuangan.realisasi == D("2578738135")


# --- office settings ---


def test_capping_at_100_when_averaging_is_a_pemda_setting():
    opd = make_opd()
    unit = make_unit(opd, "seksi")
    ta = make_tahun(opd, 2024)
    kegiatan = None
    for realisasi in ("2", "1"):
        sub = make_sub_kegiatan(ta, unit, kegiatan=kegiatan)
        kegiatan = sub.kegiatan
        make_indikator(sub, realisasi={2: realisasi})  # 200 % and 100 %
    lap = selectors.laporan_unit(unit=unit, tahun_anggaran=ta, triwulan=2)
    assert lap.rata_rata_kinerja.nilai == 150
    opd.pemda.batasi_capaian_rata_rata = True
    opd.pemda.save()
    ta = selectors.tahun_anggaran_for(opd.slug, 2024)
    lap = selectors.laporan_unit(unit=unit, tahun_anggaran=ta, triwulan=2)
    assert lap.rata_rata_kinerja.nilai == 100


def test_kinerja_and_keuangan_follow_their_own_basis():
    # Seed 004's way: kinerja per quarter, keuangan s/d the quarter against the pagu.
    opd = make_opd()
    unit = make_unit(opd, "seksi")
    ta = make_tahun(opd, 2024, dasar="triwulan", dasar_keuangan="tahunan")
    sub = make_sub_kegiatan(ta, unit)
    make_indikator(sub, realisasi={1: "1", 2: "1"})
    make_anggaran(sub, pagu="4000", realisasi={1: "900", 2: "1000"})
    lap = selectors.laporan_unit(unit=unit, tahun_anggaran=ta, triwulan=2)
    kinerja_tw2 = next(b for b in lap.baris_kinerja if b.indikator).angka
    assert (kinerja_tw2.target, kinerja_tw2.realisasi, kinerja_tw2.capaian) == (
        1,
        1,
        100,
    )
    uang = lap.baris_keuangan[0].angka
    assert (uang.target, uang.realisasi) == (4000, 1900)
    assert uang.serapan == D("47.5")
    assert (lap.label_kinerja, lap.label_keuangan) == ("TW II", "s/d TW II")
    assert (lap.ada_target_kinerja, lap.ada_target_keuangan) == (True, False)


def test_default_predikat_scale_when_the_pemda_has_none():
    lap = laporan("satpolpp-lumajang", "bidang-tibum", 2022, 2)
    assert next(b for b in lap.baris_kinerja if b.indikator).angka.predikat == (
        "Sangat Tinggi"
    )


def test_home_lists_units_in_tree_order_with_their_depth():
    planner = make_user("perencana.kalaena", opd="kalaena", peran="perencana")
    (kalaena,) = selectors.daftar_unit_per_opd(akses.unit_terlihat(planner))
    assert kalaena.tahun == [2024, 2023, 2022]
    assert [(b.unit.slug, b.kedalaman) for b in kalaena.unit] == [
        ("camat", 0),
        ("sekretariat", 1),
        ("subbag-perencanaan", 2),
        ("subbag-umum", 2),
        ("pemerintahan", 1),
        ("trantib", 1),
        ("pmd", 1),
        ("pelayanan-umum", 1),
    ]
