"""Reading a rendered PDF back, as a reader would: its text (pdftotext), its pages,
fonts and bookmarks."""

from __future__ import annotations

import subprocess
import tempfile
from io import BytesIO
from pathlib import Path


def teks_pdf(isi: bytes, *, layout: bool = False) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(isi)
        f.flush()
        perintah = ["pdftotext", *(["-layout"] if layout else []), f.name, "-"]
        return subprocess.run(
            perintah, check=True, capture_output=True, text=True
        ).stdout


def info_pdf(isi: bytes, perintah: str = "pdfinfo") -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(isi)
        f.flush()
        return subprocess.run(
            [perintah, f.name], check=True, capture_output=True, text=True
        ).stdout


def penanda_buku(isi: bytes) -> list[tuple[int, str]]:
    """The bookmarks (outline) as (depth, title), in order."""
    from pypdf import PdfReader

    hasil: list[tuple[int, str]] = []

    def telusuri(daftar, tingkat: int) -> None:
        for item in daftar:
            if isinstance(item, list):
                telusuri(item, tingkat + 1)
            else:
                hasil.append((tingkat, item.title))

    telusuri(PdfReader(BytesIO(isi)).outline, 1)
    return hasil


def jumlah_halaman(isi: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(isi)).pages)


def simpan(isi: bytes, nama: str) -> Path:
    """Keep a rendered file under test-artifacts/ for a human to look at."""
    folder = Path(__file__).resolve().parent.parent / "test-artifacts"
    folder.mkdir(exist_ok=True)
    path = folder / nama
    path.write_bytes(isi)
    return path


def ukuran_halaman_mm(isi: bytes) -> list[tuple[int, int]]:
    """Each page's width and height in whole millimetres."""
    from pypdf import PdfReader

    mm = 25.4 / 72
    return [
        (round(float(p.mediabox.width) * mm), round(float(p.mediabox.height) * mm))
        for p in PdfReader(BytesIO(isi)).pages
    ]


def teks_halaman(isi: bytes) -> list[str]:
    """The text of each page (pdftotext, one page at a time)."""
    return teks_pdf(isi).split("\f")[:-1]


def kata_halaman(isi: bytes) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """Each page's height and its words as (top, bottom, word), in points from the
    top of the page (pdftotext -bbox)."""
    from xml.etree import ElementTree

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(isi)
        f.flush()
        xhtml = subprocess.run(
            ["pdftotext", "-bbox", f.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    hasil = []
    for page in ElementTree.fromstring(xhtml).iter(f"{{{ns['h']}}}page"):
        kata = [
            (float(w.get("yMin")), float(w.get("yMax")), w.text or "")
            for w in page.iter(f"{{{ns['h']}}}word")
        ]
        hasil.append((float(page.get("height")), kata))
    return hasil


def penanda_halaman(isi: bytes) -> list[tuple[int, int, str, float]]:
    """The bookmarks as (depth, page index, title, distance of the target from the
    page's top in points)."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(isi))
    hasil: list[tuple[int, int, str, float]] = []

    def telusuri(daftar, tingkat: int) -> None:
        for item in daftar:
            if isinstance(item, list):
                telusuri(item, tingkat + 1)
                continue
            n = reader.get_destination_page_number(item)
            tinggi = float(reader.pages[n].mediabox.height)
            hasil.append((tingkat, n, item.title, tinggi - float(item.top)))

    telusuri(reader.outline, 1)
    return hasil


def label_halaman(isi: bytes) -> list[str]:
    """The page labels a PDF viewer shows for each page."""
    from pypdf import PdfReader

    return list(PdfReader(BytesIO(isi)).page_labels)


def gambar_pdf(isi: bytes) -> list[str]:
    """The raster images in a PDF (pdfimages -list), one line each."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(isi)
        f.flush()
        return subprocess.run(
            ["pdfimages", "-list", f.name], check=True, capture_output=True, text=True
        ).stdout.splitlines()[2:]
