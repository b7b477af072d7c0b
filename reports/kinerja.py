"""The arithmetic of quarterly performance reporting (SAKIP).

Every derived figure of LAKIP is computed here and only here: capaian, serapan,
efisiensi, biaya per output, year-to-date values, means, totals, sisa and selisih,
predikat and IKM. The formulas are those of ``docs/domain.md``.

Rules that hold for every function:

- Numbers are ``Decimal``; there are no floats anywhere.
- A missing value is ``None``. Missing in, missing out: a figure computed from a missing
  value is missing, and a division by a zero denominator is missing, never an error.
- Nothing is rounded. Rounding to two decimals happens only when a value is displayed
  (``bulatkan``), so that a total and its parts never drift apart.

This module imports nothing from Django; it is tested without a database.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, getcontext
from enum import StrEnum

SERATUS = Decimal(100)
# A capaian above this is allowed but unusual enough to ask the user to confirm it.
CAPAIAN_PERLU_KONFIRMASI = Decimal(150)
NOL = Decimal(0)
JUMLAH_TRIWULAN = 4


class Polaritas(StrEnum):
    POSITIF = "positif"  # higher is better
    NEGATIF = "negatif"  # lower is better (e.g. the number of disturbances)


class CaraAkumulasi(StrEnum):
    JUMLAH = "jumlah"  # counts: year-to-date is the sum of the quarters
    NILAI_AKHIR = "nilai_akhir"  # levels, percentages: year-to-date is the latest value
    RATA_RATA = "rata_rata"  # year-to-date is the mean of the quarters


class DasarCapaian(StrEnum):
    """What a quarter's capaian measures, as an office and year decide."""

    TRIWULAN = "triwulan"  # the quarter's realisation against the quarter's target
    KUMULATIF = "kumulatif"  # realisation s/d TW n against the target s/d TW n
    TAHUNAN = "tahunan"  # realisation s/d TW n against the yearly target


# --- ratios ---


def persen(pembilang: Decimal | None, penyebut: Decimal | None) -> Decimal | None:
    """``pembilang / penyebut x 100``; missing when either is missing or the
    denominator is zero."""
    if pembilang is None or penyebut is None or penyebut == 0:
        return None
    return pembilang * SERATUS / penyebut


def capaian(
    *,
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: str = Polaritas.POSITIF,
) -> Decimal | None:
    """Capaian kinerja in percent.

    Higher is better: ``realisasi / target x 100``. Lower is better (PermenPANRB
    "kondisi khusus"): ``(2 x target - realisasi) / target x 100``, floored at 0, so
    that a realisation at or beyond twice the target achieves nothing rather than less.
    """
    if polaritas == Polaritas.NEGATIF:
        if target is None or realisasi is None:
            return None
        hasil = persen(2 * target - realisasi, target)
        return None if hasil is None else max(hasil, NOL)
    return persen(realisasi, target)


def serapan(*, realisasi: Decimal | None, anggaran: Decimal | None) -> Decimal | None:
    """Capaian keuangan (serapan anggaran) in percent: realisasi / anggaran x 100.

    The caller decides the denominator: the quarter's planned disbursement for a
    quarterly view, the pagu for the year.
    """
    return persen(realisasi, anggaran)


def efisiensi(
    *, capaian_kinerja: Decimal | None, capaian_anggaran: Decimal | None
) -> Decimal | None:
    """Efisiensi in percentage points (seed 002's column ``10 = 9 - 6``).

    Positive means more output per Rupiah than planned.
    """
    if capaian_kinerja is None or capaian_anggaran is None:
        return None
    return capaian_kinerja - capaian_anggaran


def biaya_per_output(
    *, anggaran: Decimal | None, output: Decimal | None
) -> Decimal | None:
    """Rupiah per unit of output: realisasi anggaran / realisasi output for the actual
    cost, pagu / target for the planned one."""
    if anggaran is None or output is None or output == 0:
        return None
    return anggaran / output


# Satuan that are not counts of things: a percentage, an index, a score. A cost per
# unit of them ("Rp per %") means nothing.
SATUAN_BUKAN_HITUNGAN = frozenset(
    {
        "%",
        "persen",
        "persentase",
        "nilai",
        "indeks",
        "index",
        "skor",
        "poin",
        "angka",
        "rasio",
        "predikat",
        "opini",
        "level",
        "tingkat",
        "kategori",
    }
)


