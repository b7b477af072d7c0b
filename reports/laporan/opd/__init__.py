"""The office's Laporan Evaluasi Kinerja Triwulan (at TW IV the LKjIP), built from
all its units (seeds 001, 004). One module per BAB; this one assembles them."""

from __future__ import annotations

from dataclasses import dataclass

from reports import selectors, selectors_kantor
from reports.laporan.opd import bab1, bab2, bab3, bab4
from reports.laporan.opd.bab3 import BagianProgram
from reports.laporan.opd.bab4 import Ringkasan
from reports.laporan.opd.umum import Gambar, Penomoran
from reports.laporan.unit import Pengesahan
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
    ("bab-3-c", "C. Realisasi Anggaran dan Pendapatan", 2),
    ("bab-3-d", "D. Matriks Tindak Lanjut Hasil Evaluasi", 2),
    ("bab-4", "BAB IV PENUTUP", 1),
    ("bab-4-a", "A. Kesimpulan", 2),
]


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
    tabel_program_kegiatan: Tabel
    tabel_target_pendapatan: Tabel | None  # None: the office keeps no revenue
    tabel_pk: Tabel
    tabel_pk_anggaran: Tabel
    tabel_rencana_aksi: Tabel
    tabel_capaian_iku: Tabel
    # The planner's analysis of each IKU in the quarter (success, failure, solution).
    analisis: list[tuple[Indikator, AnalisisIKU]]
    survei: HasilSurvei | None  # the quarter's IKM survey
    tabel_ikm: Tabel | None
    tabel_skala_ikm: Tabel | None
    program: list[BagianProgram]
    tabel_anggaran: Tabel
    tabel_realisasi_pendapatan: Tabel | None
    tabel_tindak_lanjut: Tabel
    ringkasan: Ringkasan
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
            self.tabel_program_kegiatan,
            *([self.tabel_target_pendapatan] if self.tabel_target_pendapatan else []),
            self.tabel_pk,
            self.tabel_pk_anggaran,
            self.tabel_rencana_aksi,
            self.tabel_capaian_iku,
            *([self.tabel_ikm, self.tabel_skala_ikm] if self.tabel_ikm else []),
            *(k.tabel for p in self.program for k in p.kegiatan),
            self.tabel_anggaran,
            *(
                [self.tabel_realisasi_pendapatan]
                if self.tabel_realisasi_pendapatan
                else []
            ),
            self.tabel_tindak_lanjut,
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
    # The office's own data: revenue, Tabel 2.6's typed figures, the IKU analysis,
    # the survey and the follow-up matrix.
    pendapatan = selectors_kantor.pendapatan_tahun(ta)
    baris_pendapatan = selectors_kantor.baris_pendapatan(
        pendapatan,
        dasar=pohon.dasar_keuangan,
        triwulan=triwulan,
        tahap=pohon.tahap_kantor,
    )
    analisis = selectors_kantor.analisis_iku(ta, triwulan)
    survei = pohon.survei.get(triwulan)
    periode = f"Triwulan {ROMAWI[triwulan]} Tahun {ta.tahun}"

    nomor = Penomoran()
    label = pohon.label_kinerja
    tabel_pegawai = bab1.tabel_pegawai(ta, nomor)
    nomor.bab(2)
    tabel_tujuan = bab2.tabel_tujuan(renstra, nomor)
    tabel_iku = bab2.tabel_iku(renstra, nomor)
    tabel_sasaran_program = bab2.tabel_sasaran_program(pohon, renstra, nomor)
    tabel_program_kegiatan = bab2.tabel_program_kegiatan(
        pohon, selectors_kantor.ringkasan_anggaran(ta), pendapatan, nomor
    )
    tabel_target_pendapatan = (
        bab2.tabel_target_pendapatan(baris_pendapatan, nomor, ta.tahun)
        if baris_pendapatan
        else None
    )
    tabel_pk = bab2.tabel_pk(pohon, nomor)
    tabel_pk_anggaran = bab2.tabel_pk_anggaran(pohon, nomor)
    tabel_rencana_aksi = bab2.tabel_rencana_aksi(pohon, nomor)
    nomor.bab(3)
    tabel_capaian_iku = bab3.tabel_capaian_iku(pohon, pohon_lalu, nomor, label)
    tabel_ikm = None if survei is None else bab3.tabel_ikm(survei, nomor, periode)
    tabel_skala_ikm = None if survei is None else bab3.tabel_skala_ikm(nomor)
    program = bab3.bagian_program(pohon, unit, nomor, label)
    tabel_anggaran = bab3.tabel_anggaran(pohon, nomor)
    tabel_realisasi_pendapatan = (
        bab3.tabel_realisasi_pendapatan(
            baris_pendapatan, nomor, pohon.label_keuangan, ta.tahun
        )
        if baris_pendapatan
        else None
    )
    tabel_tindak_lanjut = bab3.tabel_tindak_lanjut(
        selectors_kantor.matriks_tindak_lanjut(ta.opd_id, ta.tahun, triwulan),
        nomor,
        periode,
    )
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
        bagan=bab1.bagan(urut),
        tabel_pegawai=tabel_pegawai,
        tabel_tujuan=tabel_tujuan,
        tabel_iku=tabel_iku,
        tabel_sasaran_program=tabel_sasaran_program,
        tabel_program_kegiatan=tabel_program_kegiatan,
        tabel_target_pendapatan=tabel_target_pendapatan,
        tabel_pk=tabel_pk,
        tabel_pk_anggaran=tabel_pk_anggaran,
        tabel_rencana_aksi=tabel_rencana_aksi,
        tabel_capaian_iku=tabel_capaian_iku,
        analisis=[
            (i, analisis[i.pk]) for i in pohon.indikator_iku() if i.pk in analisis
        ],
        survei=survei,
        tabel_ikm=tabel_ikm,
        tabel_skala_ikm=tabel_skala_ikm,
        program=program,
        tabel_anggaran=tabel_anggaran,
        tabel_realisasi_pendapatan=tabel_realisasi_pendapatan,
        tabel_tindak_lanjut=tabel_tindak_lanjut,
        ringkasan=bab4.ringkasan(pohon, program),
        tahun_lalu=None if lalu is None else lalu.tahun,
        label_kinerja=label,
        label_keuangan=pohon.label_keuangan,
        unit_draf=pohon.belum_disetujui(unit),
        nama_tahap=selectors.nama_tahap(ta, pohon.tahap_kantor),
        unit_tahap_lain=pohon.tahap_lain(unit),
    )
