"""The Laporan Kinerja Triwulan of one unit (seeds 000, 002, 003) and the bundle of
an office's unit reports (seed 002)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reports import kinerja, selectors
from reports.kinerja import AngkaKinerja
from reports.models import (
    ROMAWI,
    Indikator,
    Kegiatan,
    LaporanTriwulan,
    Pejabat,
    PerangkatDaerah,
    SubKegiatan,
    TahapRencana,
    TahunAnggaran,
    UnitKerja,
)
from reports.selectors import (
    BarisKeuangan,
    BarisKinerja,
    LaporanUnit,
    PohonTahun,
    Simpul,
)
from reports.tabel import (
    Baris,
    Format,
    JenisBaris,
    Kolom,
    Sel,
    Tabel,
    baris,
    gabung_teks,
)
from reports.templatetags.format_id import format_persen

Tingkat = Indikator.Tingkat
NAMA_TINGKAT = {
    Tingkat.IKU: "Sasaran",
    Tingkat.PROGRAM: "Program",
    Tingkat.KEGIATAN: "Kegiatan",
    Tingkat.SUB_KEGIATAN: "Sub Kegiatan",
}


@dataclass(frozen=True)
class Pengesahan:
    """A signature block: the title above it and the official who signs."""

    jabatan: str
    pejabat: Pejabat | None


@dataclass(frozen=True)
class RincianAnalisis:
    """One indicator of the unit in BAB III's analysis: its figures, narrative and
    the small capaian table under it."""

    baris: BarisKinerja
    tabel: Tabel


@dataclass(frozen=True)
class KelompokAnalisis:
    """A kegiatan (or program) of BAB III's analysis with its own figures and the
    indicators of the items below it."""

    nomor: int
    nama: str
    tingkat_anak: str
    angka: AngkaKinerja | None  # of its own (derived) indicator, if it has one
    satuan: str
    capaian: Decimal | None  # the mean capaian of the items below
    rincian: list[RincianAnalisis]


@dataclass(frozen=True)
class DokumenUnit:
    """The Laporan Kinerja Triwulan of one unit."""

    lap: LaporanUnit
    tingkat: str | None  # the level the unit reports on
    tabel_pk: Tabel
    tabel_anggaran: Tabel
    tabel_rencana_aksi: Tabel
    tabel_capaian: Tabel
    tabel_rencana: Tabel
    tabel_biaya: Tabel
    tabel_keuangan: Tabel
    tabel_tindak_lanjut: Tabel
    tabel_penutup: Tabel
    analisis: list[KelompokAnalisis]
    penanda_tangan: Pengesahan
    mengetahui: Pengesahan | None  # the superior, only once the report is approved

    @property
    def unit(self) -> UnitKerja:
        return self.lap.unit

    @property
    def opd(self) -> PerangkatDaerah:
        return self.lap.unit.opd

    @property
    def tahun(self) -> int:
        return self.lap.tahun_anggaran.tahun

    @property
    def triwulan(self) -> int:
        return self.lap.triwulan

    @property
    def laporan(self) -> LaporanTriwulan | None:
        return self.lap.laporan

    @property
    def judul(self) -> str:
        return f"Laporan Kinerja Triwulan {ROMAWI[self.triwulan]} Tahun {self.tahun}"

    @property
    def periode(self) -> str:
        return f"Triwulan {ROMAWI[self.triwulan]} Tahun {self.tahun}"

    @property
    def tanggal(self) -> date | None:
        return None if self.laporan is None else self.laporan.tanggal

    @property
    def disposisi(self) -> list[tuple[str, bool]]:
        """The Ruang Disposisi boxes in print order; none ticked before review."""
        if self.laporan is None:
            return [(label, False) for label, _ in LaporanTriwulan().tanggapan]
        return self.laporan.tanggapan

    @property
    def disetujui(self) -> bool:
        return self.laporan is not None and self.laporan.terkunci

    @property
    def tanda_draf(self) -> str:
        """What the pages of a report whose figures are not final say about it."""
        if self.disetujui:
            return ""
        if self.pimpinan:
            return "Draf - belum disahkan pimpinan"
        return "Draf - belum disetujui atasan"

    @property
    def pimpinan(self) -> bool:
        """The office head's own report: no superior in the office reviews it."""
        return self.unit.atasan_id is None

    def tabel(self) -> list[Tabel]:
        """Every numbered table, in print order (for the xlsx)."""
        return [
            self.tabel_pk,
            self.tabel_anggaran,
            self.tabel_rencana_aksi,
            self.tabel_capaian,
            self.tabel_rencana,
            self.tabel_biaya,
            self.tabel_keuangan,
            self.tabel_tindak_lanjut,
            self.tabel_penutup,
        ]


