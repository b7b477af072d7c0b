"""A report table as plain data: columns (nested, for two-row headers), rows of cells
holding raw values with their format, and total rows.

Every table of the reports is built once as a ``Tabel`` and then drawn three ways: as
HTML (the page and, through WeasyPrint, the PDF) and as an xlsx sheet. So the page,
the PDF and the workbook cannot disagree. Values stay ``Decimal`` here; each renderer
formats them its own way (Indonesian text, or Excel number formats).

No Django imports: tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum


class Format(StrEnum):
    TEKS = "teks"
    ANGKA = "angka"  # a measure: up to two decimals
    RUPIAH = "rupiah"  # an amount in Rupiah
    PERSEN = "persen"  # a percentage (100 means 100 %)
    POIN = "poin"  # a difference of percentages, in percentage points (efisiensi)
    NRR = "nrr"  # a mean score on a 1-4 scale (IKM): up to four decimals


Nilai = Decimal | int | str | None


@dataclass(frozen=True)
class Kolom:
    """A column, or a group of columns under a common heading (``anak``).

    An ``opsional`` column is printed only when a row holds something in it (a
    table leaves out what it has nothing to say in: the quarters' targets of a
    plan with yearly targets only, a code column nobody filled)."""

    judul: str
    format: Format = Format.TEKS
    nomor: str = ""  # the printed column number: "4", "6=5/4", "(10) = (4-6)"
    lebar: int = 10  # width in characters, a hint for the PDF and the xlsx
    anak: tuple[Kolom, ...] = ()
    opsional: bool = False

    @property
    def daun(self) -> list[Kolom]:
        if not self.anak:
            return [self]
        return [d for a in self.anak for d in a.daun]

    @property
    def kedalaman(self) -> int:
        return 1 + max((a.kedalaman for a in self.anak), default=0)


@dataclass(frozen=True)
class SelKepala:
    judul: str
    colspan: int
    rowspan: int


@dataclass(frozen=True)
class Sel:
    """One cell. ``format`` None takes the column's; ``rentang`` spans columns."""

    nilai: Nilai
    format: Format | None = None
    rentang: int = 1


class JenisBaris(StrEnum):
    BIASA = ""
    JUDUL = "judul"  # the heading row of a program or kegiatan: bold
    JUMLAH = "jumlah"  # a total: bold


@dataclass(frozen=True)
class Baris:
    sel: tuple[Sel, ...]
    jenis: JenisBaris = JenisBaris.BIASA

    @property
    def tebal(self) -> bool:
        return self.jenis != JenisBaris.BIASA


def baris(*nilai: Nilai | Sel, jenis: JenisBaris = JenisBaris.BIASA) -> Baris:
    """A row from plain values and cells."""
    return Baris(
        sel=tuple(v if isinstance(v, Sel) else Sel(v) for v in nilai), jenis=jenis
    )


@dataclass(frozen=True)
class SelTampil:
    """A cell placed under its column, with the format that applies to it."""

    nilai: Nilai
    format: Format
    rentang: int


