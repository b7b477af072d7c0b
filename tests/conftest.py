"""Shared fixtures: the demo data (loaded once per session) and small ``make_*``
helpers for synthetic data."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from reports import models

# Django is imported inside the helpers, so that the arithmetic tests also run with
# no Django at all: ``pytest -p no:django tests/test_kinerja.py``.

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "fixtures" / "demo.json"

_urut = itertools.count(1)


def pytest_report_header(config) -> str:
    from django.db import connection

    return f"database: {connection.vendor} {connection.settings_dict['HOST'] or ''}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the demo data of the seeds."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("loaddata", str(DEMO), verbosity=0)


# --- the demo PDFs, each rendered once for every test that reads it ---


def _pdf_demo(django_db_blocker, nama: str, **permintaan) -> bytes:
    from reports import ekspor
    from tests.pdf_util import simpan

    with django_db_blocker.unblock():
        isi = ekspor.berkas_pdf(ekspor.permintaan(**permintaan))
    simpan(isi, nama)
    return isi


@pytest.fixture(scope="session")
def pdf_trantib(django_db_setup, django_db_blocker) -> bytes:
    """Seed 000's unit report: Kalaena, Seksi Trantib, TW II 2024."""
    return _pdf_demo(
        django_db_blocker,
        "laporan-trantib-2024-tw2.pdf",
        opd="kalaena",
        tahun=2024,
        triwulan=2,
        jenis="unit",
        unit="trantib",
    )


@pytest.fixture(scope="session")
def pdf_kalaena(django_db_setup, django_db_blocker) -> bytes:
    """Seed 001's office report: Kalaena, TW IV 2023."""
    return _pdf_demo(
        django_db_blocker,
        "laporan-kalaena-2023-tw4.pdf",
        opd="kalaena",
        tahun=2023,
        triwulan=4,
        jenis="opd",
    )


@pytest.fixture(scope="session")
def pdf_bundel(django_db_setup, django_db_blocker) -> bytes:
    """Seed 002's bundle: Satpol PP Lumajang, TW II 2022."""
    return _pdf_demo(
        django_db_blocker,
        "bundel-satpolpp-2022-tw2.pdf",
        opd="satpolpp-lumajang",
        tahun=2022,
        triwulan=2,
        jenis="bundel",
    )


@pytest.fixture(scope="session")
def pdf_towuti(django_db_setup, django_db_blocker) -> bytes:
    """Seed 004's office, as little of it as the demo holds: Towuti, TW IV 2024."""
    return _pdf_demo(
        django_db_blocker,
        "laporan-towuti-2024-tw4.pdf",
        opd="towuti",
        tahun=2024,
        triwulan=4,
        jenis="opd",
    )


def D(nilai: str | int) -> Decimal:
    return Decimal(str(nilai))


def teks_html(response) -> str:
    """A page's HTML with the no-break spaces that keep a number with its "%",
    "Rp" or satuan read as the spaces they are to a reader."""
    return response.content.decode().replace("\u00a0", " ")


# --- users ---


def make_user(
    username: str,
    *,
    opd=None,
    unit=None,
    peran: str = "operator",
    superuser: bool = False,
):
    """A user with a LAKIP profile; ``opd`` and ``unit`` by slug or object."""
    from django.contrib.auth import get_user_model

    from reports import models

    user = get_user_model().objects.create_user(
        username=username, password="rahasia-uji", is_superuser=superuser
    )
    if opd is not None:
        if isinstance(opd, str):
            opd = models.PerangkatDaerah.objects.get(slug=opd)
        if isinstance(unit, str):
            unit = models.UnitKerja.objects.get(opd=opd, slug=unit)
        models.Pengguna.objects.create(user=user, opd=opd, unit_kerja=unit, peran=peran)
    return user


# --- synthetic offices ---


def make_opd(slug: str | None = None) -> models.PerangkatDaerah:
    from reports import models

    n = next(_urut)
    pemda = models.PemerintahDaerah.objects.create(nama=f"Uji {n}", slug=f"uji-{n}")
    return models.PerangkatDaerah.objects.create(
        pemda=pemda,
        nama=f"Kecamatan Uji {n}",
        slug=slug or f"kec-uji-{n}",
        tempat="Uji",
    )


