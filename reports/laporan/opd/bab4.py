"""BAB IV Penutup of the office report, and every sentence of the report's
running text that carries the year's figures (the kata pengantar's summary, the
kesimpulan). They are written here from the computed figures; what the planner
types around them is narrative only, and ``periksa_teks`` tells the planner where
typed text seems to state figures or a period of its own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from reports import kinerja
from reports.kinerja import AngkaAnggaran, AngkaKinerja, Rerata
from reports.models import ROMAWI, Indikator, Program
from reports.selectors import PohonTahun
from reports.templatetags.format_id import format_nilai, format_persen, format_rupiah


@dataclass(frozen=True)
class IndikatorTertinggal:
    """An entered indicator below its target, named under its program."""

    indikator: Indikator
    angka: AngkaKinerja


@dataclass(frozen=True)
class ProgramBelum:
    program: Program
    capaian: Decimal
    indikator: list[IndikatorTertinggal]


@dataclass(frozen=True)
class Ringkasan:
    """What the year's figures say, counted by the program."""

    jumlah_program: int
    tercapai: list[Program]
    belum: list[ProgramBelum]
    tanpa_nilai: list[Program]
    rata_rata_program: Rerata
    keuangan: AngkaAnggaran


def ringkasan(pohon: PohonTahun) -> Ringkasan:
    """Each program's capaian against its target (100 %), the mean over the
    programs, and the year's spending."""
    tercapai, belum, tanpa = [], [], []
    for p in pohon.program:
        capaian = pohon.capaian_simpul(p)
        status = kinerja.tercapai(capaian)
        if status is None:
            tanpa.append(p)
        elif status:
            tercapai.append(p)
        else:
            tertinggal = [
                IndikatorTertinggal(i, a)
                for i in pohon.indikator_di_bawah(p)
                if not i.dari_turunan
                and kinerja.tercapai((a := pohon.angka(i)).capaian) is False
            ]
            belum.append(ProgramBelum(p, capaian, tertinggal))
    return Ringkasan(
        jumlah_program=len(pohon.program),
        tercapai=tercapai,
        belum=belum,
        tanpa_nilai=tanpa,
        rata_rata_program=pohon.rata_rata(
            pohon.capaian_simpul(p) for p in pohon.program
        ),
        keuangan=pohon.total_keuangan(),
    )


def _keuangan(r: Ringkasan, label: str) -> str:
    k = r.keuangan
    if not k.pagu:
        return ""
    return (
        f"Realisasi belanja {label} {format_rupiah(k.realisasi)} dari target "
        f"{format_rupiah(k.target)} ({format_persen(k.serapan)}) atas anggaran "
        f"{format_rupiah(k.pagu)}."
    )


def kalimat_kata_pengantar(
    r: Ringkasan, *, nama_opd: str, periode: str, label: str
) -> str:
    """The kata pengantar's paragraph of figures, after the planner's opening."""
    if not r.jumlah_program:
        return ""
    bagian = [
        f"Sampai dengan {periode}, {len(r.tercapai)} dari {r.jumlah_program} program "
        f"{nama_opd} mencapai target yang ditetapkan, dengan rata-rata capaian "
        f"kinerja program {format_persen(r.rata_rata_program.nilai)}."
    ]
    if uang := _keuangan(r, label):
        bagian.append(uang)
    return " ".join(bagian)


def kalimat_kesimpulan(r: Ringkasan, *, label: str) -> list[str]:
    """BAB IV's conclusion from the figures: the programs on target, those below it
    with the indicators that hold them back, and the year's spending."""
    if not r.jumlah_program:
        return []
    kalimat = f"Dari {r.jumlah_program} program, {len(r.tercapai)} program mencapai "
    kalimat += "target yang ditetapkan"
    if r.belum:
        kalimat += f" dan {len(r.belum)} program belum mencapai target"
    if r.tanpa_nilai:
        kalimat += f"; {len(r.tanpa_nilai)} program belum berisi nilai"
    hasil = [
        f"{kalimat}. Rata-rata capaian kinerja program "
        f"{format_persen(r.rata_rata_program.nilai)}."
    ]
    for b in r.belum:
        teks = f"{b.program.nama} mencapai {format_persen(b.capaian)}"
        if b.indikator:
            rinci = "; ".join(
                f"{t.indikator.nama} target "
                f"{format_nilai(t.angka.target, t.indikator.satuan)}, realisasi "
                f"{format_nilai(t.angka.realisasi, t.indikator.satuan)}"
                for t in b.indikator
            )
            teks += f" ({rinci})"
        hasil.append(teks + ".")
    if uang := _keuangan(r, label):
        hasil.append(uang)
    return hasil


