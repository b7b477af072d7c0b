"""The office's Laporan Evaluasi Kinerja Triwulan (at TW IV the LKjIP), built from
all its units (seeds 001, 004)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from reports import grafik, kinerja, selectors
from reports.kinerja import AngkaAnggaran, AngkaKinerja, Rerata
from reports.laporan.unit import Pengesahan, _teks
from reports.models import (
    ROMAWI,
    DasarCapaian,
    Indikator,
    Kegiatan,
    KomposisiPegawai,
    LaporanOpd,
    Program,
    Realisasi,
    Renstra,
    SubKegiatan,
    TahunAnggaran,
    UnitKerja,
)
from reports.selectors import PohonTahun, Simpul
from reports.tabel import Format, JenisBaris, Kolom, Sel, Tabel, baris

# The fixed outline of the report, for its table of contents: (anchor, title, level).
DAFTAR_ISI = [
    ("bab-1", "BAB I PENDAHULUAN", 1),
    ("bab-1-a", "A. Latar Belakang", 2),
    ("bab-1-b", "B. Maksud dan Tujuan", 2),
    ("bab-1-c", "C. Tugas Pokok dan Fungsi", 2),
    ("bab-1-d", "D. Struktur Organisasi", 2),
    ("bab-1-e", "E. Sumber Daya Aparatur", 2),
    ("bab-2", "BAB II PERENCANAAN KINERJA", 1),
    ("bab-2-a", "A. Visi dan Misi", 2),
    ("bab-2-b", "B. Tujuan dan Sasaran", 2),
    ("bab-2-c", "C. Indikator Kinerja Utama", 2),
    ("bab-2-d", "D. Program untuk Pencapaian Sasaran", 2),
    ("bab-2-e", "E. Perjanjian Kinerja", 2),
    ("bab-2-f", "F. Rencana Aksi", 2),
    ("bab-3", "BAB III AKUNTABILITAS KINERJA", 1),
    ("bab-3-a", "A. Capaian Kinerja Organisasi", 2),
    ("bab-3-b", "B. Analisis Capaian Kinerja Program dan Kegiatan", 2),
    ("bab-3-c", "C. Realisasi Anggaran", 2),
    ("bab-4", "BAB IV PENUTUP", 1),
    ("bab-4-a", "A. Kesimpulan", 2),
]

Pendidikan = KomposisiPegawai.Pendidikan
JenisKelamin = KomposisiPegawai.JenisKelamin


@dataclass(frozen=True)
class Gambar:
    kunci: str
    nomor: str
    judul: str
    satuan: str = ""
    grafik: grafik.GrafikBatang | None = None
    bagan: grafik.Bagan | None = None

    @property
    def judul_lengkap(self) -> str:
        return f"{self.nomor} {self.judul}"


@dataclass(frozen=True)
class RincianIndikator:
    """An entered indicator in BAB III: its figures, narrative and chart."""

    simpul: Simpul
    indikator: Indikator
    angka: AngkaKinerja
    realisasi: Realisasi | None
    gambar: Gambar


@dataclass(frozen=True)
class BagianKegiatan:
    nomor: int
    kegiatan: Kegiatan
    angka: AngkaKinerja | None  # of its own indicator, if it has one
    satuan: str
    capaian: Decimal | None
    jumlah_sub: int
    tabel: Tabel
    rincian: list[RincianIndikator]


@dataclass(frozen=True)
class BagianProgram:
    nomor: int
    program: Program
    indikator: Indikator | None
    angka: AngkaKinerja | None
    rerata: Rerata  # the mean capaian of its kegiatan: the averaging formula
    unit: list[str]  # the units that carry out its kegiatan
    jumlah_sub: int
    kegiatan: list[BagianKegiatan]

    @property
    def capaian(self) -> Decimal | None:
        return self.angka.capaian if self.angka else self.rerata.nilai


@dataclass(frozen=True)
class Ringkasan:
    """BAB IV Penutup: what the year's figures say, counted by the program."""

    jumlah_program: int
    tercapai: list[BagianProgram]
    belum: list[BagianProgram]
    tanpa_nilai: list[BagianProgram]
    rata_rata_program: Rerata
    keuangan: AngkaAnggaran


