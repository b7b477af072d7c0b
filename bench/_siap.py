"""Shared setup of the benchmarks: Django on a throwaway SQLite file with the demo
data, and a deterministic synthetic kabupaten-size office.

The scripts call ``basis_data()`` once (a temporary directory that is removed at
the end) and, in the subprocesses that measure one case each, ``sambung(path)``.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "fixtures" / "demo.json"
NAMA_DB = "bench.sqlite3"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def sambung(direktori: Path) -> None:
    """Configure Django against the benchmark database in ``direktori``, as the
    task worker runs in production (DEBUG off). A PostgreSQL ``DATABASE_URL``
    already set (``tests/with_postgres.sh``, a throwaway server) is used instead."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{direktori / NAMA_DB}"
    os.environ["LAKIP_MEDIA_ROOT"] = str(direktori / "media")
    os.environ["DJANGO_STATIC_ROOT"] = str(direktori / "static")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    # The test client speaks plain HTTP.
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "lakip.settings"
    import django

    django.setup()


@contextmanager
def basis_data() -> Iterator[Path]:
    """A temporary directory with a migrated database holding the demo data;
    Django is configured against it. Everything is removed on exit."""
    with tempfile.TemporaryDirectory(prefix="lakip-bench-") as nama:
        direktori = Path(nama)
        sambung(direktori)
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        call_command("loaddata", str(DEMO), verbosity=0)
        try:
            yield direktori
        finally:
            from django.db import connections

            connections.close_all()


# --- the synthetic office ---

# (slug, jenis, name, index of the superior in this list). Parents come before
# their children, so any prefix of the list is a valid tree: a small office is
# the first few units.
SUSUNAN = [
    ("kepala", "pimpinan", "Kepala Dinas", None),
    ("sekretariat", "sekretariat", "Sekretariat", 0),
    ("subbag-umum", "subbagian", "Subbagian Umum dan Kepegawaian", 1),
    ("subbag-keuangan", "subbagian", "Subbagian Keuangan dan Perencanaan", 1),
]
for _b in range(1, 5):
    _induk = len(SUSUNAN)
    SUSUNAN.append((f"bidang-{_b}", "bidang", f"Bidang Urusan {_b}", 0))
    SUSUNAN += [
        (f"seksi-{_b}-{_s}", "seksi", f"Seksi Pelayanan {_b}.{_s}", _induk)
        for _s in range(1, 4)
    ]

KELUARAN = [
    "Tersusunnya dokumen {x} yang telah dibahas bersama perangkat daerah terkait "
    "dan ditandatangani oleh kepala dinas sebagai dasar pelaksanaan kegiatan",
    "Terlaksananya {x} di {n} desa/kelurahan dengan peserta dari unsur aparatur, "
    "tokoh masyarakat dan kelompok sasaran sesuai daftar hadir terlampir",
    "Tersedianya laporan {x} triwulan ini yang memuat data capaian, dokumentasi "
    "kegiatan dan rekomendasi perbaikan untuk triwulan berikutnya",
]
KENDALA = [
    "Jadwal pelaksanaan bergeser karena menunggu penetapan anggaran perubahan dan "
    "keterbatasan tenaga teknis pada unit pelaksana di lapangan",
    "Data dari desa/kelurahan belum seragam formatnya sehingga verifikasi "
    "memerlukan waktu lebih lama dari rencana",
    "Sebagian peserta berhalangan hadir karena bersamaan dengan kegiatan lain "
    "tingkat kabupaten",
]
TINDAK_LANJUT = [
    "Menyusun jadwal ulang bersama bidang terkait dan menambah tenaga pendamping "
    "dari unit lain selama masa puncak kegiatan",
    "Menyampaikan format baku dan memberi pendampingan teknis kepada operator desa "
    "agar data triwulan berikutnya dapat langsung diverifikasi",
    "Mengirim undangan lebih awal dan berkoordinasi dengan sekretariat daerah agar "
    "jadwal tidak berbenturan",
]
POKOK = [
    "pembinaan administrasi",
    "sosialisasi peraturan daerah",
    "monitoring dan evaluasi",
    "pendataan sasaran",
    "fasilitasi forum koordinasi",
    "penyusunan rencana kerja",
]


def _daun(unit: list) -> list:
    """The units that carry sub kegiatan: the leaves below the head (or the head
    alone in a one-unit office)."""
    induk = {u.atasan_id for u in unit}
    daun = [u for u in unit[1:] if u.pk not in induk]
    return daun or unit[:1]


