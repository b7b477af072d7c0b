"""Report tables -> a formatted xlsx workbook, with openpyxl.

Each ``reports.tabel.Tabel`` becomes one sheet: title rows, the header with its merged
two-row cells, the column numbers, the rows with Rupiah and percent number formats,
bold totals, a frozen header and the header repeated on every printed page. Numbers
are written as numbers (Excel shows them with the reader's own separators); a missing
value is an empty cell, never 0. Text is always written as text (``tulis``): a
kendala typed as ``=HYPERLINK(...)`` stays those words, never a live formula.
"""

from __future__ import annotations

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

FORMAT_ANGKA = {
    Format.RUPIAH: ("#,##0", "#,##0.00"),
    Format.ANGKA: ("#,##0", "#,##0.00"),
    Format.PERSEN: ("0.00%", "0.00%"),
    Format.NRR: ("0", "0.0000"),
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


def _nilai(s: SelTampil):
    """The value to write: numbers as numbers (percent as a fraction, for Excel's %
    format), text as text, missing as an empty cell."""
    if s.nilai is None or s.nilai == "":
        return None
    if s.format == Format.TEKS or isinstance(s.nilai, str):
        return str(s.nilai)
    nilai = Decimal(s.nilai)
    return nilai / 100 if s.format == Format.PERSEN else nilai


def _format_angka(s: SelTampil, nilai) -> str | None:
    if s.format not in FORMAT_ANGKA or not isinstance(nilai, Decimal):
        return None
    bulat, pecahan = FORMAT_ANGKA[s.format]
    utuh = nilai == nilai.to_integral_value()
    return bulat if utuh and s.format != Format.PERSEN else pecahan


def isi_lembar(ws: Worksheet, tabel: Tabel, *, subjudul: str = "") -> None:
    """Write one table into an empty sheet."""
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

    for jumlah, daftar in ((False, tabel.baris_tampil()), (True, tabel.kaki_tampil())):
        for b, sel_baris in daftar:
            _tulis_baris(ws, baris, sel_baris, tebal=b.tebal, jumlah=jumlah)
            baris += 1
    if not tabel.baris:
        tulis(ws, baris, 1, tabel.kosong).font = Font(italic=True)
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
    ws: Worksheet, baris: int, sel_baris: list[SelTampil], *, tebal: bool, jumlah: bool
) -> None:
    kolom = 1
    for s in sel_baris:
        nilai = _nilai(s)
        sel = tulis(ws, baris, kolom, nilai)
        fmt = _format_angka(s, nilai)
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


def nama_lembar(tabel: Tabel, dipakai: set[str], awalan: str = "") -> str:
    """A sheet name (at most 31 characters, unique in the workbook)."""
    dasar = f"{awalan}{tabel.nomor or tabel.judul}"[:31]
    nama, n = dasar, 2
    while nama in dipakai:
        akhiran = f" ({n})"
        nama, n = dasar[: 31 - len(akhiran)] + akhiran, n + 1
    dipakai.add(nama)
    return nama


def buku_kerja(bagian: Iterable[tuple[str, str, Iterable[Tabel]]]) -> bytes:
    """A workbook of tables. ``bagian`` holds (sheet-name prefix, subtitle, tables):
    one report gives one part; a bundle gives one part per unit."""
    wb = Workbook()
    wb.remove(wb.active)
    dipakai: set[str] = set()
    for awalan, subjudul, daftar in bagian:
        for tabel in daftar:
            ws = wb.create_sheet(nama_lembar(tabel, dipakai, awalan))
            isi_lembar(ws, tabel, subjudul=subjudul)
    if not wb.sheetnames:
        tulis(wb.create_sheet("Kosong"), 1, 1, "Tidak ada tabel.")
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