def dokumen_unit(
    *, unit: UnitKerja, tahun_anggaran: TahunAnggaran, triwulan: int
) -> DokumenUnit:
    """One unit's quarterly report, read in a fixed number of queries."""
    return _dokumen_unit(PohonTahun(tahun_anggaran, triwulan), unit)


def _dokumen_unit(pohon: PohonTahun, unit: UnitKerja) -> DokumenUnit:
    lap = selectors.laporan_unit_dari(pohon, unit)
    laporan = lap.laporan
    tingkat = pohon.tingkat_unit(unit)
    atasan = unit.atasan
    disetujui = laporan is not None and laporan.terkunci
    return DokumenUnit(
        lap=lap,
        tingkat=tingkat,
        tabel_pk=_tabel_pk(lap),
        tabel_anggaran=_tabel_anggaran(lap),
        tabel_rencana_aksi=_tabel_rencana_aksi(pohon, lap),
        tabel_capaian=_tabel_capaian(lap, tingkat),
        tabel_rencana=_tabel_rencana(lap, tingkat),
        tabel_biaya=_tabel_biaya(pohon, lap),
        tabel_keuangan=_tabel_keuangan(lap),
        tabel_tindak_lanjut=_tabel_tindak_lanjut(pohon, lap),
        tabel_penutup=_tabel_penutup(lap),
        analisis=_analisis(pohon, lap, tingkat),
        penanda_tangan=Pengesahan(unit.jabatan_kepala, unit.kepala),
        mengetahui=(
            Pengesahan(atasan.jabatan_kepala, atasan.kepala)
            if disetujui and atasan is not None
            else None
        ),
    )


# --- the tables of a unit's report ---


def _tahap(lap: LaporanUnit) -> str:
    """The stage a plan table follows, named for the Perubahan only: a quarter
    under the murni plan prints as it did before any Perubahan came."""
    return " (DPA Perubahan)" if lap.tahap == TahapRencana.PERUBAHAN else ""


def _kolom_nama(lap: LaporanUnit) -> Kolom:
    tingkat = {b.tingkat for b in lap.baris_kinerja}
    judul = (
        "Sasaran" if tingkat == {Tingkat.IKU} else "Program / Kegiatan / Sub Kegiatan"
    )
    return Kolom(judul, lebar=34)


def _jenis(b: BarisKinerja) -> JenisBaris:
    return JenisBaris.JUDUL if b.indikator is None else JenisBaris.BIASA


def _tabel_pk(lap: LaporanUnit) -> Tabel:
    return Tabel(
        kunci=f"{lap.unit.slug}-pk",
        nomor="Tabel 2.1",
        judul=f"Perjanjian Kinerja {lap.unit.jabatan_kepala} Tahun "
        f"{lap.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=5),
            _kolom_nama(lap),
            Kolom("Indikator Kinerja", lebar=40),
            Kolom("Target", Format.ANGKA, lebar=10),
            Kolom("Satuan", lebar=10),
        ),
        baris=tuple(
            baris(
                b.nomor,
                b.nama,
                b.indikator.nama if b.indikator else "",
                b.angka.target_tahunan if b.angka else None,
                b.indikator.satuan if b.indikator else "",
                jenis=_jenis(b),
            )
            for b in lap.baris_kinerja
        ),
        nomor_kolom=True,
        kosong="Belum ada indikator kinerja untuk unit ini.",
    )


