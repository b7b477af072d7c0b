"""Reading a Rencana Aksi workbook into plain dataclasses, collecting every error by
sheet, row and column. Writes nothing.

An upload is a stranger's file: its work is bounded before it is parsed (size
packed and unpacked, number of parts and of shared strings) and while it is read
(columns and row numbers), each bound with its own message; every step is linear in
the rows; and XML tricks (entity bombs, external entities, refused by defusedxml
inside openpyxl) or damage give the same error list as any other mistake.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import IO, Any

from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reports import kinerja
from reports.models import (
    CaraAkumulasi,
    Polaritas,
    TahunAnggaran,
    UnitKerja,
    kode_validator,
    periksa_angka,
)
from reports.rencana_aksi.kolom import (
    ANGGARAN,
    BATAS_BAGIAN,
    BATAS_BARIS,
    BATAS_NOMOR_BARIS,
    BATAS_TEKS,
    BATAS_TERURAI,
    BATAS_UKURAN,
    INDIKATOR,
    KEGIATAN,
    KOLOM,
    LEMBAR_DATA,
    PROGRAM,
    SUB_KEGIATAN,
    TEMPAT_RUPIAH,
    TEMPAT_TARGET,
    TIDAK,
    YA,
    BarisAnggaran,
    BarisIndikator,
    BarisKegiatan,
    BarisProgram,
    BarisSubKegiatan,
    Galat,
    Kolom,
    RencanaAksi,
    RencanaAksiTidakValid,
    Tingkat,
    norm_nama,
    sasaran_tahun,
)
from reports.templatetags.format_id import format_angka

log = logging.getLogger(__name__)

# Columns read beyond the template's, so that a column added by hand is reported.
KOLOM_LEBIH = 10


def _tampil(nilai: Any) -> str:
    if isinstance(nilai, str):
        return f'"{nilai}"'
    return str(nilai)


def _angka(nilai: Decimal, tempat: int) -> str:
    return format_angka(nilai, tempat)


class _Baris:
    """One row of a data sheet: its cells by column key, and the checks on them."""

    def __init__(
        self,
        lembar: str,
        nomor: int,
        nilai: Sequence[Any],
        galat: list[Galat],
        tanpa_hasil: set[int] = frozenset(),
    ) -> None:
        self.lembar, self.nomor, self.galat = lembar, nomor, galat
        self.kolom = {k.kunci: (i, k) for i, k in enumerate(KOLOM[lembar])}
        self.nilai = {
            k.kunci: nilai[i] if i < len(nilai) else None
            for i, k in enumerate(KOLOM[lembar])
        }
        self.salah_awal = len(galat)
        # Cells holding a formula whose result the file does not store: their
        # value is unknown, not empty.
        self.rumus = {k.kunci for i, k in enumerate(KOLOM[lembar]) if i in tanpa_hasil}
        for kunci in self.rumus:
            self.salah(
                kunci,
                "berisi rumus yang hasilnya tidak tersimpan di berkas (program yang "
                "membuatnya tidak menghitung rumus). Buka dan simpan lagi berkas di "
                "Excel atau LibreOffice, atau ketik nilainya langsung.",
            )

    @property
    def sah(self) -> bool:
        return len(self.galat) == self.salah_awal

    def salah(self, kunci: str, pesan: str) -> None:
        i, k = self.kolom[kunci]
        self.galat.append(
            Galat(self.lembar, self.nomor, get_column_letter(i + 1), k.judul, pesan)
        )

    def kosong(self, kunci: str) -> bool:
        v = self.nilai[kunci]
        return v is None or (isinstance(v, str) and not v.strip())

    def teks(self, kunci: str, *, maks: int, wajib: bool = False) -> str:
        v = self.nilai[kunci]
        if kunci in self.rumus:
            return ""
        if self.kosong(kunci):
            if wajib:
                self.salah(kunci, "wajib diisi.")
            return ""
        if isinstance(v, bool) or not isinstance(v, str | int):
            # A float here means Excel read a code such as 7.01 as a number and
            # may already have dropped its trailing zero.
            self.salah(
                kunci,
                f"{_tampil(v)} terbaca sebagai angka atau tanggal; ketik sebagai "
                "teks (format sel Teks, atau awali dengan tanda petik ').",
            )
            return ""
        teks = " ".join(str(v).split())
        if len(teks) > maks:
            self.salah(kunci, f"terlalu panjang ({len(teks)} karakter; paling {maks}).")
        return teks

    def kode(self, kunci: str) -> str:
        kode = self.teks(kunci, maks=40)
        if kode:
            try:
                kode_validator(kode)
            except ValidationError as exc:
                self.salah(kunci, f'kode "{kode}" tidak sah. {exc.messages[0]}')
        return kode

    def angka(self, kunci: str, *, tempat: int, wajib: bool = False) -> Decimal | None:
        """A number from a numeric cell; text in a number cell is an error, so that
        "7 dokumen" or "1.000.000" typed as text never passes as a guess."""
        v = self.nilai[kunci]
        if kunci in self.rumus:
            return None
        if self.kosong(kunci):
            if wajib:
                self.salah(kunci, "wajib diisi.")
            return None
        if (
            isinstance(v, bool)
            or not isinstance(v, int | float | Decimal)
            or (isinstance(v, float) and not math.isfinite(v))
        ):
            self.salah(kunci, f"{_tampil(v)} bukan angka.")
            return None
        nilai = Decimal(str(v))
        if nilai < 0:
            self.salah(kunci, f"{_angka(nilai, tempat)} tidak boleh negatif.")
            return None
        eksponen = nilai.normalize().as_tuple().exponent
        desimal = -eksponen if isinstance(eksponen, int) and eksponen < 0 else 0
        if desimal > tempat:
            self.salah(
                kunci,
                f"{v} memiliki {desimal} angka desimal; paling banyak {tempat}.",
            )
            return None
        try:
            periksa_angka(nilai)
        except ValidationError as exc:
            self.salah(kunci, f"{v}: {exc.messages[0]}")
            return None
        return nilai

    def pilihan(self, kunci: str, bawaan: str = "") -> str:
        _, k = self.kolom[kunci]
        teks = self.teks(kunci, maks=50, wajib=k.wajib)
        if not teks:
            return bawaan
        nilai = teks.lower().replace(" ", "_").replace("-", "_")
        if nilai not in k.pilihan:
            self.salah(
                kunci,
                f'"{teks}" bukan pilihan yang sah; pilih salah satu: '
                f"{', '.join(k.pilihan)}.",
            )
            return ""
        return nilai


@dataclass
class _Butir:
    """A program, kegiatan or sub kegiatan read so far, for the rows below it."""

    baris: int
    induk: int | None
    kode: str
    nama: str


class _Pembaca:
    def __init__(self, tahun_anggaran: TahunAnggaran) -> None:
        self.galat: list[Galat] = []
        self.unit = set(
            UnitKerja.objects.filter(opd_id=tahun_anggaran.opd_id).values_list(
                "slug", flat=True
            )
        )
        self.sasaran: dict[str, int] = {}
        for pk, uraian in sasaran_tahun(tahun_anggaran).values_list("pk", "uraian"):
            self.sasaran.setdefault(norm_nama(uraian), pk)
        self.butir: dict[str, list[_Butir]] = {
            PROGRAM: [],
            KEGIATAN: [],
            SUB_KEGIATAN: [],
        }
        # The first item of each kode and of each name under a parent, so that a
        # reference or a duplicate is found in one look-up, not a scan of the sheet.
        self.per_kode: dict[str, dict[tuple[int | None, str], int]] = {
            jenis: {} for jenis in self.butir
        }
        self.per_nama: dict[str, dict[tuple[int | None, str], int]] = {
            jenis: {} for jenis in self.butir
        }
        self.indikator: dict[tuple[str, int, str], int] = {}

    def baca(self, wb, wb_rumus=None) -> RencanaAksi:
        """The plan in ``wb`` (read-only, with stored results); ``wb_rumus`` is the
        same file read for its formulas, when it has any."""
        try:
            baris = {
                nama: self._baris_lembar(wb, wb_rumus, nama) for nama in LEMBAR_DATA
            }
        except Exception as exc:
            # openpyxl fails in many ways on a damaged or hostile sheet (XML
            # errors, forbidden entities, a string index out of range); all of
            # them mean the same to the planner.
            log.warning("Rencana Aksi workbook unreadable", exc_info=True)
            raise _tidak_terbaca() from exc
        if self.galat:
            # Without the right sheets and columns the cells cannot be read.
            raise RencanaAksiTidakValid(self.galat)
        program = [self._program(b) for b in baris[PROGRAM]]
        kegiatan = [self._kegiatan(b) for b in baris[KEGIATAN]]
        sub_kegiatan = [self._sub_kegiatan(b) for b in baris[SUB_KEGIATAN]]
        indikator = [self._indikator(b) for b in baris[INDIKATOR]]
        anggaran = [self._anggaran(b) for b in baris[ANGGARAN]]
        self._anggaran_ganda(anggaran)
        if self.galat:
            raise RencanaAksiTidakValid(self.galat)
        return RencanaAksi(
            program=tuple(program),
            kegiatan=tuple(kegiatan),
            sub_kegiatan=tuple(sub_kegiatan),
            indikator=tuple(indikator),
            anggaran=tuple(anggaran),
        )

    def _baris_lembar(self, wb, wb_rumus, nama: str) -> list[_Baris]:
        if nama not in wb.sheetnames:
            self._salah_lembar(
                nama,
                "lembar ini tidak ada. Gunakan templat Rencana Aksi yang diunduh "
                "dari LAKIP dan jangan mengganti nama lembarnya.",
            )
            return []
        kolom = KOLOM[nama]
        hasil: list[_Baris] = []
        judul: Sequence[Any] = ()
        rumus = (
            _baris_sel(wb_rumus[nama], len(kolom))
            if wb_rumus is not None
            else itertools.repeat(None)
        )
        baris_nilai = _baris_sel(wb[nama], len(kolom))
        baris = zip(baris_nilai, rumus, strict=False)  # rumus may repeat None
        for nomor, (nilai, r) in enumerate(baris, start=1):
            if nomor > BATAS_NOMOR_BARIS:
                self._salah_lembar(
                    nama,
                    "lembar ini berisi baris sampai lewat baris "
                    f"{format_angka(BATAS_NOMOR_BARIS)} (mungkin baris kosong yang "
                    f"diberi format). Paling banyak {format_angka(BATAS_BARIS)} baris "
                    "data; hapus baris-baris kosong di bawah data, lalu unggah lagi.",
                )
                break
            # With formulas, a cell whose stored result is missing reads as empty
            # with its stored values and as the formula without them.
            tanpa_hasil = (
                set()
                if r is None
                else {
                    i
                    for i, (v, f) in enumerate(zip(nilai, r, strict=True))
                    if v is None and f is not None
                }
            )
            if nomor == 1:
                judul = nilai
                continue
            if not tanpa_hasil and all(
                v is None or (isinstance(v, str) and not v.strip()) for v in nilai
            ):
                continue
            if len(hasil) >= BATAS_BARIS:
                self.galat.append(
                    Galat(
                        nama,
                        nomor,
                        None,
                        None,
                        f"lebih dari {format_angka(BATAS_BARIS)} baris.",
                    )
                )
                break
            hasil.append(_Baris(nama, nomor, nilai, self.galat, tanpa_hasil))
        self._periksa_judul(nama, kolom, judul)
        return hasil

    def _salah_lembar(self, lembar: str, pesan: str) -> None:
        self.galat.append(Galat(lembar, None, None, None, pesan))

    def _periksa_judul(
        self, lembar: str, kolom: Sequence[Kolom], nilai: Sequence[Any]
    ) -> None:
        judul = [("" if v is None else " ".join(str(v).split())) for v in nilai]
        judul += [""] * (len(kolom) - len(judul))
        for i, k in enumerate(kolom):
            if judul[i] != k.judul:
                ada = f'"{judul[i]}"' if judul[i] else "kosong"
                self.galat.append(
                    Galat(
                        lembar,
                        1,
                        get_column_letter(i + 1),
                        k.judul,
                        f'judul kolom {ada}, seharusnya "{k.judul}". Jangan '
                        "menyisipkan, menghapus atau memindahkan kolom templat.",
                    )
                )
        for i in range(len(kolom), len(judul)):
            if judul[i]:
                huruf = get_column_letter(i + 1)
                self.galat.append(
                    Galat(
                        lembar,
                        1,
                        huruf,
                        judul[i],
                        f'kolom "{judul[i]}" tidak dikenal templat; hapus kolom ini.',
                    )
                )

    # -- references --

    def _unit(self, b: _Baris, kunci: str = "unit") -> str:
        _, k = b.kolom[kunci]
        slug = b.teks(kunci, maks=50, wajib=k.wajib).lower()
        if slug and slug not in self.unit:
            b.salah(
                kunci,
                f'unit kerja "{slug}" tidak dikenal; pilih slug unit dari lembar '
                '"Daftar".',
            )
        return slug

    def _rujuk(self, b: _Baris, jenis: str, induk: int | None) -> int | None:
        """The index of the item a cell names, by kode first, then by name, among
        the items of ``jenis`` under ``induk``."""
        kunci = jenis.lower().replace(" ", "_")
        nilai = b.teks(kunci, maks=300, wajib=True)
        if not nilai:
            return None
        i = self.per_kode[jenis].get((induk, nilai))
        if i is None:
            i = self.per_nama[jenis].get((induk, norm_nama(nilai)))
        if i is not None:
            return i
        di = ""
        if induk is not None:
            atas = self.butir[PROGRAM if jenis == KEGIATAN else KEGIATAN][induk]
            di = f' di bawah {self._jenis_induk(jenis)} "{atas.kode or atas.nama}"'
        b.salah(
            kunci,
            f'{jenis.lower()} "{nilai}" tidak ada di lembar "{jenis}"{di}.',
        )
        return None

    def _butir(self, b: _Baris, jenis: str, induk: int | None) -> tuple[str, str]:
        """The kode and name of a program, kegiatan or sub kegiatan row, checked for
        duplicates among the items of the same parent and recorded for the rows
        that refer to it."""
        kode = b.kode("kode")
        nama = b.teks("nama", maks=300, wajib=True)
        if jenis != PROGRAM and induk is None:
            return kode, nama  # its parent is unknown: already an error
        atas = "" if induk is None else f" pada {self._jenis_induk(jenis)} yang sama"
        per_kode, per_nama = self.per_kode[jenis], self.per_nama[jenis]
        sama_kode = per_kode.get((induk, kode)) if kode else None
        sama_nama = per_nama.get((induk, norm_nama(nama))) if nama else None
        # The earlier of the two is reported, the kode first when it is one item.
        if sama_kode is not None and (sama_nama is None or sama_kode <= sama_nama):
            t = self.butir[jenis][sama_kode]
            b.salah("kode", f'kode "{kode}" sudah dipakai di baris {t.baris}{atas}.')
        elif sama_nama is not None:
            t = self.butir[jenis][sama_nama]
            b.salah(
                "nama", f'{jenis.lower()} "{nama}" sudah ada di baris {t.baris}{atas}.'
            )
        indeks = len(self.butir[jenis])
        self.butir[jenis].append(_Butir(b.nomor, induk, kode, nama))
        if kode:
            per_kode.setdefault((induk, kode), indeks)
        if nama:
            per_nama.setdefault((induk, norm_nama(nama)), indeks)
        return kode, nama

    @staticmethod
    def _jenis_induk(jenis: str) -> str:
        return {KEGIATAN: "program", SUB_KEGIATAN: "kegiatan"}[jenis]

    # -- the sheets --

    def _program(self, b: _Baris) -> BarisProgram:
        kode, nama = self._butir(b, PROGRAM, None)
        unit = self._unit(b)
        uraian = b.teks("sasaran", maks=10000)
        sasaran = self.sasaran.get(norm_nama(uraian)) if uraian else None
        if uraian and sasaran is None:
            b.salah(
                "sasaran",
                "sasaran tidak ada di Renstra yang berlaku tahun ini; pilih dari "
                'lembar "Daftar" atau kosongkan.',
            )
        return BarisProgram(b.nomor, kode, nama, unit, sasaran)

    def _kegiatan(self, b: _Baris) -> BarisKegiatan:
        program = self._rujuk(b, PROGRAM, None)
        kode, nama = self._butir(b, KEGIATAN, program)
        return BarisKegiatan(b.nomor, _ada(program), kode, nama, self._unit(b))

    def _sub_kegiatan(self, b: _Baris) -> BarisSubKegiatan:
        program = self._rujuk(b, PROGRAM, None)
        kegiatan = None if program is None else self._rujuk(b, KEGIATAN, program)
        kode, nama = self._butir(b, SUB_KEGIATAN, kegiatan)
        return BarisSubKegiatan(b.nomor, _ada(kegiatan), kode, nama, self._unit(b))

    def _pemilik(self, b: _Baris, tingkat: str) -> int | None:
        """The owner of an indicator: its program, kegiatan or sub kegiatan, by the
        reference columns its tingkat needs (and the others left empty)."""
        perlu = {
            Tingkat.PROGRAM: (PROGRAM,),
            Tingkat.KEGIATAN: (PROGRAM, KEGIATAN),
            Tingkat.SUB_KEGIATAN: (PROGRAM, KEGIATAN, SUB_KEGIATAN),
        }.get(tingkat, (PROGRAM,))
        for jenis in (KEGIATAN, SUB_KEGIATAN):
            kunci = jenis.lower().replace(" ", "_")
            if tingkat and jenis not in perlu and not b.kosong(kunci):
                b.salah(kunci, f'harus kosong untuk indikator tingkat "{tingkat}".')
        induk = None
        for jenis in perlu:
            induk = self._rujuk(b, jenis, induk)
            if induk is None:
                return None
        return induk if tingkat else None

    def _indikator(self, b: _Baris) -> BarisIndikator:
        tingkat = b.pilihan("tingkat")
        pemilik = self._pemilik(b, tingkat)
        nama = b.teks("nama", maks=500, wajib=True)
        satuan = b.teks("satuan", maks=50, wajib=True)
        target = b.angka("target_tahunan", tempat=TEMPAT_TARGET)
        target_tw = tuple(
            b.angka(f"target_tw{n}", tempat=TEMPAT_TARGET) for n in range(1, 5)
        )
        polaritas = b.pilihan("polaritas", Polaritas.POSITIF)
        cara = b.pilihan("cara_akumulasi", CaraAkumulasi.JUMLAH)
        desimal = b.angka("desimal", tempat=0)
        if desimal is not None and desimal > 4:
            b.salah("desimal", f"{desimal} di luar 0 sampai 4.")
        unit = self._unit(b) if not b.kosong("unit") else ""
        turunan = b.pilihan("dari_turunan", TIDAK) == YA
        pembilang = b.teks("rumus_pembilang", maks=300)
        penyebut = b.teks("rumus_penyebut", maks=300)
        pengali = b.angka("rumus_pengali", tempat=TEMPAT_TARGET)
        if bool(pembilang) != bool(penyebut):
            b.salah(
                "rumus_penyebut" if pembilang else "rumus_pembilang",
                "rumus harus berisi pembilang dan penyebut, atau keduanya kosong.",
            )
        if pembilang or penyebut:
            pengali = Decimal(100) if pengali is None else pengali
            if pengali == 0:
                b.salah("rumus_pengali", "pengali rumus harus lebih dari 0.")
            if turunan:
                b.salah(
                    "dari_turunan",
                    "indikator turunan tidak boleh berumus; kosongkan rumusnya atau "
                    'isi "tidak".',
                )
        elif pengali is not None:
            b.salah("rumus_pengali", "pengali hanya diisi bila ada rumus.")
        if cara == CaraAkumulasi.JUMLAH and target is not None:
            total = kinerja.jumlah(target_tw)
            if total is not None and total != target:
                rincian = " + ".join(_angka(t, TEMPAT_TARGET) for t in target_tw)
                b.salah(
                    "target_tahunan",
                    f"target TW I-IV berjumlah {_angka(total, TEMPAT_TARGET)} "
                    f"({rincian}), tidak sama dengan target tahunan "
                    f"{_angka(target, TEMPAT_TARGET)}; indikator dengan cara "
                    'akumulasi "jumlah" harus sama.',
                )
        if pemilik is not None and nama:
            self._indikator_ganda(b, tingkat, pemilik, nama)
        return BarisIndikator(
            baris=b.nomor,
            tingkat=tingkat,
            pemilik=_ada(pemilik),
            nama=nama,
            satuan=satuan,
            target_tahunan=target,
            target_tw=target_tw,
            polaritas=polaritas,
            cara_akumulasi=cara,
            desimal=0 if desimal is None else int(desimal),
            unit=unit,
            dari_turunan=turunan,
            rumus_pembilang=pembilang,
            rumus_penyebut=penyebut,
            rumus_pengali=pengali if pembilang else None,
        )

    def _indikator_ganda(self, b: _Baris, tingkat: str, pemilik: int, nama: str):
        kunci = (tingkat, pemilik, norm_nama(nama))
        ada = self.indikator.setdefault(kunci, b.nomor)
        if ada != b.nomor:
            b.salah(
                "nama",
                f'indikator "{nama}" sudah ada di baris {ada} untuk pemilik yang sama.',
            )

    def _anggaran(self, b: _Baris) -> BarisAnggaran:
        induk = None
        for jenis in (PROGRAM, KEGIATAN, SUB_KEGIATAN):
            induk = self._rujuk(b, jenis, induk)
            if induk is None:
                break
        tahap = b.pilihan("tahap")
        pagu = b.angka("pagu", tempat=TEMPAT_RUPIAH, wajib=True)
        sumber = b.teks("sumber_dana", maks=200, wajib=True)
        kas = tuple(b.angka(f"kas_tw{n}", tempat=TEMPAT_RUPIAH) for n in range(1, 5))
        total = kinerja.jumlah(kas)
        if pagu is not None and total is not None and total != pagu:
            b.salah(
                "pagu",
                f"anggaran kas TW I-IV berjumlah {_angka(total, TEMPAT_RUPIAH)}, "
                f"tidak sama dengan pagu {_angka(pagu, TEMPAT_RUPIAH)}.",
            )
        return BarisAnggaran(
            b.nomor,
            _ada(induk),
            tahap,
            pagu if pagu is not None else Decimal(0),
            sumber,
            kas,
        )

    def _anggaran_ganda(self, anggaran: Iterable[BarisAnggaran]) -> None:
        dilihat: dict[tuple[int, str], int] = {}
        kolom = next(i for i, k in enumerate(KOLOM[ANGGARAN]) if k.kunci == "tahap")
        for a in anggaran:
            if a.sub_kegiatan < 0 or not a.tahap:
                continue
            ada = dilihat.setdefault((a.sub_kegiatan, a.tahap), a.baris)
            if ada != a.baris:
                self.galat.append(
                    Galat(
                        ANGGARAN,
                        a.baris,
                        get_column_letter(kolom + 1),
                        "Tahap",
                        f'anggaran tahap "{a.tahap}" untuk sub kegiatan ini sudah '
                        f"ada di baris {ada}.",
                    )
                )


def _baris_sel(ws, lebar_templat: int) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only sheet, each as wide as the template and a few
    columns more. The declared size of the sheet is ignored: a file may declare the
    whole grid (A1:XFD1048576, every row then padded to 16.384 cells) or too small
    a range (openpyxl would then stop early and drop rows)."""
    ws.reset_dimensions()
    return ws.iter_rows(max_col=lebar_templat + KOLOM_LEBIH, values_only=True)


