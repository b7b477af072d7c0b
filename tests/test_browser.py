"""A user's path through the pages in real headless Chromium (Debian's, driven by
Playwright; no browser is downloaded). Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from reports.templatetags.format_id import NBSP
from tests.conftest import DEMO, ROOT, make_user
from tests.pdf_util import teks_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
ARTEFAK = ROOT / "test-artifacts"
# Playwright's sync API runs an event loop in this thread; the test's own ORM calls
# are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


# What the browser reported against the pages: Content-Security-Policy violations
# (the app's pages must pass its own policy) and script errors.
KELUHAN: list[str] = []


def awasi(page):
    """Record the page's CSP violations and script errors in ``KELUHAN``."""
    page.on(
        "console",
        lambda m: (
            KELUHAN.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: KELUHAN.append(f"{page.url}: {e}"))
    return page


@pytest.fixture(autouse=True)
def tanpa_keluhan():
    KELUHAN.clear()
    yield
    assert KELUHAN == []


@pytest.fixture
def page(chromium, live_server):
    # Transactional tests start from an emptied database: load the seeds' data.
    call_command("loaddata", str(DEMO), verbosity=0)
    context = chromium.new_context(
        viewport={"width": 1366, "height": 768}, locale="id-ID"
    )
    page = awasi(context.new_page())
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    ARTEFAK.mkdir(exist_ok=True)
    path = ARTEFAK / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_section_head_signs_in_and_reads_the_quarter(page, live_server):
    make_user("kasi.trantib", opd="kalaena", unit="trantib")

    page.goto(live_server.url + "/")
    assert "/akun/login/" in page.url
    page.fill("#id_username", "kasi.trantib")
    page.fill("#id_password", "salah")
    page.click("button[type=submit]")
    assert page.locator(".galat").is_visible()
    assert page.input_value("#id_username") == "kasi.trantib"

    page.fill("#id_password", "rahasia-uji")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Laporan kinerja triwulan")
    screenshot(page, "beranda-kasi")

    page.click("a[title='Triwulan II 2024']")
    page.wait_for_selector("#tabel-kinerja")
    assert page.inner_text("h1") == "Capaian Kinerja Triwulan II Tahun 2024"
    assert page.inner_text("#rata-rata-kinerja") == f"100{NBSP}%"
    assert page.inner_text("#rata-rata-keuangan") == f"82,17{NBSP}%"
    assert page.locator("#tabel-keuangan tfoot").inner_text().split("\t")[-3:] == [
        "4.915.000",
        "4.038.500",
        f"82,17{NBSP}%",
    ]
    screenshot(page, "unit-triwulan-trantib-2024-tw2")

    page.click("text=Triwulan III")
    page.wait_for_selector("h1:has-text('Triwulan III')")
    assert page.inner_text("#rata-rata-keuangan") == "-"

    page.click("text=Keluar")
    page.wait_for_url("**/akun/login/")


def masuk(chromium, live_server, username: str):
    context = chromium.new_context(
        viewport={"width": 1366, "height": 768}, locale="id-ID"
    )
    page = awasi(context.new_page())
    page.goto(live_server.url + "/akun/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "rahasia-uji")
    page.click("button[type=submit]")
    page.wait_for_selector("h1:has-text('Laporan kinerja triwulan')")
    return page


def test_quarter_is_entered_returned_fixed_and_approved(
    chromium, page, live_server, settings, tmp_path
):
    from reports import models

    settings.MEDIA_ROOT = tmp_path
    make_user("kasi.trantib", opd="kalaena", unit="trantib")
    make_user("camat.kalaena", opd="kalaena", unit="camat", peran="atasan")
    ind = list(
        models.Indikator.objects.filter(
            tahun_anggaran__tahun=2024, unit_kerja__slug="trantib", dari_turunan=False
        ).order_by("pk")
    )
    sub = list(
        models.SubKegiatan.objects.filter(
            unit_kerja__slug="trantib", kegiatan__program__tahun_anggaran__tahun=2024
        ).order_by("pk")
    )

    # TW I of the first indicator, so that its s/d TW II (1 + 1) is known.
    models.Realisasi.objects.create(indikator=ind[0], triwulan=1, nilai=1)

    # The Kasi finds TW III on the home page and opens the entry form.
    kasi = masuk(chromium, live_server, "kasi.trantib")
    kasi.click("td.sel-status[data-triwulan='3'] a")
    kasi.click("text=Isi realisasi")
    kasi.wait_for_selector("#form-isian")
    # The SIPD way: 3 laporan s/d TW III; the server derives TW III alone (1) and
    # the capaian (1 of the quarter's target 1) as the user types.
    kasi.fill(f"#id_i{ind[0].pk}-nilai", "3")
    kasi.select_option(f"#id_i{ind[0].pk}-kumulatif", "1")
    expect(kasi.locator(f"#k{ind[0].pk}-realisasi")).to_have_text("1")
    expect(kasi.locator(f"#k{ind[0].pk}-sd")).to_have_text("3")
    expect(kasi.locator(f"#k{ind[0].pk}-capaian")).to_have_text("100 %")
    assert kasi.inner_text(f"#k{ind[0].pk}-predikat") == "Sangat Baik"
    kasi.fill(f"#id_i{ind[1].pk}-nilai", "1")
    kasi.fill(f"#id_i{ind[2].pk}-nilai", "0")
    kasi.fill(
        f"#id_i{ind[0].pk}-keluaran", "Rapat koordinasi keamanan menjelang HUT RI"
    )
    for s, rp in zip(sub, ["3.095.000", "1.670.000", "180.000"], strict=True):
        kasi.fill(f"#id_s{s.pk}-nilai", rp)
    expect(kasi.locator("#total-serapan")).to_have_text("96,49 %")
    screenshot(kasi, "isian-trantib-2024-tw3")
    kasi.click("button[value=simpan]")
    kasi.wait_for_selector("text=Draf disimpan.")

    # Submitting asks for the kendala of the indicator below 100 %.
    kasi.click("button[value=ajukan]")
    kasi.wait_for_selector("#kekurangan")
    assert "Kendala wajib diisi" in kasi.inner_text("#kekurangan")
    kasi.click(f"#kekurangan a[href='#id_i{ind[2].pk}-kendala']")
    kasi.fill(f"#id_i{ind[2].pk}-kendala", "Rapat ditunda karena banjir")
    kasi.fill(f"#id_i{ind[2].pk}-tindak_lanjut", "Dijadwalkan ulang pada Oktober")
    kasi.click("button[value=ajukan]")
    kasi.wait_for_selector("text=Laporan diajukan kepada atasan")
    assert kasi.inner_text(".identitas .status") == "Diajukan"

    # The camat returns it with a reason and a note on one row.
    camat = masuk(chromium, live_server, "camat.kalaena")
    camat.click("#antrean tr:has-text('Triwulan III 2024') a:has-text('Reviu')")
    camat.wait_for_selector("#form-reviu")
    screenshot(camat, "reviu-trantib-2024-tw3")
    camat.click("button[value=kembalikan]")
    camat.wait_for_selector("text=Tuliskan alasan laporan dikembalikan.")
    camat.fill("#id_alasan", "Sinergi dengan Polsek sudah dilaksanakan, mohon diisi.")
    camat.fill(f"#id_catatan_i{ind[2].pk}", "Rapat 14 September sudah terlaksana.")
    camat.click("button[value=kembalikan]")
    camat.wait_for_selector("text=Laporan dikembalikan kepada unit")

    # The Kasi sees why, fixes the figure and submits again.
    kasi.goto(live_server.url + "/kalaena/trantib/2024/tw3/isi/")
    assert "mohon diisi" in kasi.inner_text("#alasan-dikembalikan")
    assert "14 September" in kasi.inner_text(f"#i{ind[2].pk} + tr .catatan-atasan")
    kasi.fill(f"#id_i{ind[2].pk}-nilai", "1")
    kasi.click("button[value=ajukan]")
    kasi.wait_for_selector("text=Laporan diajukan kepada atasan")

    # The camat ticks "Laporan sudah baik" and approves.
    camat.goto(live_server.url + "/kalaena/trantib/2024/tw3/reviu/")
    camat.check("#id_laporan_sudah_baik")
    camat.click("button[value=setujui]")
    camat.wait_for_selector("text=Laporan disetujui dan dikunci.")

    # Locked: the form is read-only and the page shows the tanggapan.
    kasi.goto(live_server.url + "/kalaena/trantib/2024/tw3/isi/")
    assert kasi.is_visible("#terkunci")
    assert kasi.is_disabled(f"#id_i{ind[0].pk}-nilai")
    assert kasi.is_disabled("button[value=ajukan]")
    kasi.goto(live_server.url + "/kalaena/trantib/2024/tw3/")
    assert "☑ Laporan sudah baik" in kasi.inner_text("#tanggapan")
    assert kasi.inner_text("#rata-rata-kinerja") == f"100{NBSP}%"
    screenshot(kasi, "disetujui-trantib-2024-tw3")
    lap = models.LaporanTriwulan.objects.get(
        unit_kerja__slug="trantib", tahun_anggaran__tahun=2024, triwulan=3
    )
    assert lap.status == "disetujui"
    assert lap.disetujui_oleh.username == "camat.kalaena"

    # The approved report prints with the camat's "Mengetahui" block.
    kasi.click("text=Laporan lengkap")
    kasi.wait_for_selector("article.dokumen")
    assert "Mengetahui," in kasi.inner_text(".ttd-kiri")
    assert "H. MARSUKI, S.Pd., M.M" in kasi.inner_text(".ttd-kiri")
    screenshot(kasi, "laporan-trantib-2024-tw3")
    with kasi.expect_download() as unduhan:
        kasi.click("text=Unduh PDF")
    teks = teks_pdf(Path(unduhan.value.path()).read_bytes())
    assert "Mengetahui," in teks and "Laporan sudah baik" in teks
    assert "Draf" not in teks


def test_planner_makes_the_office_pdf_in_the_background(
    chromium, page, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    make_user("perencana.kalaena", opd="kalaena", peran="perencana")
    p = masuk(chromium, live_server, "perencana.kalaena")
    p.select_option("#pilih-tahun", "2023")
    p.wait_for_selector("#laporan-kantor h2:has-text('2023')")
    p.click("#laporan-kantor a:has-text('Triwulan IV')")
    p.wait_for_selector("article.dokumen")
    total = p.locator("#tabel-realisasi-anggaran tfoot").inner_text()
    assert "2.691.183.025" in total and f"98,66{NBSP}%" in total
    screenshot(p, "laporan-kantor-kalaena-2023-tw4")

    p.click("button:has-text('Buat PDF laporan kantor')")
    p.wait_for_selector(".daftar-ekspor progress")
    assert "sedang dibuat" in p.inner_text(".pesan-daftar")
    # The worker runs here; the page, polling, turns the bar into a download link.
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )
    p.wait_for_selector(".daftar-ekspor a:has-text('Unduh PDF')", timeout=20000)
    screenshot(p, "laporan-kantor-pdf-siap")
    with p.expect_download() as unduhan:
        p.click(".daftar-ekspor a:has-text('Unduh PDF')")
    assert unduhan.value.suggested_filename == (
        "laporan-evaluasi-kinerja-kalaena-2023-tw4.pdf"
    )
    teks = teks_pdf(Path(unduhan.value.path()).read_bytes())
    assert "2.691.183.025" in teks and "98,66 %" in teks


def test_a_failed_export_is_retried_and_a_busy_save_keeps_the_typing(
    chromium, page, live_server, settings, tmp_path
):
    from datetime import timedelta

    from django.utils import timezone

    from reports import models
    from tests.test_ekspor_tahan import Kunci

    settings.MEDIA_ROOT = tmp_path
    make_user("perencana.kalaena", opd="kalaena", peran="perencana")
    make_user("kasi.trantib", opd="kalaena", unit="trantib")
    e = models.Ekspor.objects.create(
        jenis="opd",
        opd=models.PerangkatDaerah.objects.get(slug="kalaena"),
        tahun=2023,
        triwulan=4,
        status="berjalan",
        progres=30,
    )
    models.Ekspor.objects.filter(pk=e.pk).update(
        dibuat_pada=timezone.now() - timedelta(minutes=12)
    )

    p = masuk(chromium, live_server, "perencana.kalaena")
    p.goto(live_server.url + "/kalaena/2023/tw4/laporan/#ekspor")
    gagal = p.locator(f"#ekspor-{e.pk}")
    expect(gagal).to_contain_text("tidak selesai dibuat dalam 10 menit")
    for lebar in (1366, 390):
        p.set_viewport_size({"width": lebar, "height": 800})
        p.locator("#ekspor").screenshot(path=str(ARTEFAK / f"ekspor-gagal-{lebar}.png"))
    gagal.locator("button:has-text('Coba lagi')").click()
    expect(p.locator(".pesan-daftar")).to_contain_text("sedang dibuat")
    expect(p.locator(".ekspor-tanpa-pekerja")).to_be_visible()
    p.locator("#ekspor").screenshot(path=str(ARTEFAK / "ekspor-tanpa-pekerja-390.png"))
    assert models.Ekspor.objects.filter(status="menunggu").count() == 1

    ind = list(
        models.Indikator.objects.filter(
            tahun_anggaran__tahun=2024, unit_kerja__slug="trantib", dari_turunan=False
        ).order_by("pk")
    )
    kasi = masuk(chromium, live_server, "kasi.trantib")
    kasi.goto(live_server.url + "/kalaena/trantib/2024/tw3/isi/")
    kasi.fill(f"#id_i{ind[0].pk}-nilai", "1")
    kasi.fill(f"#id_i{ind[0].pk}-kendala", "Diketik saat basis data sibuk")
    # Held longer than a web request waits for it (PostgreSQL's lock_timeout; the
    # test database of SQLite refuses at once).
    with Kunci("reports_laporantriwulan", settings.LAKIP_DB_TUNGGU_DETIK + 2):
        kasi.click("button[value=simpan]")
        expect(kasi.locator(".pesan-daftar")).to_contain_text(
            "coba simpan lagi", timeout=15000
        )
    expect(kasi.locator(f"#id_i{ind[0].pk}-kendala")).to_have_value(
        "Diketik saat basis data sibuk"
    )
    for lebar in (1366, 390):
        kasi.set_viewport_size({"width": lebar, "height": 800})
        screenshot(kasi, f"isian-sibuk-{lebar}")
    kasi.click("button[value=simpan]")
    expect(kasi.locator(".pesan-daftar")).to_contain_text("Draf disimpan.")
    assert models.Realisasi.objects.get(indikator=ind[0], triwulan=3).kendala == (
        "Diketik saat basis data sibuk"
    )