def _tabel_anggaran(lap: LaporanUnit) -> Tabel:
    return Tabel(
        kunci=f"{lap.unit.slug}-anggaran",
        nomor="Tabel 2.2",
        judul=f"Anggaran {lap.unit.jabatan_kepala} Tahun {lap.tahun_anggaran.tahun}"
        f"{_tahap(lap)}",
        kolom=(
            Kolom("No", lebar=5),
            Kolom("Program / Kegiatan / Sub Kegiatan", lebar=50),
            Kolom("Anggaran (Rp)", Format.RUPIAH, lebar=18),
            Kolom("Sumber Dana", lebar=18),
        ),
        baris=tuple(
            baris(b.nomor, b.nama, b.angka.pagu, b.sumber_dana or "-")
            for b in lap.baris_keuangan
        ),
        kaki=(
            baris(
                Sel("Jumlah Anggaran", rentang=2),
                lap.total_keuangan.pagu,
                "",
                jenis=JenisBaris.JUMLAH,
            ),
        )
        if lap.baris_keuangan
        else (),
        kosong="Unit ini tidak memegang anggaran.",
    )


def _tabel_rencana_aksi(pohon: PohonTahun, lap: LaporanUnit) -> Tabel:
    triwulan = [
        Kolom(
            f"TW {ROMAWI[q]}",
            anak=(
                Kolom("Target", Format.ANGKA, lebar=8),
                Kolom("Rp", Format.RUPIAH, lebar=14),
            ),
        )
        for q in range(1, 5)
    ]
    rows = []
    for b in lap.baris_kinerja:
        kas = (
            pohon.kas_per_triwulan(b.simpul)
            if b.simpul is not None and b.nama
            else [None] * 4
        )
        target = pohon.target(b.indikator)[1] if b.indikator else [None] * 4
        rows.append(
            baris(
                b.nomor,
                b.nama,
                b.indikator.nama if b.indikator else "",
                b.indikator.satuan if b.indikator else "",
                *[v for q in range(4) for v in (target[q], kas[q])],
                jenis=_jenis(b),
            )
        )
    kas_unit = [pohon.kas_per_triwulan(b.simpul) for b in lap.baris_keuangan]
    kaki = (
        baris(
            Sel("Jumlah", rentang=4),
            *[
                v
                for q in range(4)
                for v in ("", kinerja.jumlah(k[q] for k in kas_unit))
            ],
            jenis=JenisBaris.JUMLAH,
        ),
    )
    return Tabel(
        kunci=f"{lap.unit.slug}-rencana-aksi",
        nomor="Tabel 2.3",
        judul=f"Rencana Aksi {lap.unit.jabatan_kepala} Tahun "
        f"{lap.tahun_anggaran.tahun}{_tahap(lap)}",
        kolom=(
            Kolom("No", lebar=5),
            Kolom("Program / Kegiatan / Sub Kegiatan", lebar=28),
            Kolom("Indikator Kinerja", lebar=30),
            Kolom("Satuan", lebar=9),
            *triwulan,
        ),
        baris=tuple(rows),
        kaki=kaki if lap.baris_keuangan else (),
        kosong="Belum ada rencana aksi untuk unit ini.",
    )


def _baris_tingkat(lap: LaporanUnit, tingkat: str | None) -> list[BarisKinerja]:
    return [
        b for b in lap.baris_kinerja if b.indikator is not None and b.tingkat == tingkat
    ]


def _kolom_capaian(lap: LaporanUnit, nama: str) -> tuple[Kolom, ...]:
    periode = lap.label_kinerja
    target = (
        (Kolom(f"Target {periode}", Format.ANGKA, lebar=10),)
        if lap.ada_target_kinerja
        else ()
    )
    return (
        Kolom("No", lebar=5),
        Kolom(nama, lebar=30),
        Kolom("Indikator Kinerja", lebar=34),
        Kolom("Satuan", lebar=9),
        Kolom("Target Tahunan", Format.ANGKA, lebar=10),
        *target,
        Kolom(f"Realisasi {periode}", Format.ANGKA, lebar=10),
        Kolom("Capaian", Format.PERSEN, lebar=10),
        Kolom("Predikat", lebar=13),
    )


