"""The sheets and columns of the Rencana Aksi workbook, the errors found in one, and
the plan as read from one: plain frozen dataclasses shared by reading, writing and
the template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from reports.models import (
    Anggaran,
    CaraAkumulasi,
    Indikator,
    Polaritas,
    Sasaran,
    TahunAnggaran,
)

# Bounds on the work of reading one workbook, checked before it is parsed. The
# largest valid plan (5.000 rows on every data sheet, bench/impor.py) is 0,75 MB
# packed, 9 MB unpacked, with some 25.000 distinct texts.
BATAS_UKURAN = 10 * 1024 * 1024  # bytes; a year's plan is a few hundred kilobytes
BATAS_TERURAI = 64 * 1024 * 1024  # bytes of all its parts once unpacked
BATAS_BAGIAN = 500  # parts (files) in the package; Excel writes about 15
BATAS_TEKS = 200_000  # shared strings (distinct texts); each costs memory on load
BATAS_BARIS = 5000  # rows per sheet, far above any office's plan
# Row numbers read on a sheet: the data rows, the header and room for blank rows
# between them; a sheet going further (a million formatted blank rows) is refused
# rather than read to its end.
BATAS_NOMOR_BARIS = 2 * BATAS_BARIS + 1
BARIS_VALIDASI = 1000  # rows of the blank template that carry the data validations
TEMPAT_TARGET = 4  # decimals of a target (models.nilai_field)
TEMPAT_RUPIAH = 2  # decimals of an amount (models.rupiah_field)

Tingkat = Indikator.Tingkat
Tahap = Anggaran.Tahap
YA, TIDAK = "ya", "tidak"

PETUNJUK, DAFTAR = "Petunjuk", "Daftar"
PROGRAM, KEGIATAN, SUB_KEGIATAN = "Program", "Kegiatan", "Sub Kegiatan"
INDIKATOR, ANGGARAN = "Indikator", "Anggaran"


# --- the columns of each sheet: one definition for the template and the import ---


@dataclass(frozen=True)
class Kolom:
    kunci: str
    judul: str
    lebar: int
    keterangan: str
    wajib: bool = False
    jenis: str = "teks"  # teks | kode | rupiah | target | desimal | pilihan | unit
    pilihan: tuple[str, ...] = ()


def _induk(jenis: str, wajib: bool = True) -> Kolom:
    return Kolom(
        jenis.lower().replace(" ", "_"),
        jenis,
        24,
        f"Kode {jenis.lower()} induk, atau namanya jika {jenis.lower()} itu tidak "
        f'berkode; harus ada di lembar "{jenis}".',
        wajib=wajib,
    )


def _unit(wajib: bool = True, keterangan: str = "") -> Kolom:
    return Kolom(
        "unit",
        "Unit Kerja",
        26,
        keterangan or 'Unit penanggung jawab: slug unit dari daftar (lembar "Daftar").',
        wajib=wajib,
        jenis="unit",
    )


def _triwulan(awalan: str, judul: str, jenis: str) -> list[Kolom]:
    return [
        Kolom(
            f"{awalan}{n}",
            f"{judul} TW {r}",
            14 if jenis == "target" else 16,
            (
                f"Target triwulan {r} (triwulan itu saja, bukan s/d)."
                if jenis == "target"
                else f"Anggaran kas (rencana penarikan) triwulan {r}, Rupiah."
            ),
            jenis=jenis,
        )
        for n, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
    ]


KOLOM: dict[str, tuple[Kolom, ...]] = {
    PROGRAM: (
        Kolom(
            "kode",
            "Kode Program",
            20,
            "Kode nomenklatur, mis. 1.05.002. Kosongkan jika program tidak berkode.",
            jenis="kode",
        ),
        Kolom("nama", "Nama Program", 60, "Nama program.", wajib=True),
        _unit(),
        Kolom(
            "sasaran",
            "Sasaran Renstra",
            50,
            'Sasaran Renstra yang didukung program (dari lembar "Daftar"); boleh '
            "kosong.",
            jenis="sasaran",
        ),
    ),
    KEGIATAN: (
        _induk(PROGRAM),
        Kolom(
            "kode",
            "Kode Kegiatan",
            22,
            "Kode nomenklatur, mis. 1.05.002.2.01. Kosongkan jika tidak berkode.",
            jenis="kode",
        ),
        Kolom("nama", "Nama Kegiatan", 60, "Nama kegiatan.", wajib=True),
        _unit(),
    ),
    SUB_KEGIATAN: (
        _induk(PROGRAM),
        _induk(KEGIATAN),
        Kolom(
            "kode",
            "Kode Sub Kegiatan",
            24,
            "Kode nomenklatur, mis. 1.05.002.2.01.01. Kosongkan jika tidak berkode.",
            jenis="kode",
        ),
        Kolom("nama", "Nama Sub Kegiatan", 60, "Nama sub kegiatan.", wajib=True),
        _unit(),
    ),
    INDIKATOR: (
        Kolom(
            "tingkat",
            "Tingkat",
            14,
            "Pemilik indikator: program, kegiatan atau sub_kegiatan.",
            wajib=True,
            jenis="pilihan",
            pilihan=(Tingkat.PROGRAM, Tingkat.KEGIATAN, Tingkat.SUB_KEGIATAN),
        ),
        _induk(PROGRAM),
        Kolom(
            "kegiatan",
            KEGIATAN,
            24,
            "Kegiatan pemilik (kode, atau nama jika tidak berkode); wajib untuk "
            "tingkat kegiatan dan sub_kegiatan, kosong untuk tingkat program.",
        ),
        Kolom(
            "sub_kegiatan",
            SUB_KEGIATAN,
            24,
            "Sub kegiatan pemilik (kode, atau nama jika tidak berkode); wajib untuk "
            "tingkat sub_kegiatan, selain itu kosong.",
        ),
        Kolom("nama", "Nama Indikator", 60, "Nama indikator kinerja.", wajib=True),
        Kolom(
            "satuan",
            "Satuan",
            12,
            "Mis. Laporan, Dokumen, %, Orang (tanpa angka).",
            wajib=True,
        ),
        Kolom(
            "target_tahunan",
            "Target Tahunan",
            14,
            "Target setahun, angka saja.",
            jenis="target",
        ),
        *_triwulan("target_tw", "Target", "target"),
        Kolom(
            "polaritas",
            "Polaritas",
            12,
            "positif: makin tinggi makin baik; negatif: makin rendah makin baik. "
            "Kosong = positif.",
            jenis="pilihan",
            pilihan=tuple(Polaritas.values),
        ),
        Kolom(
            "cara_akumulasi",
            "Cara Akumulasi",
            16,
            "jumlah (capaian s/d triwulan = jumlah triwulan), nilai_akhir (nilai "
            "triwulan terakhir) atau rata_rata. Kosong = jumlah.",
            jenis="pilihan",
            pilihan=tuple(CaraAkumulasi.values),
        ),
        Kolom(
            "desimal",
            "Desimal",
            10,
            "Banyak angka desimal realisasi, 0 sampai 4. Kosong = 0.",
            jenis="desimal",
        ),
        _unit(
            wajib=False,
            keterangan="Unit penanggung jawab indikator; kosong = unit pemiliknya.",
        ),
        Kolom(
            "dari_turunan",
            "Dari Turunan",
            13,
            "ya: realisasi adalah rata-rata capaian kegiatan/sub kegiatan di "
            "bawahnya. Kosong = tidak.",
            jenis="pilihan",
            pilihan=(YA, TIDAK),
        ),
        Kolom(
            "rumus_pembilang",
            "Rumus Pembilang",
            30,
            "Untuk indikator berumus: uraian pembilang, mis. Jumlah pengaduan yang "
            "diselesaikan.",
        ),
        Kolom(
            "rumus_penyebut",
            "Rumus Penyebut",
            30,
            "Untuk indikator berumus: uraian penyebut, mis. Jumlah pengaduan yang "
            "masuk.",
        ),
        Kolom(
            "rumus_pengali",
            "Rumus Pengali",
            13,
            "Pengali rumus, mis. 100 untuk persen. Kosong = 100 bila ada rumus.",
            jenis="target",
        ),
    ),
    ANGGARAN: (
        _induk(PROGRAM),
        _induk(KEGIATAN),
        _induk(SUB_KEGIATAN),
        Kolom(
            "tahap",
            "Tahap",
            12,
            "murni (anggaran pokok) atau perubahan.",
            wajib=True,
            jenis="pilihan",
            pilihan=tuple(Tahap.values),
        ),
        Kolom("pagu", "Pagu (Rp)", 18, "Pagu anggaran, Rupiah.", True, "rupiah"),
        Kolom(
            "sumber_dana",
            "Sumber Dana",
            26,
            "Mis. APBD, DAU, DAK.",
            wajib=True,
        ),
        *_triwulan("kas_tw", "Kas", "rupiah"),
    ),
}
LEMBAR_DATA = tuple(KOLOM)


# --- errors ---


@dataclass(frozen=True)
class Galat:
    """One error of the workbook: where it is and what is wrong, in Indonesian."""

    lembar: str
    baris: int | None
    kolom: str | None  # the column letter
    judul: str | None  # the column's header
    pesan: str

    def __str__(self) -> str:
        if not self.lembar:
            return self.pesan
        tempat = f'Lembar "{self.lembar}"'
        if self.baris is not None:
            tempat += f", baris {self.baris}"
        if self.kolom is not None:
            tempat += f", kolom {self.kolom} ({self.judul})"
        return f"{tempat}: {self.pesan}"


class RencanaAksiTidakValid(Exception):
    """The workbook has errors; nothing was written."""

    def __init__(self, galat: Sequence[Galat]) -> None:
        super().__init__(f"{len(galat)} error(s) in the workbook")
        self.galat = list(galat)


# --- the plan as read from a workbook ---


@dataclass(frozen=True)
class BarisProgram:
    baris: int
    kode: str
    nama: str
    unit: str
    sasaran: int | None  # Sasaran pk


@dataclass(frozen=True)
class BarisKegiatan:
    baris: int
    program: int  # index into RencanaAksi.program
    kode: str
    nama: str
    unit: str


@dataclass(frozen=True)
class BarisSubKegiatan:
    baris: int
    kegiatan: int  # index into RencanaAksi.kegiatan
    kode: str
    nama: str
    unit: str


@dataclass(frozen=True)
class BarisIndikator:
    baris: int
    tingkat: str
    pemilik: int  # index into the list of its tingkat
    nama: str
    satuan: str
    target_tahunan: Decimal | None
    target_tw: tuple[Decimal | None, ...]
    polaritas: str
    cara_akumulasi: str
    desimal: int
    unit: str  # "" for the owner's unit
    dari_turunan: bool
    rumus_pembilang: str
    rumus_penyebut: str
    rumus_pengali: Decimal | None


@dataclass(frozen=True)
class BarisAnggaran:
    baris: int
    sub_kegiatan: int  # index into RencanaAksi.sub_kegiatan
    tahap: str
    pagu: Decimal
    sumber_dana: str
    kas_tw: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class RencanaAksi:
    program: tuple[BarisProgram, ...]
    kegiatan: tuple[BarisKegiatan, ...]
    sub_kegiatan: tuple[BarisSubKegiatan, ...]
    indikator: tuple[BarisIndikator, ...]
    anggaran: tuple[BarisAnggaran, ...]


def norm_nama(teks: str) -> str:
    """Names match whatever their case and spacing."""
    return " ".join(teks.split()).casefold()


def sasaran_tahun(tahun_anggaran: TahunAnggaran) -> models.QuerySet[Sasaran]:
    """The Sasaran of the office's Renstra that covers the year."""
    return Sasaran.objects.filter(
        tujuan__renstra__opd_id=tahun_anggaran.opd_id,
        tujuan__renstra__tahun_awal__lte=tahun_anggaran.tahun,
        tujuan__renstra__tahun_akhir__gte=tahun_anggaran.tahun,
    ).order_by("tujuan__renstra__tahun_awal", "tujuan__urutan", "urutan", "pk")
