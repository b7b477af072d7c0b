"""The Laporan Kinerja Triwulan of one unit (seeds 000, 002, 003) and the bundle of
an office's unit reports (seed 002)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reports import kinerja, selectors
from reports.kinerja import AngkaKinerja, Rerata
from reports.laporan.bagian import Pengesahan, Penomoran, huruf_bagian, lambang_uri
from reports.models import (
    ROMAWI,
    DasarCapaian,
    Indikator,
    Kegiatan,
    LaporanTriwulan,
    PerangkatDaerah,
    Program,
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
from reports.templatetags.format_id import format_persen, format_rupiah

Tingkat = Indikator.Tingkat
NAMA_TINGKAT = {
    Tingkat.IKU: "Sasaran",
    Tingkat.PROGRAM: "Program",
    Tingkat.KEGIATAN: "Kegiatan",
    Tingkat.SUB_KEGIATAN: "Sub Kegiatan",
}


@dataclass(frozen=True)
class RincianAnalisis:
    """One indicator of the unit in BAB III's analysis: its figures, narrative and
    the small capaian table under it."""

    baris: BarisKinerja
    tabel: Tabel


@dataclass(frozen=True)
class KelompokAnalisis:
    """A kegiatan (or program) of BAB III's analysis with the unit's indicators of
    the items below it. Its sentence states a figure at its own level: the
    item's own indicator where the unit holds it, else the mean of the rows
    under it (the table next to it), never the item's figure over other units'
    rows."""

    nomor: int
    nama: str
    jenis: str  # "Kegiatan" or "Program": what heads the group; "" for none
    tingkat_anak: str  # "sub kegiatan" ...
    angka: AngkaKinerja | None  # of its own indicator, when the unit holds it
    satuan: str
    rerata: Rerata  # the mean capaian of the rows below
    jumlah_anak: int  # the items below, of this unit
    rincian: list[RincianAnalisis]


@dataclass(frozen=True)
class DokumenUnit:
    """The Laporan Kinerja Triwulan of one unit. A table that would have nothing
    in it is None, and its section is left out (``bagian`` letters the rest)."""

    lap: LaporanUnit
    tingkat: str | None  # the level the unit reports on
    tabel_pk: Tabel | None
    tabel_anggaran: Tabel | None
    tabel_rencana_aksi: Tabel | None
    tabel_capaian: Tabel | None
    tabel_rencana: Tabel | None
    tabel_biaya: Tabel | None
    tabel_keuangan: Tabel | None
    tabel_tindak_lanjut: Tabel | None
    tabel_penutup: Tabel | None
    analisis: list[KelompokAnalisis]
    bagian: dict[str, str]  # the lettered titles of the sections printed
    penanda_tangan: Pengesahan
    mengetahui: Pengesahan | None  # the superior, only once the report is approved
    lambang: str  # the pemda's lambang for the cover (a data: URI), or ""

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

    @property
    def tugas_pokok(self) -> tuple[list[str], list[str]]:
        return self.unit.uraian_tugas_pokok

    @property
    def keterangan_rata_rata(self) -> str:
        """How BAB V's two averages were taken, from the figures they hold."""
        kinerja_, keuangan = self.lap.rata_rata_kinerja, self.lap.total_keuangan
        bagian = []
        if kinerja_.jumlah:
            bagian.append(
                "rata-rata capaian kinerja adalah rata-rata capaian "
                f"{kinerja_.jumlah} indikator yang berisi nilai"
            )
        if keuangan.serapan is not None:
            bagian.append(
                "rata-rata capaian keuangan adalah jumlah realisasi "
                f"({format_rupiah(keuangan.realisasi)}) dibagi jumlah target "
                f"({format_rupiah(keuangan.target)})"
            )
        if not bagian:
            return ""
        kalimat = "; ".join(bagian)
        return f"{kalimat[0].upper()}{kalimat[1:]}."

    def tabel(self) -> list[Tabel]:
        """Every table printed, in print order (for the xlsx)."""
        return [
            t
            for t in (
                self.tabel_pk,
                self.tabel_anggaran,
                self.tabel_rencana_aksi,
                self.tabel_capaian,
                self.tabel_rencana,
                self.tabel_biaya,
                self.tabel_keuangan,
                self.tabel_tindak_lanjut,
                self.tabel_penutup,
            )
            if t is not None
        ]