@dataclass(frozen=True)
class DokumenOpd:
    ta: TahunAnggaran
    triwulan: int
    laporan: LaporanOpd | None
    kepala: Pengesahan
    renstra: Renstra | None
    unit: list[selectors.UnitBertingkat]
    bagan: Gambar
    tabel_pegawai: list[Tabel]
    tabel_tujuan: Tabel
    tabel_iku: Tabel
    tabel_sasaran_program: Tabel
    tabel_pk: Tabel
    tabel_pk_anggaran: Tabel
    tabel_rencana_aksi: Tabel
    tabel_capaian_iku: Tabel
    program: list[BagianProgram]
    tabel_anggaran: Tabel
    ringkasan: Ringkasan
    tahun_lalu: int | None
    label_periode: str

    @property
    def opd(self):
        return self.ta.opd

    @property
    def tahun(self) -> int:
        return self.ta.tahun

    @property
    def tahun_pembanding(self) -> int:
        """The year BAB III compares with (its data may be missing: ``tahun_lalu``)."""
        return self.tahun - 1

    @property
    def judul(self) -> str:
        return (
            f"Laporan Evaluasi Kinerja Triwulan {ROMAWI[self.triwulan]} "
            f"Tahun {self.tahun}"
        )

    @property
    def periode(self) -> str:
        return f"Triwulan {ROMAWI[self.triwulan]} Tahun {self.tahun}"

    @property
    def daftar_isi(self) -> list[tuple[str, str, int]]:
        return DAFTAR_ISI

    def tabel(self) -> list[Tabel]:
        """Every numbered table, in print order."""
        return [
            *self.tabel_pegawai,
            self.tabel_tujuan,
            self.tabel_iku,
            self.tabel_sasaran_program,
            self.tabel_pk,
            self.tabel_pk_anggaran,
            self.tabel_rencana_aksi,
            self.tabel_capaian_iku,
            *(k.tabel for p in self.program for k in p.kegiatan),
            self.tabel_anggaran,
        ]

    def gambar(self) -> list[Gambar]:
        return [
            self.bagan,
            *(r.gambar for p in self.program for k in p.kegiatan for r in k.rincian),
        ]


def dokumen_opd(*, tahun_anggaran: TahunAnggaran, triwulan: int) -> DokumenOpd:
    """The office report of a quarter, in a fixed number of queries."""
    ta = tahun_anggaran
    pohon = PohonTahun(ta, triwulan)
    urut = selectors.unit_kantor(ta.opd_id)
    unit = [b.unit for b in urut]
    kepala_unit = next((u for u in unit if u.atasan_id is None), None)
    renstra = (
        Renstra.objects.filter(
            opd_id=ta.opd_id, tahun_awal__lte=ta.tahun, tahun_akhir__gte=ta.tahun
        )
        .prefetch_related("tujuan__sasaran__iku__target")
        .first()
    )
    lalu = (
        TahunAnggaran.objects.select_related("opd__pemda")
        .prefetch_related("opd__pemda__pita_predikat")
        .filter(opd_id=ta.opd_id, tahun=ta.tahun - 1)
        .first()
    )
    pohon_lalu = None if lalu is None else PohonTahun(lalu, 4)
    nomor = _Penomoran()
    label = pohon.label_periode
    tabel_pegawai = _tabel_pegawai(ta, nomor)
    nomor.bab(2)
    tabel_tujuan = _tabel_tujuan(renstra, nomor)
    tabel_iku = _tabel_iku(renstra, nomor)
    tabel_sasaran_program = _tabel_sasaran_program(pohon, renstra, nomor)
    tabel_pk = _tabel_pk(pohon, nomor)
    tabel_pk_anggaran = _tabel_pk_anggaran(pohon, nomor)
    tabel_rencana_aksi = _tabel_rencana_aksi(pohon, nomor)
    nomor.bab(3)
    tabel_capaian_iku = _tabel_capaian_iku(pohon, pohon_lalu, nomor, label)
    program = _bagian_program(pohon, unit, nomor, label)
    tabel_anggaran = _tabel_anggaran(pohon, nomor, label)
    return DokumenOpd(
        ta=ta,
        triwulan=triwulan,
        laporan=LaporanOpd.objects.filter(tahun_anggaran=ta, triwulan=triwulan).first(),
        kepala=Pengesahan(
            kepala_unit.jabatan_kepala if kepala_unit else "",
            kepala_unit.kepala if kepala_unit else None,
        ),
        renstra=renstra,
        unit=urut,
        bagan=_bagan(urut),
        tabel_pegawai=tabel_pegawai,
        tabel_tujuan=tabel_tujuan,
        tabel_iku=tabel_iku,
        tabel_sasaran_program=tabel_sasaran_program,
        tabel_pk=tabel_pk,
        tabel_pk_anggaran=tabel_pk_anggaran,
        tabel_rencana_aksi=tabel_rencana_aksi,
        tabel_capaian_iku=tabel_capaian_iku,
        program=program,
        tabel_anggaran=tabel_anggaran,
        ringkasan=_ringkasan(pohon, program),
        tahun_lalu=None if lalu is None else lalu.tahun,
        label_periode=label,
    )


