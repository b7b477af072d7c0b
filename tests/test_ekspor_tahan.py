"""An export never hangs and a busy database is not a crash: the deadline, a worker
killed or stopped mid-export, no worker at all, the same request twice, and a write
lock held by someone else, for the worker and for an operator's save."""

from __future__ import annotations

import subprocess
import threading
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from reports import ekspor, models, pekerja, tasks
from tests.conftest import DEMO, make_kantor, make_user
from tests.test_alur import ISIAN, data_isian, indikator_trantib

URL_STATUS = "reports:ekspor_status"


def buat(opd, *, menit_lalu: float = 0, status="menunggu", **lain) -> models.Ekspor:
    e = models.Ekspor.objects.create(
        jenis="opd", opd=opd, tahun=2024, triwulan=1, status=status, **lain
    )
    models.Ekspor.objects.filter(pk=e.pk).update(
        dibuat_pada=timezone.now() - timedelta(minutes=menit_lalu)
    )
    e.refresh_from_db()
    return e


def perencana_dari(client, opd):
    client.force_login(make_user(f"p-{opd.slug}", opd=opd, peran="perencana"))
    return client


def jalankan_worker() -> None:
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )


@pytest.fixture
def kantor(db):
    opd, _ = make_kantor(1)
    return opd


# --- the deadline ---


@pytest.mark.django_db
def test_an_export_past_its_deadline_shows_failed_with_a_retry_button(client, kantor):
    e = buat(kantor, menit_lalu=11, status="berjalan", progres=30)
    perencana_dari(client, kantor)
    html = client.get(reverse(URL_STATUS, args=[e.pk])).content.decode()
    assert "tidak selesai dibuat dalam 10 menit" in html
    assert "hx-trigger" not in html
    coba_lagi = reverse("reports:laporan_opd_pdf", args=[kantor.slug, 2024, 1])
    assert f'action="{coba_lagi}"' in html and "Coba lagi" in html

    response = client.post(coba_lagi)
    assert response.status_code == 302
    assert models.Ekspor.objects.filter(opd=kantor).count() == 2


@pytest.mark.django_db
def test_a_running_export_is_stopped_at_its_deadline(kantor, monkeypatch, settings):
    e = buat(kantor, menit_lalu=settings.LAKIP_EKSPOR_BATAS_MENIT - 0.01)

    def lambat(*args, **kwargs):
        time.sleep(30)

    monkeypatch.setattr(ekspor, "berkas_pdf", lambat)
    mulai = time.monotonic()
    with pytest.raises(ekspor.EksporKedaluwarsa):
        ekspor.ekspor_jalankan(ekspor_id=e.pk)
    assert time.monotonic() - mulai < 5
    e.refresh_from_db()
    assert e.status == models.Ekspor.Status.GAGAL
    assert e.pesan_galat.startswith("Laporan tidak selesai dibuat dalam 10 menit.")


@pytest.mark.django_db
def test_a_worker_stopped_by_sigterm_marks_its_export_failed(kantor, monkeypatch):
    e = buat(kantor)

    def dihentikan(*args, **kwargs):
        raise SystemExit(1)  # what db_worker's second SIGTERM raises in the task

    monkeypatch.setattr(ekspor, "berkas_pdf", dihentikan)
    with pytest.raises(SystemExit):
        ekspor.ekspor_jalankan(ekspor_id=e.pk)
    e.refresh_from_db()
    assert e.status == models.Ekspor.Status.GAGAL
    assert "pekerja latar dimatikan" in e.pesan_galat


@pytest.mark.django_db
def test_identical_requests_reuse_the_running_export(client, kantor):
    perencana_dari(client, kantor)
    url = reverse("reports:laporan_opd_pdf", args=[kantor.slug, 2024, 1])
    client.post(url)
    response = client.post(url, follow=True)
    assert models.Ekspor.objects.filter(opd=kantor).count() == 1
    assert "sudah sedang dibuat" in response.content.decode()
    # The bundle is another report.
    client.post(reverse("reports:bundel_pdf", args=[kantor.slug, 2024, 1]))
    assert models.Ekspor.objects.filter(opd=kantor).count() == 2


@pytest.mark.django_db
def test_the_page_says_when_no_worker_has_been_seen(client, kantor):
    e = buat(kantor)
    perencana_dari(client, kantor)
    url = reverse(URL_STATUS, args=[e.pk])
    assert "tidak terlihat aktif" in client.get(url).content.decode()
    laporan = reverse("reports:laporan_opd", args=[kantor.slug, 2024, 1])
    assert "tidak terlihat aktif" in client.get(laporan).content.decode()
    models.PekerjaLatar.objects.create(
        nama="w", host="h", pid=1, terakhir_terlihat=timezone.now()
    )
    assert "tidak terlihat aktif" not in client.get(url).content.decode()
    models.PekerjaLatar.objects.update(
        terakhir_terlihat=timezone.now() - timedelta(minutes=5)
    )
    assert "tidak terlihat aktif" in client.get(url).content.decode()


# --- a worker killed mid-export ---


def pid_mati() -> int:
    proses = subprocess.Popen(["true"])
    proses.wait()
    return proses.pid


