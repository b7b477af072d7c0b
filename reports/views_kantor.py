"""The planner's pages for the office's own data of a quarter's report: the
report's texts and Tabel 2.6, the IKU, the IKM survey, revenue and the follow-up
matrix. Thin: check who may, read with ``selectors_kantor``, parse with
``forms_kantor``, write with ``services_kantor``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from reports import akses, selectors, selectors_kantor, services_kantor
from reports.forms import TanggalLaporanForm
from reports.forms_kantor import (
    FormulirSurvei,
    IKUForm,
    LaporanKantorForm,
    PendapatanForm,
    RingkasanForm,
    TindakLanjutForm,
)
from reports.kinerja import RumusTidakSah
from reports.laporan.opd.bab4 import fakta_teks, periksa_teks
from reports.models import LaporanOpd, TahunAnggaran
from reports.services import AksiDitolak

PESAN_BENTROK = (
    "Data ini diubah orang lain sejak halaman dibuka; isian Anda belum disimpan. "
    "Isian Anda tetap di formulir: periksa data terbaru (muat ulang halaman di tab "
    "lain), lalu simpan lagi."
)
PESAN_SALAH = (
    "Ada isian yang perlu diperbaiki (ditandai merah). Belum ada yang disimpan; "
    "isian Anda tetap di formulir."
)
# The planner's pages of a quarter: (what it keeps, url name, tab title).
HALAMAN = [
    ("laporan", "reports:kantor_isian", "Teks dan Tabel 2.6"),
    ("iku", "reports:kantor_iku", "IKU"),
    ("ikm", "reports:kantor_ikm", "Survei IKM"),
    ("pendapatan", "reports:kantor_pendapatan", "Pendapatan"),
    ("tindak_lanjut", "reports:kantor_tindak_lanjut", "Matriks tindak lanjut"),
]


def tahun_perencana(request: HttpRequest, opd: str, tahun: int) -> TahunAnggaran:
    """The office's year, for its planner: 404 for an office the user does not
    see, 403 for one they see but may not keep."""
    if not akses.unit_terlihat(request.user).filter(opd__slug=opd).exists():
        raise Http404("Perangkat daerah tidak ditemukan.")
    try:
        tahun_anggaran = selectors.tahun_anggaran_for(opd, tahun)
    except TahunAnggaran.DoesNotExist as exc:
        raise Http404("Tahun anggaran tidak ada.") from exc
    if not akses.boleh_kelola_kantor(request.user, tahun_anggaran.opd):
        raise PermissionDenied("Hanya perencana perangkat daerah ini.")
    return tahun_anggaran


def _halaman(
    request: HttpRequest, opd: str, tahun: int, triwulan: int
) -> TahunAnggaran:
    if not 1 <= triwulan <= 4:
        raise Http404("Triwulan tidak dikenal.")
    return tahun_perencana(request, opd, tahun)


def _tampil(
    request: HttpRequest,
    template: str,
    ta: TahunAnggaran,
    triwulan: int,
    halaman: str,
    konteks: dict,
    *,
    status: int = 200,
) -> HttpResponse:
    """Render a planner page. After a refused save the page keeps the fingerprint
    it was opened with (so the next save is still checked against what the user
    saw); after a conflict it takes the current one, so that saving again is a
    deliberate overwrite of what the other person changed."""
    args = [ta.opd.slug, ta.tahun, triwulan]
    sidik = request.POST.get("sidik") if status == 400 else None
    return render(
        request,
        template,
        {
            "ta": ta,
            "triwulan": triwulan,
            "tab": [
                (reverse(nama, args=args), judul, kunci == halaman)
                for kunci, nama, judul in HALAMAN
            ],
            "url_laporan": reverse("reports:laporan_opd", args=args),
            "sidik": sidik or selectors_kantor.sidik_halaman(halaman, ta, triwulan),
            **konteks,
        },
        status=status,
    )


def _simpan(request: HttpRequest, simpan) -> int | None:
    """Run a service; None when saved, else the status to answer with (the
    message is set)."""
    try:
        simpan()
    except services_kantor.BentrokKantor:
        messages.error(request, PESAN_BENTROK)
        return 409
    except AksiDitolak as ditolak:
        messages.error(request, ditolak.pesan)
        return 403
    except (ValidationError, RumusTidakSah) as salah:
        pesan = salah.messages if isinstance(salah, ValidationError) else [str(salah)]
        messages.error(request, " ".join(pesan))
        return 400
    messages.success(request, "Tersimpan.")
    return None


def _kirim(
    request: HttpRequest,
    ta: TahunAnggaran,
    triwulan: int,
    *,
    sah,
    simpan,
    isian,
) -> HttpResponse | int:
    """A planner page's answer to a POST: save with the service ``simpan`` what
    ``isian()`` gives when the forms are valid (``sah()``), then redirect to the
    page; else the status to show the page again with (the message is set). 200
    for a GET."""
    if request.method != "POST":
        return 200
    if not sah():
        messages.error(request, PESAN_SALAH)
        return 400
    status = _simpan(
        request,
        lambda: simpan(
            user=request.user,
            tahun_anggaran=ta,
            triwulan=triwulan,
            sidik=request.POST.get("sidik", ""),
            **isian(),
        ),
    )
    return redirect(request.path) if status is None else status


# --- the report's texts and Tabel 2.6 ---


@require_http_methods(["GET", "POST"])
@login_required
def kantor_isian(
    request: HttpRequest, opd: str, tahun: int, triwulan: int
) -> HttpResponse:
    ta = _halaman(request, opd, tahun, triwulan)
    kirim = request.POST if request.method == "POST" else None
    lap = LaporanOpd.objects.filter(tahun_anggaran=ta, triwulan=triwulan).first()
    teks = LaporanKantorForm(
        kirim,
        initial=None
        if lap is None
        else {"kata_pengantar": lap.kata_pengantar, "kesimpulan": lap.kesimpulan},
    )
    tanggal = TanggalLaporanForm(
        kirim,
        tahun=ta.tahun,
        triwulan=triwulan,
        initial={"tanggal": None if lap is None else lap.tanggal},
    )
    pohon = selectors.PohonTahun(ta, triwulan)
    tersimpan = selectors_kantor.ringkasan_anggaran(ta)
    dokumen = selectors_kantor.dokumen_ringkasan(
        pohon, selectors_kantor.pendapatan_tahun(ta)
    )
    ringkasan = [
        RingkasanForm(
            kirim,
            dokumen=d.dokumen,
            tersimpan=tersimpan.get(d.dokumen),
            belanja_rencana=d.belanja,
        )
        for d in dokumen
    ]
    jawab = _kirim(
        request,
        ta,
        triwulan,
        sah=lambda: all([f.is_valid() for f in [teks, tanggal, *ringkasan]]),
        simpan=services_kantor.laporan_opd_simpan,
        isian=lambda: {
            "tanggal": tanggal.cleaned_data["tanggal"],
            "kata_pengantar": teks.cleaned_data["kata_pengantar"].strip(),
            "kesimpulan": teks.cleaned_data["kesimpulan"].strip(),
            "ringkasan": [f.isian() for f in ringkasan],
        },
    )
    if isinstance(jawab, HttpResponse):
        return jawab
    # Beside each text box: the sentences of figures the report prints around it,
    # and what the typed text seems to state of its own.
    fakta = fakta_teks(pohon, nama_opd=ta.opd.nama)
    return _tampil(
        request,
        "reports/kantor_isian.html",
        ta,
        triwulan,
        "laporan",
        {
            "teks": [
                (
                    fld,
                    kalimat,
                    periksa_teks(fld.value() or "", triwulan=triwulan),
                )
                for fld, kalimat in (
                    (teks["kata_pengantar"], [fakta.kata_pengantar]),
                    (teks["kesimpulan"], fakta.kesimpulan),
                )
            ],
            "tanggal": tanggal,
            "ringkasan": list(zip(ringkasan, dokumen, strict=True)),
            "riwayat": selectors_kantor.riwayat_kantor(ta),
        },
        status=jawab,
    )


# --- IKU ---


@require_http_methods(["GET", "POST"])
@login_required
def kantor_iku(
    request: HttpRequest, opd: str, tahun: int, triwulan: int
) -> HttpResponse:
    ta = _halaman(request, opd, tahun, triwulan)
    kirim = request.POST if request.method == "POST" else None
    pilihan = selectors_kantor.butir_sumber(ta)
    analisis = selectors_kantor.analisis_iku(ta, triwulan)
    iku = selectors_kantor.iku_tahun(ta)
    forms = [
        IKUForm(kirim, indikator=i, analisis=analisis.get(i.pk), pilihan=pilihan)
        for i in iku
    ]
    jawab = _kirim(
        request,
        ta,
        triwulan,
        sah=lambda: all([f.is_valid() for f in forms]),
        simpan=services_kantor.iku_atur,
        isian=lambda: {"isian": [f.isian() for f in forms]},
    )
    if isinstance(jawab, HttpResponse):
        return jawab
    pohon = selectors.PohonTahun(ta, triwulan)
    angka = {i.pk: pohon.angka(i) for i in pohon.indikator_iku()}
    return _tampil(
        request,
        "reports/kantor_iku.html",
        ta,
        triwulan,
        "iku",
        {"forms": [(f, angka.get(f.indikator.pk)) for f in forms]},
        status=jawab,
    )


# --- the IKM survey ---


@require_http_methods(["GET", "POST"])
@login_required
def kantor_ikm(
    request: HttpRequest, opd: str, tahun: int, triwulan: int
) -> HttpResponse:
    ta = _halaman(request, opd, tahun, triwulan)
    kirim = request.POST if request.method == "POST" else None
    survei, hasil = selectors_kantor.survei_triwulan(ta, triwulan)
    formulir = FormulirSurvei(survei, kirim)
    jawab = _kirim(
        request,
        ta,
        triwulan,
        sah=lambda: formulir.is_valid(),
        simpan=services_kantor.survei_ikm_simpan,
        isian=formulir.isian,
    )
    if isinstance(jawab, HttpResponse):
        return jawab
    return _tampil(
        request,
        "reports/kantor_ikm.html",
        ta,
        triwulan,
        "ikm",
        {
            "f": formulir,
            "hasil": hasil,
            "baris": list(
                zip(
                    formulir.unsur,
                    [None] * 9 if hasil is None else hasil.nrr,
                    strict=True,
                )
            ),
        },
        status=jawab,
    )


# --- revenue ---

BARIS_BARU = 2  # blank rows for new lines


@require_http_methods(["GET", "POST"])
@login_required
def kantor_pendapatan(
    request: HttpRequest, opd: str, tahun: int, triwulan: int
) -> HttpResponse:
    ta = _halaman(request, opd, tahun, triwulan)
    kirim = request.POST if request.method == "POST" else None
    pendapatan = selectors_kantor.pendapatan_tahun(ta)
    kelompok = [p for p in pendapatan if p.induk_id is None]
    forms = [
        PendapatanForm(
            kirim, pendapatan=p, kelompok=kelompok, triwulan=triwulan, prefix=f"p{p.pk}"
        )
        for p in pendapatan
    ] + [
        PendapatanForm(
            kirim,
            pendapatan=None,
            kelompok=kelompok,
            triwulan=triwulan,
            prefix=f"baru{n}",
        )
        for n in range(BARIS_BARU)
    ]
    induk = {k.pk: k for k in kelompok}
    jawab = _kirim(
        request,
        ta,
        triwulan,
        sah=lambda: all([f.is_valid() for f in forms]),
        simpan=services_kantor.pendapatan_simpan,
        isian=lambda: {
            "baris": [
                f.isian(induk, n) for n, f in enumerate(forms, start=1) if not f.kosong
            ],
        },
    )
    if isinstance(jawab, HttpResponse):
        return jawab
    pohon = selectors.PohonTahun(ta, triwulan)
    baris = selectors_kantor.baris_pendapatan(
        pendapatan,
        dasar=ta.dasar_keuangan,
        triwulan=triwulan,
        tahap=pohon.tahap_kantor,
    )
    return _tampil(
        request,
        "reports/kantor_pendapatan.html",
        ta,
        triwulan,
        "pendapatan",
        {
            "forms": forms,
            "baris": baris,
            "label": pohon.label_keuangan,
        },
        status=jawab,
    )


# --- the follow-up matrix ---


@require_http_methods(["GET", "POST"])
@login_required
def kantor_tindak_lanjut(
    request: HttpRequest, opd: str, tahun: int, triwulan: int
) -> HttpResponse:
    ta = _halaman(request, opd, tahun, triwulan)
    kirim = request.POST if request.method == "POST" else None
    matriks = selectors_kantor.matriks_tindak_lanjut(ta.opd_id, ta.tahun, triwulan)
    unit = [b.unit for b in selectors.unit_kantor(ta.opd_id)]
    kini = (ta.tahun, triwulan)
    forms = [
        TindakLanjutForm(
            kirim,
            rekomendasi=b.rekomendasi,
            progres=b.progres.uraian if b.progres_kini else "",
            unit=unit,
            kini=kini,
            prefix=f"r{b.rekomendasi.pk}",
        )
        for b in matriks
    ] + [
        TindakLanjutForm(
            kirim, rekomendasi=None, progres="", unit=unit, kini=kini, prefix=f"baru{n}"
        )
        for n in range(BARIS_BARU)
    ]
    awal = len(matriks)
    jawab = _kirim(
        request,
        ta,
        triwulan,
        sah=lambda: all([f.is_valid() for f in forms]),
        simpan=services_kantor.tindak_lanjut_simpan,
        isian=lambda: {
            "baris": [
                f.isian(awal + n) for n, f in enumerate(forms, start=1) if not f.kosong
            ],
        },
    )
    if isinstance(jawab, HttpResponse):
        return jawab
    return _tampil(
        request,
        "reports/kantor_tindak_lanjut.html",
        ta,
        triwulan,
        "tindak_lanjut",
        {
            "baris": list(zip(forms, [*matriks, *[None] * BARIS_BARU], strict=True)),
        },
        status=jawab,
    )