class _Penomoran:
    """Numbers tables and figures per BAB in print order: Tabel 2.1, 2.2 ..."""

    def __init__(self) -> None:
        self._bab, self._tabel, self._gambar = 1, 0, 0

    def bab(self, n: int) -> None:
        self._bab, self._tabel, self._gambar = n, 0, 0

    def tabel(self) -> str:
        self._tabel += 1
        return f"Tabel {self._bab}.{self._tabel}"

    def gambar(self) -> str:
        self._gambar += 1
        return f"Gambar {self._bab}.{self._gambar}"


# --- BAB I ---


def _bagan(urut: list[selectors.UnitBertingkat]) -> Gambar:
    return Gambar(
        kunci="gambar-struktur",
        nomor="Gambar 1.1",
        judul="Struktur Organisasi",
        bagan=grafik.bagan_organisasi(
            [
                grafik.SimpulBagan(
                    kunci=b.unit.pk,
                    induk=b.unit.atasan_id,
                    judul=b.unit.jabatan_kepala or b.unit.nama,
                    nama=b.unit.kepala.nama if b.unit.kepala else "",
                )
                for b in urut
            ]
        ),
    )


def _tabel_pegawai(ta: TahunAnggaran, nomor: _Penomoran) -> list[Tabel]:
    """The staff tables (seed 001 Tabel 1.1, 1.2), only for the groups with data."""
    sel = list(KomposisiPegawai.objects.filter(tahun_anggaran=ta))
    hasil = []
    for jenis, judul, kolom_kelompok in (
        (
            KomposisiPegawai.Tabel.GOLONGAN,
            "Jumlah Pegawai Berdasarkan Kualifikasi Pendidikan, Pangkat dan Golongan",
            "Golongan",
        ),
        (
            KomposisiPegawai.Tabel.ESELON,
            "Jumlah Pejabat Struktural Berdasarkan Kualifikasi Pendidikan dan Jenis "
            "Kelamin",
            "Pejabat Struktural / Eselon",
        ),
    ):
        milik = [s for s in sel if s.tabel == jenis]
        if not milik:
            continue
        kelompok: dict[str, dict[tuple[str, str], int]] = {}
        for s in sorted(milik, key=lambda s: (s.urutan, s.kelompok)):
            kelompok.setdefault(s.kelompok, {})[(s.pendidikan, s.jenis_kelamin)] = (
                s.jumlah
            )
        jenjang = [*Pendidikan.choices, ("total", "Total")]
        rows = []
        for n, (nama, isi) in enumerate(kelompok.items(), start=1):
            nilai = []
            for kode, _ in jenjang:
                for jk in JenisKelamin.values:
                    if kode == "total":
                        nilai.append(
                            kinerja.jumlah(
                                Decimal(v) for (_, j), v in isi.items() if j == jk
                            )
                        )
                    else:
                        v = isi.get((kode, jk))
                        nilai.append(None if v is None else Decimal(v))
            rows.append(baris(str(n), nama, *nilai))
        total = [
            kinerja.jumlah(
                Decimal(0) if r.sel[k].nilai is None else Decimal(r.sel[k].nilai)
                for r in rows
            )
            for k in range(2, 2 + 2 * len(jenjang))
        ]
        hasil.append(
            Tabel(
                kunci=f"pegawai-{jenis}",
                nomor=nomor.tabel(),
                judul=f"{judul} Tahun {ta.tahun}",
                kolom=(
                    Kolom("No", lebar=4),
                    Kolom(kolom_kelompok, lebar=14),
                    *(
                        Kolom(
                            label,
                            anak=(
                                Kolom("L", Format.ANGKA, lebar=4),
                                Kolom("P", Format.ANGKA, lebar=4),
                            ),
                        )
                        for _, label in jenjang
                    ),
                ),
                baris=tuple(rows),
                kaki=(
                    baris(Sel("Jumlah", rentang=2), *total, jenis=JenisBaris.JUMLAH),
                ),
                nomor_kolom=True,
                catatan=f"Sumber: data kepegawaian {ta.opd.nama}, {ta.tahun}.",
            )
        )
    return hasil