def dokumen_unit(
    *, unit: UnitKerja, tahun_anggaran: TahunAnggaran, triwulan: int
) -> DokumenUnit:
    """One unit's quarterly report, read in a fixed number of queries."""
    return _dokumen_unit(
        PohonTahun(tahun_anggaran, triwulan), unit, lambang_uri(unit.opd.pemda)
    )


def _dokumen_unit(pohon: PohonTahun, unit: UnitKerja, lambang: str) -> DokumenUnit:
    lap = selectors.laporan_unit_dari(pohon, unit)
    laporan = lap.laporan
    tingkat = pohon.tingkat_unit(unit)
    atasan = unit.atasan
    disetujui = laporan is not None and laporan.terkunci
    nomor = Penomoran(2)
    pk = nomor.tabel(_tabel_pk(lap))
    anggaran = nomor.tabel(_tabel_anggaran(lap))
    rencana_aksi = nomor.tabel(_tabel_rencana_aksi(pohon, lap))
    nomor.bab(3)
    capaian = nomor.tabel(_tabel_capaian(lap, tingkat))
    rencana = nomor.tabel(_tabel_rencana(lap, tingkat))
    biaya = nomor.tabel(_tabel_biaya(pohon, lap))
    nomor.bab(4)
    keuangan = nomor.tabel(_tabel_keuangan(lap))
    tindak_lanjut = nomor.tabel(_tabel_tindak_lanjut(pohon, lap))
    nomor.bab(5)
    penutup = nomor.tabel(_tabel_penutup(lap))
    analisis = _analisis(pohon, lap, tingkat)
    tugas, butir = unit.uraian_tugas_pokok
    return DokumenUnit(
        lap=lap,
        tingkat=tingkat,
        tabel_pk=pk,
        tabel_anggaran=anggaran,
        tabel_rencana_aksi=rencana_aksi,
        tabel_capaian=capaian,
        tabel_rencana=rencana,
        tabel_biaya=biaya,
        tabel_keuangan=keuangan,
        tabel_tindak_lanjut=tindak_lanjut,
        tabel_penutup=penutup,
        analisis=analisis,
        bagian=huruf_bagian(
            [
                ("tugas_pokok", "Tugas Pokok", bool(tugas or butir)),
                ("fungsi", "Fungsi", bool(unit.daftar_fungsi)),
            ]
        )
        | huruf_bagian(
            [
                ("pk", "Perjanjian Kinerja", pk is not None),
                ("anggaran", "Anggaran", anggaran is not None),
                ("rencana_aksi", "Rencana Aksi", rencana_aksi is not None),
            ]
        )
        | huruf_bagian(
            [
                ("capaian", "Capaian Kinerja", capaian is not None),
                ("analisis", "Analisis Capaian Kinerja", bool(analisis)),
                ("biaya", "Cost per Outcome", biaya is not None),
            ]
        )
        | huruf_bagian(
            [
                ("tindak_lanjut", "Rencana Tindak Lanjut", tindak_lanjut is not None),
                (
                    "disposisi",
                    "Pengesahan"
                    if atasan is None
                    else "Ruang Disposisi Tanggapan Atasan Langsung",
                    True,
                ),
            ]
        ),
        penanda_tangan=Pengesahan(unit.jabatan_kepala, unit.kepala),
        mengetahui=(
            Pengesahan(atasan.jabatan_kepala, atasan.kepala)
            if disetujui and atasan is not None
            else None
        ),
        lambang=lambang,
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
        nomor="",
        judul=f"Perjanjian Kinerja {lap.unit.nama} Tahun {lap.tahun_anggaran.tahun}",
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
                # A heading row has no indicator, so no target: not a missing one.
                b.angka.target_tahunan if b.angka else "",
                b.indikator.satuan if b.indikator else "",
                jenis=_jenis(b),
            )
            for b in lap.baris_kinerja
        ),
        nomor_kolom=True,
    )


