"""BAB III Akuntabilitas Kinerja of the office report: IKU capaian beside last
year's, each program's averaging formula with its kegiatan and charts, and the
realisasi belanja table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reports import grafik, kinerja
from reports.kinerja import AngkaAnggaran, AngkaKinerja, Rerata
from reports.laporan.bagian import Penomoran
from reports.laporan.opd.umum import Gambar, telusuri
from reports.models import (
    ROMAWI,
    UNSUR_IKM,
    DasarCapaian,
    Indikator,
    Kegiatan,
    Program,
    Realisasi,
    SubKegiatan,
    UnitKerja,
)
from reports.selectors import PohonTahun, Simpul
from reports.selectors_kantor import BarisPendapatan, BarisTindakLanjut, HasilSurvei
from reports.tabel import Format, JenisBaris, Kolom, Sel, Tabel, baris, gabung_teks
from reports.templatetags.format_id import format_nilai, format_persen, format_tanggal


@dataclass(frozen=True)
class RincianIndikator:
    """An entered indicator in BAB III: its figures, narrative and chart (None
    when there is nothing to chart: no target and no realisation)."""

    simpul: Simpul
    indikator: Indikator
    angka: AngkaKinerja
    realisasi: Realisasi | None
    gambar: Gambar | None


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
    capaian: Decimal | None


def tabel_capaian_iku(
    pohon: PohonTahun, pohon_lalu: PohonTahun | None, label: str
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
        nomor="",
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
    )


def kalimat_iku(pohon: PohonTahun, pohon_lalu: PohonTahun | None) -> list[str]:
    """Per IKU indicator, the sentence that states its figures (Tabel 3.1's),
    printed under the table and before the planner's analysis, which is
    narrative only."""
    tahun = pohon.tahun_anggaran.tahun
    lalu = {}
    if pohon_lalu is not None:
        lalu = {i.iku_id: pohon_lalu.angka(i) for i in pohon_lalu.indikator_iku()}
    hasil = []
    for i in pohon.indikator_iku():
        a = pohon.angka(i)
        if a.realisasi is None:
            continue  # Tabel 3.1 shows it "-"; there is no figure to state
        kalimat = (
            f"Indikator {i.nama} {pohon.label_kinerja} Tahun {tahun}: target "
            f"{format_nilai(a.target, i.satuan)}, realisasi "
            f"{format_nilai(a.realisasi, i.satuan)}, capaian "
            f"{format_persen(a.capaian)}"
            + (f" (predikat {a.predikat})" if a.predikat else "")
        )
        dulu = lalu.get(i.iku_id)
        if dulu is not None and dulu.realisasi is not None:
            kalimat += (
                f"; tahun {tahun - 1}: realisasi "
                f"{format_nilai(dulu.realisasi, i.satuan)}, capaian "
                f"{format_persen(dulu.capaian)}"
            )
        hasil.append(kalimat + ".")
    return hasil


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
        seri = pohon.seri(i)
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
                    grafik=grafik.grafik_batang(seri),
                )
                if seri
                else None,
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
            # Unnumbered, as seed 001 prints the table under each kegiatan.
            tabel = Tabel(
                kunci=f"kegiatan-{keg.pk}",
                nomor="",
                lembar=f"Kegiatan {n}.{k}",
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
                capaian=pohon.capaian_simpul(p),
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


def tabel_anggaran(pohon: PohonTahun) -> Tabel:
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
    # The names take the width; a long kendala (a paragraph, as seed 001's) takes
    # some of it back, so that its row is not taller than a landscape page.
    kendala_terpanjang = max((len(r.sel[-1].nilai or "") for r in rows), default=0)
    lebar_nama, lebar_kendala = (42, 34) if kendala_terpanjang > 400 else (44, 26)
    return Tabel(
        kunci="realisasi-anggaran",
        nomor="",
        judul=f"Laporan Realisasi Belanja {label} Tahun {pohon.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=5, nomor="(1)"),
            Kolom("Program / Kegiatan / Sub Kegiatan", lebar=lebar_nama, nomor="(2)"),
            Kolom("Kode", lebar=9, nomor="(3)", opsional=True),
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
            Kolom(
                "Permasalahan / Kendala",
                lebar=lebar_kendala,
                nomor="(12)",
                opsional=True,
            ),
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
    )


def tabel_ikm(hasil: HasilSurvei, periode: str) -> Tabel:
    """The IKM computation of a quarter's survey (seed 004): per unsur the answers
    and the NRR, then the unit's value, the IKM and its mutu."""
    ikm = hasil.hasil
    jawaban = hasil.dari_jawaban
    kolom_jawaban = (
        (
            Kolom(
                "Jumlah Jawaban",
                anak=tuple(
                    Kolom(str(skor), Format.ANGKA, lebar=6) for skor in (1, 2, 3, 4)
                ),
            ),
        )
        if jawaban
        else ()
    )
    rows = []
    for n, (nama, u, nrr) in enumerate(
        zip(UNSUR_IKM, hasil.unsur, hasil.nrr, strict=True), start=1
    ):
        isi_jawaban = (
            [None if u is None or u.nrr is not None else v for v in u.jawaban]
            if jawaban and u is not None
            else [None] * 4
        )
        rows.append(
            baris(
                str(n),
                nama,
                *(isi_jawaban if jawaban else ()),
                nrr,
                None if ikm is None else ikm.nrr_tertimbang[n - 1],
            )
        )
    lebar = 2 + (4 if jawaban else 0) + 1
    responden = hasil.survei.jumlah_responden
    return Tabel(
        kunci="ikm",
        nomor="",
        judul=f"Indeks Kepuasan Masyarakat {periode}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Unsur Pelayanan", lebar=36),
            *kolom_jawaban,
            Kolom("NRR", Format.NRR, lebar=9),
            Kolom("NRR Tertimbang (NRR × 1/9)", Format.NRR, lebar=11),
        ),
        baris=tuple(rows),
        kaki=(
            baris(
                Sel("Nilai IKM unit pelayanan (jumlah NRR tertimbang)", rentang=lebar),
                None if ikm is None else ikm.nilai_unit,
                jenis=JenisBaris.JUMLAH,
            ),
            baris(
                Sel("IKM (nilai IKM unit × 25)", rentang=lebar),
                Sel(None if ikm is None else ikm.ikm, Format.ANGKA),
                jenis=JenisBaris.JUMLAH,
            ),
            baris(
                Sel("Mutu pelayanan", rentang=lebar),
                "-" if ikm is None else f"{ikm.mutu} ({ikm.kinerja})",
                jenis=JenisBaris.JUMLAH,
            ),
        ),
        catatan=(f"Jumlah responden: {responden}. " if responden is not None else "")
        + "NRR per unsur = jumlah (skor × jumlah jawaban) / jumlah jawaban; IKM = "
        "rata-rata NRR kesembilan unsur × 25 (Peraturan Menteri PANRB Nomor 14 "
        "Tahun 2017)."
        + (f" {hasil.survei.keterangan}" if hasil.survei.keterangan else ""),
    )