def satuan_terhitung(satuan: str) -> bool:
    """Whether an indicator's satuan counts things (orang, dokumen, kegiatan,
    laporan ...), so that a biaya per output in Rupiah per unit means something;
    not for a percentage or an index (%, persen, nilai, indeks, skor ...)."""
    kata = satuan.strip().lower()
    if not kata or "%" in kata:
        return False
    return kata.split()[0] not in SATUAN_BUKAN_HITUNGAN


def nilai_rumus(
    *,
    pembilang: Decimal | None,
    penyebut: Decimal | None,
    pengali: Decimal = SERATUS,
) -> Decimal | None:
    """The value of an indicator computed from its components, e.g. complaints
    resolved / complaints received x 100."""
    if pembilang is None or penyebut is None or penyebut == 0:
        return None
    return pembilang * pengali / penyebut


# --- totals and means ---


def jumlah(nilai: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the values; missing when any of them is missing (a total with a hole
    in it is not a total). The sum of nothing is zero."""
    total = NOL
    for v in nilai:
        if v is None:
            return None
        total += v
    return total


def sisa(*, anggaran: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """Sisa anggaran (seed 001, Tabel 3.6 column 10 = 4 - 6), or selisih against the
    quarter's target (column 8 = 5 - 6) when given that target as ``anggaran``."""
    if anggaran is None or realisasi is None:
        return None
    return anggaran - realisasi


@dataclass(frozen=True)
class Rerata:
    """A mean together with how many values it was taken over and, for reports that
    write the formula out, the values themselves as they entered the mean."""

    nilai: Decimal | None
    jumlah: int
    suku: tuple[Decimal, ...] = field(default=(), compare=False)


def rata_rata(
    nilai: Iterable[Decimal | None], *, batas_atas: Decimal | None = None
) -> Rerata:
    """The mean of the values that are present (program and kegiatan capaian: "Total
    Realisasi Kinerja Kegiatan / Jumlah Kegiatan"; a report's rata-rata capaian
    kinerja).

    Missing values are left out and not counted. With ``batas_atas`` each value is
    capped first (an office may average 140 % as 100 %).
    """
    ada = [v for v in nilai if v is not None]
    if batas_atas is not None:
        ada = [min(v, batas_atas) for v in ada]
    if not ada:
        return Rerata(nilai=None, jumlah=0)
    return Rerata(nilai=sum(ada, NOL) / len(ada), jumlah=len(ada), suku=tuple(ada))


def tercapai(nilai_capaian: Decimal | None) -> bool | None:
    """Whether a capaian reaches its target (100 % or more); unknown when missing."""
    return None if nilai_capaian is None else nilai_capaian >= SERATUS


# --- predikat ---


@dataclass(frozen=True, order=True)
class Pita:
    """One band of a predikat scale: capaian >= ``batas_bawah`` earns ``label``."""

    batas_bawah: Decimal
    label: str


# Permendagri 86/2017, applied to the unrounded capaian.
SKALA_BAKU: tuple[Pita, ...] = (
    Pita(Decimal(91), "Sangat Tinggi"),
    Pita(Decimal(76), "Tinggi"),
    Pita(Decimal(66), "Sedang"),
    Pita(Decimal(51), "Rendah"),
    Pita(Decimal(0), "Sangat Rendah"),
)


def predikat(
    nilai_capaian: Decimal | None, skala: Sequence[Pita] = SKALA_BAKU
) -> str | None:
    """The predikat of a capaian on a scale of bands; the unrounded value decides, so
    90.99 is not 91. A value below every band gets the lowest band."""
    if nilai_capaian is None or not skala:
        return None
    urut = sorted(skala, reverse=True)
    for pita in urut:
        if nilai_capaian >= pita.batas_bawah:
            return pita.label
    return urut[-1].label


# --- quarters ---


@dataclass(frozen=True)
class Isian:
    """One entered quarterly figure.

    ``kumulatif`` marks a figure given "s/d TW n" (up to and including quarter n)
    rather than for quarter n alone, as reports often state spending and counts.
    """

    nilai: Decimal
    kumulatif: bool = False


def isian(nilai: Sequence[Decimal | None]) -> list[Isian | None]:
    """Plain per-quarter figures (targets, planned disbursements) as ``Isian``."""
    return [None if v is None else Isian(v) for v in nilai]


def _periksa_triwulan(triwulan: int) -> None:
    if not 1 <= triwulan <= JUMLAH_TRIWULAN:
        raise ValueError(f"triwulan harus 1-4, bukan {triwulan}")


def sampai_dengan(
    per_triwulan: Sequence[Isian | None],
    *,
    triwulan: int,
    cara: str = CaraAkumulasi.JUMLAH,
) -> Decimal | None:
    """The year-to-date value s/d TW ``triwulan`` by the indicator's cara akumulasi.

    ``per_triwulan`` holds TW I..IV in order. A cumulative entry at quarter q stands for
    all of quarters 1..q. Any quarter that is needed and missing makes the result
    missing: a sum with a hole in it is not a year-to-date value.
    """
    _periksa_triwulan(triwulan)
    if cara == CaraAkumulasi.NILAI_AKHIR:
        terakhir = per_triwulan[triwulan - 1]
        return None if terakhir is None else terakhir.nilai
    rata = cara == CaraAkumulasi.RATA_RATA
    total, banyak = NOL, 0
    for q in range(triwulan, 0, -1):
        entri = per_triwulan[q - 1]
        if entri is None:
            return None
        if entri.kumulatif:
            # A cumulative mean over 1..q carries the weight of q quarters.
            total += entri.nilai * q if rata else entri.nilai
            banyak += q
            break
        total += entri.nilai
        banyak += 1
    return total / banyak if rata else total


def jumlah_diketahui(per_triwulan: Sequence[Isian | None], *, triwulan: int) -> Decimal:
    """The least a sum s/d TW ``triwulan`` can be, from the entries that are there
    (missing quarters count as nothing): enough to tell that spending already
    exceeds a pagu even while an earlier quarter is still missing."""
    _periksa_triwulan(triwulan)
    total = NOL
    for q in range(triwulan, 0, -1):
        entri = per_triwulan[q - 1]
        if entri is None:
            continue
        total += entri.nilai
        if entri.kumulatif:
            break
    return total


@dataclass(frozen=True)
class SdMenurun:
    """An entry given s/d a quarter that is below what the quarters before it
    already add up to: for a sum (counts, money) an impossible pair of figures."""

    triwulan: int  # the quarter of the s/d entry
    sd: Decimal  # the value entered s/d that quarter
    sebelumnya: Decimal  # at least this much s/d the quarter before


def sd_menurun(per_triwulan: Sequence[Isian | None]) -> list[SdMenurun]:
    """Every s/d entry of a sum below the s/d of the quarter before it. The earlier
    s/d is taken at its least (``jumlah_diketahui``), so a missing earlier quarter
    never produces a finding, only hides one it cannot prove."""
    hasil = []
    for q in range(2, JUMLAH_TRIWULAN + 1):
        entri = per_triwulan[q - 1]
        if entri is None or not entri.kumulatif:
            continue
        sebelumnya = jumlah_diketahui(per_triwulan, triwulan=q - 1)
        if entri.nilai < sebelumnya:
            hasil.append(SdMenurun(q, entri.nilai, sebelumnya))
    return hasil


def nilai_triwulan(
    per_triwulan: Sequence[Isian | None],
    *,
    triwulan: int,
    cara: str = CaraAkumulasi.JUMLAH,
) -> Decimal | None:
    """The value of quarter ``triwulan`` alone, undoing a cumulative entry where the
    earlier quarters are known."""
    _periksa_triwulan(triwulan)
    entri = per_triwulan[triwulan - 1]
    if entri is None:
        return None
    if not entri.kumulatif or cara == CaraAkumulasi.NILAI_AKHIR or triwulan == 1:
        return entri.nilai
    sebelumnya = sampai_dengan(per_triwulan, triwulan=triwulan - 1, cara=cara)
    if sebelumnya is None:
        return None
    if cara == CaraAkumulasi.RATA_RATA:
        return entri.nilai * triwulan - sebelumnya * (triwulan - 1)
    return entri.nilai - sebelumnya


def target_dasar(
    dasar: str,
    *,
    triwulan: int,
    target_tahunan: Decimal | None,
    target: Sequence[Isian | None],
    cara: str = CaraAkumulasi.JUMLAH,
) -> Decimal | None:
    """The target of quarter ``triwulan`` that the office's dasar capaian compares
    against: the quarter's own, the one s/d the quarter, or the year's."""
    if dasar == DasarCapaian.TRIWULAN:
        return nilai_triwulan(target, triwulan=triwulan, cara=cara)
    if dasar == DasarCapaian.KUMULATIF:
        return sampai_dengan(target, triwulan=triwulan, cara=cara)
    if dasar == DasarCapaian.TAHUNAN:
        return target_tahunan
    raise ValueError(f"dasar capaian tidak dikenal: {dasar!r}")


def realisasi_dasar(
    dasar: str,
    *,
    triwulan: int,
    realisasi: Sequence[Isian | None],
    cara: str = CaraAkumulasi.JUMLAH,
) -> Decimal | None:
    """The realisation the dasar capaian compares: the quarter's own for TRIWULAN,
    otherwise the year-to-date value."""
    if dasar == DasarCapaian.TRIWULAN:
        return nilai_triwulan(realisasi, triwulan=triwulan, cara=cara)
    return sampai_dengan(realisasi, triwulan=triwulan, cara=cara)


@dataclass(frozen=True)
class AngkaKinerja:
    """Every figure of one indicator in one quarter's report."""

    target_tahunan: Decimal | None
    target_triwulan: Decimal | None
    realisasi_triwulan: Decimal | None
    target_sd: Decimal | None
    realisasi_sd: Decimal | None
    target: Decimal | None  # the target the capaian compares (by dasar capaian)
    realisasi: Decimal | None  # the realisation the capaian compares
    capaian: Decimal | None
    predikat: str | None
    jumlah_turunan: int | None = None  # how many items a derived realisation averages
    # Whatever the basis: the year-to-date realisation against the year's target,
    # and against the Rencana Aksi's target s/d the quarter (the plan so far).
    capaian_tahunan: Decimal | None = None
    capaian_rencana: Decimal | None = None

    @property
    def di_belakang_rencana(self) -> bool | None:
        """Whether the indicator is behind plan: below the Rencana Aksi s/d the
        quarter; where that cannot be told (no quarterly targets, an earlier quarter
        missing), below the target its capaian compares. Below the yearly target is
        not behind plan. Unknown when neither is known."""
        nilai = (
            self.capaian_rencana if self.capaian_rencana is not None else (self.capaian)
        )
        capai = tercapai(nilai)
        return None if capai is None else not capai


def angka_kinerja(
    *,
    dasar: str,
    triwulan: int,
    target_tahunan: Decimal | None,
    target: Sequence[Isian | None],
    realisasi: Sequence[Isian | None],
    cara: str = CaraAkumulasi.JUMLAH,
    polaritas: str = Polaritas.POSITIF,
    skala: Sequence[Pita] = SKALA_BAKU,
) -> AngkaKinerja:
    """The figures of an indicator whose realisations are entered."""
    t = target_dasar(
        dasar,
        triwulan=triwulan,
        target_tahunan=target_tahunan,
        target=target,
        cara=cara,
    )
    r = realisasi_dasar(dasar, triwulan=triwulan, realisasi=realisasi, cara=cara)
    nilai_capaian = capaian(target=t, realisasi=r, polaritas=polaritas)
    target_sd = sampai_dengan(target, triwulan=triwulan, cara=cara)
    realisasi_sd = sampai_dengan(realisasi, triwulan=triwulan, cara=cara)
    return AngkaKinerja(
        target_tahunan=target_tahunan,
        target_triwulan=nilai_triwulan(target, triwulan=triwulan, cara=cara),
        realisasi_triwulan=nilai_triwulan(realisasi, triwulan=triwulan, cara=cara),
        target_sd=target_sd,
        realisasi_sd=realisasi_sd,
        target=t,
        realisasi=r,
        capaian=nilai_capaian,
        predikat=predikat(nilai_capaian, skala),
        capaian_tahunan=capaian(
            target=target_tahunan, realisasi=realisasi_sd, polaritas=polaritas
        ),
        capaian_rencana=capaian(
            target=target_sd, realisasi=realisasi_sd, polaritas=polaritas
        ),
    )


def angka_turunan(
    *,
    dasar: str,
    triwulan: int,
    target_tahunan: Decimal | None,
    target: Sequence[Isian | None],
    rerata: Rerata,
    skala: Sequence[Pita] = SKALA_BAKU,
) -> AngkaKinerja:
    """The figures of an indicator whose realisation is the mean capaian of the items
    below it (a program's "Total Realisasi Kinerja Kegiatan / Jumlah Kegiatan")."""
    cara = CaraAkumulasi.NILAI_AKHIR
    t = target_dasar(
        dasar,
        triwulan=triwulan,
        target_tahunan=target_tahunan,
        target=target,
        cara=cara,
    )
    nilai_capaian = capaian(target=t, realisasi=rerata.nilai)
    per_triwulan = dasar == DasarCapaian.TRIWULAN
    target_sd = sampai_dengan(target, triwulan=triwulan, cara=cara)
    return AngkaKinerja(
        target_tahunan=target_tahunan,
        target_triwulan=nilai_triwulan(target, triwulan=triwulan, cara=cara),
        realisasi_triwulan=rerata.nilai if per_triwulan else None,
        target_sd=target_sd,
        realisasi_sd=None if per_triwulan else rerata.nilai,
        target=t,
        realisasi=rerata.nilai,
        capaian=nilai_capaian,
        predikat=predikat(nilai_capaian, skala),
        jumlah_turunan=rerata.jumlah,
        # The mean capaian below is a level (nilai akhir) of the quarter or of the
        # year so far, as the basis reads it; the plan s/d is the quarter's target.
        capaian_tahunan=capaian(target=target_tahunan, realisasi=rerata.nilai),
        capaian_rencana=capaian(target=target_sd, realisasi=rerata.nilai),
    )


@dataclass(frozen=True)
class TitikGrafik:
    """A bar pair of an indicator's chart: a quarter's target and realisation
    (``sd``: both s/d the quarter), or with ``triwulan`` None the yearly target.
    ``dilaporkan`` is False for a quarter after the report's: it has a target
    but no realisation yet, not a missing one."""

    triwulan: int | None
    sd: bool
    target: Decimal | None
    realisasi: Decimal | None
    dilaporkan: bool = True


def seri_grafik(
    *,
    dasar: str,
    target_tahunan: Decimal | None,
    rencana_per_triwulan: Sequence[Sequence[Isian | None]],
    realisasi: Sequence[Isian | None],
    cara: str = CaraAkumulasi.JUMLAH,
    sampai: int = JUMLAH_TRIWULAN,
) -> list[TitikGrafik]:
    """What an indicator's chart shows: only what the data holds.

    Where the plan has quarterly targets, each quarter's target beside its
    realisation: the quarter's own on a quarterly basis, otherwise both s/d the
    quarter. Without quarterly targets, the yearly target once, then the
    realisations that exist (repeating the yearly target at every quarter would
    make a year on track look behind at TW I-III). Quarters after ``sampai`` have
    no realisation yet. ``rencana_per_triwulan`` holds, per quarter, the quarterly
    targets that quarter is measured against (the plan may change mid-year)."""
    _periksa_triwulan(sampai)
    sd = dasar != DasarCapaian.TRIWULAN
    basis = DasarCapaian.KUMULATIF if sd else DasarCapaian.TRIWULAN

    def nyata(q: int) -> Decimal | None:
        if q > sampai:
            return None
        return realisasi_dasar(basis, triwulan=q, realisasi=realisasi, cara=cara)

    if any(t is not None for rencana in rencana_per_triwulan for t in rencana):
        titik = [
            TitikGrafik(
                triwulan=q,
                sd=sd,
                target=target_dasar(
                    basis,
                    triwulan=q,
                    target_tahunan=target_tahunan,
                    target=rencana_per_triwulan[q - 1],
                    cara=cara,
                ),
                realisasi=nyata(q),
                dilaporkan=q <= sampai,
            )
            for q in range(1, JUMLAH_TRIWULAN + 1)
        ]
        return [t for t in titik if t.target is not None or t.realisasi is not None]
    tercatat = [
        TitikGrafik(triwulan=q, sd=sd, target=None, realisasi=r)
        for q in range(1, JUMLAH_TRIWULAN + 1)
        if (r := nyata(q)) is not None
    ]
    if target_tahunan is None and not tercatat:
        return []
    return [TitikGrafik(None, False, target_tahunan, None), *tercatat]


@dataclass(frozen=True)
class AngkaAnggaran:
    """Every figure of one budget line (or a total of lines) in one quarter's report."""

    pagu: Decimal | None
    kas_triwulan: Decimal | None  # planned disbursement of the quarter
    realisasi_triwulan: Decimal | None
    kas_sd: Decimal | None
    realisasi_sd: Decimal | None
    target: Decimal | None  # the amount the serapan compares (by dasar capaian)
    realisasi: Decimal | None

    @property
    def serapan(self) -> Decimal | None:
        return serapan(realisasi=self.realisasi, anggaran=self.target)

    @property
    def selisih(self) -> Decimal | None:
        """Target minus realisation (seed 001, column 8)."""
        return sisa(anggaran=self.target, realisasi=self.realisasi)

    @property
    def persen_selisih(self) -> Decimal | None:
        """The selisih as a share of the target (seed 001, column 9 = 8 / 5 x 100)."""
        return persen(self.selisih, self.target)

    @property
    def sisa(self) -> Decimal | None:
        """Pagu minus spending so far (seed 001, column 10)."""
        return sisa(anggaran=self.pagu, realisasi=self.realisasi_sd)

    @property
    def persen_sisa(self) -> Decimal | None:
        """The sisa as a share of the pagu (seed 001, column 11 = 10 / 4 x 100)."""
        return persen(self.sisa, self.pagu)


def angka_anggaran(
    *,
    dasar: str,
    triwulan: int,
    pagu: Decimal | None,
    kas: Sequence[Isian | None],
    realisasi: Sequence[Isian | None],
) -> AngkaAnggaran:
    """The figures of a budget line; money is always summed across quarters."""
    return AngkaAnggaran(
        pagu=pagu,
        kas_triwulan=nilai_triwulan(kas, triwulan=triwulan),
        realisasi_triwulan=nilai_triwulan(realisasi, triwulan=triwulan),
        kas_sd=sampai_dengan(kas, triwulan=triwulan),
        realisasi_sd=sampai_dengan(realisasi, triwulan=triwulan),
        target=target_dasar(dasar, triwulan=triwulan, target_tahunan=pagu, target=kas),
        realisasi=realisasi_dasar(dasar, triwulan=triwulan, realisasi=realisasi),
    )


def total_anggaran(baris: Iterable[AngkaAnggaran]) -> AngkaAnggaran:
    """The total of budget lines: each amount summed (missing if any line misses it);
    the ratios of the total are then ratios of sums."""
    daftar = list(baris)
    return AngkaAnggaran(
        pagu=jumlah(b.pagu for b in daftar),
        kas_triwulan=jumlah(b.kas_triwulan for b in daftar),
        realisasi_triwulan=jumlah(b.realisasi_triwulan for b in daftar),
        kas_sd=jumlah(b.kas_sd for b in daftar),
        realisasi_sd=jumlah(b.realisasi_sd for b in daftar),
        target=jumlah(b.target for b in daftar),
        realisasi=jumlah(b.realisasi for b in daftar),
    )


# --- Indeks Kepuasan Masyarakat (PermenPANRB 14/2017) ---

JUMLAH_UNSUR_IKM = 9


@dataclass(frozen=True)
class HasilIKM:
    nrr: tuple[Decimal, ...]  # nilai rata-rata per unsur, 1-4
    nilai_unit: Decimal  # mean of the NRR, 1-4
    ikm: Decimal  # nilai_unit x 25, 25-100
    mutu: str  # A-D
    kinerja: str  # Sangat Baik ... Tidak Baik

    @property
    def nrr_tertimbang(self) -> tuple[Decimal, ...]:
        """Each unsur's NRR times its weight (1/9): they add up to ``nilai_unit``."""
        return tuple(n / JUMLAH_UNSUR_IKM for n in self.nrr)


_MUTU_IKM: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
)


