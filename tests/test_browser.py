"""A user's path through the pages in real headless Chromium (Debian's, driven by
Playwright; no browser is downloaded). Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import DEMO, ROOT, make_user

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


@pytest.fixture
def page(chromium, live_server):
    # Transactional tests start from an emptied database: load the seeds' data.
    call_command("loaddata", str(DEMO), verbosity=0)
    context = chromium.new_context(
        viewport={"width": 1366, "height": 768}, locale="id-ID"
    )
    page = context.new_page()
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
    assert page.inner_text("#rata-rata-kinerja") == "100 %"
    assert page.inner_text("#rata-rata-keuangan") == "82,17 %"
    assert page.locator("#tabel-keuangan tfoot").inner_text().split("\t")[-3:] == [
        "4.915.000",
        "4.038.500",
        "82,17 %",
    ]
    screenshot(page, "unit-triwulan-trantib-2024-tw2")

    page.click("text=Triwulan III")
    page.wait_for_selector("h1:has-text('Triwulan III')")
    assert page.inner_text("#rata-rata-keuangan") == "-"

    page.click("text=Keluar")
    page.wait_for_url("**/akun/login/")
