"""Report documents -> PDF bytes, with WeasyPrint.

The PDF is the same HTML as the report page (the same templates, from the same
``reports.laporan`` objects) with print styles: the paper size of the office, a
running header with the office and the period, "Halaman X dari Y", on the pages of a
unit report whose quarter is not approved the mark "Draf - belum disetujui atasan",
table headers repeated on every page, no table row split across pages, bookmarks per
BAB, fonts embedded and subset.
"""

from __future__ import annotations

from collections.abc import Callable

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


def render_pdf(
    template: str, konteks: dict, *, kertas: str, progres: Progres = _diam
) -> bytes:
    """Render a report template to PDF on the given paper size, telling ``progres``
    (percent, step) as the slow steps begin."""
    from weasyprint import CSS, HTML

    html = render_to_string(template, konteks)
    gaya = [
        CSS(filename=finders.find("css/laporan.css")),
        CSS(string=css_halaman(kertas)),
    ]
    progres(30, "Menata halaman")
    dokumen = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=gaya
    )
    progres(85, f"Menulis PDF ({len(dokumen.pages)} halaman)")
    return dokumen.write_pdf()


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
