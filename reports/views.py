"""Views: check who may see what, get rows from a selector, call a service, render.

A unit the user may not see answers 404, exactly like one that does not exist; a unit
the user may see but not act on answers 403.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from reports import (
    akses,
    basisdata,
    ekspor,
    pekerja,
    rencana_aksi,
    selectors,
    services,
    tasks,
)
from reports.forms import (
    AlasanForm,
    FormulirLaporan,
    ImporRencanaAksiForm,
    TanggapanForm,
    baca_versi,
)
from reports.models import (
    BuktiDukung,
    Ekspor,
    LaporanTriwulan,
    TahapRencana,
    TahunAnggaran,
)
from reports.tables import RiwayatTable
from reports.views_kantor import tahun_perencana

Status = LaporanTriwulan.Status


def _unit_tahun(request: HttpRequest, opd: str, unit: str, tahun: int, triwulan: int):
    if not 1 <= triwulan <= 4:
        raise Http404("Triwulan tidak dikenal.")
    unit_kerja = get_object_or_404(
        akses.unit_terlihat(request.user), opd__slug=opd, slug=unit
    )
    try:
        tahun_anggaran = selectors.tahun_anggaran_for(opd, tahun)
    except TahunAnggaran.DoesNotExist as exc:
        raise Http404("Tahun anggaran tidak ada.") from exc
    return unit_kerja, tahun_anggaran


def baca_tahun(teks: str) -> int | None:
    """A year from a query string, or None: only four ASCII digits, so that "²",
    "٢٠٢٤" or a 5.000-digit number never reach ``int`` or the database."""
    return int(teks) if len(teks) == 4 and teks.isascii() and teks.isdigit() else None


@require_GET
@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Home, by role: the operator's own quarters, the superior's review queue, the
    planner's matrix of units x quarters; below it, every unit the user may see."""
    terlihat = akses.unit_terlihat(request.user)
    pengguna = akses.pengguna_dari(request.user)
    konteks: dict = {"daftar_opd": selectors.daftar_unit_per_opd(terlihat)}
    if pengguna is not None:
        konteks.update(
            pengguna=pengguna,
            boleh_lihat_opd=akses.boleh_lihat_opd(request.user, pengguna.opd_id),
            **selectors.beranda_pengguna(
                pengguna=pengguna,
                terlihat=terlihat,
                tahun=baca_tahun(request.GET.get("tahun", "")),
                hari_ini=timezone.localdate(),
            ),
        )
    return render(request, "reports/beranda.html", konteks)


