"""Workbooks for the Rencana Aksi reading tests and ``bench/impor.py``: the largest
valid plan, and hostile files that take a valid workbook apart at the XML level."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from openpyxl import load_workbook

from reports.rencana_aksi import templat_rencana_aksi

# The data sheets' parts in a workbook saved by openpyxl from the template:
# sheet1 is Petunjuk, sheet2-6 the data sheets, sheet7 Daftar.
LEMBAR_PROGRAM = "xl/worksheets/sheet2.xml"
TEKS_BERSAMA = "xl/sharedStrings.xml"


def rencana_besar(tahun_anggaran, baris: int, unit: str) -> bytes:
    """A valid plan with ``baris`` rows on every data sheet: as many programs, each
    with one kegiatan, one sub kegiatan, one indicator and one budget line, all
    owned by ``unit``."""
    wb = load_workbook(BytesIO(templat_rencana_aksi(tahun_anggaran, isi=False)))
    for n in range(1, baris + 1):
        p, k, s = f"9.{n:04d}", f"9.{n:04d}.2.01", f"9.{n:04d}.2.01.0001"
        wb["Program"].append([p, f"Program Besar Nomor {n}", unit, None])
        wb["Kegiatan"].append([p, k, f"Kegiatan Besar Nomor {n}", unit])
        wb["Sub Kegiatan"].append([p, k, s, f"Sub Kegiatan Besar Nomor {n}", unit])
        wb["Indikator"].append(
            [
                *("sub_kegiatan", p, k, s, f"Jumlah laporan {n}", "Laporan", 4),
                *(1, 1, 1, 1, "positif", "jumlah", 0, None, "tidak", None, None, None),
            ]
        )
        wb["Anggaran"].append(
            [p, k, s, "murni", 4000 + n, "APBD", 1000 + n] + [1000] * 3
        )
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def bagian(xlsx: bytes, nama: str) -> bytes:
    with zipfile.ZipFile(BytesIO(xlsx)) as z:
        return z.read(nama)


def ganti_bagian(xlsx: bytes, nama: str, isi: bytes) -> bytes:
    """The workbook with the part ``nama`` replaced (or added)."""
    keluaran = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(xlsx)) as asal,
        zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as tujuan,
    ):
        for info in asal.infolist():
            if info.filename != nama:
                tujuan.writestr(info, asal.read(info.filename))
        tujuan.writestr(nama, isi)
    return keluaran.getvalue()


def dimensi_penuh(xlsx: bytes) -> bytes:
    """Every data sheet declares the whole grid, A1:XFD1048576, as its size."""
    for n in range(2, 7):
        nama = f"xl/worksheets/sheet{n}.xml"
        xml = re.sub(
            rb'<dimension ref="[^"]*"\s*/>',
            b'<dimension ref="A1:XFD1048576"/>',
            bagian(xlsx, nama),
        )
        xlsx = ganti_bagian(xlsx, nama, xml)
    return xlsx


def baris_kosong(xlsx: bytes, banyak: int) -> bytes:
    """The Program sheet followed by ``banyak`` empty (formatted) rows, its size
    declared accordingly (as Excel would)."""
    xml = bagian(xlsx, LEMBAR_PROGRAM)
    awal = int(re.findall(rb'<row r="(\d+)"', xml)[-1]) + 1
    kosong = b"".join(
        b'<row r="%d" s="1" customFormat="1"/>' % n for n in range(awal, awal + banyak)
    )
    xml = xml.replace(b"</sheetData>", kosong + b"</sheetData>")
    xml = re.sub(
        rb'<dimension ref="[^"]*"\s*/>',
        b'<dimension ref="A1:D%d"/>' % (awal + banyak - 1),
        xml,
    )
    return ganti_bagian(xlsx, LEMBAR_PROGRAM, xml)


def sel_jauh(xlsx: bytes) -> bytes:
    """The Program sheet with one cell in the very last row of the grid."""
    xml = bagian(xlsx, LEMBAR_PROGRAM).replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="B1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData>",
    )
    return ganti_bagian(xlsx, LEMBAR_PROGRAM, xml)


def dengan_rumus(xlsx: bytes, alamat: str, rumus: str, hasil: str | None) -> bytes:
    """The Indikator sheet (sheet5) with a formula in cell ``alamat``: with its
    stored result ``hasil``, or with none (as a program that does not calculate
    leaves it)."""
    nama = "xl/worksheets/sheet5.xml"
    xml = bagian(xlsx, nama)
    sel = re.search(rb'<c r="%s"[^>]*?(/>|>.*?</c>)' % alamat.encode(), xml)
    nilai = b"" if hasil is None else b"<v>%s</v>" % hasil.encode()
    baru = b'<c r="%s"><f>%s</f>%s</c>' % (alamat.encode(), rumus.encode(), nilai)
    return ganti_bagian(xlsx, nama, xml[: sel.start()] + baru + xml[sel.end() :])


def _teks_bersama(isi: bytes, banyak: int) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="%d" uniqueCount="%d">%s</sst>' % (banyak, banyak, isi)
    )


def dengan_teks_bersama(xlsx: bytes, xml: bytes) -> bytes:
    """The workbook with ``xml`` as its shared strings (openpyxl writes none: it
    finds them through the content types, as Excel's files declare them)."""
    jenis = bagian(xlsx, "[Content_Types].xml")
    if b"sharedStrings" not in jenis:
        jenis = jenis.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            b"</Types>",
        )
        xlsx = ganti_bagian(xlsx, "[Content_Types].xml", jenis)
    return ganti_bagian(xlsx, TEKS_BERSAMA, xml)


def bom_teks(xlsx: bytes, banyak: int) -> bytes:
    """``banyak`` empty shared strings: a few kilobytes packed, gigabytes once
    openpyxl reads them into a list."""
    return dengan_teks_bersama(xlsx, _teks_bersama(b"<si><t/></si>" * banyak, banyak))


def _dengan_dtd(xlsx: bytes, dtd: bytes, entitas: bytes) -> bytes:
    """The Program sheet (read row by row, after the workbook has loaded) with a
    DTD and a cell that uses its entity."""
    xml = bagian(xlsx, LEMBAR_PROGRAM)
    xml = xml.replace(
        b"<worksheet", b"<!DOCTYPE worksheet [" + dtd + b"]><worksheet", 1
    )
    sel = b'<row r="2"><c r="B2" t="inlineStr"><is><t>&%s;</t></is></c>' % entitas
    return ganti_bagian(xlsx, LEMBAR_PROGRAM, xml.replace(b'<row r="2">', sel, 1))


def bom_entitas(xlsx: bytes) -> bytes:
    """The billion laughs: nine levels of entities, each ten of the one below."""
    dtd = b'<!ENTITY a "hahahahahahahahahaha">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10)
        for i in range(9)
    )
    return _dengan_dtd(xlsx, dtd, b"j")


def entitas_luar(xlsx: bytes) -> bytes:
    """An external entity that would read a file of the server."""
    return _dengan_dtd(
        xlsx, b'<!ENTITY rahasia SYSTEM "file:///etc/passwd">', b"rahasia"
    )
