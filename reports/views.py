"""Views: check who may see what, get rows from a selector, render. Nothing else."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from reports import akses, selectors
from reports.models import TahunAnggaran


@require_GET
@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Home: the units the user may see, each with its years and quarters."""
    return render(
        request,
        "reports/beranda.html",
        {
            "daftar_opd": selectors.daftar_unit_per_opd(
                akses.unit_terlihat(request.user)
            )
        },
    )


@require_GET
@login_required
def unit_triwulan(
    request: HttpRequest, opd: str, unit: str, tahun: int, triwulan: int
) -> HttpResponse:
    """One unit's indicators and budget lines in one quarter, read-only."""
    if not 1 <= triwulan <= 4:
        raise Http404("Triwulan tidak dikenal.")
    # A unit the user may not see answers exactly like a unit that does not exist.
    unit_kerja = get_object_or_404(
        akses.unit_terlihat(request.user), opd__slug=opd, slug=unit
    )
    try:
        tahun_anggaran = selectors.tahun_anggaran_for(opd, tahun)
    except TahunAnggaran.DoesNotExist as exc:
        raise Http404("Tahun anggaran tidak ada.") from exc
    return render(
        request,
        "reports/unit_triwulan.html",
        {
            "lap": selectors.laporan_unit(
                unit=unit_kerja, tahun_anggaran=tahun_anggaran, triwulan=triwulan
            ),
            "tahun_lain": selectors.tahun_opd(unit_kerja.opd),
        },
    )
