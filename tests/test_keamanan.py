"""Who may do what on every workflow view, the home page of each role, the
security basics, and query counts that do not grow with the indicators."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from reports import models
from tests.conftest import (
    make_anggaran,
    make_indikator,
    make_opd,
    make_sub_kegiatan,
    make_tahun,
    make_unit,
    make_user,
)
from tests.test_alur import ARGS, ISIAN, data_isian, laporan

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def url(nama: str, **lain) -> str:
    return reverse(f"reports:{nama}", kwargs={**ARGS, **lain})


def pengguna() -> dict[str, object]:
    return {
        "kasi": make_user("kasi", opd="kalaena", unit="trantib"),
        "kasi_lain": make_user("kasi.pmd", opd="kalaena", unit="pmd"),
        "camat": make_user("camat", opd="kalaena", unit="camat", peran="atasan"),
        "sekcam": make_user(
            "sekcam", opd="kalaena", unit="sekretariat", peran="atasan"
        ),
        "perencana": make_user("perencana", opd="kalaena", peran="perencana"),
        "pemeriksa": make_user("pemeriksa", opd="kalaena", peran="pemeriksa"),
        "opd_lain": make_user(
            "sekretaris", opd="satpolpp-lumajang", unit="sekretariat", peran="atasan"
        ),
        "tanpa_profil": make_user("tanpa"),
    }


# GET status of (entry form, review page, history) for each role, once the Kasi
# Trantib has submitted TW III. 404: may not see the unit at all; 403: may see it,
# may not act on it.
HARAPAN = {
    "kasi": (200, 403, 200),
    "kasi_lain": (404, 404, 404),
    "camat": (403, 200, 200),
    "sekcam": (404, 404, 404),  # the sekretaris is not over the seksi
    "perencana": (403, 403, 200),
    "pemeriksa": (403, 403, 200),
    "opd_lain": (404, 404, 404),
    "tanpa_profil": (404, 404, 404),
}


def test_every_workflow_view_answers_each_role_as_it_should(client):
    users = pengguna()
    client.force_login(users["kasi"])
    assert client.post(ISIAN, data_isian(aksi="ajukan")).status_code == 302
    for peran, harapan in HARAPAN.items():
        client.force_login(users[peran])
        hasil = tuple(
            client.get(url(n)).status_code for n in ("isian", "reviu", "riwayat")
        )
        assert hasil == harapan, peran
        if harapan[0] != 200:
            # Nor can they post figures or ask for live figures.
            assert client.post(ISIAN, data_isian()).status_code == harapan[0]
            assert client.post(url("hitung"), {}).status_code == harapan[0]
        if harapan[1] != 200:
            response = client.post(
                url("reviu"), {"versi": laporan().versi, "aksi": "setujui"}
            )
            assert response.status_code == harapan[1], peran
    assert laporan().status == models.LaporanTriwulan.Status.DIAJUKAN


def test_anonymous_users_are_sent_to_sign_in(client):
    for nama in ("isian", "reviu", "riwayat"):
        response = client.get(url(nama))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_the_sekretaris_reviews_the_subbagian_below_the_sekretariat(client):
    from reports import akses

    sekcam = make_user("sekcam", opd="kalaena", unit="sekretariat", peran="atasan")
    unit = models.UnitKerja.objects.filter(opd__slug="kalaena")
    subbag = unit.get(slug="subbag-umum")
    assert akses.boleh_reviu(sekcam, subbag)
    assert not akses.boleh_reviu(sekcam, unit.get(slug="sekretariat"))
    assert not akses.boleh_reviu(sekcam, unit.get(slug="trantib"))


# --- home pages ---


def test_operator_home_shows_their_quarters_with_status_and_deadline(client):
    client.force_login(make_user("kasi", opd="kalaena", unit="trantib"))
    html = client.get(reverse("reports:beranda")).content.decode()
    assert "Laporan unit Anda tahun 2024" in html
    assert "Menunggu reviu Anda" not in html  # only a superior reviews
    matriks = client.get(reverse("reports:beranda")).context["matriks"]
    assert [b.unit.slug for b in matriks] == ["trantib"]
    tw = matriks[0].triwulan
    assert [s.label_status for s in tw] == [
        "Belum diisi",
        "Diajukan",
        "Belum diisi",
        "Belum diisi",
    ]
    assert (tw[1].terisi, tw[1].wajib) == (3, 3)
    assert tw[1].ketepatan == "tepat_waktu"  # 28 June 2024, due 5 July
    assert tw[2].tenggat.isoformat() == "2024-10-07"
    assert tw[2].ketepatan == "lewat_tenggat"


def test_superior_home_shows_the_review_queue(client):
    kasi = make_user("kasi", opd="kalaena", unit="trantib")
    client.force_login(kasi)
    client.post(ISIAN, data_isian(aksi="ajukan"))
    client.force_login(make_user("camat", opd="kalaena", unit="camat", peran="atasan"))
    response = client.get(reverse("reports:beranda"))
    antrean = response.context["antrean"]
    assert [(lap.unit_kerja.slug, lap.triwulan) for lap in antrean] == [
        ("trantib", 2),
        ("trantib", 3),
    ]
    assert url("reviu") in response.content.decode()
    assert {b.unit.slug for b in response.context["matriks"]} >= {"trantib"}


def test_planner_home_has_the_matrix_with_completeness(client):
    client.force_login(make_user("kasi", opd="kalaena", unit="trantib"))
    client.post(ISIAN, data_isian(nilai=("1", "", "1")))
    client.force_login(make_user("p", opd="kalaena", peran="perencana"))
    response = client.get(reverse("reports:beranda") + "?tahun=2024")
    matriks = {b.unit.slug: b for b in response.context["matriks"]}
    tw3 = matriks["trantib"].triwulan[2]
    assert (tw3.label_status, tw3.terisi, tw3.wajib) == ("Draf", 2, 3)
    assert "2/3 indikator" in response.content.decode()
    response = client.get(reverse("reports:beranda") + "?tahun=2023")
    assert response.context["ta"].tahun == 2023


# --- security ---


def test_csrf_is_enforced_on_forms():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("kasi", opd="kalaena", unit="trantib"))
    assert client.post(ISIAN, data_isian()).status_code == 403
    assert not models.LaporanTriwulan.objects.filter(triwulan=3).exists()


def test_password_guessing_is_throttled(client, settings):
    make_user("kasi", opd="kalaena", unit="trantib")
    login = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "kasi", "password": "tebakan"})
    response = client.post(login, {"username": "kasi", "password": "rahasia-uji"})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another user is not locked out by it.
    make_user("camat", opd="kalaena", unit="camat", peran="atasan")
    response = client.post(login, {"username": "camat", "password": "rahasia-uji"})
    assert response.status_code == 302


def test_sessions_expire_and_passwords_are_hashed(settings):
    user = make_user("kasi")
    assert user.password.startswith("pbkdf2_sha256$")
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    # The browser tests allow sync database calls in the test process; a
    # deployment never does.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "lakip.example.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }
    hasil = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "no issues" in hasil.stdout


# --- query counts ---


@pytest.mark.parametrize("banyak", [3, 60])
def test_entry_form_and_live_figures_do_not_grow_with_indicators(
    client, banyak, django_assert_max_num_queries
):
    opd = make_opd()
    atasan = make_unit(opd, "camat", jenis="pimpinan")
    unit = make_unit(opd, "seksi", atasan=atasan)
    ta = make_tahun(opd)
    sub = None
    for n in range(banyak):
        if n % 3 == 0:
            sub = make_sub_kegiatan(ta, unit, nama=f"Sub {n}")
            make_anggaran(sub, realisasi={1: "500"})
        make_indikator(sub, nama=f"Indikator {n}", realisasi={1: "1", 2: "1"})
    client.force_login(make_user(f"op{banyak}", opd=opd, unit=unit))
    args = {"opd": opd.slug, "unit": "seksi", "tahun": 2024, "triwulan": 2}
    with django_assert_max_num_queries(18):
        assert client.get(reverse("reports:isian", kwargs=args)).status_code == 200
    with django_assert_max_num_queries(17):
        assert client.get(reverse("reports:beranda")).status_code == 200
    # The live figures read the year twice: stored, then with the typed values.
    with django_assert_max_num_queries(26):
        response = client.post(reverse("reports:hitung", kwargs=args), {"versi": "0"})
        assert response.status_code == 200


def test_the_admin_shows_figures_and_reports_read_only(client):
    root = make_user("root", superuser=True)
    root.is_staff = True
    root.save()
    client.force_login(root)
    lap = models.LaporanTriwulan.objects.get(
        unit_kerja__slug="trantib", tahun_anggaran__tahun=2024, triwulan=2
    )
    ubah = reverse("admin:reports_laporantriwulan_change", args=[lap.pk])
    response = client.get(ubah)
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()
    client.post(ubah, {"status": "disetujui"})
    lap.refresh_from_db()
    assert lap.status == "diajukan"
    for nama in (
        "realisasi",
        "riwayat",
        "harilibur",
        "indikator",
        "ekspor",
        "surveiikm",
        "pendapatan",
        "rekomendasievaluasi",
        "ringkasananggaran",
    ):
        daftar = reverse(f"admin:reports_{nama}_changelist")
        assert client.get(daftar).status_code == 200