def ikm(jawaban: Sequence[Sequence[int | None]]) -> HasilIKM | None:
    """IKM from the survey answers: one row per respondent, nine scores of 1-4 each
    (``None`` for an unanswered item).

    Per item the NRR is the mean score of those who answered it; IKM is the mean of
    the nine NRR times 25, placed in the mutu bands by ``mutu_ikm``. Missing when any
    item has no answer at all.
    """
    for baris in jawaban:
        if len(baris) != JUMLAH_UNSUR_IKM:
            raise ValueError(
                f"setiap responden harus menjawab {JUMLAH_UNSUR_IKM} unsur"
            )
        for skor in baris:
            if skor is not None and skor not in (1, 2, 3, 4):
                raise ValueError(f"skor harus 1-4, bukan {skor}")
    return ikm_nrr(
        rata_rata(
            None if baris[unsur] is None else Decimal(baris[unsur]) for baris in jawaban
        ).nilai
        for unsur in range(JUMLAH_UNSUR_IKM)
    )


def nrr_jawaban(jumlah: Sequence[int | None]) -> Decimal | None:
    """The NRR of an unsur from how many respondents answered 1, 2, 3 and 4: the
    mean score. Missing when a count is missing or nobody answered."""
    if len(jumlah) != 4:
        raise ValueError("jumlah jawaban harus untuk skor 1, 2, 3 dan 4")
    if any(n is None for n in jumlah):
        return None
    if any(n < 0 for n in jumlah):
        raise ValueError("jumlah jawaban tidak boleh negatif")
    responden = sum(jumlah)
    if responden == 0:
        return None
    return Decimal(sum(skor * n for skor, n in enumerate(jumlah, start=1))) / responden


