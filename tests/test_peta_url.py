"""Every URL of the URL map, asked for by every role: the answer is the one in the
table below. A view added to the map without a row here fails the suite, so nobody
adds a page without deciding who may open it."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from reports import ekspor, models
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PERAN = (
    "anonim",
    "kasi",  # operator of Seksi Trantib, Kalaena
    "kasi_lain",  # operator of another seksi of the same office
    "camat",  # head of the office, Trantib's superior
    "perencana",
    "pemeriksa",
    "opd_lain",  # a superior of another office
    "tanpa_profil",  # signed in, no LAKIP profile
    "admin",  # superuser
)

UNIT = {"opd": "kalaena", "unit": "trantib", "tahun": 2024, "triwulan": 2}
KANTOR = {"opd": "kalaena", "tahun": 2024, "triwulan": 2}
TAHUN = {"opd": "kalaena", "tahun": 2024}
LAPORAN_KANTOR = (302, 403, 403, 200, 200, 200, 404, 404, 200)
PDF_KANTOR = (302, 403, 403, 302, 302, 302, 404, 404, 302)  # a POST redirects
LIHAT_UNIT = (302, 200, 404, 200, 200, 200, 404, 404, 200)
ISI_UNIT = (302, 200, 404, 403, 403, 403, 404, 404, 403)
PERENCANA = (302, 403, 403, 403, 200, 403, 404, 404, 200)

# url name: (method, kwargs, status per role in PERAN order). 302 for the anonymous
# user is the sign-in page; 404 hides what the user may not know exists; 403 is a
# page they know of but may not use.
TABEL = {
    "login": ("get", {}, (200,) * 9),
    "logout": ("get", {}, (405,) * 9),  # sign-out is a POST
    "password_change": ("get", {}, (302,) + (200,) * 8),
    "password_change_done": ("get", {}, (302,) + (200,) * 8),
    # No email server in the tests: the reset pages do not exist.
    "password_reset": ("get", {}, (404,) * 9),
    "password_reset_done": ("get", {}, (404,) * 9),
    "password_reset_confirm": ("get", {"uidb64": "MQ", "token": "x-y"}, (404,) * 9),
    "password_reset_complete": ("get", {}, (404,) * 9),
    "reports:beranda": ("get", {}, (302,) + (200,) * 8),
    "reports:unit_triwulan": (
        "get",
        UNIT,
        LIHAT_UNIT,
    ),
    "reports:isian": ("get", UNIT, ISI_UNIT),
    "reports:hitung": ("post", UNIT, ISI_UNIT),
    "reports:reviu": ("get", UNIT, (302, 403, 404, 200, 403, 403, 404, 404, 403)),
    "reports:riwayat": ("get", UNIT, LIHAT_UNIT),
    "reports:laporan_unit": (
        "get",
        UNIT,
        LIHAT_UNIT,
    ),
    "reports:laporan_unit_pdf": (
        "get",
        UNIT,
        LIHAT_UNIT,
    ),
    "reports:laporan_unit_xlsx": (
        "get",
        UNIT,
        LIHAT_UNIT,
    ),
    "reports:laporan_opd": ("get", KANTOR, LAPORAN_KANTOR),
    "reports:laporan_opd_xlsx": ("get", KANTOR, LAPORAN_KANTOR),
    "reports:bundel_xlsx": ("get", KANTOR, LAPORAN_KANTOR),
    "reports:laporan_opd_pdf": (
        "post",
        KANTOR,
        PDF_KANTOR,
    ),
    "reports:bundel_pdf": (
        "post",
        KANTOR,
        PDF_KANTOR,
    ),
    "reports:ekspor_status": ("get", {"pk": "ekspor"}, LAPORAN_KANTOR),
    "reports:ekspor_unduh": ("get", {"pk": "ekspor"}, LAPORAN_KANTOR),
    "reports:bukti": (
        "get",
        {"pk": "bukti"},
        LIHAT_UNIT,
    ),
    # The office's own data, kept by its planner.
    "reports:kantor_isian": ("get", KANTOR, PERENCANA),
    "reports:kantor_iku": ("get", KANTOR, PERENCANA),
    "reports:kantor_ikm": ("get", KANTOR, PERENCANA),
    "reports:kantor_pendapatan": ("get", KANTOR, PERENCANA),
    "reports:kantor_tindak_lanjut": ("get", KANTOR, PERENCANA),
    "reports:rencana_aksi": (
        "get",
        TAHUN,
        PERENCANA,
    ),
    "reports:rencana_aksi_unduh": (
        "get",
        TAHUN,
        PERENCANA,
    ),
}


def peta(pola, ns: str = ""):
    """Every named URL pattern as "namespace:name"."""
    for p in pola:
        if isinstance(p, URLResolver):
            yield from peta(p.url_patterns, p.namespace or ns)
        elif p.name:
            yield f"{ns}:{p.name}" if ns else p.name


def klien() -> dict[str, Client]:
    users = {
        "kasi": make_user("kasi", opd="kalaena", unit="trantib"),
        "kasi_lain": make_user("kasi.pmd", opd="kalaena", unit="pmd"),
        "camat": make_user("camat", opd="kalaena", unit="camat", peran="atasan"),
        "perencana": make_user("perencana", opd="kalaena", peran="perencana"),
        "pemeriksa": make_user("pemeriksa", opd="kalaena", peran="pemeriksa"),
        "opd_lain": make_user(
            "sekretaris", opd="satpolpp-lumajang", unit="sekretariat", peran="atasan"
        ),
        "tanpa_profil": make_user("tanpa"),
        "admin": make_user("akar", superuser=True),
    }
    hasil = {"anonim": Client()}
    for peran, user in users.items():
        hasil[peran] = Client()
        hasil[peran].force_login(user)
    return hasil


def test_every_view_of_the_url_map_has_a_row_in_the_table():
    ada = {n for n in peta(get_resolver().url_patterns) if not n.startswith("admin:")}
    assert ada - set(TABEL) == set(), "views without a row: decide who may open them"
    assert set(TABEL) - ada == set()


def test_every_view_answers_every_role_as_the_table_says(
    settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    # Who gets through is decided before any file is made: skip the rendering.
    monkeypatch.setattr(ekspor, "berkas_pdf", lambda p, **kw: b"%PDF-")
    monkeypatch.setattr(ekspor, "berkas_xlsx", lambda p: b"PK")
    opd = models.PerangkatDaerah.objects.get(slug="kalaena")
    e = models.Ekspor.objects.create(
        jenis="opd", opd=opd, tahun=2024, triwulan=2, status="selesai"
    )
    e.berkas.save("uji.pdf", ContentFile(b"%PDF-"))
    r = models.Realisasi.objects.filter(
        indikator__unit_kerja__slug="trantib", indikator__tahun_anggaran__tahun=2024
    ).first()
    bukti = models.BuktiDukung(realisasi=r, keterangan="foto.png")
    bukti.berkas.save("foto.png", ContentFile(b"\x89PNG\r\n\x1a\n"))
    nilai_pk = {"ekspor": e.pk, "bukti": bukti.pk}

    semua = klien()
    salah = []
    for nama, (metode, kwargs, harapan) in TABEL.items():
        kwargs = {k: nilai_pk.get(v, v) for k, v in kwargs.items()}
        url = reverse(nama, kwargs=kwargs)
        for peran, status in zip(PERAN, harapan, strict=True):
            jawaban = getattr(semua[peran], metode)(url).status_code
            if jawaban != status:
                salah.append(f"{nama} {peran}: {jawaban}, expected {status}")
    assert salah == []


def test_the_admin_is_closed_to_everyone_but_staff():
    """Every admin page sends a user who is not staff to the admin's sign-in (only
    that page and its sign-out are open)."""
    semua = klien()
    calon = (
        {},
        {"object_id": "1"},
        {"app_label": "reports"},
        {"content_type_id": "1", "object_id": "1"},
        {"id": "1"},  # the admin's password change of a user
    )
    salah = []
    for nama in peta(get_resolver().url_patterns):
        if not nama.startswith("admin:") or nama in {"admin:login", "admin:logout"}:
            continue
        for kwargs in calon:
            try:
                url = reverse(nama, kwargs=kwargs)
                break
            except NoReverseMatch:
                continue
        else:
            salah.append(f"{nama}: no sample arguments")
            continue
        for peran in ("anonim", "kasi", "perencana"):
            jawaban = semua[peran].get(url)
            if jawaban.status_code != 302 or "/admin/login/" not in jawaban["Location"]:
                salah.append(f"{nama} {peran}: {jawaban.status_code}")
    assert salah == []
