"""Report documents -> PDF bytes, with WeasyPrint.

The PDF is the same HTML as the report page (the same templates, from the same
``reports.laporan`` objects) with print styles: the paper size of the office, a
running header with the office and the period, "Halaman X dari Y", on the pages of a
unit report whose quarter is not approved the mark "Draf - belum disetujui atasan",
table headers repeated on every page, no table row split across pages, bookmarks per
BAB, fonts embedded and subset.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from reports.models import ROMAWI, UkuranKertas

UKURAN = {UkuranKertas.A4: "210mm 297mm", UkuranKertas.F4: "215mm 330mm"}


def css_halaman(kertas: str) -> str:
    """The @page rules for a paper size: portrait pages, landscape ones for the wide
    tables, and the running header, page numbers and draft mark (none on the
    cover)."""
    lebar, tinggi = UKURAN[UkuranKertas(kertas)].split()
    kepala_kaki = """
        @top-left { content: string(kepala); font: 8pt "Liberation Sans";
                    color: #444; vertical-align: bottom; padding-bottom: 3mm; }
        @bottom-right { content: "Halaman " counter(page) " dari " counter(pages);
                        font: 8pt "Liberation Sans"; color: #444; }
        @bottom-left { content: string(draf, first); font: bold 8pt "Liberation Sans";
                       color: #9b2c24; }
    """
    return f"""
        @page {{ size: {lebar} {tinggi}; margin: 20mm 18mm 18mm 22mm; {kepala_kaki} }}
        @page lanskap {{ size: {tinggi} {lebar}; margin: 18mm 16mm 16mm 16mm;
                        {kepala_kaki} }}
        @page :first {{ @top-left {{ content: none; }} @bottom-left {{ content: none; }}
                        @bottom-right {{ content: none; }} }}
        .lanskap {{ page: lanskap; }}
    """


Progres = Callable[[int, str], None]


def _diam(persen: int, tahap: str) -> None:
    pass


def berkas_statis(url: str) -> Path | None:
    """The file of the app's own static files that a ``file:`` URL names, or None
    for any other URL (another scheme, a path outside the static directories, one
    that climbs out of them with ".." or a link)."""
    bagian = urlsplit(url)
    if bagian.scheme != "file" or bagian.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(bagian.path)).resolve()
    akar = [
        Path(d).resolve() for d in [*settings.STATICFILES_DIRS, settings.STATIC_ROOT]
    ]
    if not any(path.is_relative_to(a) for a in akar) or not path.is_file():
        return None
    return path


@cache
def _pengambil():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PengambilStatis(URLFetcher):
        """WeasyPrint fetches only the app's own static files and inline data:
        never the network (no request to an address a text could name, inside
        the server's network or out) and no other file of the server."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = berkas_statis(url)
            if path is None:
                raise ValueError(f"LAKIP tidak mengambil {url[:200]} untuk PDF.")
            jenis = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": jenis}
            )

    return PengambilStatis()


def html_ke_pdf(html: str, *, kertas: str, progres: Progres = _diam) -> bytes:
    """Lay out report HTML on the given paper size and write the PDF."""
    from weasyprint import CSS, HTML

    pengambil = _pengambil()
    gaya = [
        CSS(filename=finders.find("css/laporan.css"), url_fetcher=pengambil),
        CSS(string=css_halaman(kertas), url_fetcher=pengambil),
    ]
    progres(30, "Menata halaman")
    dokumen = HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=pengambil
    ).render(
        stylesheets=gaya,
        # The tables' column widths are <col width> (pages forbid inline styles).
        presentational_hints=True,
    )
    progres(85, f"Menulis PDF ({len(dokumen.pages)} halaman)")
    return dokumen.write_pdf()


def render_pdf(
    template: str, konteks: dict, *, kertas: str, progres: Progres = _diam
) -> bytes:
    """Render a report template to PDF on the given paper size, telling ``progres``
    (percent, step) as the slow steps begin."""
    return html_ke_pdf(
        render_to_string(template, konteks), kertas=kertas, progres=progres
    )


def pdf_unit(dok, *, progres: Progres = _diam) -> bytes:
    """One unit's Laporan Kinerja Triwulan."""
    return render_pdf(
        "reports/laporan/unit_pdf.html",
        {"dok": dok, "judul": f"{dok.judul} {dok.unit.nama}", "opd": dok.opd},
        kertas=dok.opd.ukuran_kertas,
        progres=progres,
    )


def pdf_bundel(
    *, opd, tahun: int, triwulan: int, dokumen: list, progres: Progres = _diam
) -> bytes:
    """All unit reports of an office's quarter in one PDF, each on a new page."""
    return render_pdf(
        "reports/laporan/bundel_pdf.html",
        {
            "opd": opd,
            "tahun": tahun,
            "triwulan_romawi": ROMAWI[triwulan],
            "dokumen": dokumen,
            "judul": f"Laporan Kinerja Unit Kerja Triwulan {ROMAWI[triwulan]} {tahun}",
        },
        kertas=opd.ukuran_kertas,
        progres=progres,
    )


def pdf_opd(dok, *, progres: Progres = _diam) -> bytes:
    """The office's Laporan Evaluasi Kinerja Triwulan."""
    return render_pdf(
        "reports/laporan/opd_pdf.html",
        {"dok": dok, "judul": f"{dok.judul} {dok.opd.nama}", "opd": dok.opd},
        kertas=dok.opd.ukuran_kertas,
        progres=progres,
    )