def ikm_nrr(nrr: Iterable[Decimal | None]) -> HasilIKM | None:
    """IKM from the NRR of the nine unsur (each 1-4): their mean, the "nilai IKM
    unit", times 25, with its mutu. Missing when an unsur has no NRR."""
    daftar = list(nrr)
    if len(daftar) != JUMLAH_UNSUR_IKM:
        raise ValueError(f"IKM memerlukan {JUMLAH_UNSUR_IKM} unsur")
    if any(n is None for n in daftar):
        return None
    for n in daftar:
        if not 1 <= n <= 4:
            raise ValueError(f"NRR harus 1-4, bukan {n}")
    nilai_unit = sum(daftar, NOL) / JUMLAH_UNSUR_IKM
    nilai_ikm = nilai_unit * 25
    mutu, kinerja_unit = mutu_ikm(nilai_ikm)
    return HasilIKM(
        nrr=tuple(daftar),
        nilai_unit=nilai_unit,
        ikm=nilai_ikm,
        mutu=mutu,
        kinerja=kinerja_unit,
    )


@dataclass(frozen=True)
class PitaMutuIKM:
    """A row of the mutu scale printed under the IKM (PermenPANRB 14/2017)."""

    nilai_persepsi: int
    interval_nrr: tuple[Decimal, Decimal]
    interval_ikm: tuple[Decimal, Decimal]
    mutu: str
    kinerja: str