def _ada(indeks: int | None) -> int:
    # -1 stands for "not resolved": the workbook is then invalid and never written.
    return -1 if indeks is None else indeks


def _isi_berkas(berkas: bytes | IO[bytes]) -> bytes:
    if isinstance(berkas, bytes | bytearray):
        return bytes(berkas)
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    return berkas.read(BATAS_UKURAN + 1)


PESAN_BUKAN_XLSX = (
    "Berkas bukan buku kerja Excel (.xlsx) atau rusak. Unduh templat Rencana Aksi, "
    "isi di Excel atau LibreOffice, lalu simpan sebagai .xlsx (bukan .xls, .csv "
    "atau .pdf)."
)


def _galat_berkas(pesan: str) -> RencanaAksiTidakValid:
    return RencanaAksiTidakValid([Galat("", None, None, None, pesan)])


def _tidak_terbaca() -> RencanaAksiTidakValid:
    return _galat_berkas(PESAN_BUKAN_XLSX)


def _mb(byte: int) -> str:
    return format_angka(Decimal(byte) / 1024 / 1024, 1)


# A shared string (<si>) and a formula (<f>), with or without a namespace prefix;
# "<sheetData" or "<font" do not match.
POLA_TEKS = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?si[\s/>]")
POLA_RUMUS = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?f[\s/>]")
POTONGAN = 1024 * 1024