def ditinggal_pekerja_mati(opd, *, percobaan: int) -> models.Ekspor:
    """An export a worker claimed and was killed (SIGKILL) making, at 30 %."""
    e, _ = tasks.ekspor_minta(
        user=None,
        tahun_anggaran=models.TahunAnggaran.objects.get(opd=opd, tahun=2024),
        triwulan=1,
        jenis="opd",
    )
    hasil = DBTaskResult.objects.get()
    hasil.claim("pekerja-mati")
    models.Ekspor.objects.filter(pk=e.pk).update(
        status="berjalan", progres=30, percobaan=percobaan
    )
    models.PekerjaLatar.objects.create(
        nama="pekerja-mati",
        host=__import__("socket").gethostname(),
        pid=pid_mati(),
        terakhir_terlihat=timezone.now(),
    )
    return e


@pytest.mark.django_db(transaction=True)
def test_a_starting_worker_finishes_the_export_of_a_killed_one(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    opd, _ = make_kantor(1)
    e = ditinggal_pekerja_mati(opd, percobaan=1)

    jalankan_worker()

    e.refresh_from_db()
    assert (e.status, e.progres, e.percobaan) == ("selesai", 100, 2)
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert not models.PekerjaLatar.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_export_whose_workers_keep_dying_is_failed_not_retried(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    opd, _ = make_kantor(1)
    e = ditinggal_pekerja_mati(opd, percobaan=pekerja.PERCOBAAN_MAKS)

    jalankan_worker()

    e.refresh_from_db()
    assert e.status == models.Ekspor.Status.GAGAL
    assert "pekerja latar berhenti mendadak" in e.pesan_galat
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED


@pytest.mark.django_db(transaction=True)
def test_a_live_workers_running_task_is_left_alone():
    opd, _ = make_kantor(1)
    e = ditinggal_pekerja_mati(opd, percobaan=1)
    models.PekerjaLatar.objects.filter(nama="pekerja-mati").update(
        host="mesin-lain"  # alive elsewhere: its heartbeat is recent
    )
    assert pekerja.pulihkan("pekerja-baru") == 0
    e.refresh_from_db()
    assert e.status == "berjalan"
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING


# --- a busy database ---


class Kunci:
    """Another connection holds a write lock for ``detik`` seconds (SQLite: a write
    transaction; PostgreSQL: an EXCLUSIVE lock on ``tabel``, which still lets
    others read it)."""

    def __init__(self, tabel: str, detik: float) -> None:
        self.tabel, self.detik = tabel, detik
        self.terpasang = threading.Event()
        self.utas = threading.Thread(target=self._tahan)

    def _tahan(self) -> None:
        try:
            with transaction.atomic():
                with connection.cursor() as kursor:
                    if connection.vendor == "postgresql":
                        kursor.execute(f"LOCK TABLE {self.tabel} IN EXCLUSIVE MODE")
                    else:
                        # Any write: SQLite has one writer at a time. (The test
                        # database shares its cache between connections, where a
                        # written table cannot be read: this one is read by no
                        # page.)
                        kursor.execute("UPDATE reports_pekerjalatar SET pid = pid")
                self.terpasang.set()
                time.sleep(self.detik)
        finally:
            connection.close()

    def __enter__(self):
        self.utas.start()
        assert self.terpasang.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        self.utas.join()


@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_out_a_locked_database_and_goes_on(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.LAKIP_DB_TUNGGU_PEKERJA_DETIK = 0.2
    opd, _ = make_kantor(1)
    e, _ = tasks.ekspor_minta(
        user=None,
        tahun_anggaran=models.TahunAnggaran.objects.get(opd=opd, tahun=2024),
        triwulan=1,
        jenis="opd",
    )
    with Kunci("reports_pekerjalatar", 3):
        jalankan_worker()  # would have exited with status 1
    e.refresh_from_db()
    assert e.status == models.Ekspor.Status.SELESAI


@pytest.mark.django_db(transaction=True)
def test_a_save_during_a_lock_shows_the_form_again_to_save_later(client, settings):
    call_command("loaddata", str(DEMO), verbosity=0)
    settings.MEDIA_ROOT = settings.BASE_DIR / "media-uji-kunci"
    if connection.vendor == "postgresql":
        with connection.cursor() as kursor:
            kursor.execute("SET lock_timeout = 300")
    client.force_login(make_user("kasi", opd="kalaena", unit="trantib"))
    pertama = indikator_trantib()[0]
    data = data_isian(**{f"i{pertama.pk}-kendala": "Ditulis saat basis data sibuk"})

    with Kunci("reports_laporantriwulan", 2):
        response = client.post(ISIAN, data)

    html = response.content.decode()
    assert response.status_code == 503
    assert "coba simpan lagi" in html
    assert "Ditulis saat basis data sibuk" in html
    assert 'name="versi" value="0"' in html
    assert not models.LaporanTriwulan.objects.filter(
        unit_kerja__slug="trantib", tahun_anggaran__tahun=2024, triwulan=3
    ).exists()
    # Once the lock is gone the same form saves.
    response = client.post(ISIAN, data)
    assert response.status_code == 302
    for alias in connections:
        connections[alias].close()
