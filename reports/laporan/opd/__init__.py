"""The office's Laporan Evaluasi Kinerja Triwulan (at TW IV the LKjIP), built from
all its units (seeds 001, 004). One module per BAB; this one assembles them.

A section with nothing in it is left out, and a BAB with no section left is left
out too: the BABs that remain are numbered I, II ... and their sections A, B ...
in print order, and so are their tables (Tabel 2.1 ...), as seed 001 numbers the
tables it shows."""

from __future__ import annotations

from dataclasses import dataclass

from reports import selectors, selectors_kantor
from reports.laporan.bagian import (
    HURUF,
    Pengesahan,
    Penomoran,
    lambang_uri,
)
from reports.laporan.opd import bab1, bab2, bab3, bab4
from reports.laporan.opd.bab3 import BagianProgram
from reports.laporan.opd.bab4 import Ringkasan
from reports.laporan.opd.umum import Gambar
from reports.models import (
    ROMAWI,
    AnalisisIKU,
    Indikator,
    LaporanOpd,
    Renstra,
    TahunAnggaran,
    UnitKerja,
)
from reports.selectors import PohonTahun
from reports.selectors_kantor import HasilSurvei
from reports.tabel import Tabel

ROMAWI_BAB = ("I", "II", "III", "IV", "V")


@dataclass(frozen=True)
class Bagian:
    """A section of a BAB; ``kunci`` is its anchor and names the template that
    prints it (``reports/laporan/opd/<kunci>.html``)."""

    kunci: str
    judul: str  # "A. Latar Belakang"

    @property
    def template(self) -> str:
        return f"reports/laporan/opd/{self.kunci}.html"


@dataclass(frozen=True)
class Bab:
    kunci: str
    nomor: str  # "I", "II" ...
    judul: str
    bagian: list[Bagian]

    @property
    def judul_lengkap(self) -> str:
        return f"BAB {self.nomor} {self.judul.upper()}"


def _bab(
    nomor: int,
    kunci: str,
    judul: str,
    bagian: list[tuple[str, str, bool]],
    *,
    selalu: bool = False,
) -> Bab | None:
    """A BAB with the sections that have something in them; None when none has,
    unless it is ``selalu`` printed (the Penutup, which carries the signature)."""
    ada = [(k, j) for k, j, berisi in bagian if berisi]
    if not ada and not selalu:
        return None
    return Bab(
        kunci=kunci,
        nomor=ROMAWI_BAB[nomor - 1],
        judul=judul,
        bagian=[Bagian(k, f"{HURUF[n]}. {j}") for n, (k, j) in enumerate(ada)],
    )