# --- BAB II ---


def _iku(renstra: Renstra | None):
    if renstra is None:
        return
    for tujuan in renstra.tujuan.all():
        for sasaran in tujuan.sasaran.all():
            for iku in sasaran.iku.all():
                yield tujuan, sasaran, iku


def _tabel_tujuan(renstra: Renstra | None, nomor: _Penomoran) -> Tabel:
    rows = []
    if renstra is not None:
        for n, tujuan in enumerate(renstra.tujuan.all(), start=1):
            sasaran = list(tujuan.sasaran.all()) or [None]
            for k, s in enumerate(sasaran):
                rows.append(
                    baris(
                        str(n) if k == 0 else "",
                        tujuan.uraian if k == 0 else "",
                        "" if s is None else s.uraian,
                    )
                )
    return Tabel(
        kunci="tujuan",
        nomor=nomor.tabel(),
        judul="Tujuan dan Sasaran Strategis",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Tujuan", lebar=45),
            Kolom("Sasaran Strategis", lebar=45),
        ),
        baris=tuple(rows),
        catatan=f"Sumber: {renstra.dasar_hukum}."
        if renstra and renstra.dasar_hukum
        else "",
        kosong="Belum ada Renstra untuk tahun ini.",
    )


def _tabel_iku(renstra: Renstra | None, nomor: _Penomoran) -> Tabel:
    tahun = (
        list(range(renstra.tahun_awal + 1, renstra.tahun_akhir + 1)) if renstra else []
    )
    rows = []
    for n, (_, sasaran, iku) in enumerate(_iku(renstra), start=1):
        target = {t.tahun: t.target for t in iku.target.all()}
        rows.append(
            baris(
                str(n),
                sasaran.uraian,
                iku.nama,
                iku.satuan,
                iku.kondisi_awal,
                *(target.get(t) for t in tahun),
            )
        )
    return Tabel(
        kunci="iku",
        nomor=nomor.tabel(),
        judul="Indikator Kinerja Utama"
        + (f" Tahun {renstra.tahun_awal}-{renstra.tahun_akhir}" if renstra else ""),
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Sasaran Renstra", lebar=30),
            Kolom("Indikator Kinerja Utama", lebar=28),
            Kolom("Satuan", lebar=8),
            Kolom("Kondisi Awal", Format.ANGKA, lebar=8),
            *(
                (
                    Kolom(
                        "Target",
                        anak=tuple(Kolom(str(t), Format.ANGKA, lebar=7) for t in tahun),
                    ),
                )
                if tahun
                else ()
            ),
        ),
        baris=tuple(rows),
        nomor_kolom=True,
        kosong="Belum ada indikator kinerja utama.",
    )