def _tabel_anggaran(lap: LaporanUnit) -> Tabel:
    return Tabel(
        kunci=f"{lap.unit.slug}-anggaran",
        nomor="",
        judul=f"Anggaran {lap.unit.nama} Tahun {lap.tahun_anggaran.tahun}{_tahap(lap)}",
        kolom=(
            Kolom("No", lebar=5),
            Kolom("Program / Kegiatan / Sub Kegiatan", lebar=50),
            Kolom("Anggaran (Rp)", Format.RUPIAH, lebar=18),
            Kolom("Sumber Dana", lebar=18, opsional=True),
        ),
        baris=tuple(
            baris(b.nomor, b.nama, b.angka.pagu, b.sumber_dana)
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
    )


def _tabel_rencana_aksi(pohon: PohonTahun, lap: LaporanUnit) -> Tabel:
    """The plan per quarter: targets and planned disbursement. A quarter's column
    with nothing planned in it is left out; with nothing planned per quarter at
    all (a plan of yearly targets only) the table has nothing to say."""
    triwulan = [
        Kolom(
            f"TW {ROMAWI[q]}",
            anak=(
                Kolom("Target", Format.ANGKA, lebar=8, opsional=True),
                Kolom("Rp", Format.RUPIAH, lebar=14, opsional=True),
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
        target = pohon.target(b.indikator)[1] if b.indikator else [""] * 4
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
    if not any(
        s.nilai not in (None, "") for b in rows for s in b.sel[4:]
    ):  # nothing planned per quarter: the PK table already says it all
        rows = []
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
        nomor="",
        judul=f"Rencana Aksi {lap.unit.nama} Tahun {lap.tahun_anggaran.tahun}"
        f"{_tahap(lap)}",
        kolom=(
            Kolom("No", lebar=5),
            Kolom("Program / Kegiatan / Sub Kegiatan", lebar=28),
            Kolom("Indikator Kinerja", lebar=30),
            Kolom("Satuan", lebar=9),
            *triwulan,
        ),
        baris=tuple(rows),
        kaki=kaki if rows and lap.baris_keuangan else (),
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
        nomor="",
        judul=f"Capaian Kinerja {lap.unit.nama} Triwulan {ROMAWI[lap.triwulan]} "
        f"Tahun {lap.tahun_anggaran.tahun}",
        kolom=kolom,
        baris=tuple(rows),
        kaki=kaki if rows else (),
    )


def _pembanding(lap: LaporanUnit) -> str:
    """The target a capaian of the report compares with, as the basis reads it."""
    if lap.dasar_kinerja == DasarCapaian.TAHUNAN:
        return "target tahunan"
    return f"target {lap.label_kinerja}"


def _keterangan_rencana(a: AngkaKinerja, pembanding: str) -> str:
    """Behind plan or not; where the plan s/d the quarter cannot be compared (an
    earlier quarter missing, no quarterly targets) it says which target it used."""
    status = a.di_belakang_rencana
    if status is None:
        return "-"
    dengan = "rencana" if a.capaian_rencana is not None else pembanding
    return f"{'Di bawah' if status else 'Sesuai'} {dengan}"


def _tabel_rencana(lap: LaporanUnit, tingkat: str | None) -> Tabel:
    """Each indicator against the year and against the Rencana Aksi s/d the quarter:
    below the yearly target mid-year is not behind plan. Without quarterly targets
    there is no plan s/d the quarter to compare with, and no table."""
    sd = f"s/d TW {ROMAWI[lap.triwulan]}"
    daftar = _baris_tingkat(lap, tingkat)
    if all(b.angka.target_sd is None for b in daftar):
        daftar = []
    rows, nomor = [], 0
    for b in daftar:
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
                _keterangan_rencana(a, _pembanding(lap)),
            )
        )
    return Tabel(
        kunci=f"{lap.unit.slug}-rencana",
        nomor="",
        judul=f"Capaian terhadap Target Tahunan dan Rencana Aksi {sd} {lap.unit.nama}",
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
        f"Rencana Aksi {sd}. Bila triwulan sebelumnya belum dilaporkan, yang "
        f"dibandingkan adalah {_pembanding(lap)}.",
    )


def _indikator_baris(pohon: PohonTahun, b: BarisKeuangan) -> list[Indikator]:
    """The indicators that measure a budget line: its own, or else those of the items
    below it."""
    sendiri = pohon.indikator_dari(b.simpul)
    if sendiri:
        return sendiri
    return [i for i in pohon.indikator_di_bawah(b.simpul) if not i.dari_turunan]


def _tabel_biaya(pohon: PohonTahun, lap: LaporanUnit) -> Tabel:
    """Cost per outcome (seeds 002, 003): budget against performance and
    efisiensi (10 = 9 - 6, in percentage points). The cost of one unit of output
    (11-13) only for a line measured by one indicator counted in units (orang,
    dokumen ...): Rupiah per percent means nothing, and the columns appear only
    when some line has it."""
    rows = []
    for b in lap.baris_keuangan:
        indikator = _indikator_baris(pohon, b)
        tunggal = pohon.angka(indikator[0]) if len(indikator) == 1 else None
        t_kinerja = None if tunggal is None else tunggal.target
        r_kinerja = None if tunggal is None else tunggal.realisasi
        terhitung = tunggal is not None and kinerja.satuan_terhitung(
            indikator[0].satuan
        )
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
                b.efisiensi,
                kinerja.biaya_per_output(anggaran=b.angka.target, output=t_kinerja)
                if terhitung
                else None,
                kinerja.biaya_per_output(anggaran=b.angka.realisasi, output=r_kinerja)
                if terhitung
                else None,
                indikator[0].satuan if terhitung else "",
            )
        )
    ada_biaya = any(r.sel[10].nilai is not None or r.sel[11].nilai for r in rows)
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
        nomor="",
        judul=f"Cost per Outcome {lap.unit.nama} Triwulan {ROMAWI[lap.triwulan]} "
        f"Tahun {lap.tahun_anggaran.tahun}",
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
            Kolom("Efisiensi (poin)", Format.POIN, lebar=9, nomor="10=9-6"),
            Kolom(
                "Biaya per Output (Rp per satuan)",
                anak=(
                    Kolom(
                        "Rencana",
                        Format.RUPIAH,
                        lebar=12,
                        nomor="11=4/7",
                        opsional=True,
                    ),
                    Kolom(
                        "Realisasi",
                        Format.RUPIAH,
                        lebar=12,
                        nomor="12=5/8",
                        opsional=True,
                    ),
                    Kolom("Satuan", lebar=9, nomor="13", opsional=True),
                ),
            ),
        ),
        baris=tuple(rows),
        kaki=kaki if rows else (),
        nomor_kolom=True,
        catatan="Efisiensi adalah capaian kinerja dikurangi capaian anggaran, dalam "
        "poin persen: positif berarti keluaran per rupiah lebih besar dari rencana."
        + (
            " Biaya per output dihitung hanya untuk kegiatan yang diukur dengan satu "
            "indikator bersatuan hitungan (orang, dokumen, laporan ...), tidak untuk "
            "persentase atau indeks."
            if ada_biaya
            else ""
        ),
    )