def tabel_skala_ikm() -> Tabel:
    """The mutu scale the IKM is placed on (PermenPANRB 14/2017)."""

    def rentang(bawah: Decimal, atas: Decimal) -> str:
        # As the regulation prints them, each with its own decimals (1,00; 2,5996).
        return " - ".join(f"{n:f}".replace(".", ",") for n in (bawah, atas))

    return Tabel(
        kunci="skala-ikm",
        nomor="",
        judul="Nilai Persepsi, Interval IKM, Interval Konversi IKM, Mutu Pelayanan "
        "dan Kinerja Unit Pelayanan",
        kolom=(
            Kolom("Nilai Persepsi", lebar=10),
            Kolom("Nilai Interval (NI)", lebar=18),
            Kolom("Nilai Interval Konversi (NIK)", lebar=18),
            Kolom("Mutu Pelayanan", lebar=10),
            Kolom("Kinerja Unit Pelayanan", lebar=18),
        ),
        baris=tuple(
            baris(
                str(p.nilai_persepsi),
                rentang(*p.interval_nrr),
                rentang(*p.interval_ikm),
                p.mutu,
                p.kinerja,
            )
            for p in kinerja.SKALA_MUTU_IKM
        ),
        lebar_penuh=False,
    )


def tabel_realisasi_pendapatan(
    pendapatan: list[BarisPendapatan], label: str, tahun: int
) -> Tabel:
    """Revenue received against the target (seed 001, second Tabel 3.6)."""
    kelompok = [b for b in pendapatan if b.pendapatan.induk_id is None]
    total = kinerja.total_anggaran(b.angka for b in kelompok)
    return Tabel(
        kunci="realisasi-pendapatan",
        nomor="",
        judul=f"Realisasi Pendapatan {label} Tahun {tahun}",
        kolom=(
            Kolom("No", lebar=6),
            Kolom("Jenis Pendapatan", lebar=40),
            Kolom("Anggaran (Rp)", Format.RUPIAH, lebar=16),
            Kolom(f"Target {label} (Rp)", Format.RUPIAH, lebar=16),
            Kolom(f"Realisasi {label} (Rp)", Format.RUPIAH, lebar=16),
            Kolom("%", Format.PERSEN, lebar=10),
        ),
        baris=tuple(
            baris(
                b.nomor,
                b.pendapatan.uraian,
                b.angka.pagu,
                b.angka.target,
                b.angka.realisasi,
                b.angka.serapan,
                jenis=JenisBaris.JUDUL if b.kelompok else JenisBaris.BIASA,
            )
            for b in pendapatan
        ),
        kaki=(
            baris(
                Sel("Jumlah Pendapatan", rentang=2),
                total.pagu,
                total.target,
                total.realisasi,
                total.serapan,
                jenis=JenisBaris.JUMLAH,
            ),
        )
        if len(kelompok) > 1
        else (),
        catatan="Persentase = realisasi / target × 100, dihitung program.",
    )