def _sel_capaian(lap: LaporanUnit, b: BarisKinerja, nomor: str, nama: str) -> Baris:
    angka = b.angka
    target = (angka.target,) if lap.ada_target_kinerja else ()
    return baris(
        nomor,
        nama,
        b.indikator.nama,
        b.indikator.satuan,
        angka.target_tahunan,
        *target,
        angka.realisasi,
        angka.capaian,
        angka.predikat or "-",
    )


def _tabel_capaian(lap: LaporanUnit, tingkat: str | None) -> Tabel:
    kolom = _kolom_capaian(lap, NAMA_TINGKAT.get(tingkat, "Kegiatan"))
    rows, nomor = [], 0
    for b in _baris_tingkat(lap, tingkat):
        if b.nama:
            nomor += 1
        rows.append(_sel_capaian(lap, b, str(nomor) if b.nama else "", b.nama))
    rerata = lap.rata_rata_kinerja
    kaki = (
        baris(
            Sel(
                f"Rata-rata capaian kinerja ({rerata.jumlah} indikator berisi nilai)",
                rentang=len(kolom) - 2,
            ),
            rerata.nilai,
            "",
            jenis=JenisBaris.JUMLAH,
        ),
    )
    return Tabel(
        kunci=f"{lap.unit.slug}-capaian",
        nomor="Tabel 3.1",
        judul=f"Capaian Kinerja {lap.unit.jabatan_kepala} Triwulan "
        f"{ROMAWI[lap.triwulan]} Tahun {lap.tahun_anggaran.tahun}",
        kolom=kolom,
        baris=tuple(rows),
        kaki=kaki if rows else (),
        kosong="Belum ada indikator kinerja untuk unit ini.",
    )


def _keterangan_rencana(a: AngkaKinerja, label: str) -> str:
    """Behind plan or not; where the plan s/d the quarter cannot be compared (an
    earlier quarter missing, no quarterly targets) it says which target it used."""
    status = a.di_belakang_rencana
    if status is None:
        return "-"
    pembanding = "rencana" if a.capaian_rencana is not None else f"target {label}"
    return f"{'Di bawah' if status else 'Sesuai'} {pembanding}"


def _tabel_rencana(lap: LaporanUnit, tingkat: str | None) -> Tabel:
    """Each indicator against the year and against the Rencana Aksi s/d the quarter:
    below the yearly target mid-year is not behind plan."""
    sd = f"s/d TW {ROMAWI[lap.triwulan]}"
    rows, nomor = [], 0
    for b in _baris_tingkat(lap, tingkat):
        if b.nama:
            nomor += 1
        a = b.angka
        rows.append(
            baris(
                str(nomor) if b.nama else "",
                b.indikator.nama,
                b.indikator.satuan,
                a.target_tahunan,
                a.target_sd,
                a.realisasi_sd,
                a.capaian_tahunan,
                a.capaian_rencana,
                _keterangan_rencana(a, lap.label_kinerja),
            )
        )
    return Tabel(
        kunci=f"{lap.unit.slug}-rencana",
        nomor="Tabel 3.2",
        judul=f"Capaian terhadap Target Tahunan dan Rencana Aksi {sd} "
        f"{lap.unit.jabatan_kepala}",
        kolom=(
            Kolom("No", lebar=5, nomor="1"),
            Kolom("Indikator Kinerja", lebar=40, nomor="2"),
            Kolom("Satuan", lebar=9, nomor="3"),
            Kolom("Target Tahunan", Format.ANGKA, lebar=10, nomor="4"),
            Kolom(f"Target {sd} (Rencana Aksi)", Format.ANGKA, lebar=11, nomor="5"),
            Kolom(f"Realisasi {sd}", Format.ANGKA, lebar=10, nomor="6"),
            Kolom(
                "Capaian terhadap",
                anak=(
                    Kolom("Target Tahunan", Format.PERSEN, lebar=10, nomor="7=6/4"),
                    Kolom(f"Rencana {sd}", Format.PERSEN, lebar=10, nomor="8=6/5"),
                ),
            ),
            Kolom("Keterangan", lebar=13, nomor="9"),
        ),
        baris=tuple(rows),
        nomor_kolom=True,
        catatan="Di bawah target tahunan pada pertengahan tahun bukan berarti "
        "tertinggal: indikator sesuai rencana bila realisasinya mencapai target "
        f"Rencana Aksi {sd}. Tanpa target triwulan, atau bila triwulan sebelumnya "
        "belum dilaporkan, yang dibandingkan adalah target pada Tabel 3.1.",
        kosong="Belum ada indikator kinerja untuk unit ini.",
    )