def _tabel_sasaran_program(
    pohon: PohonTahun, renstra: Renstra | None, nomor: _Penomoran
) -> Tabel:
    unik = (
        []
        if renstra is None
        else [s for t in renstra.tujuan.all() for s in t.sasaran.all()]
    )
    rows = []
    nomor_program = {p.pk: n for n, p in enumerate(pohon.program, start=1)}
    n = 0
    for s in unik:
        program = [p for p in pohon.program if p.sasaran_id == s.pk]
        if not program:
            continue
        n += 1
        for k, p in enumerate(program):
            rows.append(
                baris(
                    str(n) if k == 0 else "",
                    s.uraian if k == 0 else "",
                    f"{nomor_program[p.pk]}. {p.nama}",
                )
            )
    tanpa = [p for p in pohon.program if p.sasaran_id is None]
    for k, p in enumerate(tanpa):
        rows.append(
            baris(
                "" if k else "-",
                "(belum dikaitkan dengan sasaran)" if k == 0 else "",
                f"{nomor_program[p.pk]}. {p.nama}",
            )
        )
    return Tabel(
        kunci="sasaran-program",
        nomor=nomor.tabel(),
        judul=f"Sasaran dan Program Tahun {pohon.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Sasaran", lebar=45),
            Kolom("Program Pendukung", lebar=45),
        ),
        baris=tuple(rows),
        kosong="Belum ada program pada tahun ini.",
    )


def _tabel_pk(pohon: PohonTahun, nomor: _Penomoran) -> Tabel:
    rows = [
        baris(
            str(n),
            i.iku.sasaran.uraian,
            i.nama,
            i.target_tahunan,
            i.satuan,
        )
        for n, i in enumerate(pohon.indikator_iku(), start=1)
    ]
    return Tabel(
        kunci="pk",
        nomor=nomor.tabel(),
        judul=f"Perjanjian Kinerja Tahun {pohon.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Sasaran", lebar=40),
            Kolom("Indikator Sasaran", lebar=36),
            Kolom("Target", Format.ANGKA, lebar=9),
            Kolom("Satuan", lebar=9),
        ),
        baris=tuple(rows),
        kosong="Belum ada indikator sasaran pada perjanjian kinerja tahun ini.",
    )


def _tabel_pk_anggaran(pohon: PohonTahun, nomor: _Penomoran) -> Tabel:
    rows = [
        baris(
            str(n),
            p.nama,
            pohon.angka_simpul(p).pagu,
            selectors.sumber_dana(pohon, p) or "-",
        )
        for n, p in enumerate(pohon.program, start=1)
    ]
    return Tabel(
        kunci="pk-anggaran",
        nomor=nomor.tabel(),
        judul=f"Program dan Anggaran Perjanjian Kinerja Tahun "
        f"{pohon.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Program", lebar=50),
            Kolom("Anggaran (Rp)", Format.RUPIAH, lebar=18),
            Kolom("Sumber Dana", lebar=16),
        ),
        baris=tuple(rows),
        kaki=(
            baris(
                Sel("Total", rentang=2),
                pohon.total_keuangan().pagu,
                "",
                jenis=JenisBaris.JUMLAH,
            ),
        )
        if rows
        else (),
        kosong="Belum ada program pada tahun ini.",
    )


def _telusuri(pohon: PohonTahun) -> Iterator[tuple[str, Simpul]]:
    """Every program, kegiatan and sub kegiatan in plan order, numbered 1, 1.1,
    1.1.1."""

    def turun(simpul: Simpul, nomor: str):
        yield nomor, simpul
        for n, a in enumerate(pohon.anak(simpul), start=1):
            yield from turun(a, f"{nomor}.{n}")

    for n, p in enumerate(pohon.program, start=1):
        yield from turun(p, str(n))