def _bagi(jumlah: int, wadah: int) -> list[int]:
    """``jumlah`` items over ``wadah`` holders, the first ones taking the rest."""
    return [jumlah // wadah + (1 if i < jumlah % wadah else 0) for i in range(wadah)]


def kantor_sintetis(
    *,
    slug: str,
    nama: str,
    unit: int = 20,
    sub_kegiatan: int = 40,
    indikator_per_sub: int = 3,
    tahun: int = 2024,
    benih: int = 2024,
):
    """A deterministic synthetic office: ``unit`` units (a head and the units below
    it, some two levels deep), one program per unit directly below the head, two
    kegiatan per program, ``sub_kegiatan`` sub kegiatan spread over the leaf units,
    ``indikator_per_sub`` indicators each with targets and realisations TW I-IV
    (narratives and an evidence file on two in three), the budget with anggaran
    kas and spending per quarter, and every unit's quarterly reports approved.
    Returns its ``TahunAnggaran``."""
    from reports import models
    from tests.conftest import (
        make_anggaran,
        make_indikator,
        make_sub_kegiatan,
        make_tahun,
    )

    acak = random.Random(benih)
    pemda = models.PemerintahDaerah.objects.get(slug="luwu-timur")
    opd = models.PerangkatDaerah.objects.create(
        pemda=pemda, nama=nama, slug=slug, tempat="Malili", ukuran_kertas="F4"
    )
    ta = make_tahun(opd, tahun, dasar="triwulan")

    daftar: list[models.UnitKerja] = []
    for n, (kode, jenis, nama_unit, atasan) in enumerate(SUSUNAN[:unit]):
        jabatan = nama_unit if atasan is None else f"Kepala {nama_unit}"
        kepala = models.Pejabat.objects.create(
            opd=opd,
            nama=f"Pejabat {nama_unit}, S.STP., M.Si.",
            nip=f"19{70 + n:02d}0101{2000 + opd.pk:04d}01{n % 2 + 1}{n:03d}",
            pangkat="Penata Tingkat I",
            golongan="III/d",
            jabatan=jabatan,
        )
        daftar.append(
            models.UnitKerja.objects.create(
                opd=opd,
                slug=kode,
                nama=nama_unit,
                jenis=jenis,
                jabatan_kepala=jabatan,
                kepala=kepala,
                atasan=None if atasan is None else daftar[atasan],
                tugas_pokok=f"Melaksanakan sebagian tugas {nama} di bidang "
                f"{nama_unit.lower()}.",
                fungsi="\n".join(f"Fungsi {nama_unit} ke-{f}" for f in range(1, 4)),
                urutan=n,
            )
        )

    _renstra(opd, tahun)
    sasaran = list(models.Sasaran.objects.filter(tujuan__renstra__opd=opd))

    # One program per unit directly below the head; its kegiatan and sub kegiatan
    # go to the leaves below that unit.
    daun = _daun(daftar)
    banyak = dict(zip(daun, _bagi(sub_kegiatan, len(daun)), strict=True))
    cabang: dict[int, list] = {}
    for u in daun:
        puncak = u if u.atasan_id in (None, daftar[0].pk) else u.atasan
        cabang.setdefault(puncak.pk, []).append(u)

    nomor_sub = 0
    for p, (puncak_pk, daun_cabang) in enumerate(cabang.items(), start=1):
        puncak = next(u for u in daftar if u.pk == puncak_pk)
        program = models.Program.objects.create(
            tahun_anggaran=ta,
            kode=f"1.{p:02d}",
            nama=f"Program Penyelenggaraan {puncak.nama}",
            unit_kerja=puncak,
            sasaran=sasaran[p % len(sasaran)] if sasaran else None,
            urutan=p,
        )
        kegiatan = [
            models.Kegiatan.objects.create(
                program=program,
                kode=f"1.{p:02d}.{k}",
                nama=f"Kegiatan {POKOK[(p + k) % len(POKOK)].capitalize()} "
                f"{puncak.nama}",
                unit_kerja=puncak,
                urutan=k,
            )
            for k in (1, 2)
        ]
        j = 0
        for u in daun_cabang:
            for _ in range(banyak[u]):
                nomor_sub += 1
                keg = kegiatan[j % 2]
                j += 1
                pokok = POKOK[nomor_sub % len(POKOK)]
                sub = make_sub_kegiatan(
                    ta,
                    u,
                    kegiatan=keg,
                    nama=f"{pokok.capitalize()} {u.nama} paket {nomor_sub}",
                )
                sub.kode = f"{keg.kode}.{j:02d}"
                sub.urutan = j
                sub.save(update_fields=["kode", "urutan"])
                _anggaran(sub, acak, make_anggaran)
                for i in range(indikator_per_sub):
                    _indikator(sub, i, pokok, acak, make_indikator)

    _laporan(ta, daftar[1:] if len(daftar) > 1 else daftar)
    return ta


def _renstra(opd, tahun: int) -> None:
    from reports import models

    renstra = models.Renstra.objects.create(
        opd=opd,
        tahun_awal=tahun - 3,
        tahun_akhir=tahun + 1,
        dasar_hukum=f"Peraturan Kepala Daerah tentang Renstra {tahun - 3}-{tahun + 1}",
        visi="Terwujudnya pelayanan publik yang prima dan masyarakat yang sejahtera",
        misi="Meningkatkan kualitas pelayanan\nMemperkuat tata kelola pemerintahan",
    )
    for t in (1, 2):
        tujuan = models.Tujuan.objects.create(
            renstra=renstra, uraian=f"Meningkatkan kinerja urusan ke-{t}", urutan=t
        )
        for s in (1, 2):
            sasaran = models.Sasaran.objects.create(
                tujuan=tujuan,
                uraian=f"Meningkatnya kualitas layanan {t}.{s}",
                urutan=s,
            )
            iku = models.IndikatorKinerjaUtama.objects.create(
                sasaran=sasaran,
                nama=f"Indeks kepuasan layanan {t}.{s}",
                satuan="Indeks",
                kondisi_awal=Decimal("75"),
                urutan=s,
            )
            models.TargetIKU.objects.bulk_create(
                models.TargetIKU(iku=iku, tahun=th, target=Decimal(76 + th % 5))
                for th in range(tahun - 2, tahun + 2)
            )


def _anggaran(sub, acak: random.Random, make_anggaran) -> None:
    kas = [Decimal(acak.randrange(10, 150) * 1_000_000) for _ in range(4)]
    realisasi = {
        tw: str(kas[tw - 1] * Decimal(acak.randrange(60, 101)) / 100)
        for tw in range(1, 5)
    }
    make_anggaran(
        sub, pagu=str(sum(kas)), kas=[str(k) for k in kas], realisasi=realisasi
    )


def _indikator(sub, i: int, pokok: str, acak: random.Random, make_indikator) -> None:
    """An indicator with its four quarters; every third one a percentage."""
    from reports import models

    persen = i == 2
    if persen:
        target = ["100"] * 4
        tahunan = "100"
        kwargs = {"satuan": "%", "cara_akumulasi": models.CaraAkumulasi.NILAI_AKHIR}
        nama = f"Persentase {pokok} yang diselesaikan tepat waktu"
    else:
        target = [str(acak.randrange(1, 6)) for _ in range(4)]
        tahunan = str(sum(int(t) for t in target))
        kwargs = {"satuan": ("Dokumen", "Kegiatan")[i]}
        nama = f"Jumlah {('dokumen', 'kegiatan')[i]} {pokok} {sub.nama.lower()}"
    indikator = make_indikator(
        sub, target_tahunan=tahunan, target_tw=target, nama=nama, urutan=i, **kwargs
    )
    realisasi = []
    for tw, t in enumerate(target, start=1):
        if persen:
            nilai = Decimal(acak.randrange(70, 101))
        else:
            nilai = Decimal(max(0, int(t) + acak.choice((-1, 0, 0, 0, 1))))
        cerita = acak.random() < 2 / 3
        k = acak.randrange(3)
        realisasi.append(
            models.Realisasi(
                indikator=indikator,
                triwulan=tw,
                nilai=nilai,
                keluaran=KELUARAN[k].format(x=pokok, n=acak.randrange(3, 20))
                if cerita
                else "",
                kendala=KENDALA[k] if cerita else "",
                tindak_lanjut=TINDAK_LANJUT[k] if cerita else "",
            )
        )
    models.Realisasi.objects.bulk_create(realisasi)
    # Evidence of the quarters with a narrative: only its name is shown (as a link),
    # so the file itself need not exist.
    models.BuktiDukung.objects.bulk_create(
        models.BuktiDukung(
            realisasi=r,
            berkas=f"bukti/{indikator.pk}/tw{r.triwulan}/foto-kegiatan.jpg",
            keterangan=f"Foto kegiatan TW {r.triwulan}",
        )
        for r in realisasi
        if r.keluaran
    )


def _laporan(ta, unit: list) -> None:
    """Every unit's four quarterly reports, approved by its superior."""
    from reports import models

    laporan = []
    for u in unit:
        for tw in range(1, 5):
            bulan = 3 * tw + 1 if tw < 4 else 12
            hari = date(ta.tahun, bulan, 5 if tw < 4 else 28)
            waktu = datetime(ta.tahun, bulan, hari.day, 2, tzinfo=UTC)
            laporan.append(
                models.LaporanTriwulan(
                    unit_kerja=u,
                    tahun_anggaran=ta,
                    triwulan=tw,
                    status=models.LaporanTriwulan.Status.DISETUJUI,
                    tanggal=hari,
                    diajukan_pada=waktu,
                    pertama_diajukan_pada=waktu,
                    disetujui_pada=waktu,
                    laporan_sudah_baik=True,
                )
            )
    models.LaporanTriwulan.objects.bulk_create(laporan)
