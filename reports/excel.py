"""Report tables -> a formatted xlsx workbook, with openpyxl.

Each ``reports.tabel.Tabel`` becomes one sheet: title rows, the header with its merged
two-row cells, the column numbers, the rows with Rupiah and percent number formats
(one format per column), bold totals, a frozen header, and when printed the header
rows on every page, the office and period at the top and the page number at the
foot. Numbers are written as numbers (Excel shows them with the reader's own
separators); a missing value is an empty cell, never 0. Text is always written as
text (``tulis``): a kendala typed as ``=HYPERLINK(...)`` stays those words, never a
live formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.tabel import Format, SelTampil, Tabel

# Per format: (whole numbers, with decimals). A column takes the second when any of
# its values has decimals, so a column never mixes two formats.
FORMAT_ANGKA = {
    Format.RUPIAH: ("#,##0", "#,##0.00"),
    Format.ANGKA: ("#,##0", "#,##0.00"),
    Format.PERSEN: ("0.00%", "0.00%"),
    Format.POIN: ("0.00", "0.00"),
    Format.NRR: ("0.0000", "0.0000"),
}
TIPIS = Side(style="thin", color="000000")
BINGKAI = Border(left=TIPIS, right=TIPIS, top=TIPIS, bottom=TIPIS)
ABU = PatternFill("solid", fgColor="E8E8E8")
ABU_MUDA = PatternFill("solid", fgColor="F4F4F4")
TEBAL = Font(bold=True)
KEPALA = Alignment(horizontal="center", vertical="center", wrap_text=True)
TEKS = Alignment(vertical="top", wrap_text=True)
ANGKA = Alignment(horizontal="right", vertical="top")
BARIS_PERTAMA = 4  # rows 1-2: title and subtitle; row 3 empty


def teks_sel(ws: Worksheet, teks: str) -> Cell:
    """A cell holding ``teks`` as text. openpyxl would write a string that starts
    with "=" as a formula (``=HYPERLINK(...)``, a DDE ``=cmd|...``) and "#N/A" as an
    error value, so the cell is marked as a string; characters a worksheet cannot
    hold (control characters pasted from other programs) are dropped."""
    sel = Cell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", teks))
    sel.data_type = "s"
    return sel


def tulis(ws: Worksheet, baris: int, kolom: int, nilai: Any) -> Cell:
    """Write one cell; text as text (``teks_sel``)."""
    sel = ws.cell(row=baris, column=kolom)
    if isinstance(nilai, str):
        teks = teks_sel(ws, nilai)
        sel.value, sel.data_type = teks.value, teks.data_type
    else:
        sel.value = nilai
    return sel


def tambah_baris(ws: Worksheet, nilai: Iterable[Any]) -> None:
    """``ws.append`` with text written as text (``teks_sel``)."""
    ws.append([teks_sel(ws, v) if isinstance(v, str) else v for v in nilai])


def _nilai(s: SelTampil, format_: Format):
    """The value to write in ``format_``: numbers as numbers (percent as a
    fraction, for Excel's % format), text as text, missing as an empty cell."""
    if s.nilai is None or s.nilai == "":
        return None
    if format_ == Format.TEKS or isinstance(s.nilai, str):
        return str(s.nilai)
    nilai = Decimal(s.nilai)
    return nilai / 100 if format_ == Format.PERSEN else nilai


def _format_kolom(tabel: Tabel, kolom: int, s: SelTampil) -> Format:
    """The format a number is shown with in the workbook: its column's, so that a
    column has one format (a total of another kind in it, such as the IKM under
    the NRR, takes the column's); a cell's own where its column is text."""
    daun = tabel.daun[kolom].format
    return daun if daun in FORMAT_ANGKA and s.rentang == 1 else s.format


def _berpecahan(tabel: Tabel) -> set[int]:
    """The columns holding a number that is not a whole number."""
    hasil = set()
    for b in (*tabel.baris, *tabel.kaki):
        kolom = 0
        for s in tabel.tampil(b):
            nilai = s.nilai
            if isinstance(nilai, Decimal) and nilai != nilai.to_integral_value():
                hasil.add(kolom)
            kolom += s.rentang
    return hasil


def isi_lembar(ws: Worksheet, tabel: Tabel, *, subjudul: str = "") -> None:
    """Write one table into an empty sheet; ``subjudul`` (the office and period)
    is its second row and the printed pages' header."""
    lebar = len(tabel.daun)
    ujung = get_column_letter(lebar)
    tulis(ws, 1, 1, tabel.judul_lengkap).font = Font(bold=True, size=12)
    ws.merge_cells(f"A1:{ujung}1")
    if subjudul:
        tulis(ws, 2, 1, subjudul)
        ws.merge_cells(f"A2:{ujung}2")

    baris = BARIS_PERTAMA
    for kepala in tabel.kepala():
        kolom = 1
        for k in kepala:
            while _tergabung(ws, baris, kolom):
                kolom += 1
            tulis(ws, baris, kolom, k.judul)
            if k.colspan > 1 or k.rowspan > 1:
                ws.merge_cells(
                    start_row=baris,
                    start_column=kolom,
                    end_row=baris + k.rowspan - 1,
                    end_column=kolom + k.colspan - 1,
                )
            for r in range(baris, baris + k.rowspan):
                for c in range(kolom, kolom + k.colspan):
                    _gaya_kepala(ws.cell(row=r, column=c))
            kolom += k.colspan
        baris += 1
    if tabel.nomor_kolom:
        for kolom, nomor in enumerate(tabel.nomor_daun(), start=1):
            _gaya_kepala(tulis(ws, baris, kolom, nomor))
        baris += 1
    akhir_kepala = baris - 1
    ws.freeze_panes = ws.cell(row=baris, column=1)
    ws.print_title_rows = f"{BARIS_PERTAMA}:{akhir_kepala}"

    pecahan = _berpecahan(tabel)
    for jumlah, daftar in ((False, tabel.baris_tampil()), (True, tabel.kaki_tampil())):
        for b, sel_baris in daftar:
            _tulis_baris(
                ws,
                tabel,
                baris,
                sel_baris,
                tebal=b.tebal,
                jumlah=jumlah,
                pecahan=pecahan,
            )
            baris += 1
    if tabel.catatan:
        tulis(ws, baris + 1, 1, tabel.catatan).font = Font(italic=True, size=9)

    for kolom, daun in enumerate(tabel.daun, start=1):
        ws.column_dimensions[get_column_letter(kolom)].width = max(daun.lebar, 6) + 2
    ws.page_setup.orientation = "landscape" if lebar > 7 else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # Excel's codes: &P the page, &N the number of pages; "&" itself is "&&".
    ws.oddHeader.left.text = subjudul.replace("&", "&&")
    ws.oddHeader.left.size = 8
    ws.oddFooter.left.text = tabel.judul_lengkap.replace("&", "&&")
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "Halaman &P dari &N"
    ws.oddFooter.right.size = 8


def _tergabung(ws: Worksheet, baris: int, kolom: int) -> bool:
    return any(
        r.min_row <= baris <= r.max_row and r.min_col <= kolom <= r.max_col
        for r in ws.merged_cells.ranges
    )


def _gaya_kepala(sel) -> None:
    sel.font = TEBAL
    sel.fill = ABU
    sel.alignment = KEPALA
    sel.border = BINGKAI


def _tulis_baris(
    ws: Worksheet,
    tabel: Tabel,
    baris: int,
    sel_baris: list[SelTampil],
    *,
    tebal: bool,
    jumlah: bool,
    pecahan: set[int],
) -> None:
    kolom = 1
    for s in sel_baris:
        format_sel = _format_kolom(tabel, kolom - 1, s)
        nilai = _nilai(s, format_sel)
        sel = tulis(ws, baris, kolom, nilai)
        fmt = None
        if format_sel in FORMAT_ANGKA and isinstance(nilai, Decimal):
            fmt = FORMAT_ANGKA[format_sel][kolom - 1 in pecahan]
        if fmt:
            sel.number_format = fmt
        sel.alignment = ANGKA if fmt else TEKS
        if s.rentang > 1:
            ws.merge_cells(
                start_row=baris,
                start_column=kolom,
                end_row=baris,
                end_column=kolom + s.rentang - 1,
            )
        for c in range(kolom, kolom + s.rentang):
            tepi = ws.cell(row=baris, column=c)
            tepi.border = BINGKAI
            if tebal:
                tepi.font = TEBAL
            if jumlah:
                tepi.fill = ABU_MUDA
        kolom += s.rentang


PANJANG_LEMBAR = 31  # Excel's limit for a sheet name
# Characters Excel refuses in a sheet name.
TANDA_TERLARANG = re.compile(r"[\[\]:*?/\\]")
# A unit's name in a sheet name: its kind shortened, as offices write it.
SINGKATAN_UNIT = (
    (re.compile(r"^Sub ?Bagian\b", re.IGNORECASE), "Subbag"),
    (re.compile(r"^Seksi\b", re.IGNORECASE), "Si"),
    (re.compile(r"^Bidang\b", re.IGNORECASE), "Bid"),
)


# Words a shortened name does not end on ("Ketertiban Umum dan").
KATA_SAMBUNG = {"dan", "di", "pada", "serta", "dalam", "atas", "untuk", "yang"}


def _pangkas(teks: str, panjang: int) -> str:
    """At most ``panjang`` characters, cut at a word where one can be."""
    if len(teks) <= panjang:
        return teks
    kata = teks[: panjang + 1].split(" ")[:-1]
    while kata and kata[-1].lower() in KATA_SAMBUNG:
        kata.pop()
    potong = " ".join(kata)
    return (potong if len(potong) > panjang // 2 else teks[:panjang]).rstrip(" ,.-")


def nama_lembar(tabel: Tabel, dipakai: set[str], unit: str = "") -> str:
    """A sheet name, unique in the workbook: the table's number (or short name),
    after the unit's name in a bundle ("Si Operasi dan Pengendalian 3.1")."""
    label = tabel.nomor or tabel.lembar or tabel.judul
    if unit:
        label = label.removeprefix("Tabel ")
        for pola, singkat in SINGKATAN_UNIT:
            unit = pola.sub(singkat, unit)
        label = f"{_pangkas(unit, PANJANG_LEMBAR - len(label) - 1)} {label}"
    dasar = _pangkas(TANDA_TERLARANG.sub("-", label).strip("'"), PANJANG_LEMBAR)
    nama, n = dasar, 2
    while nama in dipakai:
        akhiran = f" ({n})"
        nama, n = dasar[: PANJANG_LEMBAR - len(akhiran)] + akhiran, n + 1
    dipakai.add(nama)
    return nama


def buku_kerja(bagian: Iterable[tuple[str, str, Iterable[Tabel]]]) -> bytes:
    """A workbook of tables. ``bagian`` holds (unit name, subtitle, tables): one
    report gives one part with no unit name; a bundle gives one part per unit,
    whose sheets are named for it."""
    wb = Workbook()
    wb.remove(wb.active)
    dipakai: set[str] = set()
    for unit, subjudul, daftar in bagian:
        for tabel in daftar:
            ws = wb.create_sheet(nama_lembar(tabel, dipakai, unit))
            isi_lembar(ws, tabel, subjudul=subjudul)
    if not wb.sheetnames:
        tulis(wb.create_sheet("Kosong"), 1, 1, "Tidak ada tabel.")
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