def _tabel_rencana_aksi(pohon: PohonTahun, nomor: _Penomoran) -> Tabel:
    rows = []
    for no, simpul in _telusuri(pohon):
        jenis = (
            JenisBaris.BIASA if isinstance(simpul, SubKegiatan) else JenisBaris.JUDUL
        )
        indikator = pohon.indikator_dari(simpul) or [None]
        pagu = pohon.angka_simpul(simpul).pagu
        for k, i in enumerate(indikator):
            target = [None] * 4 if i is None else i.target_triwulan
            rows.append(
                baris(
                    no if k == 0 else "",
                    simpul.nama if k == 0 else "",
                    "" if i is None else i.nama,
                    "" if i is None else i.satuan,
                    None if i is None else i.target_tahunan,
                    *target,
                    pagu if k == 0 else None,
                    jenis=jenis,
                )
            )
    return Tabel(
        kunci="rencana-aksi",
        nomor=nomor.tabel(),
        judul=f"Rencana Aksi Tahun {pohon.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=6),
            Kolom("Program / Kegiatan / Sub Kegiatan", lebar=30),
            Kolom("Indikator Kinerja", lebar=30),
            Kolom("Satuan", lebar=8),
            Kolom("Target Tahunan", Format.ANGKA, lebar=8),
            Kolom(
                "Target per Triwulan",
                anak=tuple(
                    Kolom(f"TW {ROMAWI[q]}", Format.ANGKA, lebar=6) for q in range(1, 5)
                ),
            ),
            Kolom("Pagu (Rp)", Format.RUPIAH, lebar=15),
        ),
        baris=tuple(rows),
        kaki=(
            baris(
                Sel("Jumlah", rentang=9),
                pohon.total_keuangan().pagu,
                jenis=JenisBaris.JUMLAH,
            ),
        )
        if rows
        else (),
        kosong="Belum ada rencana aksi pada tahun ini.",
    )


# --- BAB III ---


def _tabel_capaian_iku(
    pohon: PohonTahun, pohon_lalu: PohonTahun | None, nomor: _Penomoran, label: str
) -> Tabel:
    """PK/IKU capaian, with last year's beside it (seed 001 Tabel 3.1)."""
    tahun = pohon.tahun_anggaran.tahun
    lalu = {}
    if pohon_lalu is not None:
        lalu = {i.iku_id: pohon_lalu.angka(i) for i in pohon_lalu.indikator_iku()}
    rows = []
    for n, i in enumerate(pohon.indikator_iku(), start=1):
        angka = pohon.angka(i)
        dulu = lalu.get(i.iku_id)
        rows.append(
            baris(
                str(n),
                i.iku.sasaran.uraian,
                i.nama,
                None if dulu is None else dulu.target,
                None if dulu is None else dulu.realisasi,
                None if dulu is None else dulu.capaian,
                angka.target,
                angka.realisasi,
                angka.capaian,
                angka.predikat or "-",
            )
        )
    return Tabel(
        kunci="capaian-iku",
        nomor=nomor.tabel(),
        judul=f"Perbandingan Target dan Realisasi Tahun {tahun - 1} dan {label} "
        f"Tahun {tahun}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Sasaran Strategis", lebar=28),
            Kolom("Indikator Kinerja", lebar=24),
            Kolom(
                str(tahun - 1),
                anak=(
                    Kolom("Target", Format.ANGKA, lebar=8),
                    Kolom("Realisasi", Format.ANGKA, lebar=8),
                    Kolom("Capaian", Format.PERSEN, lebar=9),
                ),
            ),
            Kolom(
                f"{label} {tahun}",
                anak=(
                    Kolom("Target", Format.ANGKA, lebar=8),
                    Kolom("Realisasi", Format.ANGKA, lebar=8),
                    Kolom("Capaian", Format.PERSEN, lebar=9),
                    Kolom("Predikat", lebar=11),
                ),
            ),
        ),
        baris=tuple(rows),
        kosong="Belum ada indikator sasaran pada perjanjian kinerja tahun ini.",
    )


def _kolom_capaian(label: str, nama: str) -> tuple[Kolom, ...]:
    return (
        Kolom("No", lebar=4),
        Kolom(nama, lebar=30),
        Kolom("Indikator Kinerja", lebar=30),
        Kolom("Satuan", lebar=8),
        Kolom(
            label,
            anak=(
                Kolom("Target", Format.ANGKA, lebar=8),
                Kolom("Realisasi", Format.ANGKA, lebar=8),
                Kolom("Capaian", Format.PERSEN, lebar=9),
            ),
        ),
        Kolom("Predikat", lebar=11),
    )