def _indikator_baris(pohon: PohonTahun, b: BarisKeuangan) -> list[Indikator]:
    """The indicators that measure a budget line: its own, or else those of the items
    below it."""
    sendiri = pohon.indikator_dari(b.simpul)
    if sendiri:
        return sendiri
    return [i for i in pohon.indikator_di_bawah(b.simpul) if not i.dari_turunan]


def _tabel_biaya(pohon: PohonTahun, lap: LaporanUnit) -> Tabel:
    """Cost per outcome (seeds 002, 003): budget against performance, efisiensi
    (10 = 9 - 6) and the cost of one unit of output, planned and actual."""
    rows = []
    for b in lap.baris_keuangan:
        indikator = _indikator_baris(pohon, b)
        tunggal = pohon.angka(indikator[0]) if len(indikator) == 1 else None
        t_kinerja = None if tunggal is None else tunggal.target
        r_kinerja = None if tunggal is None else tunggal.realisasi
        satuan = indikator[0].satuan if len(indikator) == 1 else ""
        rows.append(
            baris(
                b.nomor,
                b.nama,
                "; ".join(i.nama for i in indikator) or "-",
                b.angka.target,
                b.angka.realisasi,
                b.angka.serapan,
                t_kinerja,
                r_kinerja,
                b.capaian_kinerja,
                Sel(b.efisiensi, Format.PERSEN),
                kinerja.biaya_per_output(anggaran=b.angka.target, output=t_kinerja),
                kinerja.biaya_per_output(anggaran=b.angka.realisasi, output=r_kinerja),
                satuan or "-",
            )
        )
    total = lap.total_keuangan
    rerata = lap.rata_rata_kinerja.nilai
    kaki = (
        baris(
            Sel("Jumlah / rata-rata", rentang=3),
            total.target,
            total.realisasi,
            total.serapan,
            "",
            "",
            rerata,
            kinerja.efisiensi(capaian_kinerja=rerata, capaian_anggaran=total.serapan),
            Sel("", rentang=3),
            jenis=JenisBaris.JUMLAH,
        ),
    )
    return Tabel(
        kunci=f"{lap.unit.slug}-biaya",
        nomor="Tabel 3.3",
        judul=f"Cost per Outcome {lap.unit.jabatan_kepala} Triwulan "
        f"{ROMAWI[lap.triwulan]} Tahun {lap.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=5, nomor="1"),
            Kolom("Program / Kegiatan / Sub Kegiatan", lebar=26, nomor="2"),
            Kolom("Indikator Kinerja", lebar=28, nomor="3"),
            Kolom(
                f"Anggaran {lap.label_keuangan}",
                anak=(
                    Kolom("Target", Format.RUPIAH, lebar=14, nomor="4"),
                    Kolom("Realisasi", Format.RUPIAH, lebar=14, nomor="5"),
                    Kolom("Capaian", Format.PERSEN, lebar=9, nomor="6=5/4"),
                ),
            ),
            Kolom(
                f"Kinerja {lap.label_kinerja}",
                anak=(
                    Kolom("Target", Format.ANGKA, lebar=8, nomor="7"),
                    Kolom("Realisasi", Format.ANGKA, lebar=8, nomor="8"),
                    Kolom("Capaian", Format.PERSEN, lebar=9, nomor="9=8/7"),
                ),
            ),
            Kolom("Efisiensi (poin)", Format.ANGKA, lebar=9, nomor="10=9-6"),
            Kolom(
                "Biaya per Output (Rp)",
                anak=(
                    Kolom("Rencana", Format.RUPIAH, lebar=12, nomor="11=4/7"),
                    Kolom("Realisasi", Format.RUPIAH, lebar=12, nomor="12=5/8"),
                    Kolom("per", lebar=9, nomor="13"),
                ),
            ),
        ),
        baris=tuple(rows),
        kaki=kaki if rows else (),
        nomor_kolom=True,
        catatan="Efisiensi adalah capaian kinerja dikurangi capaian anggaran, dalam "
        "poin persen: positif berarti keluaran per rupiah lebih besar dari rencana. "
        "Biaya per output hanya dihitung untuk kegiatan dengan satu indikator.",
        kosong="Unit ini tidak memegang anggaran.",
    )