@dataclass(frozen=True)
class DokumenOpd:
    """The office report. A table with nothing in it is None, and so is a figure
    with nothing to draw; ``bab`` lists what is printed."""

    ta: TahunAnggaran
    triwulan: int
    laporan: LaporanOpd | None
    kepala: Pengesahan
    renstra: Renstra | None
    unit: list[selectors.UnitBertingkat]
    bab: list[Bab]
    bagan: Gambar | None
    tabel_pegawai: list[Tabel]
    tabel_tujuan: Tabel | None
    tabel_iku: Tabel | None
    tabel_sasaran_program: Tabel | None
    tabel_program_kegiatan: Tabel | None
    tabel_target_pendapatan: Tabel | None
    tabel_pk: Tabel | None
    tabel_pk_anggaran: Tabel | None
    tabel_rencana_aksi: Tabel | None
    tabel_capaian_iku: Tabel | None
    # The figures of each IKU, and the planner's analysis of it in the quarter
    # (success, failure, solution).
    kalimat_iku: list[str]
    analisis: list[tuple[Indikator, AnalisisIKU]]
    survei: HasilSurvei | None  # the quarter's IKM survey
    tabel_ikm: Tabel | None
    tabel_skala_ikm: Tabel | None
    program: list[BagianProgram]
    tabel_anggaran: Tabel | None
    tabel_realisasi_pendapatan: Tabel | None
    tabel_tindak_lanjut: Tabel | None
    ringkasan: Ringkasan
    # The report's running text: the kata pengantar's paragraphs (the planner's,
    # with the paragraph of figures after the opening) and the conclusion's
    # sentences from the figures.
    kata_pengantar: list[str]
    kesimpulan: list[str]
    tahun_lalu: int | None
    label_kinerja: str
    label_keuangan: str
    # The units whose report of the quarter is not approved: their figures in this
    # report are drafts.
    unit_draf: list[UnitKerja]
    # The stage of the plan the quarter is measured against, and the units whose
    # report was submitted under the other one (before the Perubahan).
    nama_tahap: str
    unit_tahap_lain: list[UnitKerja]
    lambang: str  # the pemda's lambang for the cover (a data: URI), or ""

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
    def unit_bertugas(self) -> list[selectors.UnitBertingkat]:
        """The units whose tugas pokok or fungsi BAB I prints."""
        return [b for b in self.unit if b.unit.tugas_pokok or b.unit.fungsi]

    @property
    def daftar_isi(self) -> list[tuple[str, str, int]]:
        """The table of contents: (anchor, title, level)."""
        hasil = []
        for b in self.bab:
            hasil.append((f"bab-{b.kunci}", b.judul_lengkap, 1))
            hasil += [(g.kunci, g.judul, 2) for g in b.bagian]
        return hasil

    def tabel(self) -> list[Tabel]:
        """Every table printed, in print order (the numbered ones are the Daftar
        Tabel; the xlsx has them all)."""
        daftar = [
            *self.tabel_pegawai,
            self.tabel_tujuan,
            self.tabel_iku,
            self.tabel_sasaran_program,
            self.tabel_program_kegiatan,
            self.tabel_target_pendapatan,
            self.tabel_pk,
            self.tabel_pk_anggaran,
            self.tabel_rencana_aksi,
            self.tabel_capaian_iku,
            self.tabel_ikm,
            self.tabel_skala_ikm,
            *(k.tabel for p in self.program for k in p.kegiatan),
            self.tabel_anggaran,
            self.tabel_realisasi_pendapatan,
            self.tabel_tindak_lanjut,
        ]
        return [t for t in daftar if t is not None and t.berisi]

    def tabel_bernomor(self) -> list[Tabel]:
        return [t for t in self.tabel() if t.nomor]

    def gambar(self) -> list[Gambar]:
        daftar = [
            self.bagan,
            *(r.gambar for p in self.program for k in p.kegiatan for r in k.rincian),
        ]
        return [g for g in daftar if g is not None]


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
    laporan = LaporanOpd.objects.filter(tahun_anggaran=ta, triwulan=triwulan).first()
    # The office's own data: revenue, Tabel 2.6's typed figures, the IKU analysis,
    # the survey and the follow-up matrix.
    pendapatan = selectors_kantor.pendapatan_tahun(ta)
    baris_pendapatan = selectors_kantor.baris_pendapatan(
        pendapatan,
        dasar=pohon.dasar_keuangan,
        triwulan=triwulan,
        tahap=pohon.tahap_kantor,
    )
    analisis_iku = selectors_kantor.analisis_iku(ta, triwulan)
    analisis = [
        (i, analisis_iku[i.pk]) for i in pohon.indikator_iku() if i.pk in analisis_iku
    ]
    survei = pohon.survei.get(triwulan)
    periode = f"Triwulan {ROMAWI[triwulan]} Tahun {ta.tahun}"
    label = pohon.label_kinerja
    kertas = ta.opd.ukuran_kertas

    # BAB I: always printed (its opening sections are the report's own).
    nomor = Penomoran(1)
    bagan = bab1.bagan(urut, nomor, kertas)
    tabel_pegawai = [t for t in map(nomor.tabel, bab1.tabel_pegawai(ta)) if t]
    bab_list = [
        _bab(
            1,
            "pendahuluan",
            "Pendahuluan",
            [
                ("latar-belakang", "Latar Belakang", True),
                ("maksud-tujuan", "Maksud dan Tujuan", True),
                (
                    "tugas-fungsi",
                    "Tugas Pokok dan Fungsi",
                    bool(ta.opd.gambaran_umum)
                    or any(u.tugas_pokok or u.fungsi for u in unit),
                ),
                ("struktur", "Struktur Organisasi", bagan is not None),
                ("aparatur", "Sumber Daya Aparatur", bool(tabel_pegawai)),
            ],
        )
    ]

    # BAB II, numbered as seed 001 numbers its tables where it shows them.
    nomor.bab(2)
    tujuan = nomor.tabel(bab2.tabel_tujuan(renstra), seperti=(2, 1))
    iku = nomor.tabel(bab2.tabel_iku(renstra), seperti=(2, 2))
    sasaran_program = nomor.tabel(
        bab2.tabel_sasaran_program(pohon, renstra), seperti=(2, 5)
    )
    program_kegiatan = nomor.tabel(
        bab2.tabel_program_kegiatan(
            pohon, selectors_kantor.ringkasan_anggaran(ta), pendapatan
        ),
        seperti=(2, 6),
    )
    target_pendapatan = (
        nomor.tabel(
            bab2.tabel_target_pendapatan(baris_pendapatan, ta.tahun), seperti=(2, 7)
        )
        if baris_pendapatan
        else None
    )
    pk = nomor.tabel(bab2.tabel_pk(pohon), seperti=(2, 8))
    pk_anggaran = nomor.tabel(bab2.tabel_pk_anggaran(pohon))
    rencana_aksi = nomor.tabel(bab2.tabel_rencana_aksi(pohon), seperti=(2, 10))
    bab_perencanaan = _bab(
        2,
        "perencanaan",
        "Perencanaan Kinerja",
        [
            (
                "visi-misi",
                "Visi dan Misi",
                renstra is not None and bool(renstra.visi or renstra.daftar_misi),
            ),
            ("tujuan-sasaran", "Tujuan dan Sasaran", tujuan is not None),
            ("iku", "Indikator Kinerja Utama", iku is not None),
            (
                "program-sasaran",
                "Program untuk Pencapaian Sasaran",
                any((sasaran_program, program_kegiatan, target_pendapatan)),
            ),
            ("perjanjian-kinerja", "Perjanjian Kinerja", bool(pk or pk_anggaran)),
            ("rencana-aksi", "Rencana Aksi", rencana_aksi is not None),
        ],
    )
    bab_list.append(bab_perencanaan)
    nomor_bab = 3 if bab_perencanaan else 2

    # BAB III: its tables as seed 001 numbers them, the charts in print order.
    nomor.bab(nomor_bab)
    capaian_iku = nomor.tabel(
        bab3.tabel_capaian_iku(pohon, pohon_lalu, label), seperti=(3, 1)
    )
    tabel_ikm = None if survei is None else nomor.tabel(bab3.tabel_ikm(survei, periode))
    skala_ikm = None if survei is None else nomor.tabel(bab3.tabel_skala_ikm())
    program = bab3.bagian_program(pohon, unit, nomor, label)
    anggaran = nomor.tabel(bab3.tabel_anggaran(pohon), seperti=(3, 6))
    realisasi_pendapatan = (
        nomor.tabel(
            bab3.tabel_realisasi_pendapatan(
                baris_pendapatan, pohon.label_keuangan, ta.tahun
            )
        )
        if baris_pendapatan
        else None
    )
    tindak_lanjut = nomor.tabel(
        bab3.tabel_tindak_lanjut(
            selectors_kantor.matriks_tindak_lanjut(ta.opd_id, ta.tahun, triwulan),
            periode,
        )
    )
    bab_akuntabilitas = _bab(
        nomor_bab,
        "akuntabilitas",
        "Akuntabilitas Kinerja",
        [
            (
                "capaian-organisasi",
                "Capaian Kinerja Organisasi",
                bool(capaian_iku or survei or analisis),
            ),
            (
                "analisis-program",
                "Analisis Capaian Kinerja Program dan Kegiatan",
                bool(program),
            ),
            (
                "realisasi-anggaran",
                "Realisasi Anggaran dan Pendapatan",
                bool(anggaran or realisasi_pendapatan),
            ),
            (
                "tindak-lanjut",
                "Matriks Tindak Lanjut Hasil Evaluasi",
                tindak_lanjut is not None,
            ),
        ],
    )
    bab_list.append(bab_akuntabilitas)
    if bab_akuntabilitas:
        nomor_bab += 1
    fakta = bab4.fakta_teks(pohon, nama_opd=ta.opd.nama)
    bab_list.append(
        _bab(
            nomor_bab,
            "penutup",
            "Penutup",
            [
                (
                    "kesimpulan",
                    "Kesimpulan",
                    bool(fakta.kesimpulan or (laporan and laporan.kesimpulan)),
                )
            ],
            selalu=True,
        )
    )

    return DokumenOpd(
        ta=ta,
        triwulan=triwulan,
        laporan=laporan,
        kepala=Pengesahan(
            kepala_unit.jabatan_kepala if kepala_unit else "",
            kepala_unit.kepala if kepala_unit else None,
        ),
        renstra=renstra,
        unit=urut,
        bab=[b for b in bab_list if b is not None],
        bagan=bagan,
        tabel_pegawai=tabel_pegawai,
        tabel_tujuan=tujuan,
        tabel_iku=iku,
        tabel_sasaran_program=sasaran_program,
        tabel_program_kegiatan=program_kegiatan,
        tabel_target_pendapatan=target_pendapatan,
        tabel_pk=pk,
        tabel_pk_anggaran=pk_anggaran,
        tabel_rencana_aksi=rencana_aksi,
        tabel_capaian_iku=capaian_iku,
        kalimat_iku=bab3.kalimat_iku(pohon, pohon_lalu),
        analisis=analisis,
        survei=survei,
        tabel_ikm=tabel_ikm,
        tabel_skala_ikm=skala_ikm,
        program=program,
        tabel_anggaran=anggaran,
        tabel_realisasi_pendapatan=realisasi_pendapatan,
        tabel_tindak_lanjut=tindak_lanjut,
        ringkasan=bab4.ringkasan(pohon),
        kata_pengantar=bab4.paragraf_kata_pengantar(
            (laporan.kata_pengantar if laporan else "")
            or bab4.kata_pengantar_baku(
                judul=f"Laporan Evaluasi Kinerja {periode}", nama_opd=ta.opd.nama
            ),
            fakta.kata_pengantar,
        ),
        kesimpulan=fakta.kesimpulan,
        tahun_lalu=None if lalu is None else lalu.tahun,
        label_kinerja=label,
        label_keuangan=pohon.label_keuangan,
        unit_draf=pohon.belum_disetujui(unit),
        nama_tahap=selectors.nama_tahap(ta, pohon.tahap_kantor),
        unit_tahap_lain=pohon.tahap_lain(unit),
        lambang=lambang_uri(ta.opd.pemda),
    )