def _rincian(
    pohon: PohonTahun, kegiatan: Kegiatan, nomor: _Penomoran
) -> list[RincianIndikator]:
    """The entered indicators of a kegiatan's sub kegiatan (or of the kegiatan
    itself), each with its chart."""
    daftar: list[tuple[Simpul, Indikator]] = [
        (s, i)
        for s in pohon.anak(kegiatan)
        for i in pohon.indikator_dari(s)
        if not i.dari_turunan
    ]
    if not daftar:
        daftar = [
            (kegiatan, i) for i in pohon.indikator_dari(kegiatan) if not i.dari_turunan
        ]
    hasil = []
    for simpul, i in daftar:
        hasil.append(
            RincianIndikator(
                simpul=simpul,
                indikator=i,
                angka=pohon.angka(i),
                realisasi=pohon.realisasi_triwulan(i),
                gambar=Gambar(
                    kunci=f"gambar-indikator-{i.pk}",
                    nomor=nomor.gambar(),
                    judul=f"Target dan Realisasi {i.nama}",
                    satuan=i.satuan,
                    grafik=grafik.grafik_batang(pohon.seri(i)),
                ),
            )
        )
    return hasil


def _bagian_program(
    pohon: PohonTahun, unit: list[UnitKerja], nomor: _Penomoran, label: str
) -> list[BagianProgram]:
    nama_unit = {u.pk: u.nama for u in unit}
    hasil = []
    for n, p in enumerate(pohon.program, start=1):
        kegiatan = []
        for k, keg in enumerate(pohon.anak(p), start=1):
            sendiri = pohon.indikator_dari(keg)
            rincian = _rincian(pohon, keg, nomor)
            tabel = Tabel(
                kunci=f"kegiatan-{keg.pk}",
                nomor=nomor.tabel(),
                judul=f"Capaian Kinerja Kegiatan {keg.nama}",
                kolom=_kolom_capaian(label, "Sub Kegiatan"),
                baris=tuple(
                    baris(
                        str(m),
                        r.simpul.nama,
                        r.indikator.nama,
                        r.indikator.satuan,
                        r.angka.target,
                        r.angka.realisasi,
                        r.angka.capaian,
                        r.angka.predikat or "-",
                    )
                    for m, r in enumerate(rincian, start=1)
                ),
                kosong="Kegiatan ini belum memiliki indikator.",
            )
            kegiatan.append(
                BagianKegiatan(
                    nomor=k,
                    kegiatan=keg,
                    angka=pohon.angka(sendiri[0]) if sendiri else None,
                    satuan=sendiri[0].satuan if sendiri else "",
                    capaian=pohon.capaian_simpul(keg),
                    jumlah_sub=len(pohon.anak(keg)),
                    tabel=tabel,
                    rincian=rincian,
                )
            )
        indikator = next(iter(pohon.indikator_dari(p)), None)
        pelaksana = []
        for keg in pohon.anak(p):
            for simpul in (keg, *pohon.anak(keg)):
                nama = nama_unit.get(simpul.unit_kerja_id)
                if nama and nama not in pelaksana:
                    pelaksana.append(nama)
        hasil.append(
            BagianProgram(
                nomor=n,
                program=p,
                indikator=indikator,
                angka=None if indikator is None else pohon.angka(indikator),
                rerata=pohon.rata_rata(pohon.capaian_simpul(k) for k in pohon.anak(p)),
                unit=pelaksana,
                jumlah_sub=sum(len(pohon.anak(k)) for k in pohon.anak(p)),
                kegiatan=kegiatan,
            )
        )
    return hasil


def _kendala(pohon: PohonTahun, simpul: Simpul) -> str:
    return _teks(
        *(
            r.kendala
            for i in pohon.indikator_di_bawah(simpul)
            if (r := pohon.realisasi_triwulan(i)) is not None
        )
    )