def make_unit(opd, slug: str, *, atasan=None, jenis="seksi") -> models.UnitKerja:
    from reports import models

    return models.UnitKerja.objects.create(
        opd=opd,
        slug=slug,
        nama=f"Seksi {slug}",
        jenis=jenis,
        jabatan_kepala=f"Kepala Seksi {slug}",
        atasan=atasan,
    )


def make_tahun(
    opd, tahun: int = 2024, dasar: str = "triwulan", dasar_keuangan: str | None = None
) -> models.TahunAnggaran:
    """An office's year; the basis of keuangan is that of kinerja unless given."""
    from reports import models

    return models.TahunAnggaran.objects.create(
        opd=opd,
        tahun=tahun,
        dasar_kinerja=dasar,
        dasar_keuangan=dasar_keuangan or dasar,
    )


def make_sub_kegiatan(
    tahun_anggaran, unit, *, program=None, kegiatan=None, nama: str = "Sub kegiatan uji"
) -> models.SubKegiatan:
    from reports import models

    if kegiatan is None:
        if program is None:
            program = models.Program.objects.create(
                tahun_anggaran=tahun_anggaran, nama="Program uji", unit_kerja=unit
            )
        kegiatan = models.Kegiatan.objects.create(
            program=program, nama="Kegiatan uji", unit_kerja=unit
        )
    return models.SubKegiatan.objects.create(
        kegiatan=kegiatan, nama=nama, unit_kerja=unit
    )


def make_indikator(
    sub_kegiatan,
    *,
    target_tahunan="4",
    target_tw=("1", "1", "1", "1"),
    realisasi: dict[int, str] | None = None,
    **kwargs,
) -> models.Indikator:
    from reports import models

    ta = sub_kegiatan.kegiatan.program.tahun_anggaran
    tw = [None if t is None else D(t) for t in target_tw]
    indikator = models.Indikator.objects.create(
        tahun_anggaran=ta,
        unit_kerja=sub_kegiatan.unit_kerja,
        sub_kegiatan=sub_kegiatan,
        nama=kwargs.pop("nama", "Jumlah laporan uji"),
        satuan=kwargs.pop("satuan", "Laporan"),
        target_tahunan=None if target_tahunan is None else D(target_tahunan),
        target_tw1=tw[0],
        target_tw2=tw[1],
        target_tw3=tw[2],
        target_tw4=tw[3],
        **kwargs,
    )
    for triwulan, nilai in (realisasi or {}).items():
        models.Realisasi.objects.create(
            indikator=indikator, triwulan=triwulan, nilai=D(nilai)
        )
    return indikator


def make_anggaran(
    sub_kegiatan, *, pagu="4000", kas=("1000", "1000", "1000", "1000"), realisasi=None
) -> models.Anggaran:
    from reports import models

    anggaran = models.Anggaran.objects.create(
        sub_kegiatan=sub_kegiatan,
        pagu=D(pagu),
        kas_tw1=D(kas[0]),
        kas_tw2=D(kas[1]),
        kas_tw3=D(kas[2]),
        kas_tw4=D(kas[3]),
    )
    for triwulan, nilai in (realisasi or {}).items():
        models.RealisasiAnggaran.objects.create(
            sub_kegiatan=sub_kegiatan, triwulan=triwulan, nilai=D(nilai)
        )
    return anggaran


def make_kantor(banyak: int, *, unit_per_sub: bool = False):
    """A synthetic office with ``banyak`` sub kegiatan under one kegiatan, each with
    an indicator, a budget and TW I-II realisations; every sub kegiatan in one
    section (or, with ``unit_per_sub``, each in a section of its own under the
    head). Returns (opd, the first section)."""
    opd = make_opd()
    kepala = make_unit(opd, "kepala", jenis="pimpinan")
    ta = make_tahun(opd, 2024)
    seksi = make_unit(opd, "seksi", atasan=kepala)
    kegiatan = None
    for n in range(banyak):
        unit = make_unit(opd, f"seksi-{n}", atasan=kepala) if unit_per_sub else seksi
        sub = make_sub_kegiatan(ta, unit, kegiatan=kegiatan, nama=f"Sub {n}")
        kegiatan = sub.kegiatan
        make_indikator(sub, realisasi={1: "1", 2: "1"})
        make_anggaran(sub, realisasi={1: "900", 2: "1000"})
    return opd, seksi
