"""Indonesian number formats, shared by HTML and PDF."""

from decimal import Decimal

import pytest

from reports.templatetags.format_id import (
    angka,
    format_dua_desimal,
    nilai_satuan,
    persen,
    romawi,
    rupiah,
)

D = Decimal


@pytest.mark.parametrize(
    ("nilai", "tampil"),
    [
        (D("14060400"), "14.060.400"),
        (D("2727830700.00"), "2.727.830.700"),
        (D("92.79"), "92,79"),
        (D("87.50"), "87,5"),
        (D("100.0000"), "100"),
        (D("0"), "0"),
        (D("-7.9"), "-7,9"),
        (D("1234.005"), "1.234,01"),
        (4, "4"),
    ],
)
def test_angka_uses_dots_for_thousands_and_a_comma_for_decimals(nilai, tampil):
    assert angka(nilai) == tampil


NBSP = "\u00a0"  # no line ends between a number and its "%", "Rp" or satuan


def test_persen_rounds_half_up_to_two_decimals_for_display_only():
    assert persen(D(4038500) * 100 / D(4915000)) == f"82,17{NBSP}%"
    assert persen(D(2144000) * 100 / D(3025000)) == f"70,88{NBSP}%"
    assert persen(D(294500) * 100 / D(290000)) == f"101,55{NBSP}%"
    assert persen(D("84.69")) == f"84,69{NBSP}%"
    assert persen(D(100)) == f"100{NBSP}%"


def test_one_percent_format_two_decimals_as_computed_and_whole_numbers_bare():
    assert persen(D("97.8")) == f"97,80{NBSP}%"
    assert persen(D("90.3571")) == f"90,36{NBSP}%"
    assert persen(D("100.00")) == f"100{NBSP}%"
    # Efisiensi in percentage points: the same digits, no sign of percent.
    assert format_dua_desimal(D("29.12")) == "29,12"
    assert format_dua_desimal(D("-1.5517")) == "-1,55"
    assert format_dua_desimal(D(0)) == "0"


def test_a_measure_in_running_text_keeps_its_satuan_on_the_same_line():
    assert nilai_satuan(D(4), "Laporan") == f"4{NBSP}Laporan"
    assert nilai_satuan(D(100), "%") == f"100{NBSP}%"
    assert nilai_satuan(D("92.79"), "Nilai") == "92,79"  # an index: the number
    assert nilai_satuan(None, "Laporan") == "-"


@pytest.mark.parametrize("f", [angka, persen, rupiah])
def test_missing_shows_as_a_dash_never_zero(f):
    assert f(None) == "-"


def test_rupiah_for_running_text():
    assert rupiah(D("14060400.00")) == f"Rp{NBSP}14.060.400"


def test_romawi_for_quarters():
    assert [romawi(n) for n in (1, 2, 3, 4)] == ["I", "II", "III", "IV"]
