"""The arithmetic module: every formula of docs/domain.md, without a database."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import kinerja
from reports.kinerja import (
    CaraAkumulasi,
    DasarCapaian,
    Isian,
    Pita,
    Polaritas,
    bulatkan,
    capaian,
)

D = Decimal
NEG = Polaritas.NEGATIF
JUMLAH, AKHIR, RATA = (
    CaraAkumulasi.JUMLAH,
    CaraAkumulasi.NILAI_AKHIR,
    CaraAkumulasi.RATA_RATA,
)

positif = st.decimals(min_value=D("0.01"), max_value=D("1e12"), places=2)
tak_negatif = st.decimals(min_value=D(0), max_value=D("1e12"), places=2)


def test_module_imports_nothing_from_django():
    source = Path(kinerja.__file__).read_text()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    assert not [m for m in imported if m.split(".")[0] == "django"]
    assert not [m for m in imported if m.split(".")[0] == "reports"]


# --- capaian ---


def test_capaian_higher_is_better_is_realisasi_over_target():
    assert capaian(target=D(1), realisasi=D(1)) == 100
    assert capaian(target=D(3), realisasi=D(2)) == D(200) / D(3)
    assert capaian(target=D(5), realisasi=D(7)) == 140


def test_capaian_lower_is_better_uses_twice_the_target():
    # domain.md: target 8, realisasi 9 -> 87.5 %
    assert capaian(target=D(8), realisasi=D(9), polaritas=NEG) == D("87.5")
    assert capaian(target=D(8), realisasi=D(6), polaritas=NEG) == 125


def test_capaian_lower_is_better_at_twice_the_target_is_zero():
    assert capaian(target=D(8), realisasi=D(16), polaritas=NEG) == 0


def test_capaian_lower_is_better_beyond_twice_the_target_is_floored_at_zero():
    assert capaian(target=D(8), realisasi=D(30), polaritas=NEG) == 0


@pytest.mark.parametrize("polaritas", list(Polaritas))
def test_capaian_of_zero_target_is_missing(polaritas):
    assert capaian(target=D(0), realisasi=D(3), polaritas=polaritas) is None


@pytest.mark.parametrize("polaritas", list(Polaritas))
def test_capaian_of_missing_realisation_is_missing_not_zero(polaritas):
    assert capaian(target=D(4), realisasi=None, polaritas=polaritas) is None
    assert capaian(target=None, realisasi=D(4), polaritas=polaritas) is None


def test_capaian_of_zero_realisation_is_zero_not_missing():
    assert capaian(target=D(4), realisasi=D(0)) == 0


@given(target=positif)
def test_capaian_of_realisation_equal_to_target_is_exactly_100(target):
    assert capaian(target=target, realisasi=target) == 100
    assert capaian(target=target, realisasi=target, polaritas=NEG) == 100


@given(target=positif, a=tak_negatif, b=tak_negatif)
def test_capaian_lower_is_better_never_negative_and_never_rises_with_realisasi(
    target, a, b
):
    kecil, besar = sorted([a, b])
    c_kecil = capaian(target=target, realisasi=kecil, polaritas=NEG)
    c_besar = capaian(target=target, realisasi=besar, polaritas=NEG)
    assert c_besar >= 0
    assert c_kecil >= c_besar


# --- money ---


def test_serapan_is_realisasi_over_anggaran():
    # seed 000, BAB IV row 1: 2.144.000 of 3.025.000
    assert bulatkan(kinerja.serapan(realisasi=D(2144000), anggaran=D(3025000))) == D(
        "70.88"
    )
    assert kinerja.serapan(realisasi=D(5), anggaran=D(0)) is None
    assert kinerja.serapan(realisasi=None, anggaran=D(5)) is None


def test_efisiensi_is_capaian_kinerja_minus_capaian_anggaran():
    # seed 002, cost per outcome "10 = 9 - 6": 100 % kinerja, 63 % anggaran -> 37
    assert kinerja.efisiensi(capaian_kinerja=D(100), capaian_anggaran=D(63)) == 37
    assert kinerja.efisiensi(capaian_kinerja=D(40), capaian_anggaran=D(50)) == -10
    assert kinerja.efisiensi(capaian_kinerja=None, capaian_anggaran=D(50)) is None


def test_biaya_per_output_divides_money_by_output():
    assert kinerja.biaya_per_output(anggaran=D(2144000), output=D(1)) == 2144000
    assert kinerja.biaya_per_output(anggaran=D(12523000), output=D(4)) == D("3130750")
    assert kinerja.biaya_per_output(anggaran=D(100), output=D(0)) is None
    assert kinerja.biaya_per_output(anggaran=D(100), output=None) is None


def test_sisa_and_selisih_subtract():
    # seed 001, Tabel 3.6: 12.804.600 - 12.681.580
    assert kinerja.sisa(anggaran=D(12804600), realisasi=D(12681580)) == 123020
    assert kinerja.sisa(anggaran=D(1), realisasi=None) is None


def test_nilai_rumus_computes_from_components():
    # seed 002, Kabid Tibum: 12 pengaduan diselesaikan / 12 masuk x 100
    assert kinerja.nilai_rumus(pembilang=D(12), penyebut=D(12)) == 100
    assert kinerja.nilai_rumus(pembilang=D(3), penyebut=D(4), pengali=D(1)) == D("0.75")
    assert kinerja.nilai_rumus(pembilang=D(3), penyebut=D(0)) is None
    assert kinerja.nilai_rumus(pembilang=None, penyebut=D(4)) is None


# --- totals and means ---


def test_jumlah_is_missing_when_any_part_is_missing():
    assert kinerja.jumlah([D(1), D(2)]) == 3
    assert kinerja.jumlah([D(1), None]) is None
    assert kinerja.jumlah([]) == 0


def test_rata_rata_leaves_out_missing_values_and_counts_the_rest():
    hasil = kinerja.rata_rata([D(100), None, D(50)])
    assert hasil == kinerja.Rerata(nilai=D(75), jumlah=2)
    assert kinerja.rata_rata([None, None]) == kinerja.Rerata(nilai=None, jumlah=0)


def test_rata_rata_does_not_cap_above_100_unless_asked():
    # Seed 001 averages Program Penunjang's nine kegiatan as 100+97+100+100+140+100+
    # 100+102+100 and prints 94 %; the mean of those numbers is 104,33 %.
    kegiatan = [D(n) for n in (100, 97, 100, 100, 140, 100, 100, 102, 100)]
    assert bulatkan(kinerja.rata_rata(kegiatan).nilai) == D("104.33")
    dibatasi = kinerja.rata_rata(kegiatan, batas_atas=D(100)).nilai
    assert bulatkan(dibatasi) == D("99.67")


def test_report_average_keuangan_is_a_ratio_of_sums_not_a_mean_of_rows():
    # seed 000, BAB IV: 4.038.500 of 4.915.000 = 82,17 %, while the mean of the three
    # rows' percentages (70,88 + 100 + 101,55) / 3 would be 90,81 %.
    baris = [
        kinerja.angka_anggaran(
            dasar=DasarCapaian.TRIWULAN,
            triwulan=2,
            pagu=D(pagu),
            kas=kinerja.isian([None, D(kas), None, None]),
            realisasi=kinerja.isian([None, D(real), None, None]),
        )
        for pagu, kas, real in [
            (12523000, 3025000, 2144000),
            (6817000, 1600000, 1600000),
            (2009000, 290000, 294500),
        ]
    ]
    assert [bulatkan(b.serapan) for b in baris] == [D("70.88"), D(100), D("101.55")]
    total = kinerja.total_anggaran(baris)
    assert (total.realisasi, total.target) == (4038500, 4915000)
    assert bulatkan(total.serapan) == D("82.17")
    assert bulatkan(kinerja.rata_rata(b.serapan for b in baris).nilai) == D("90.81")


@given(
    realisasi=st.lists(tak_negatif, min_size=1, max_size=12),
    anggaran=positif,
)
def test_ratio_of_sums_equals_the_mean_when_all_denominators_are_equal(
    realisasi, anggaran
):
    baris = [
        kinerja.angka_anggaran(
            dasar=DasarCapaian.TAHUNAN,
            triwulan=4,
            pagu=anggaran,
            kas=[None] * 4,
            realisasi=[None, None, None, Isian(r, kumulatif=True)],
        )
        for r in realisasi
    ]
    rasio = kinerja.total_anggaran(baris).serapan
    rerata = kinerja.rata_rata(b.serapan for b in baris).nilai
    # Equal up to Decimal's 28 significant digits.
    assert abs(rasio - rerata) <= abs(rasio) * D("1e-25")


@given(st.lists(st.one_of(st.none(), tak_negatif), max_size=10))
def test_rata_rata_lies_between_the_smallest_and_largest_value(nilai):
    hasil = kinerja.rata_rata(nilai)
    ada = [v for v in nilai if v is not None]
    assert hasil.jumlah == len(ada)
    if ada:
        toleransi = max(ada) * D("1e-25")
        assert min(ada) - toleransi <= hasil.nilai <= max(ada) + toleransi


# --- quarters ---


def per(*nilai):
    return [None if v is None else Isian(D(v)) for v in nilai]


def test_year_to_date_of_counts_is_the_sum():
    assert kinerja.sampai_dengan(per(1, 2, 3, 4), triwulan=3) == 6


def test_year_to_date_with_a_missing_quarter_is_missing():
    assert kinerja.sampai_dengan(per(None, 1, None, None), triwulan=2) is None
    assert (
        kinerja.sampai_dengan(per(None, 1, None, None), triwulan=2, cara=RATA) is None
    )


def test_year_to_date_of_a_level_is_the_quarters_own_value():
    seri = per(40, 60, None, 90)
    assert kinerja.sampai_dengan(seri, triwulan=2, cara=AKHIR) == 60
    assert kinerja.sampai_dengan(seri, triwulan=3, cara=AKHIR) is None
    assert kinerja.sampai_dengan(seri, triwulan=4, cara=AKHIR) == 90


def test_year_to_date_of_a_mean_is_the_mean_of_the_quarters():
    assert kinerja.sampai_dengan(per(2, 4, 9, None), triwulan=3, cara=RATA) == 5


def test_a_cumulative_entry_stands_for_all_quarters_up_to_it():
    # seed 001 gives s/d TW IV figures only; seed 002 s/d TW II.
    seri = [None, None, None, Isian(D(18), kumulatif=True)]
    assert kinerja.sampai_dengan(seri, triwulan=4) == 18
    assert kinerja.nilai_triwulan(seri, triwulan=4) is None  # TW IV alone is unknown
    lanjut = [None, Isian(D(6), kumulatif=True), Isian(D(3)), None]
    assert kinerja.sampai_dengan(lanjut, triwulan=3) == 9
    assert kinerja.sampai_dengan(lanjut, triwulan=1) is None


def test_the_known_part_of_a_sum_is_a_lower_bound_for_checking_a_pagu():
    # TW I missing, TW II 2.144.000, TW III 10.500.000: at least 12.644.000 spent.
    seri = [None, Isian(D(2144000)), Isian(D(10500000)), None]
    assert kinerja.sampai_dengan(seri, triwulan=3) is None
    assert kinerja.jumlah_diketahui(seri, triwulan=3) == 12644000
    # A cumulative entry already holds everything before it.
    lanjut = [Isian(D(5)), Isian(D(12), kumulatif=True), Isian(D(3)), None]
    assert kinerja.jumlah_diketahui(lanjut, triwulan=3) == 15
    assert kinerja.jumlah_diketahui([None] * 4, triwulan=4) == 0


def test_a_cumulative_mean_carries_the_weight_of_its_quarters():
    seri = [None, Isian(D(3), kumulatif=True), Isian(D(6)), None]
    assert kinerja.sampai_dengan(seri, triwulan=3, cara=RATA) == 4  # (3+3+6)/3


def test_quarter_value_undoes_a_cumulative_entry_when_earlier_quarters_are_known():
    seri = [Isian(D(5)), Isian(D(12), kumulatif=True), None, None]
    assert kinerja.nilai_triwulan(seri, triwulan=2) == 7
    assert kinerja.nilai_triwulan(seri, triwulan=2, cara=AKHIR) == 12
    assert kinerja.nilai_triwulan(seri, triwulan=2, cara=RATA) == 19  # 12*2 - 5


def test_a_quarter_outside_one_to_four_is_refused():
    with pytest.raises(ValueError):
        kinerja.sampai_dengan(per(1, 1, 1, 1), triwulan=5)
    with pytest.raises(ValueError):
        kinerja.nilai_triwulan(per(1, 1, 1, 1), triwulan=0)


def test_an_entered_year_to_date_figure_shows_even_with_an_earlier_quarter_missing():
    # TW I never entered, TW II given s/d: the s/d stands; TW II alone cannot be told.
    seri = [None, Isian(D(3), kumulatif=True), None, None]
    for cara in (JUMLAH, AKHIR, RATA):
        assert kinerja.sampai_dengan(seri, triwulan=2, cara=cara) == 3
    assert kinerja.nilai_triwulan(seri, triwulan=2) is None
    angka = kinerja.angka_kinerja(
        dasar=DasarCapaian.KUMULATIF,
        triwulan=2,
        target_tahunan=D(4),
        target=per(1, 1, 1, 1),
        realisasi=seri,
    )
    assert (angka.realisasi_sd, angka.capaian) == (3, 150)


def test_a_year_to_date_entry_below_the_quarters_before_it_is_found():
    seri = [Isian(D(2)), Isian(D(1), kumulatif=True), Isian(D(2)), None]
    assert kinerja.sd_menurun(seri) == [kinerja.SdMenurun(2, D(1), D(2))]
    # A later s/d entry below what TW I-III add up to (2 + 1 + 2 would be 3 + 2).
    lanjut = [Isian(D(2)), Isian(D(3), kumulatif=True), Isian(D(2)), None]
    lanjut[3] = Isian(D(4), kumulatif=True)
    assert kinerja.sd_menurun(lanjut) == [kinerja.SdMenurun(4, D(4), D(5))]
    # Equal is fine (nothing happened in the quarter); a missing quarter counts
    # as nothing, so only what is certainly wrong is reported.
    assert (
        kinerja.sd_menurun([Isian(D(2)), Isian(D(2), kumulatif=True)] + [None] * 2)
        == []
    )
    assert (
        kinerja.sd_menurun([None, Isian(D(2)), None, Isian(D(2), kumulatif=True)]) == []
    )


@given(st.lists(tak_negatif, min_size=4, max_size=4))
def test_year_to_date_entries_of_real_quarters_never_decrease(nilai):
    kumulatif = [Isian(sum(nilai[:q], D(0)), kumulatif=True) for q in range(1, 5)]
    assert kinerja.sd_menurun(kumulatif) == []


@given(st.lists(tak_negatif, min_size=4, max_size=4), st.integers(1, 4))
def test_cumulative_and_quarterly_entries_agree(nilai, triwulan):
    per_triwulan = [Isian(v) for v in nilai]
    kumulatif = [Isian(sum(nilai[:q], D(0)), kumulatif=True) for q in range(1, 5)]
    assert kinerja.sampai_dengan(kumulatif, triwulan=triwulan) == kinerja.sampai_dengan(
        per_triwulan, triwulan=triwulan
    )
    assert kinerja.nilai_triwulan(kumulatif, triwulan=triwulan) == nilai[triwulan - 1]


# --- dasar capaian ---


def angka(dasar, **kw):
    bawaan = dict(
        dasar=dasar,
        triwulan=2,
        target_tahunan=D(12),
        target=per(3, 3, 3, 3),
        realisasi=per(2, 4, None, None),
    )
    return kinerja.angka_kinerja(**(bawaan | kw))


def test_dasar_triwulan_compares_the_quarter_with_its_target():
    a = angka(DasarCapaian.TRIWULAN)
    assert (a.target, a.realisasi) == (3, 4)
    assert bulatkan(a.capaian) == D("133.33")


def test_dasar_kumulatif_compares_year_to_date_values():
    a = angka(DasarCapaian.KUMULATIF)
    assert (a.target, a.realisasi, a.capaian) == (6, 6, 100)


def test_dasar_tahunan_compares_year_to_date_with_the_yearly_target():
    # seed 002: 6 of 12 laporan s/d TW II = 50 %
    a = angka(DasarCapaian.TAHUNAN)
    assert (a.target, a.realisasi, a.capaian) == (12, 6, 50)


def test_indicator_figures_carry_every_column_of_the_report():
    a = angka(DasarCapaian.TRIWULAN)
    assert (a.target_triwulan, a.realisasi_triwulan) == (3, 4)
    assert (a.target_sd, a.realisasi_sd) == (6, 6)
    assert a.predikat == "Sangat Tinggi"


def test_below_the_yearly_target_at_tw2_is_on_plan_when_the_plan_s_d_is_reached():
    angka = kinerja.angka_kinerja(
        dasar=DasarCapaian.TAHUNAN,
        triwulan=2,
        target_tahunan=D(4),
        target=per(1, 1, 1, 1),
        realisasi=per(1, 1, None, None),
    )
    assert (angka.capaian, angka.capaian_tahunan, angka.capaian_rencana) == (
        50,
        50,
        100,
    )
    assert angka.di_belakang_rencana is False
    tertinggal = kinerja.angka_kinerja(
        dasar=DasarCapaian.TAHUNAN,
        triwulan=2,
        target_tahunan=D(4),
        target=per(1, 1, 1, 1),
        realisasi=per(1, 0, None, None),
    )
    assert tertinggal.di_belakang_rencana is True


def test_a_quarter_without_a_target_of_its_own_is_judged_by_the_plan_so_far():
    # Seed 004: 18 peraturan desa planned in TW I and TW IV, none in TW II.
    angka = kinerja.angka_kinerja(
        dasar=DasarCapaian.TRIWULAN,
        triwulan=2,
        target_tahunan=D(36),
        target=per(18, 0, 0, 18),
        realisasi=per(18, 0, None, None),
    )
    assert angka.capaian is None  # 0 of a target of 0
    assert angka.capaian_rencana == 100
    assert angka.di_belakang_rencana is False


def test_without_quarterly_targets_on_plan_falls_back_to_the_compared_target():
    # Seed 001 gives yearly targets only: the plan s/d TW IV is unknown.
    angka = kinerja.angka_kinerja(
        dasar=DasarCapaian.TAHUNAN,
        triwulan=4,
        target_tahunan=D(6),
        target=per(None, None, None, None),
        realisasi=[None, None, None, Isian(D(0), kumulatif=True)],
    )
    assert angka.capaian_rencana is None
    assert angka.di_belakang_rencana is True
    kosong = kinerja.angka_kinerja(
        dasar=DasarCapaian.TAHUNAN,
        triwulan=4,
        target_tahunan=D(6),
        target=per(None, None, None, None),
        realisasi=per(None, None, None, None),
    )
    assert kosong.di_belakang_rencana is None


def test_on_plan_for_lower_is_better_uses_its_own_capaian():
    angka = kinerja.angka_kinerja(
        dasar=DasarCapaian.KUMULATIF,
        triwulan=2,
        target_tahunan=D(8),
        target=per(2, 2, 2, 2),
        realisasi=per(1, 2, None, None),
        polaritas=Polaritas.NEGATIF,
    )
    assert angka.capaian_rencana == 125  # (2*4 - 3) / 4
    assert angka.di_belakang_rencana is False


def test_unknown_dasar_is_refused():
    with pytest.raises(ValueError):
        angka("bulanan")


def test_derived_indicator_takes_the_mean_of_the_items_below_as_realisation():
    a = kinerja.angka_turunan(
        dasar=DasarCapaian.TRIWULAN,
        triwulan=2,
        target_tahunan=D(100),
        target=per(100, 100, 100, 100),
        rerata=kinerja.rata_rata([D(100), D(94)]),
    )
    assert (a.realisasi, a.capaian, a.jumlah_turunan) == (97, 97, 2)
    assert a.predikat == "Sangat Tinggi"


def test_budget_figures_follow_the_dasar_and_add_sisa():
    a = kinerja.angka_anggaran(
        dasar=DasarCapaian.TAHUNAN,
        triwulan=4,
        pagu=D(12804600),
        kas=[None] * 4,
        realisasi=[None, None, None, Isian(D(12681580), kumulatif=True)],
    )
    assert (a.target, a.realisasi, a.sisa) == (12804600, 12681580, 123020)
    assert bulatkan(a.serapan) == D("99.04")  # seed 001, Tabel 3.6 row 1.01.1
    assert a.selisih == 123020
    assert a.kas_sd is None


# --- predikat ---


@pytest.mark.parametrize(
    ("nilai", "label"),
    [
        ("100", "Sangat Tinggi"),
        ("91", "Sangat Tinggi"),
        ("90.99", "Tinggi"),
        ("90.999999", "Tinggi"),
        ("76", "Tinggi"),
        ("75.99", "Sedang"),
        ("66", "Sedang"),
        ("65.99", "Rendah"),
        ("51", "Rendah"),
        ("50.99", "Sangat Rendah"),
        ("0", "Sangat Rendah"),
        ("140", "Sangat Tinggi"),
    ],
)
def test_predikat_default_scale_uses_the_unrounded_value(nilai, label):
    assert kinerja.predikat(D(nilai)) == label


def test_predikat_of_missing_capaian_is_missing():
    assert kinerja.predikat(None) is None


def test_predikat_on_an_office_scale_uses_its_own_labels():
    skala = [Pita(D(91), "Sangat Baik"), Pita(D(76), "Baik"), Pita(D(0), "Kurang")]
    assert kinerja.predikat(D(94), skala) == "Sangat Baik"
    assert kinerja.predikat(D(80), skala) == "Baik"
    assert kinerja.predikat(D(10), skala) == "Kurang"


def test_predikat_below_every_band_gets_the_lowest_band():
    skala = [Pita(D(90), "Memuaskan"), Pita(D(50), "Cukup")]
    assert kinerja.predikat(D(20), skala) == "Cukup"


@given(a=tak_negatif, b=tak_negatif)
def test_a_higher_capaian_never_earns_a_lower_band(a, b):
    urut = [p.label for p in kinerja.SKALA_BAKU]
    kecil, besar = sorted([a, b])
    assert urut.index(kinerja.predikat(besar)) <= urut.index(kinerja.predikat(kecil))


# --- IKM ---


def test_ikm_is_the_mean_of_the_item_means_times_25():
    jawaban = [[4] * 9, [3] * 9]
    hasil = kinerja.ikm(jawaban)
    assert hasil.nrr == (D("3.5"),) * 9
    assert hasil.ikm == D("87.5")
    assert (hasil.mutu, hasil.kinerja) == ("B", "Baik")


def test_ikm_of_the_best_and_worst_scores():
    assert kinerja.ikm([[4] * 9]).ikm == 100
    assert kinerja.ikm([[1] * 9]).mutu == "D"


def test_ikm_skips_unanswered_items_per_item():
    hasil = kinerja.ikm([[4, None, 4, 4, 4, 4, 4, 4, 4], [2, 3, 2, 2, 2, 2, 2, 2, 2]])
    assert hasil.nrr[1] == 3
    assert hasil.nrr[0] == 3


def test_ikm_with_an_item_nobody_answered_is_missing():
    assert kinerja.ikm([[4, None, 4, 4, 4, 4, 4, 4, 4]]) is None
    assert kinerja.ikm([]) is None


def test_ikm_refuses_scores_outside_one_to_four_and_wrong_item_counts():
    with pytest.raises(ValueError):
        kinerja.ikm([[5, 4, 4, 4, 4, 4, 4, 4, 4]])
    with pytest.raises(ValueError):
        kinerja.ikm([[4] * 8])


@pytest.mark.parametrize(
    ("nilai", "mutu"),
    [
        ("100", "A"),
        ("88.31", "A"),
        ("88.305", "A"),  # rounds to 88,31
        ("88.30", "B"),
        ("88.3049", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25", "D"),
    ],
)
def test_ikm_mutu_bands(nilai, mutu):
    assert kinerja.mutu_ikm(D(nilai))[0] == mutu


# --- display rounding ---


def test_bulatkan_rounds_half_up_not_to_even():
    assert bulatkan(D("82.165")) == D("82.17")
    assert bulatkan(D("70.875")) == D("70.88")
    assert bulatkan(D("0.125"), 2) == D("0.13")
    assert bulatkan(D("2.5"), 0) == D(3)


# --- figures the printed reports add ---


def test_seed_001_selisih_and_sisa_columns_as_shares():
    # Tabel 3.6, Penyediaan Gaji dan Tunjangan ASN: (4) = (5) = 1.661.472.446,
    # (6) = 1.640.585.099.
    baris = kinerja.angka_anggaran(
        dasar=DasarCapaian.TAHUNAN,
        triwulan=4,
        pagu=D(1661472446),
        kas=[None] * 4,
        realisasi=[None, None, None, Isian(D(1640585099), kumulatif=True)],
    )
    assert baris.selisih == baris.sisa == D(20887347)
    assert bulatkan(baris.serapan) == D("98.74")
    assert bulatkan(baris.persen_selisih) == bulatkan(baris.persen_sisa) == D("1.26")


def test_shares_of_a_missing_or_zero_budget_are_missing():
    kosong = kinerja.angka_anggaran(
        dasar=DasarCapaian.TRIWULAN,
        triwulan=1,
        pagu=D(0),
        kas=[None] * 4,
        realisasi=[Isian(D(5))] + [None] * 3,
    )
    assert kosong.persen_selisih is None
    assert kosong.persen_sisa is None


def test_mean_keeps_the_values_it_averaged_for_the_written_formula():
    # Seed 001 writes (100 + 97 + ... ) / 9; a capped mean shows the capped terms.
    hasil = kinerja.rata_rata([D(100), None, D(140)], batas_atas=D(100))
    assert hasil.suku == (D(100), D(100))
    assert hasil.nilai == D(100)
    assert kinerja.rata_rata([D(100), None, D(140)]).suku == (D(100), D(140))


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [(D(100), True), (D("99.99"), False), (D(140), True), (None, None)],
)
def test_tercapai_means_a_capaian_of_at_least_100(nilai, hasil):
    assert kinerja.tercapai(nilai) is hasil


def test_chart_compares_each_quarter_with_the_plans_target_where_it_has_one():
    target = kinerja.isian([D(1), D(1), D(1), D(1)])
    realisasi = [Isian(D(1)), Isian(D(2), kumulatif=True), None, None]
    seri = kinerja.seri_grafik(
        dasar=DasarCapaian.TRIWULAN,
        target_tahunan=D(4),
        rencana_per_triwulan=[target] * 4,
        realisasi=realisasi,
        sampai=2,
    )
    assert [(t.triwulan, t.sd, t.target, t.realisasi) for t in seri] == [
        (1, False, D(1), D(1)),
        (2, False, D(1), D(1)),  # s/d TW II = 2, so TW II alone = 1
        (3, False, D(1), None),
        (4, False, D(1), None),
    ]
    # A year-to-date basis charts the plan s/d each quarter, not the yearly
    # target four times.
    sd = kinerja.seri_grafik(
        dasar=DasarCapaian.TAHUNAN,
        target_tahunan=D(4),
        rencana_per_triwulan=[target] * 4,
        realisasi=realisasi,
        sampai=2,
    )
    assert [(t.triwulan, t.sd, t.target, t.realisasi) for t in sd] == [
        (1, True, D(1), D(1)),
        (2, True, D(2), D(2)),
        (3, True, D(3), None),
        (4, True, D(4), None),
    ]


def test_chart_without_quarterly_targets_shows_the_yearly_target_once():
    # Seed 001: a yearly target and one entry s/d TW IV.
    seri = kinerja.seri_grafik(
        dasar=DasarCapaian.TAHUNAN,
        target_tahunan=D(17),
        rencana_per_triwulan=[[None] * 4] * 4,
        realisasi=[None, None, None, Isian(D(16), kumulatif=True)],
    )
    assert [(t.triwulan, t.target, t.realisasi) for t in seri] == [
        (None, D(17), None),
        (4, None, D(16)),
    ]
    kosong = kinerja.seri_grafik(
        dasar=DasarCapaian.TAHUNAN,
        target_tahunan=None,
        rencana_per_triwulan=[[None] * 4] * 4,
        realisasi=[None] * 4,
    )
    assert kosong == []


@pytest.mark.parametrize(
    ("satuan", "terhitung"),
    [
        ("Laporan", True),
        ("orang", True),
        ("Desa/Kelurahan", True),
        ("%", False),
        ("Persen", False),
        ("Nilai", False),
        ("Indeks", False),
        ("", False),
    ],
)
def test_cost_per_output_is_for_outputs_counted_in_units(satuan, terhitung):
    assert kinerja.satuan_terhitung(satuan) is terhitung


# --- IKM from the survey results as offices hold them ---


def test_nrr_of_an_unsur_is_the_mean_score_of_its_answers():
    # 120 respondents: 2 answered 2, 38 answered 3, 80 answered 4.
    assert kinerja.nrr_jawaban([0, 2, 38, 80]) == D(2 * 2 + 38 * 3 + 80 * 4) / 120
    assert kinerja.nrr_jawaban([0, 0, 0, 0]) is None
    assert kinerja.nrr_jawaban([0, None, 1, 1]) is None


def test_ikm_from_nine_nrr_is_their_mean_times_25_with_its_mutu():
    # Seed 001's IKM 92,79 is a mean NRR of 3,7116.
    hasil = kinerja.ikm_nrr([D("3.7116")] * 9)
    assert hasil.ikm == D("92.79")
    assert (hasil.mutu, hasil.kinerja) == ("A", "Sangat Baik")
    hasil = kinerja.ikm_nrr([D(3)] * 8 + [D(4)])
    assert bulatkan(hasil.ikm) == D("77.78")
    assert (hasil.mutu, hasil.kinerja) == ("B", "Baik")
    assert kinerja.ikm_nrr([D(3)] * 8 + [None]) is None
    with pytest.raises(ValueError):
        kinerja.ikm_nrr([D(3)] * 8)
    with pytest.raises(ValueError):
        kinerja.ikm_nrr([D(3)] * 8 + [D("4.5")])


def test_ikm_from_answer_counts_agrees_with_ikm_from_answers():
    jawaban = [[4, 3, 4, 4, 3, 4, 4, 4, 3], [3, 3, 4, 4, 4, 3, 4, 4, 4]]
    dari_jawaban = kinerja.ikm(jawaban)
    jumlah = [
        [sum(1 for b in jawaban if b[u] == skor) for skor in (1, 2, 3, 4)]
        for u in range(9)
    ]
    dari_jumlah = kinerja.ikm_nrr(kinerja.nrr_jawaban(j) for j in jumlah)
    assert dari_jawaban == dari_jumlah


def test_the_printed_mutu_scale_agrees_with_the_bands():
    for pita in kinerja.SKALA_MUTU_IKM:
        for batas in pita.interval_ikm:
            assert kinerja.mutu_ikm(batas) == (pita.mutu, pita.kinerja)


# --- an IKU taken from the plan ---


def test_an_iku_from_its_sources_is_their_mean_or_a_stated_formula():
    assert kinerja.nilai_sumber([D(100), D("87.5")]) == D("93.75")
    assert kinerja.nilai_sumber([D(100), None]) is None
    assert kinerja.nilai_sumber([]) is None
    nilai = [D(90), D(80)]
    assert kinerja.nilai_sumber(nilai, rumus="s1 * 0.6 + s2 * 0.4") == D("86.0")
    assert kinerja.nilai_sumber(nilai, rumus="(s1 + s2) / 2") == 85
    assert kinerja.nilai_sumber(nilai, rumus="s1 / (s2 - 80)") is None
    assert kinerja.nilai_sumber([D(1), None], rumus="-s1 + 3") == 2


@pytest.mark.parametrize(
    ("rumus", "pesan"),
    [
        ("s1 +", "tidak dapat dibaca"),
        ("s3 * 2", "s3 tidak ada: IKU ini punya 2 sumber"),
        ("x + 1", '"x" tidak dikenal'),
        ("s1 ** 2", "hanya boleh berisi"),
        ("__import__('os')", "hanya boleh berisi"),
        ("'1' + s1", "bukan angka"),
    ],
)
def test_a_formula_that_is_not_arithmetic_over_the_sources_is_refused(rumus, pesan):
    with pytest.raises(kinerja.RumusTidakSah, match=pesan):
        kinerja.periksa_rumus_sumber(rumus, jumlah=2)
    kinerja.periksa_rumus_sumber(" ", jumlah=2)  # empty: the mean
