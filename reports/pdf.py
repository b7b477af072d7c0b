"""Report documents -> PDF bytes, with WeasyPrint.

The PDF is the same HTML as the report page (the same templates, from the same
``reports.laporan`` objects) with print styles: the paper size of the office, a
running header with the office and the period, the front matter numbered i, ii ...
and the body from 1 ("Halaman 3 dari 40", the PDF's page labels alike), on the pages
of a unit report whose quarter is not approved the mark "Draf - belum disetujui
atasan", table headers repeated on every page, no table row split across pages,
bookmarks per BAB, fonts embedded and subset.

The page numbering is CSS (named pages ``depan`` and ``isi`` and their counters),
so it holds however the pages are laid out.
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

# Paper (width, height) and page margins (top, right, bottom, left), in mm.
UKURAN = {UkuranKertas.A4: (210, 297), UkuranKertas.F4: (215, 330)}
MARGIN = (20, 18, 18, 22)
MARGIN_LANSKAP = (18, 16, 16, 16)
PT_PER_MM = 72 / 25.4
# The anchors where the front matter and the body begin (see ``_label_halaman``).
AWAL_DEPAN = "halaman-depan"
AWAL_ISI = "halaman-isi"


def lebar_isi_pt(kertas: str, *, lanskap: bool = False) -> int:
    """The width a figure may take on a page, in points: the paper's width less
    its side margins."""
    lebar, tinggi = UKURAN[UkuranKertas(kertas)]
    if lanskap:
        return int((tinggi - MARGIN_LANSKAP[1] - MARGIN_LANSKAP[3]) * PT_PER_MM)
    return int((lebar - MARGIN[1] - MARGIN[3]) * PT_PER_MM)


def _mm(nilai: tuple[int, ...]) -> str:
    return " ".join(f"{n}mm" for n in nilai)


def css_halaman(kertas: str) -> str:
    """The @page rules for a paper size: portrait pages, landscape ones for the wide
    tables, the running header, the draft mark and the page numbers: none on the
    cover, i, ii ... on the front matter (named page ``depan``), then from 1 to the
    last page of the body ("#akhir-laporan")."""
    lebar, tinggi = UKURAN[UkuranKertas(kertas)]
    return f"""
        @page {{ size: {lebar}mm {tinggi}mm; margin: {_mm(MARGIN)};
            @top-left {{ content: string(kepala); font: 8pt "Liberation Sans";
                        color: #444; vertical-align: bottom; padding-bottom: 3mm; }}
            @bottom-right {{ content: "Halaman " counter(page) " dari "
                                target-counter("#akhir-laporan", page);
                            font: 8pt "Liberation Sans"; color: #444; }}
            @bottom-left {{ content: string(draf, first);
                           font: bold 8pt "Liberation Sans"; color: #9b2c24; }} }}
        @page lanskap {{ size: {tinggi}mm {lebar}mm; margin: {_mm(MARGIN_LANSKAP)}; }}
        @page :first {{ counter-increment: page 0;
            @top-left {{ content: none; }} @bottom-left {{ content: none; }}
            @bottom-right {{ content: none; }} }}
        @page depan {{ counter-increment: page 0 depan 1;
            @bottom-right {{ content: "Halaman " counter(depan, lower-roman); }} }}
        .lanskap {{ page: lanskap; }}
        .bagian-depan {{ page: depan; }}
        .isi-laporan {{ page: isi; }}
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
    return dokumen.write_pdf(finisher=_label_halaman)


def _label_halaman(dokumen, pdf) -> None:
    """The PDF's page labels, as the pages are numbered: the cover "Sampul", the
    front matter i, ii ..., the body from 1, so that a PDF viewer shows the page
    numbers the reader sees printed."""
    import pydyf

    awal: dict[str, int] = {}
    for n, halaman in enumerate(dokumen.pages):
        for nama in (AWAL_DEPAN, AWAL_ISI):
            if nama in halaman.anchors:
                awal.setdefault(nama, n)
    label = [0, pydyf.Dictionary({"P": pydyf.String("Sampul")})]
    for nama, gaya in ((AWAL_DEPAN, "/r"), (AWAL_ISI, "/D")):
        if nama in awal and awal[nama] > 0:
            label += [awal[nama], pydyf.Dictionary({"S": gaya})]
    pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(label)})


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
        {
            "dok": dok,
            "judul": f"{dok.judul} {dok.unit.nama} {dok.opd.nama}",
            "opd": dok.opd,
        },
        kertas=dok.opd.ukuran_kertas,
        progres=progres,
    )


def pdf_bundel(
    *,
    opd,
    tahun: int,
    triwulan: int,
    dokumen: list,
    lambang: str = "",
    progres: Progres = _diam,
) -> bytes:
    """All unit reports of an office's quarter in one PDF, each on a new page;
    ``lambang`` is the pemda's lambang for the cover (a data: URI)."""
    return render_pdf(
        "reports/laporan/bundel_pdf.html",
        {
            "opd": opd,
            "tahun": tahun,
            "triwulan_romawi": ROMAWI[triwulan],
            "dokumen": dokumen,
            "judul": f"Laporan Kinerja Unit Kerja {opd.nama} Triwulan "
            f"{ROMAWI[triwulan]} Tahun {tahun}",
            "lambang": lambang,
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
