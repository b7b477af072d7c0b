"""The smaller holes of the hostile probe: odd query strings, the Rencana Aksi
download, the evidence quota and the way evidence is served, the password-reset
pages, a double-clicked save, the Content-Security-Policy header and the PDF maker's
URL fetcher. (The policy is checked in a real browser in test_browser.py.)"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from reports import models, pdf, services
from tests.conftest import make_user
from tests.test_alur import ISIAN, data_isian, indikator_trantib, laporan
from tests.test_isian import PDF, PNG

pytestmark = pytest.mark.django_db


@pytest.fixture
def kasi(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(make_user("kasi", opd="kalaena", unit="trantib"))
    return client


# --- odd query strings ---


@pytest.mark.parametrize("tahun", ["²", "٢٠٢٤", "9" * 5000, "-1", "2024.0", " 2024"])
def test_an_odd_year_on_the_home_page_shows_the_default_year(client, tahun):
    client.force_login(make_user("p", opd="kalaena", peran="perencana"))
    response = client.get("/", {"tahun": tahun})
    assert response.status_code == 200
    assert "Status laporan seluruh unit tahun" in response.content.decode()


# --- the Rencana Aksi download ---


def test_the_rencana_aksi_download_needs_a_signed_in_planner_and_a_get(client):
    url = reverse("reports:rencana_aksi_unduh", args=["kalaena", 2024])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(make_user("p", opd="kalaena", peran="perencana"))
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


# --- evidence ---


def test_evidence_beyond_the_reports_quota_is_refused_with_the_typing_kept(
    kasi, settings
):
    settings.LAKIP_BUKTI_KUOTA_MB = 1
    pertama, kedua, _ = indikator_trantib()
    foto = PNG + b"\x00" * 700_000
    response = kasi.post(
        ISIAN,
        data_isian(
            **{
                f"i{pertama.pk}-bukti": SimpleUploadedFile("a.png", foto),
                f"i{kedua.pk}-kendala": "Hujan deras",
            }
        ),
    )
    assert response.status_code == 302  # 0,7 MB of 1 MB
    response = kasi.post(
        ISIAN,
        data_isian(
            versi=laporan().versi,
            **{
                f"i{kedua.pk}-bukti": SimpleUploadedFile("b.png", foto),
                f"i{kedua.pk}-kendala": "Hujan deras sekali",
            },
        ),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        "Bukti dukung laporan triwulan ini akan menjadi 1,3 MB, melebihi kuota 1 MB "
        "per laporan." in html
    )
    assert "Hujan deras sekali" in html
    assert models.BuktiDukung.objects.count() == 1
    # Removing the first file makes room for the second.
    response = kasi.post(
        ISIAN,
        data_isian(
            versi=laporan().versi,
            **{
                f"i{pertama.pk}-hapus_bukti": models.BuktiDukung.objects.get().pk,
                f"i{kedua.pk}-bukti": SimpleUploadedFile("b.png", foto),
            },
        ),
    )
    assert response.status_code == 302
    assert list(models.BuktiDukung.objects.values_list("ukuran", flat=True)) == [
        len(foto)
    ]


def test_the_service_itself_keeps_the_quota(kasi, settings):
    """Two tabs may each pass the form's check; the save checks again under the
    report's lock."""
    settings.LAKIP_BUKTI_KUOTA_MB = 1
    pertama = indikator_trantib()[0]
    kasi.post(
        ISIAN,
        data_isian(
            **{
                f"i{pertama.pk}-bukti": SimpleUploadedFile(
                    "a.png", PNG + bytes(900_000)
                )
            }
        ),
    )
    lap = laporan()
    with pytest.raises(services.AksiDitolak, match="melebihi kuota 1 MB"):
        services.realisasi_simpan(
            user=lap.unit_kerja.pengguna.get().user,
            unit=lap.unit_kerja,
            tahun_anggaran=lap.tahun_anggaran,
            triwulan=3,
            versi=lap.versi,
            kinerja=[
                services.IsianIndikator(
                    indikator=pertama,
                    nilai=1,
                    bukti_baru=[SimpleUploadedFile("b.png", PNG + bytes(900_000))],
                )
            ],
            anggaran=[],
        )
    assert models.BuktiDukung.objects.count() == 1


def test_evidence_is_served_sandboxed_and_a_pdf_is_downloaded(kasi):
    pertama, kedua, _ = indikator_trantib()
    kasi.post(
        ISIAN,
        data_isian(
            **{
                f"i{pertama.pk}-bukti": SimpleUploadedFile("notulen.pdf", PDF),
                f"i{kedua.pk}-bukti": SimpleUploadedFile("foto.png", PNG),
            }
        ),
    )
    for nama, disposisi in (("notulen.pdf", "attachment"), ("foto.png", "inline")):
        bukti = models.BuktiDukung.objects.get(keterangan=nama)
        response = kasi.get(reverse("reports:bukti", args=[bukti.pk]))
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == "sandbox"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith(disposisi)