SKALA_MUTU_IKM: tuple[PitaMutuIKM, ...] = (
    PitaMutuIKM(
        1,
        (Decimal("1.00"), Decimal("2.5996")),
        (Decimal("25.00"), Decimal("64.99")),
        "D",
        "Tidak Baik",
    ),
    PitaMutuIKM(
        2,
        (Decimal("2.60"), Decimal("3.064")),
        (Decimal("65.00"), Decimal("76.60")),
        "C",
        "Kurang Baik",
    ),
    PitaMutuIKM(
        3,
        (Decimal("3.0644"), Decimal("3.532")),
        (Decimal("76.61"), Decimal("88.30")),
        "B",
        "Baik",
    ),
    PitaMutuIKM(
        4,
        (Decimal("3.5324"), Decimal("4.00")),
        (Decimal("88.31"), Decimal("100.00")),
        "A",
        "Sangat Baik",
    ),
)


def mutu_ikm(nilai_ikm: Decimal) -> tuple[str, str]:
    """The mutu pelayanan and kinerja unit of an IKM value (25-100). The bands are
    stated to two decimals, so the value is rounded to two decimals to place it."""
    dibulatkan = bulatkan(nilai_ikm)
    for batas, mutu, kinerja_unit in _MUTU_IKM:
        if dibulatkan >= batas:
            return mutu, kinerja_unit
    return _MUTU_IKM[-1][1], _MUTU_IKM[-1][2]


