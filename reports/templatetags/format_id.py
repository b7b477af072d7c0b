"""Indonesian number formats for HTML and PDF alike: ``14.060.400``, ``84,69 %``.

Values are rounded half up to two decimals here and only here, for display; a missing
value shows as "-", never as 0 or 100 %. A number is joined to its "%", "Rp" or
satuan by a no-break space, so that no line ever ends between them.
"""

from datetime import date
from decimal import Context, Decimal

from django import template
from django.utils import numberformat

from reports import kinerja
from reports.models import ROMAWI
from reports.tabel import Format, SelTampil

register = template.Library()

KOSONG = "-"
NBSP = "\u00a0"


def format_angka(nilai: Decimal | int | None, tempat: int = 2) -> str:
    """Thousands with ".", decimals with ",", at most ``tempat`` decimals and no
    trailing zeros: 12523000 -> "12.523.000", 87.50 -> "87,5", 100.00 -> "100"."""
    if nilai is None:
        return KOSONG
    bulat = kinerja.bulatkan(Decimal(nilai), tempat)
    if bulat == bulat.to_integral_value():
        bulat = kinerja.bulatkan(bulat, 0)
    else:
        # Trailing zeros go; every other digit stays, however many there are.
        bulat = bulat.normalize(Context(prec=len(bulat.as_tuple().digits)))
    return numberformat.format(
        bulat, decimal_sep=",", grouping=3, thousand_sep=".", force_grouping=True
    )


@register.filter
def angka(nilai: Decimal | int | None, tempat: int = 2) -> str:
    return format_angka(nilai, tempat)


def format_dua_desimal(nilai: Decimal | int | None) -> str:
    """A percentage or points as computed, to two decimals: 97.8 -> "97,80",
    -1.554 -> "-1,55"; a whole number without them: 100 -> "100"."""
    if nilai is None:
        return KOSONG
    bulat = kinerja.bulatkan(Decimal(nilai), 2)
    if bulat == bulat.to_integral_value():
        bulat = kinerja.bulatkan(bulat, 0)
    return numberformat.format(
        bulat, decimal_sep=",", grouping=3, thousand_sep=".", force_grouping=True
    )


def format_persen(nilai: Decimal | None) -> str:
    """A percentage: "82,17 %", "97,80 %", "100 %"."""
    if nilai is None:
        return KOSONG
    return f"{format_dua_desimal(nilai)}{NBSP}%"


def format_nilai(nilai: Decimal | None, satuan: str) -> str:
    """A measure with its satuan in running text: "4 Laporan"; in percent as a
    percentage: "100 %"; an index or score as the number alone: "92,79"."""
    if satuan.strip() == "%":
        return format_persen(nilai)
    teks = format_angka(nilai)
    if nilai is None or not kinerja.satuan_terhitung(satuan):
        return teks
    return f"{teks}{NBSP}{satuan}"


@register.filter
def persen(nilai: Decimal | None) -> str:
    return format_persen(nilai)


@register.filter
def poin(nilai: Decimal | None) -> str:
    """Percentage points (efisiensi): "29,12", the same digits as a percentage."""
    return format_dua_desimal(nilai)


@register.filter
def nilai_satuan(nilai: Decimal | None, satuan: str) -> str:
    return format_nilai(nilai, satuan)


def format_rupiah(nilai: Decimal | int | None) -> str:
    """An amount in running text: "Rp 14.060.400"."""
    if nilai is None:
        return KOSONG
    return f"Rp{NBSP}{format_angka(nilai)}"


@register.filter
def rupiah(nilai: Decimal | int | None) -> str:
    return format_rupiah(nilai)


@register.filter
def sel(s: SelTampil) -> str:
    """A table cell as text by its format; a missing number shows as "-"."""
    if s.format == Format.TEKS:
        return "" if s.nilai is None else str(s.nilai)
    if isinstance(s.nilai, str):
        return s.nilai
    if s.format == Format.PERSEN:
        return format_persen(s.nilai)
    if s.format == Format.POIN:
        return format_dua_desimal(s.nilai)
    if s.format == Format.NRR:
        return format_angka(s.nilai, 4)
    return format_angka(s.nilai)


BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def format_tanggal(tanggal: date | None) -> str:
    """A date in words, whatever the active language: "28 Juni 2024"."""
    if tanggal is None:
        return KOSONG
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


@register.filter
def romawi(triwulan: int) -> str:
    return ROMAWI.get(triwulan, str(triwulan))