def _tabel_keuangan(lap: LaporanUnit) -> Tabel:
    periode = lap.label_keuangan
    total = lap.total_keuangan
    return Tabel(
        kunci=f"{lap.unit.slug}-keuangan",
        nomor="Tabel 4.1",
        judul=f"Realisasi Keuangan {lap.unit.jabatan_kepala} Triwulan "
        f"{ROMAWI[lap.triwulan]} Tahun {lap.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=5),
            Kolom("Program / Kegiatan / Sub Kegiatan", lebar=44),
            Kolom("Anggaran (Pagu)", Format.RUPIAH, lebar=16),
            Kolom(
                periode,
                anak=(
                    Kolom("Target", Format.RUPIAH, lebar=16),
                    Kolom("Realisasi", Format.RUPIAH, lebar=16),
                    Kolom("Capaian", Format.PERSEN, lebar=10),
                ),
            ),
        ),
        baris=tuple(
            baris(
                b.nomor,
                b.nama,
                b.angka.pagu,
                b.angka.target,
                b.angka.realisasi,
                b.angka.serapan,
            )
            for b in lap.baris_keuangan
        ),
        kaki=(
            baris(
                Sel("Jumlah", rentang=2),
                total.pagu,
                total.target,
                total.realisasi,
                "",
                jenis=JenisBaris.JUMLAH,
            ),
            baris(
                Sel(
                    "Rata-rata Capaian Keuangan (jumlah realisasi / jumlah target)",
                    rentang=5,
                ),
                total.serapan,
                jenis=JenisBaris.JUMLAH,
            ),
        )
        if lap.baris_keuangan
        else (),
        kosong="Unit ini tidak memegang anggaran.",
    )


def _tabel_tindak_lanjut(pohon: PohonTahun, lap: LaporanUnit) -> Tabel:
    """Rencana Tindak Lanjut (seed 002): per budget line the evaluation the figures
    give, and the follow-up and obstacles the unit wrote for its indicators."""
    rows = []
    for b in lap.baris_keuangan:
        realisasi = [
            r
            for i in pohon.indikator_di_bawah(b.simpul)
            if i.unit_kerja_id == lap.unit.pk
            and (r := pohon.realisasi_triwulan(i)) is not None
        ]
        evaluasi = (
            f"Serapan anggaran {lap.label_keuangan} sebesar "
            f"{format_persen(b.angka.serapan)}, dengan capaian kinerja "
            f"{lap.label_kinerja} sebesar "
            f"{format_persen(b.capaian_kinerja)}."
        )
        rows.append(
            baris(
                b.simpul.kode or "-",
                b.nama,
                evaluasi,
                gabung_teks(*(r.tindak_lanjut for r in realisasi)) or "-",
                gabung_teks(*(r.kendala for r in realisasi)) or "-",
            )
        )
    return Tabel(
        kunci=f"{lap.unit.slug}-tindak-lanjut",
        nomor="Tabel 4.2",
        judul=f"Rencana Tindak Lanjut {lap.unit.jabatan_kepala}",
        kolom=(
            Kolom("Kode Kegiatan", lebar=14),
            Kolom("Nama Kegiatan", lebar=30),
            Kolom("Evaluasi", lebar=30),
            Kolom("Tindak Lanjut", lebar=34),
            Kolom("Keterangan (Kendala)", lebar=30),
        ),
        baris=tuple(rows),
        kosong="Unit ini tidak memegang anggaran.",
    )