# --- an IKU taken from the plan ---


class RumusTidakSah(ValueError):
    """A formula over an IKU's sources that cannot be computed; the message is
    Indonesian, for the planner."""


_OPERATOR = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: None if b == 0 else a / b,
}


_SIMPUL_RUMUS = (ast.BinOp, ast.UnaryOp, ast.USub, ast.UAdd, ast.Load, *_OPERATOR)


def _pohon_rumus(rumus: str, jumlah: int) -> ast.expr:
    try:
        pohon = ast.parse(rumus.strip(), mode="eval").body
    except SyntaxError as exc:
        raise RumusTidakSah(
            "Rumus tidak dapat dibaca. Gunakan s1, s2, ... angka (titik untuk "
            "desimal), + - * / dan tanda kurung, mis. (s1 + s2) / 2."
        ) from exc
    for simpul in ast.walk(pohon):
        if isinstance(simpul, ast.Name):
            nomor = simpul.id[1:]
            if not (simpul.id.startswith("s") and nomor.isdigit()):
                raise RumusTidakSah(
                    f'"{simpul.id}" tidak dikenal; sebut sumber sebagai s1 sampai '
                    f"s{jumlah}."
                )
            if not 1 <= int(nomor) <= jumlah:
                raise RumusTidakSah(
                    f"{simpul.id} tidak ada: IKU ini punya {jumlah} sumber."
                )
        elif isinstance(simpul, ast.Constant):
            if isinstance(simpul.value, bool) or not isinstance(
                simpul.value, int | float
            ):
                raise RumusTidakSah(f"{simpul.value!r} bukan angka.")
        elif not isinstance(simpul, _SIMPUL_RUMUS):
            raise RumusTidakSah(
                "Rumus hanya boleh berisi s1, s2, ..., angka, + - * / dan kurung."
            )
    return pohon