@require_GET
@login_required
def unit_triwulan(
    request: HttpRequest, opd: str, unit: str, tahun: int, triwulan: int
) -> HttpResponse:
    """One unit's indicators and budget lines in one quarter, read-only."""
    unit_kerja, tahun_anggaran = _unit_tahun(request, opd, unit, tahun, triwulan)
    return render(
        request,
        "reports/unit_triwulan.html",
        {
            "lap": selectors.laporan_unit(
                unit=unit_kerja, tahun_anggaran=tahun_anggaran, triwulan=triwulan
            ),
            "tahun_lain": selectors.tahun_opd(unit_kerja.opd),
            "boleh_isi": akses.boleh_isi(request.user, unit_kerja),
            "boleh_reviu": akses.boleh_reviu(request.user, unit_kerja),
            "boleh_buka": akses.boleh_buka_kembali(request.user, unit_kerja),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def isian(
    request: HttpRequest, opd: str, unit: str, tahun: int, triwulan: int
) -> HttpResponse:
    """The entry form of a unit's quarter: save as draft, or save and submit."""
    unit_kerja, ta = _unit_tahun(request, opd, unit, tahun, triwulan)
    if not akses.boleh_isi(request.user, unit_kerja):
        raise PermissionDenied("Hanya kepala/operator unit ini yang dapat mengisi.")
    lap = selectors.laporan_unit(unit=unit_kerja, tahun_anggaran=ta, triwulan=triwulan)
    if request.method == "GET":
        return _tampil_isian(request, FormulirLaporan(lap))

    formulir = FormulirLaporan(lap, request.POST, request.FILES)
    if services.kiriman_tersimpan(
        formulir.laporan, versi=formulir.versi, kiriman=formulir.kiriman
    ):
        return _tersimpan(request, formulir.laporan)
    if not formulir.boleh_diubah:
        messages.error(request, services.pesan_terkunci(formulir.laporan))
        return _tampil_isian(request, formulir, status=409)
    if not formulir.is_valid():
        messages.error(
            request,
            "Ada isian yang perlu diperbaiki (ditandai merah). Belum ada yang "
            "disimpan; isian Anda tetap di formulir.",
        )
        return _tampil_isian(request, formulir, status=400)
    if formulir.perlu_konfirmasi:
        return _tampil_isian(request, formulir, status=400)
    try:
        laporan = services.realisasi_simpan(
            user=request.user,
            unit=unit_kerja,
            tahun_anggaran=ta,
            triwulan=triwulan,
            versi=formulir.versi,
            kinerja=formulir.isian_kinerja(),
            anggaran=formulir.isian_anggaran(),
            kiriman=formulir.kiriman,
            tanggal=formulir.tanggal_laporan(),
        )
        # Already submitted when this is the second click of the same form.
        if (
            request.POST.get("aksi") == "ajukan"
            and laporan.status in services.BOLEH_DIUBAH
        ):
            laporan = services.laporan_ajukan(
                user=request.user,
                unit=unit_kerja,
                tahun_anggaran=ta,
                triwulan=triwulan,
                versi=laporan.versi,
                kiriman=formulir.kiriman,
            )
    except services.Bentrok as bentrok:
        formulir.bentrok(bentrok)
        return _tampil_isian(request, formulir, status=409)
    except services.AksiDitolak as ditolak:
        messages.error(request, ditolak.pesan)
        return _tampil_isian(request, formulir, status=409)
    except OperationalError as exc:
        if not basisdata.sibuk(exc):
            raise
        messages.error(
            request,
            "Basis data sedang sibuk melayani pengguna lain, sehingga isian Anda "
            "belum disimpan. Isian Anda tetap di formulir: tunggu sebentar, lalu "
            "coba simpan lagi.",
        )
        return _tampil_isian(request, formulir, status=503)
    except services.TidakLengkap as kurang:
        messages.warning(
            request,
            "Isian disimpan sebagai draf, tetapi laporan belum dapat diajukan. "
            "Lengkapi dulu isian berikut.",
        )
        return _tampil_isian(
            request,
            FormulirLaporan(_segar(lap)),
            kekurangan=kurang.kekurangan,
        )
    return _tersimpan(request, laporan)


def _tersimpan(request: HttpRequest, laporan: LaporanTriwulan) -> HttpResponse:
    """Where a saved entry form goes: the report once submitted, else the form."""
    if laporan.status == Status.DISETUJUI and laporan.unit_kerja.atasan_id is None:
        messages.success(
            request,
            "Laporan pimpinan disahkan saat diajukan: laporan final dan dikunci.",
        )
        return redirect(laporan.get_absolute_url())
    if laporan.status == Status.DIAJUKAN:
        messages.success(
            request, "Laporan diajukan kepada atasan. Isian dikunci sampai direviu."
        )
        return redirect(laporan.get_absolute_url())
    messages.success(request, "Draf disimpan.")
    return redirect(laporan.url_isian())


def _segar(lap: selectors.LaporanUnit) -> selectors.LaporanUnit:
    return selectors.laporan_unit(
        unit=lap.unit, tahun_anggaran=lap.tahun_anggaran, triwulan=lap.triwulan
    )


def _tampil_isian(
    request: HttpRequest,
    formulir: FormulirLaporan,
    *,
    status: int = 200,
    kekurangan: list | None = None,
) -> HttpResponse:
    return render(
        request,
        "reports/isian.html",
        {
            "f": formulir,
            "lap": formulir.lap_sementara,
            "kekurangan": kekurangan or [],
            "tahun_lain": selectors.tahun_opd(formulir.lap.unit.opd),
        },
        status=status,
    )


@require_POST
@login_required
def hitung(
    request: HttpRequest, opd: str, unit: str, tahun: int, triwulan: int
) -> HttpResponse:
    """The live figures of the entry form for what is typed so far (htmx): the same
    selector and arithmetic as the saved report, nothing is stored."""
    unit_kerja, ta = _unit_tahun(request, opd, unit, tahun, triwulan)
    if not akses.boleh_isi(request.user, unit_kerja):
        raise PermissionDenied
    lap = selectors.laporan_unit(unit=unit_kerja, tahun_anggaran=ta, triwulan=triwulan)
    formulir = FormulirLaporan(lap, request.POST)
    return render(
        request, "reports/_angka_langsung.html", {"lap": formulir.lap_sementara}
    )


@require_http_methods(["GET", "POST"])
@login_required
def reviu(
    request: HttpRequest, opd: str, unit: str, tahun: int, triwulan: int
) -> HttpResponse:
    """The superior's review: the report as it will print, the Ruang Disposisi, and
    approve / return (or reopen an approved report). The office head comes here
    only to reopen their own report, which was final on submission."""
    unit_kerja, ta = _unit_tahun(request, opd, unit, tahun, triwulan)
    boleh_reviu = akses.boleh_reviu(request.user, unit_kerja)
    if not (boleh_reviu or akses.boleh_buka_kembali(request.user, unit_kerja)):
        raise PermissionDenied("Hanya atasan langsung unit ini yang dapat mereviu.")
    lap = selectors.laporan_unit(unit=unit_kerja, tahun_anggaran=ta, triwulan=triwulan)
    laporan = lap.laporan
    if not boleh_reviu and (laporan is None or not laporan.terkunci):
        raise PermissionDenied("Laporan pimpinan tidak direviu di dalam kantor.")
    if laporan is None:
        raise Http404("Laporan belum diisi.")
    aksi = request.POST.get("aksi", "")
    form = TanggapanForm(
        request.POST if aksi in {"setujui", "kembalikan"} else None,
        laporan=laporan,
        lap=lap,
        aksi=aksi,
    )
    form_buka = AlasanForm(request.POST if aksi == "buka" else None)
    perubahan: list = []
    if request.method == "POST":
        versi = baca_versi(request.POST)
        try:
            if aksi == "buka" and form_buka.is_valid():
                services.laporan_buka_kembali(
                    user=request.user,
                    laporan_id=laporan.pk,
                    versi=versi,
                    alasan=form_buka.cleaned_data["alasan"],
                )
                messages.success(
                    request, "Laporan dibuka kembali untuk diperbaiki oleh unit."
                )
                return redirect(laporan.url_reviu())
            if aksi in {"setujui", "kembalikan"} and form.is_valid():
                if aksi == "setujui":
                    services.laporan_setujui(
                        user=request.user,
                        laporan_id=laporan.pk,
                        versi=versi,
                        tanggapan=form.tanggapan(),
                    )
                    messages.success(request, "Laporan disetujui dan dikunci.")
                else:
                    services.laporan_kembalikan(
                        user=request.user,
                        laporan_id=laporan.pk,
                        versi=versi,
                        tanggapan=form.tanggapan(),
                        alasan=form.cleaned_data["alasan"],
                        catatan_baris=form.catatan_baris(),
                    )
                    messages.success(
                        request, "Laporan dikembalikan kepada unit untuk diperbaiki."
                    )
                return redirect("reports:beranda")
        except services.Bentrok as bentrok:
            perubahan = bentrok.perubahan
            messages.error(
                request,
                "Laporan berubah sejak halaman ini dibuka; tanggapan Anda belum "
                "disimpan. Periksa perubahannya di bawah, lalu kirim lagi.",
            )
        except services.AksiDitolak as ditolak:
            messages.error(request, ditolak.pesan)
        else:
            messages.error(request, "Periksa kembali isian yang ditandai merah.")
    return render(
        request,
        "reports/reviu.html",
        {
            "lap": lap,
            "form": form,
            "form_buka": form_buka,
            "perubahan": perubahan,
            "versi": laporan.versi,
            "boleh_reviu": boleh_reviu,
        },
        status=200 if request.method == "GET" else (409 if perubahan else 400),
    )


@require_GET
@login_required
def riwayat(
    request: HttpRequest, opd: str, unit: str, tahun: int, triwulan: int
) -> HttpResponse:
    """The report's audit trail: every change of a figure or a status."""
    unit_kerja, ta = _unit_tahun(request, opd, unit, tahun, triwulan)
    laporan = get_object_or_404(
        LaporanTriwulan.objects.select_related("unit_kerja__opd", "tahun_anggaran"),
        unit_kerja=unit_kerja,
        tahun_anggaran=ta,
        triwulan=triwulan,
    )
    tabel = RiwayatTable(
        laporan.riwayat.select_related("oleh").order_by("-waktu", "-pk")
    )
    RequestConfig(request, paginate={"per_page": 50}).configure(tabel)
    return render(request, "reports/riwayat.html", {"laporan": laporan, "tabel": tabel})


@require_GET
@login_required
def bukti(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, only to those who may see its unit's report."""
    berkas = get_object_or_404(
        BuktiDukung.objects.select_related("realisasi__indikator"),
        pk=pk,
        realisasi__indikator__unit_kerja__in=akses.unit_terlihat(request.user),
    )
    nama = Path(berkas.berkas.name).name
    jenis = mimetypes.guess_type(nama)[0] or "application/octet-stream"
    try:
        isi = berkas.berkas.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas tidak ditemukan.") from exc
    # An uploaded file is the uploader's content, not the app's: a photo shows
    # in the browser, anything else is downloaded; and whatever it holds runs no
    # script with the app's origin (sandbox), nor is it read as another type.
    respons = FileResponse(
        isi,
        content_type=jenis,
        filename=nama,
        as_attachment=not jenis.startswith("image/"),
    )
    respons["Content-Security-Policy"] = "sandbox"
    respons["X-Content-Type-Options"] = "nosniff"
    return respons


# --- printed reports ---

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _berkas(isi: bytes, nama: str, jenis: str) -> HttpResponse:
    respons = HttpResponse(isi, content_type=jenis)
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


def _permintaan_unit(request, opd, unit, tahun, triwulan) -> ekspor.Permintaan:
    unit_kerja, ta = _unit_tahun(request, opd, unit, tahun, triwulan)
    return ekspor.Permintaan(
        jenis=ekspor.UNIT, tahun_anggaran=ta, triwulan=triwulan, unit=unit_kerja
    )


@require_GET
@login_required
def laporan_unit(
    request: HttpRequest, opd: str, unit: str, tahun: int, triwulan: int
) -> HttpResponse:
    """A unit's Laporan Kinerja Triwulan as it prints."""
    p = _permintaan_unit(request, opd, unit, tahun, triwulan)
    return render(request, "reports/laporan_unit.html", {"dok": ekspor.dokumen(p)})


@require_GET
@login_required
def laporan_unit_pdf(
    request: HttpRequest, opd: str, unit: str, tahun: int, triwulan: int
) -> HttpResponse:
    """A unit's report as PDF, made in the request (a few pages)."""
    p = _permintaan_unit(request, opd, unit, tahun, triwulan)
    return _berkas(ekspor.berkas_pdf(p), p.nama_berkas("pdf"), "application/pdf")


@require_GET
@login_required
def laporan_unit_xlsx(
    request: HttpRequest, opd: str, unit: str, tahun: int, triwulan: int
) -> HttpResponse:
    p = _permintaan_unit(request, opd, unit, tahun, triwulan)
    return _berkas(ekspor.berkas_xlsx(p), p.nama_berkas("xlsx"), XLSX)


def _tahun_opd(request: HttpRequest, opd: str, tahun: int, triwulan: int):
    """The office's year, for those who read the office's own report: 404 for
    another office, 403 for a user of the office who may not."""
    if not 1 <= triwulan <= 4:
        raise Http404("Triwulan tidak dikenal.")
    try:
        ta = selectors.tahun_anggaran_for(opd, tahun)
    except TahunAnggaran.DoesNotExist as exc:
        raise Http404("Tahun anggaran tidak ada.") from exc
    _periksa_kantor(request, ta.opd_id)
    return ta


def _periksa_kantor(request: HttpRequest, opd_id: int) -> None:
    """404 for another office's report and files (as if they did not exist), 403
    for a user of the office who may not read them."""
    pengguna = akses.pengguna_dari(request.user)
    sendiri = pengguna is not None and pengguna.opd_id == opd_id
    if not (sendiri or request.user.is_superuser):
        raise Http404("Tidak ditemukan.")
    if not akses.boleh_lihat_opd(request.user, opd_id):
        raise PermissionDenied(
            "Laporan kantor hanya untuk perencana, pemeriksa dan pimpinan kantor."
        )


def _ekspor_terakhir(ta: TahunAnggaran, triwulan: int) -> list[Ekspor]:
    return list(
        Ekspor.objects.filter(opd=ta.opd, tahun=ta.tahun, triwulan=triwulan)
        .select_related("diminta_oleh", "opd")
        .order_by("-dibuat_pada", "-pk")[:6]
    )


@require_GET
@login_required
def laporan_opd(
    request: HttpRequest, opd: str, tahun: int, triwulan: int
) -> HttpResponse:
    """The office's Laporan Evaluasi Kinerja Triwulan as it prints, with its PDF
    (made in the background) and xlsx."""
    ta = _tahun_opd(request, opd, tahun, triwulan)
    p = ekspor.Permintaan(jenis=Ekspor.Jenis.OPD, tahun_anggaran=ta, triwulan=triwulan)
    return render(
        request,
        "reports/laporan_opd.html",
        {
            "dok": ekspor.dokumen(p),
            "daftar_ekspor": _ekspor_terakhir(ta, triwulan),
            "pekerja_hidup": pekerja.ada_yang_hidup(),
            "tahun_lain": selectors.tahun_opd(ta.opd),
            "boleh_kelola": akses.boleh_kelola_kantor(request.user, ta.opd),
        },
    )


@require_GET
@login_required
def laporan_opd_xlsx(
    request: HttpRequest, opd: str, tahun: int, triwulan: int, jenis: str
) -> HttpResponse:
    ta = _tahun_opd(request, opd, tahun, triwulan)
    p = ekspor.Permintaan(jenis=jenis, tahun_anggaran=ta, triwulan=triwulan)
    return _berkas(ekspor.berkas_xlsx(p), p.nama_berkas("xlsx"), XLSX)


@require_POST
@login_required
def ekspor_buat(
    request: HttpRequest, opd: str, tahun: int, triwulan: int, jenis: str
) -> HttpResponse:
    """Ask the worker for the office report or the bundle as PDF."""
    ta = _tahun_opd(request, opd, tahun, triwulan)
    e, baru = tasks.ekspor_minta(
        user=request.user, tahun_anggaran=ta, triwulan=triwulan, jenis=jenis
    )
    if baru:
        pesan = f"{e.get_jenis_display()} sedang dibuat."
    else:
        pesan = (
            f"{e.get_jenis_display()} yang sama sudah sedang dibuat (diminta "
            f"{timezone.localtime(e.dibuat_pada):%H.%M}); tidak dibuat dua kali."
        )
    messages.success(
        request,
        f"{pesan} Halaman ini menampilkan kemajuannya; tautan unduh muncul setelah "
        "selesai.",
    )
    return redirect(
        reverse("reports:laporan_opd", args=[opd, tahun, triwulan]) + "#ekspor"
    )


def _ekspor_terlihat(request: HttpRequest, pk: int) -> Ekspor:
    e = get_object_or_404(Ekspor.objects.select_related("opd"), pk=pk)
    _periksa_kantor(request, e.opd_id)
    return e


@require_GET
@login_required
def ekspor_status(request: HttpRequest, pk: int) -> HttpResponse:
    """One export's progress (polled by the page while it runs)."""
    return render(
        request,
        "reports/_ekspor.html",
        {"e": _ekspor_terlihat(request, pk), "pekerja_hidup": pekerja.ada_yang_hidup()},
    )


@require_GET
@login_required
def ekspor_unduh(request: HttpRequest, pk: int) -> FileResponse:
    e = _ekspor_terlihat(request, pk)
    if e.status != Ekspor.Status.SELESAI or not e.berkas:
        raise Http404("Berkas belum selesai dibuat.")
    try:
        isi = e.berkas.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas tidak ditemukan.") from exc
    return FileResponse(
        isi,
        content_type="application/pdf",
        as_attachment=True,
        filename=Path(e.berkas.name).name,
    )


# --- Rencana Aksi import ---


@require_http_methods(["GET", "POST"])
@login_required
def impor_rencana_aksi(request: HttpRequest, opd: str, tahun: int) -> HttpResponse:
    """The Rencana Aksi page: download the template, upload the filled workbook."""
    ta = tahun_perencana(request, opd, tahun)
    kirim = request.method == "POST"
    form = ImporRencanaAksiForm(
        request.POST if kirim else None,
        request.FILES if kirim else None,
        initial={"mulai": ta.perubahan_mulai or 3},
    )
    konteks: dict = {"ta": ta, "form": form, "galat": [], "hasil": None}
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            for pesan in form.errors.get("berkas", []) + form.errors.get("mulai", []):
                messages.error(request, pesan)
            status = 400
        else:
            try:
                konteks["hasil"] = rencana_aksi.rencana_aksi_impor(
                    user=request.user,
                    tahun_anggaran=ta,
                    berkas=form.cleaned_data["berkas"],
                    perubahan_mulai=form.perubahan_mulai(),
                )
            except rencana_aksi.RencanaAksiTidakValid as salah:
                konteks["galat"] = salah.galat
                messages.error(
                    request,
                    f"Berkas memuat {len(salah.galat)} kesalahan; tidak ada yang "
                    "disimpan. Perbaiki semuanya, lalu unggah lagi.",
                )
                status = 400
            else:
                messages.success(request, konteks["hasil"].ringkasan())
    return render(request, "reports/rencana_aksi.html", konteks, status=status)


@require_GET
@login_required
def unduh_rencana_aksi(request: HttpRequest, opd: str, tahun: int) -> HttpResponse:
    """The Rencana Aksi workbook: blank, or with ``?isi=1`` the year's stored plan
    (``&tahap=perubahan``: as the DPA Perubahan, the starting point of one)."""
    ta = tahun_perencana(request, opd, tahun)
    isi = request.GET.get("isi") == "1"
    tahap = (
        TahapRencana.PERUBAHAN
        if request.GET.get("tahap") == TahapRencana.PERUBAHAN
        else TahapRencana.MURNI
    )
    return _berkas(
        rencana_aksi.templat_rencana_aksi(ta, isi=isi, tahap=tahap),
        rencana_aksi.nama_berkas(ta, isi=isi, tahap=tahap),
        XLSX,
    )