def _tabel_penutup(lap: LaporanUnit) -> Tabel:
    return Tabel(
        kunci=f"{lap.unit.slug}-penutup",
        nomor="Tabel 5.1",
        judul="Rata-rata Capaian Kinerja dan Keuangan",
        kolom=(
            Kolom("Rata-rata Capaian Kinerja", Format.PERSEN, lebar=24),
            Kolom("Rata-rata Capaian Keuangan", Format.PERSEN, lebar=24),
        ),
        baris=(baris(lap.rata_rata_kinerja.nilai, lap.total_keuangan.serapan),),
        lebar_penuh=False,
    )


# --- BAB III analysis ---


def _induk(pohon: PohonTahun, b: BarisKinerja) -> Simpul | None:
    simpul = b.simpul
    if isinstance(simpul, SubKegiatan):
        return pohon.kegiatan_by_id[simpul.kegiatan_id]
    if isinstance(simpul, Kegiatan):
        return pohon.program_by_id[simpul.program_id]
    return None


def _analisis(
    pohon: PohonTahun, lap: LaporanUnit, tingkat: str | None
) -> list[KelompokAnalisis]:
    """The unit's indicators grouped under the kegiatan (or program) above them, each
    group with its own figures, as seed 000's "Analisis Capaian Kinerja"."""
    kelompok: dict[int | None, tuple[Simpul | None, list[BarisKinerja]]] = {}
    for b in _baris_tingkat(lap, tingkat):
        induk = _induk(pohon, b)
        kunci = None if induk is None else id(induk)
        kelompok.setdefault(kunci, (induk, []))[1].append(b)
    hasil = []
    for n, (induk, daftar) in enumerate(kelompok.values(), start=1):
        sendiri = [] if induk is None else pohon.indikator_dari(induk)
        angka = pohon.angka(sendiri[0]) if sendiri else None
        kolom = _kolom_capaian(lap, NAMA_TINGKAT.get(tingkat, "Kegiatan"))
        rincian = []
        nomor = 0
        for b in daftar:
            if b.nama:
                nomor += 1
            nama = b.nama or (b.simpul.nama if b.simpul else "")
            rincian.append(
                RincianAnalisis(
                    baris=b,
                    tabel=Tabel(
                        kunci=f"analisis-{b.indikator.pk}",
                        nomor="",
                        judul="",
                        kolom=kolom,
                        baris=(_sel_capaian(lap, b, "1", nama),),
                    ),
                )
            )
        hasil.append(
            KelompokAnalisis(
                nomor=n,
                nama="" if induk is None else induk.nama,
                tingkat_anak=NAMA_TINGKAT.get(tingkat, "Kegiatan").lower(),
                angka=angka,
                satuan=sendiri[0].satuan if sendiri else "",
                capaian=None if induk is None else pohon.capaian_simpul(induk),
                rincian=rincian,
            )
        )
    return hasil


# --- the bundle of unit reports ---


def bundel(
    *, tahun_anggaran: TahunAnggaran, triwulan: int, unit: list[UnitKerja]
) -> list[DokumenUnit]:
    """The reports of the given units (in the given order) that have something to
    report this year, sharing one reading of the year."""
    pohon = PohonTahun(tahun_anggaran, triwulan)
    return [_dokumen_unit(pohon, u) for u in unit if pohon.berisi(u.pk)]