def _tabel_keuangan(lap: LaporanUnit) -> Tabel:
    periode = lap.label_keuangan
    total = lap.total_keuangan
    return Tabel(
        kunci=f"{lap.unit.slug}-keuangan",
        nomor="",
        judul=f"Realisasi Keuangan {lap.unit.nama} Triwulan {ROMAWI[lap.triwulan]} "
        f"Tahun {lap.tahun_anggaran.tahun}",
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
    )


def _evaluasi(b: BarisKeuangan, lap: LaporanUnit) -> str:
    """What the figures of a budget line say, for the Rencana Tindak Lanjut."""
    if b.angka.pagu == 0:
        bagian = [f"Tanpa anggaran (pagu {format_rupiah(0)})"]
    elif b.angka.serapan is None:
        bagian = [f"Serapan anggaran {lap.label_keuangan} belum dapat dihitung"]
    else:
        bagian = [
            f"Serapan anggaran {lap.label_keuangan} sebesar "
            f"{format_persen(b.angka.serapan)}"
        ]
    if b.capaian_kinerja is not None:
        bagian.append(
            f"capaian kinerja {lap.label_kinerja} sebesar "
            f"{format_persen(b.capaian_kinerja)}"
        )
    return ", dengan ".join(bagian) + "."


def _narasi(pohon: PohonTahun, b: BarisKeuangan) -> tuple[str, str]:
    """The tindak lanjut and kendala entered for a budget line: for its own
    indicators; where nothing was entered there (a kegiatan measured by the mean
    of its sub kegiatan), those entered for the items below it, whichever unit
    entered them, each introduced by the names of the items it was written for."""
    sendiri: dict[str, list[str]] = {"tindak_lanjut": [], "kendala": []}
    bawah: dict[str, dict[str, list[str]]] = {"tindak_lanjut": {}, "kendala": {}}
    for i in pohon.indikator_di_bawah(b.simpul):
        r = pohon.realisasi_triwulan(i)
        for kolom in sendiri:
            isi = "" if r is None else getattr(r, kolom).strip()
            if not isi:
                continue
            if i.induk == b.simpul:
                sendiri[kolom].append(isi)
            elif i.induk.nama not in bawah[kolom].setdefault(isi, []):
                bawah[kolom][isi].append(i.induk.nama)
    if any(sendiri.values()):
        return tuple(gabung_teks(*dict.fromkeys(sendiri[k])) for k in sendiri)
    return tuple(
        gabung_teks(*(f"{'; '.join(nama)}: {isi}" for isi, nama in bawah[k].items()))
        for k in bawah
    )