@dataclass(frozen=True)
class FaktaTeks:
    """The sentences of figures the report prints around the planner's texts."""

    kata_pengantar: str  # after the kata pengantar's opening paragraph
    kesimpulan: list[str]  # before the typed kesimpulan


def fakta_teks(pohon: PohonTahun, *, nama_opd: str) -> FaktaTeks:
    """What the report states from the figures in the kata pengantar and the
    kesimpulan: printed in the report, and shown to the planner beside the text
    boxes so that the typed text does not contradict it."""
    r = ringkasan(pohon)
    periode = f"Triwulan {ROMAWI[pohon.triwulan]} Tahun {pohon.tahun_anggaran.tahun}"
    return FaktaTeks(
        kata_pengantar=kalimat_kata_pengantar(
            r, nama_opd=nama_opd, periode=periode, label=pohon.label_keuangan
        ),
        kesimpulan=kalimat_kesimpulan(r, label=pohon.label_keuangan),
    )


def kata_pengantar_baku(*, judul: str, nama_opd: str) -> str:
    """The kata pengantar printed when the planner has typed none."""
    return (
        "Puji dan syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, sehingga "
        f"{judul} {nama_opd} dapat tersusun. Laporan ini disusun berdasarkan "
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas "
        "Kinerja Instansi Pemerintah dan Peraturan Menteri Pendayagunaan Aparatur "
        "Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014, sebagai wujud "
        f"pertanggungjawaban atas pelaksanaan tugas dan fungsi {nama_opd}.\n\n"
        "Semoga laporan ini bermanfaat sebagai bahan evaluasi dan perbaikan kinerja "
        "pada periode berikutnya."
    )


def paragraf_kata_pengantar(teks: str, fakta: str) -> list[str]:
    """The kata pengantar as printed: the planner's paragraphs with the paragraph
    of figures after the first of them (the opening)."""
    paragraf = [p.strip() for p in re.split(r"\n\s*\n", teks) if p.strip()]
    if fakta:
        paragraf[1:1] = [fakta]
    return paragraf


TRIWULAN_DISEBUT = re.compile(
    r"\b(?:triwulan|tw)\.?\s*(?:ke[\s-]*)?(I{1,3}V?|IV|[1-4])\b", re.IGNORECASE
)
ANGKA_DISEBUT = re.compile(
    r"\d+(?:[.,]\d+)*\s*(?:%|persen\b|program\b|kegiatan\b|indikator\b)", re.IGNORECASE
)
ARAB = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def periksa_teks(teks: str, *, triwulan: int) -> list[str]:
    """What a typed text of the office report seems to state that the program
    computes, for the planner to check (never printed): another quarter than the
    report's, or percentages and counts of programs, kegiatan or indicators."""
    catatan = []
    lain = sorted(
        {
            ARAB.get(m.group(1), m.group(1).upper())
            for m in TRIWULAN_DISEBUT.finditer(teks)
        }
        - {ROMAWI[triwulan]}
    )
    if lain:
        catatan.append(
            f"Teks menyebut Triwulan {', '.join(lain)}, padahal laporan ini Triwulan "
            f"{ROMAWI[triwulan]}."
        )
    angka = sorted({m.group(0) for m in ANGKA_DISEBUT.finditer(teks)})
    if angka:
        catatan.append(
            "Teks memuat angka capaian atau jumlah ("
            + ", ".join(angka[:5])
            + (" ..." if len(angka) > 5 else "")
            + "). Kalimat angka dicetak program dari data (lihat kotak di dekatnya); "
            "teks ketikan sebaiknya hanya uraian, agar tidak bertentangan."
        )
    return catatan