def _tabel_anggaran(pohon: PohonTahun, nomor: _Penomoran, label: str) -> Tabel:
    """Realisasi belanja with seed 001's Tabel 3.6 columns (4)-(11)."""
    tahunan = pohon.dasar != DasarCapaian.TRIWULAN

    def sel(no: str, simpul: Simpul, a: AngkaAnggaran, jenis: JenisBaris):
        return baris(
            no,
            simpul.nama,
            simpul.kode or "",
            a.pagu,
            a.target,
            a.realisasi,
            a.serapan,
            a.selisih,
            a.persen_selisih,
            a.sisa,
            a.persen_sisa,
            _kendala(pohon, simpul) if isinstance(simpul, SubKegiatan) else "",
            jenis=jenis,
        )

    rows = []
    for no, simpul in _telusuri(pohon):
        jenis = (
            JenisBaris.BIASA if isinstance(simpul, SubKegiatan) else JenisBaris.JUDUL
        )
        rows.append(sel(no, simpul, pohon.angka_simpul(simpul), jenis))
    total = pohon.total_keuangan()
    return Tabel(
        kunci="realisasi-anggaran",
        nomor=nomor.tabel(),
        judul=f"Laporan Realisasi Belanja {label} Tahun {pohon.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=6, nomor="(1)"),
            Kolom("Program / Kegiatan / Sub Kegiatan", lebar=26, nomor="(2)"),
            Kolom("Kode", lebar=9, nomor="(3)"),
            Kolom("Jumlah Anggaran (Rp)", Format.RUPIAH, lebar=14, nomor="(4)"),
            Kolom(
                f"Target {label} (Anggaran Kas)"
                if not tahunan or pohon.dasar == DasarCapaian.KUMULATIF
                else "Target (Pagu)",
                Format.RUPIAH,
                lebar=14,
                nomor="(5)",
            ),
            Kolom(f"Realisasi {label} (Rp)", Format.RUPIAH, lebar=14, nomor="(6)"),
            Kolom("Capaian (%)", Format.PERSEN, lebar=8, nomor="(7)=(6/5×100)"),
            Kolom(
                "Selisih",
                anak=(
                    Kolom("Rp", Format.RUPIAH, lebar=12, nomor="(8)=(5−6)"),
                    Kolom("%", Format.PERSEN, lebar=8, nomor="(9)=(8/5×100)"),
                ),
            ),
            Kolom(
                "Sisa Anggaran",
                anak=(
                    Kolom(
                        "Rp",
                        Format.RUPIAH,
                        lebar=12,
                        nomor="(10)=(4−6)" if tahunan else "(10)=(4−real. s/d)",
                    ),
                    Kolom("%", Format.PERSEN, lebar=8, nomor="(11)=(10/4×100)"),
                ),
            ),
            Kolom("Permasalahan / Kendala", lebar=30, nomor="(12)"),
        ),
        baris=tuple(rows),
        kaki=(
            baris(
                Sel("Total Belanja", rentang=3),
                total.pagu,
                total.target,
                total.realisasi,
                total.serapan,
                total.selisih,
                total.persen_selisih,
                total.sisa,
                total.persen_sisa,
                "",
                jenis=JenisBaris.JUMLAH,
            ),
        )
        if rows
        else (),
        nomor_kolom=True,
        catatan="Capaian, selisih dan sisa dihitung program dari anggaran, anggaran "
        "kas dan realisasi yang diisi; jumlah program dan kegiatan adalah jumlah "
        "sub kegiatan di bawahnya.",
        kosong="Belum ada anggaran pada tahun ini.",
    )


# --- BAB IV ---


def _ringkasan(pohon: PohonTahun, program: list[BagianProgram]) -> Ringkasan:
    tercapai, belum, tanpa = [], [], []
    for p in program:
        status = kinerja.tercapai(p.capaian)
        (tanpa if status is None else tercapai if status else belum).append(p)
    return Ringkasan(
        jumlah_program=len(program),
        tercapai=tercapai,
        belum=belum,
        tanpa_nilai=tanpa,
        rata_rata_program=pohon.rata_rata(p.capaian for p in program),
        keuangan=pohon.total_keuangan(),
    )