@dataclass(frozen=True)
class Tabel:
    kunci: str  # the HTML id; short and unique within a report
    nomor: str  # "Tabel 2.1"
    judul: str
    kolom: tuple[Kolom, ...]
    baris: tuple[Baris, ...]
    kaki: tuple[Baris, ...] = ()
    nomor_kolom: bool = False  # print the row of column numbers under the header
    catatan: str = ""  # a source or a note printed under the table
    lebar_penuh: bool = True
    lembar: str = ""  # a short name for its xlsx sheet, when it has no number
    daun: tuple[Kolom, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        daun = tuple(d for k in self.kolom for d in k.daun)
        for b in (*self.baris, *self.kaki):
            lebar = sum(s.rentang for s in b.sel)
            if lebar != len(daun):
                raise ValueError(
                    f"{self.kunci}: a row spans {lebar} columns, the table has "
                    f"{len(daun)}"
                )
        kosong = {
            n
            for n, d in enumerate(daun)
            if d.opsional and not any(_isi(b, n) for b in self.baris)
        }
        if kosong:
            posisi = iter(range(len(daun)))
            kolom = tuple(
                k for k in (_tanpa(k, posisi, kosong) for k in self.kolom) if k
            )
            object.__setattr__(self, "kolom", kolom)
            for nama in ("baris", "kaki"):
                rows = tuple(_buang_sel(b, kosong) for b in getattr(self, nama))
                object.__setattr__(self, nama, rows)
            daun = tuple(d for k in self.kolom for d in k.daun)
        object.__setattr__(self, "daun", daun)

    @property
    def pendek(self) -> bool:
        """Whether the table is short enough to keep whole on one page: a few rows
        of little text (a few rows of long narratives may be taller than a page)."""
        teks = sum(len(str(s.nilai or "")) for b in self.baris for s in b.sel)
        return len(self.baris) <= 6 and teks <= 600

    @property
    def berisi(self) -> bool:
        """Whether the table has something to print: a row, and where it has
        number columns, a number in one of them (a table of "-" says nothing)."""
        angka = [n for n, d in enumerate(self.daun) if d.format != Format.TEKS]
        if not angka:
            return bool(self.baris)
        return any(_isi(b, n) for b in self.baris for n in angka)

    @property
    def judul_lengkap(self) -> str:
        return f"{self.nomor} {self.judul}".strip()

    def kepala(self) -> list[list[SelKepala]]:
        """The header rows: a group heading spans its columns; a column without
        children spans the remaining header rows."""
        tinggi = max(k.kedalaman for k in self.kolom)
        hasil: list[list[SelKepala]] = [[] for _ in range(tinggi)]

        def letakkan(kolom: Kolom, tingkat: int) -> None:
            if kolom.anak:
                hasil[tingkat].append(SelKepala(kolom.judul, len(kolom.daun), 1))
                for a in kolom.anak:
                    letakkan(a, tingkat + 1)
            else:
                hasil[tingkat].append(SelKepala(kolom.judul, 1, tinggi - tingkat))

        for k in self.kolom:
            letakkan(k, 0)
        return hasil

    def persen_lebar(self) -> list[str]:
        """Each column's share of the table width, from the width hints."""
        total = sum(d.lebar for d in self.daun)
        return [f"{d.lebar * 100 / total:.1f}" for d in self.daun]

    def nomor_daun(self) -> list[str]:
        """The printed column numbers, "1", "2", ... where a column names none."""
        return [d.nomor or str(n) for n, d in enumerate(self.daun, start=1)]

    def tampil(self, b: Baris) -> list[SelTampil]:
        """A row's cells, each with the format that applies to it."""
        hasil, posisi = [], 0
        for s in b.sel:
            fmt = s.format or self.daun[posisi].format
            hasil.append(SelTampil(nilai=s.nilai, format=fmt, rentang=s.rentang))
            posisi += s.rentang
        return hasil

    def baris_tampil(self) -> list[tuple[Baris, list[SelTampil]]]:
        return [(b, self.tampil(b)) for b in self.baris]

    def kaki_tampil(self) -> list[tuple[Baris, list[SelTampil]]]:
        return [(b, self.tampil(b)) for b in self.kaki]


def _sel_di(b: Baris, kolom: int) -> Sel:
    """The cell of a row that covers a column."""
    awal = 0
    for s in b.sel:
        if awal <= kolom < awal + s.rentang:
            return s
        awal += s.rentang
    raise IndexError(kolom)


def _isi(b: Baris, kolom: int) -> bool:
    return _sel_di(b, kolom).nilai not in (None, "")


def _tanpa(kolom: Kolom, posisi: Iterator[int], buang: set[int]) -> Kolom | None:
    """A column (group) without the leaves numbered in ``buang``; None when
    nothing of it is left. ``posisi`` numbers the leaves as they are walked."""
    if not kolom.anak:
        return None if next(posisi) in buang else kolom
    anak = tuple(a for a in [_tanpa(a, posisi, buang) for a in kolom.anak] if a)
    return replace(kolom, anak=anak) if anak else None


def _buang_sel(b: Baris, buang: set[int]) -> Baris:
    """A row without the columns numbered in ``buang``: a cell that spans one of
    them spans one column less."""
    sel, awal = [], 0
    for s in b.sel:
        tinggal = sum(1 for k in range(awal, awal + s.rentang) if k not in buang)
        if tinggal:
            sel.append(replace(s, rentang=tinggal))
        awal += s.rentang
    return Baris(sel=tuple(sel), jenis=b.jenis)


def gabung_teks(*bagian: str) -> str:
    """Paragraphs joined, the empty ones left out (a cell that gathers the
    narratives of several indicators)."""
    return "\n".join(b.strip() for b in bagian if b and b.strip())
