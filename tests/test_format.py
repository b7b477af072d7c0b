"""Indonesian number formats, shared by HTML and PDF."""

from decimal import Decimal

import pytest

from reports.templatetags.format_id import angka, persen, romawi, rupiah

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


def test_persen_rounds_half_up_to_two_decimals_for_display_only():
    assert persen(D(4038500) * 100 / D(4915000)) == "82,17 %"
    assert persen(D(2144000) * 100 / D(3025000)) == "70,88 %"
    assert persen(D(294500) * 100 / D(290000)) == "101,55 %"
    assert persen(D("84.69")) == "84,69 %"
    assert persen(D(100)) == "100 %"


@pytest.mark.parametrize("f", [angka, persen, rupiah])
def test_missing_shows_as_a_dash_never_zero(f):
    assert f(None) == "-"


def test_rupiah_for_running_text():
    assert rupiah(D("14060400.00")) == "Rp 14.060.400"


def test_romawi_for_quarters():
    assert [romawi(n) for n in (1, 2, 3, 4)] == ["I", "II", "III", "IV"]