def _tabel_tindak_lanjut(pohon: PohonTahun, lap: LaporanUnit) -> Tabel:
    """Rencana Tindak Lanjut (seed 002): per budget line the evaluation the figures
    give, and the follow-up and obstacles entered for its indicators."""
    return Tabel(
        kunci=f"{lap.unit.slug}-tindak-lanjut",
        nomor="",
        judul=f"Rencana Tindak Lanjut {lap.unit.nama}",
        kolom=(
            Kolom("Kode Kegiatan", lebar=14, opsional=True),
            Kolom("Nama Kegiatan", lebar=30),
            Kolom("Evaluasi", lebar=30),
            Kolom("Tindak Lanjut", lebar=34, opsional=True),
            Kolom("Keterangan (Kendala)", lebar=30, opsional=True),
        ),
        baris=tuple(
            baris(b.simpul.kode, b.nama, _evaluasi(b, lap), *_narasi(pohon, b))
            for b in lap.baris_keuangan
        ),
    )


def _tabel_penutup(lap: LaporanUnit) -> Tabel:
    return Tabel(
        kunci=f"{lap.unit.slug}-penutup",
        nomor="",
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
    """The unit's indicators grouped under the kegiatan (or program) above them, as
    seed 000's "Analisis Capaian Kinerja"."""
    kelompok: dict[int | None, tuple[Simpul | None, list[BarisKinerja]]] = {}
    for b in _baris_tingkat(lap, tingkat):
        induk = _induk(pohon, b)
        kunci = None if induk is None else id(induk)
        kelompok.setdefault(kunci, (induk, []))[1].append(b)
    nama_tingkat = NAMA_TINGKAT.get(tingkat, "Kegiatan")
    kolom = _kolom_capaian(lap, nama_tingkat)
    hasil = []
    for n, (induk, daftar) in enumerate(kelompok.values(), start=1):
        sendiri = [
            i
            for i in ([] if induk is None else pohon.indikator_dari(induk))
            if i.unit_kerja_id == lap.unit.pk
        ]
        rincian = [
            RincianAnalisis(
                baris=b,
                tabel=Tabel(
                    kunci=f"analisis-{b.indikator.pk}",
                    nomor="",
                    judul="",
                    kolom=kolom,
                    baris=(
                        _sel_capaian(
                            lap, b, "1", b.nama or (b.simpul.nama if b.simpul else "")
                        ),
                    ),
                ),
            )
            for b in daftar
        ]
        hasil.append(
            KelompokAnalisis(
                nomor=n,
                nama="" if induk is None else induk.nama,
                jenis=""
                if induk is None
                else "Program"
                if isinstance(induk, Program)
                else "Kegiatan",
                tingkat_anak=nama_tingkat.lower(),
                angka=pohon.angka(sendiri[0]) if sendiri else None,
                satuan=sendiri[0].satuan if sendiri else "",
                rerata=pohon.rata_rata(b.angka.capaian for b in daftar),
                jumlah_anak=len({id(b.simpul) for b in daftar}),
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
    # The bundle has one cover (its own), none per unit: no lambang to read here.
    return [_dokumen_unit(pohon, u, "") for u in unit if pohon.berisi(u.pk)]