def tabel_tindak_lanjut(matriks: list[BarisTindakLanjut], periode: str) -> Tabel:
    """The matriks tindak lanjut hasil evaluasi as at the quarter (seed 004)."""
    rows = []
    for n, b in enumerate(matriks, start=1):
        r = b.rekomendasi
        status = []
        if b.progres is not None:
            status.append(b.progres.uraian)
            if not b.progres_kini:
                status.append(
                    f"(keadaan per Triwulan {ROMAWI[b.progres.triwulan]} "
                    f"{b.progres.tahun})"
                )
        if b.selesai_kini:
            status.append("Selesai.")
        rows.append(
            baris(
                str(n),
                r.sumber,
                r.rekomendasi,
                r.rencana_aksi or "-",
                r.unit_kerja.nama if r.unit_kerja else "",
                format_tanggal(r.batas_waktu) if r.batas_waktu else "",
                " ".join(status) or "-",
            )
        )
    return Tabel(
        kunci="tindak-lanjut",
        nomor="",
        judul=f"Matriks Tindak Lanjut Hasil Evaluasi {periode}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Sumber Evaluasi", lebar=13),
            Kolom("Rekomendasi", lebar=34),
            Kolom("Rencana Aksi Tindak Lanjut", lebar=24),
            Kolom("Penanggung Jawab", lebar=13, opsional=True),
            Kolom("Batas Waktu", lebar=11, opsional=True),
            Kolom("Status / Progres Penyelesaian", lebar=26),
        ),
        baris=tuple(rows),
        catatan="Rekomendasi yang belum selesai dibawa ke laporan triwulan dan tahun "
        "berikutnya sampai dinyatakan selesai.",
    )
