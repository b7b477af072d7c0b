"""BAB III Akuntabilitas Kinerja of the office report: IKU capaian beside last
year's, each program's averaging formula with its kegiatan and charts, and the
realisasi belanja table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reports import grafik
from reports.kinerja import AngkaAnggaran, AngkaKinerja, Rerata
from reports.laporan.opd.umum import Gambar, Penomoran, telusuri
from reports.models import (
    DasarCapaian,
    Indikator,
    Kegiatan,
    Program,
    Realisasi,
    SubKegiatan,
    UnitKerja,
)
from reports.selectors import PohonTahun, Simpul
from reports.tabel import Format, JenisBaris, Kolom, Sel, Tabel, baris, gabung_teks


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


def tabel_capaian_iku(
    pohon: PohonTahun, pohon_lalu: PohonTahun | None, nomor: Penomoran, label: str
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
    pohon: PohonTahun, kegiatan: Kegiatan, nomor: Penomoran
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


def bagian_program(
    pohon: PohonTahun, unit: list[UnitKerja], nomor: Penomoran, label: str
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
    return gabung_teks(
        *(
            r.kendala
            for i in pohon.indikator_di_bawah(simpul)
            if (r := pohon.realisasi_triwulan(i)) is not None
        )
    )


def tabel_anggaran(pohon: PohonTahun, nomor: Penomoran) -> Tabel:
    """Realisasi belanja with seed 001's Tabel 3.6 columns (4)-(11)."""
    label = pohon.label_keuangan
    tahunan = pohon.dasar_keuangan != DasarCapaian.TRIWULAN

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
    for no, simpul in telusuri(pohon):
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
                if not tahunan or pohon.dasar_keuangan == DasarCapaian.KUMULATIF
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