def _pindai(arsip: zipfile.ZipFile, info: zipfile.ZipInfo, pola: re.Pattern) -> int:
    """How often ``pola`` occurs in a part, read in pieces; a tag cut at the end of
    a piece is carried into the next one whole."""
    jumlah, sisa = 0, b""
    with arsip.open(info) as bagian:
        while potongan := bagian.read(POTONGAN):
            teks = sisa + potongan
            potong = teks.rfind(b"<", max(len(teks) - 64, 0))
            potong = len(teks) if potong < 0 else potong
            jumlah += len(pola.findall(teks, 0, potong))
            sisa = teks[potong:]
        jumlah += len(pola.findall(sisa))
    return jumlah


def _periksa_arsip(isi: bytes) -> bool:
    """Bound the work before openpyxl parses anything: the number of parts, their
    unpacked size (zipfile never unpacks more than a part declares) and the number
    of shared strings, which openpyxl loads all at once. Returns whether a sheet
    holds formulas. Raises ``RencanaAksiTidakValid`` with the bound exceeded."""
    try:
        arsip = zipfile.ZipFile(BytesIO(isi))
    except zipfile.BadZipFile as exc:
        raise _tidak_terbaca() from exc
    with arsip:
        bagian = arsip.infolist()
        if len(bagian) > BATAS_BAGIAN:
            raise _galat_berkas(
                f"Berkas memuat {format_angka(len(bagian))} bagian; buku kerja "
                f"Rencana Aksi paling banyak {BATAS_BAGIAN}. " + PESAN_BUKAN_XLSX
            )
        terurai = sum(b.file_size for b in bagian)
        if terurai > BATAS_TERURAI:
            raise _galat_berkas(
                f"Isi berkas terlalu besar setelah dibuka ({_mb(terurai)} MB; "
                f"paling besar {_mb(BATAS_TERURAI)} MB). Hapus lembar, gambar atau "
                "baris kosong berformat yang tidak diperlukan, lalu unggah lagi."
            )
        try:
            teks = sum(_pindai(arsip, b, POLA_TEKS) for b in bagian)
            if teks > BATAS_TEKS:
                raise _galat_berkas(
                    f"Berkas memuat {format_angka(teks)} teks berbeda; paling "
                    f"banyak {format_angka(BATAS_TEKS)}. Hapus lembar atau isian "
                    "yang tidak diperlukan, lalu unggah lagi."
                )
            return any(
                _pindai(arsip, b, POLA_RUMUS)
                for b in bagian
                if b.filename.startswith("xl/worksheets/")
            )
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise _tidak_terbaca() from exc


def baca_rencana_aksi(
    berkas: bytes | IO[bytes], *, tahun_anggaran: TahunAnggaran
) -> RencanaAksi:
    """Read and check a Rencana Aksi workbook; writes nothing.

    Raises ``RencanaAksiTidakValid`` with every error found, by sheet, row and
    column."""
    isi = _isi_berkas(berkas)
    if len(isi) > BATAS_UKURAN:
        raise _galat_berkas(
            f"Berkas lebih besar dari {BATAS_UKURAN // (1024 * 1024)} MB."
        )
    ada_rumus = _periksa_arsip(isi)
    buku: list = []
    try:
        try:
            buku.append(load_workbook(BytesIO(isi), read_only=True, data_only=True))
            if ada_rumus:
                buku.append(load_workbook(BytesIO(isi), read_only=True))
        except Exception as exc:
            # openpyxl fails in many ways (zip, XML, key and value errors) on a
            # file that is not an xlsx workbook; all of them mean the same to the
            # planner.
            raise _tidak_terbaca() from exc
        return _Pembaca(tahun_anggaran).baca(*buku)
    finally:
        for wb in buku:
            wb.close()