def periksa_rumus_sumber(rumus: str, *, jumlah: int) -> None:
    """Raise ``RumusTidakSah`` when a formula over ``jumlah`` sources is not one;
    an empty formula (the mean of the sources) always is."""
    if rumus.strip():
        _pohon_rumus(rumus, jumlah)


def nilai_sumber(nilai: Sequence[Decimal | None], *, rumus: str = "") -> Decimal | None:
    """An IKU's realisation from its sources (s1, s2, ... in order): their mean, or
    ``rumus`` over them. Missing when a source it needs is missing or it divides
    by zero; no floats: numbers in the formula are read as written."""
    if not rumus.strip():
        if not nilai or any(v is None for v in nilai):
            return None
        return sum(nilai, NOL) / len(nilai)

    def hitung(simpul: ast.expr) -> Decimal | None:
        if isinstance(simpul, ast.Name):
            return nilai[int(simpul.id[1:]) - 1]
        if isinstance(simpul, ast.Constant):
            return Decimal(repr(simpul.value))
        if isinstance(simpul, ast.UnaryOp):
            v = hitung(simpul.operand)
            if v is None:
                return None
            return -v if isinstance(simpul.op, ast.USub) else v
        kiri, kanan = hitung(simpul.left), hitung(simpul.right)
        if kiri is None or kanan is None:
            return None
        return _OPERATOR[type(simpul.op)](kiri, kanan)

    return hitung(_pohon_rumus(rumus, len(nilai)))


# --- display ---


def bulatkan(nilai: Decimal, tempat: int = 2) -> Decimal:
    """Round half up to ``tempat`` decimals, for display only. Exact whatever the
    size: a derived figure may hold more digits than the default context's 28 (a
    capaian over a target of 0,0001), and rounding it must not fail."""
    digit = max(nilai.adjusted(), 0) + tempat + 2
    return nilai.quantize(
        Decimal(1).scaleb(-tempat),
        rounding=ROUND_HALF_UP,
        context=Context(prec=max(digit, getcontext().prec)),
    )