# --- password reset ---


def test_password_reset_pages_exist_only_with_an_email_server(client, settings):
    url = reverse("password_reset")
    settings.EMAIL_HOST = ""
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": "a@b.c"}).status_code == 404
    settings.EMAIL_HOST = "smtp.contoh.invalid"
    assert client.get(url).status_code == 200


def test_password_reset_requests_are_throttled(client, settings, mailoutbox):
    settings.EMAIL_HOST = "smtp.contoh.invalid"
    cache.clear()
    user = make_user("kasi", opd="kalaena", unit="trantib")
    user.email = "kasi@contoh.invalid"
    user.save()
    url = reverse("password_reset")
    for _ in range(5):
        assert client.post(url, {"email": "kasi@contoh.invalid"}).status_code == 302
    assert len(mailoutbox) == 5
    response = client.post(url, {"email": "kasi@contoh.invalid"})
    assert response.status_code == 429
    assert "Terlalu banyak permintaan atur ulang kata sandi" in (
        response.content.decode()
    )
    assert len(mailoutbox) == 5
    cache.clear()


# --- a double-clicked save ---


def test_the_same_form_sent_twice_is_saved_once_and_is_no_conflict(kasi):
    data = data_isian(kiriman="a" * 32)
    pertama = kasi.post(ISIAN, data)
    kedua = kasi.post(ISIAN, data)
    assert pertama.status_code == kedua.status_code == 302
    assert kedua["Location"] == ISIAN
    assert laporan().versi == 1
    assert laporan().riwayat.filter(kolom="Realisasi").count() == 3
    # A different form opened at the same version is still a conflict.
    ketiga = kasi.post(ISIAN, data_isian(nilai=("0", "1", "1"), kiriman="b" * 32))
    assert ketiga.status_code == 409
    assert "sudah diubah orang lain" in ketiga.content.decode()


def test_a_double_clicked_submission_shows_the_report_as_submitted(kasi):
    data = data_isian(
        aksi="ajukan",
        kiriman="c" * 32,
        **{f"i{indikator_trantib()[2].pk}-nilai": "1"},
    )
    pertama = kasi.post(ISIAN, data)
    kedua = kasi.post(ISIAN, data)
    assert pertama.status_code == 302, pertama.content.decode()[:3000]
    assert kedua.status_code == 302
    assert kedua["Location"] == pertama["Location"]
    assert laporan().status == models.LaporanTriwulan.Status.DIAJUKAN


# --- Content-Security-Policy ---


def test_every_page_carries_the_content_security_policy(kasi):
    for url in ("/", ISIAN, reverse("login")):
        csp = kasi.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp


def test_templates_hold_no_inline_script_style_or_handler():
    import re
    from pathlib import Path

    salah = []
    for berkas in Path("templates").rglob("*.html"):
        teks = berkas.read_text()
        for pola in (r"<script(?![^>]*\bsrc=)", r"<style", r"\sstyle=", r"\son\w+="):
            if re.search(pola, teks):
                salah.append(f"{berkas}: {pola}")
    assert salah == []


# --- the PDF maker fetches nothing from outside ---


class _Catat(BaseHTTPRequestHandler):
    diminta: list[str] = []

    def do_GET(self):  # the name http.server calls
        _Catat.diminta.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args):
        pass


def test_the_pdf_maker_fetches_only_the_apps_static_files(settings):
    server = HTTPServer(("127.0.0.1", 0), _Catat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    alamat = f"http://127.0.0.1:{server.server_port}"
    try:
        isi = pdf.html_ke_pdf(
            f'<p>uji</p><img src="{alamat}/gambar.png">'
            f'<link rel="stylesheet" href="{alamat}/gaya.css">'
            '<img src="file:///etc/passwd"><img src="static/../manage.py">',
            kertas="A4",
        )
    finally:
        server.shutdown()
    assert _Catat.diminta == []
    assert "uji" in PdfReader(__import__("io").BytesIO(isi)).pages[0].extract_text()

    css = settings.BASE_DIR / "static" / "css" / "laporan.css"
    assert pdf.berkas_statis(css.as_uri()) == css
    assert pdf.berkas_statis("file:///etc/passwd") is None
    assert pdf.berkas_statis((settings.BASE_DIR / "manage.py").as_uri()) is None
    assert pdf.berkas_statis(css.as_uri().replace("laporan.css", "../../x")) is None
    assert pdf.berkas_statis(f"{alamat}/gambar.png") is None
