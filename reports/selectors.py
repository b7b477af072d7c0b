"""The read side: the rows that pages and reports show, in a fixed number of queries.

Figures come from ``reports.kinerja``; this module only gathers facts and hands them
over. The same rows feed the HTML page and, later, the PDF and the xlsx.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from reports import jadwal, kinerja, selectors_kantor
from reports.kinerja import AngkaAnggaran, AngkaKinerja, Isian, Rerata
from reports.models import (
    ROMAWI,
    Anggaran,
    DasarCapaian,
    HariLibur,
    Indikator,
    Kegiatan,
    LaporanTriwulan,
    Pengguna,
    PerangkatDaerah,
    Program,
    Realisasi,
    SubKegiatan,
    SumberIKU,
    SumberRealisasi,
    TahapRencana,
    TahunAnggaran,
    UnitKerja,
)

Tingkat = Indikator.Tingkat
# A report in these states keeps the stage of the plan it was submitted under.
TAHAP_TETAP = {LaporanTriwulan.Status.DIAJUKAN, LaporanTriwulan.Status.DISETUJUI}
# From the leaves up: a unit reports at the lowest level it is responsible for.
URUTAN_TINGKAT = [Tingkat.SUB_KEGIATAN, Tingkat.KEGIATAN, Tingkat.PROGRAM, Tingkat.IKU]

Simpul = Program | Kegiatan | SubKegiatan


def _kunci(simpul: Simpul) -> tuple[str, int]:
    if isinstance(simpul, SubKegiatan):
        return (Tingkat.SUB_KEGIATAN, simpul.pk)
    if isinstance(simpul, Kegiatan):
        return (Tingkat.KEGIATAN, simpul.pk)
    return (Tingkat.PROGRAM, simpul.pk)


def _kunci_indikator(indikator: Indikator) -> tuple[str, int]:
    return (indikator.tingkat, indikator.induk.pk)


def tahun_anggaran_for(opd_slug: str, tahun: int) -> TahunAnggaran:
    """The office's year, with what its figures need (pemda and its predikat scale)."""
    return (
        TahunAnggaran.objects.select_related("opd__pemda")
        .prefetch_related("opd__pemda__pita_predikat")
        .get(opd__slug=opd_slug, tahun=tahun)
    )


def nama_tahap(tahun_anggaran: TahunAnggaran, tahap: str) -> str:
    """How a report names the stage of the plan it measures against: "DPA
    Perubahan"; "DPA murni" in a year that has a Perubahan; else just "DPA"."""
    if tahap == TahapRencana.PERUBAHAN:
        return "DPA Perubahan"
    return "DPA" if tahun_anggaran.perubahan_mulai is None else "DPA murni"


def label_periode(dasar: str, triwulan: int) -> str:
    """ "TW II" for a quarterly basis, "s/d TW II" for a year-to-date one."""
    tw = f"TW {ROMAWI[triwulan]}"
    return tw if dasar == DasarCapaian.TRIWULAN else f"s/d {tw}"


@dataclass(frozen=True)
class RingkasanTahap:
    jumlah_program: int
    jumlah_kegiatan: int
    belanja: Decimal | None


class PohonTahun:
    """An office's plan of one year as a tree, with every figure of one quarter.

    Reads the year in a fixed number of queries, whatever the number of programs,
    indicators or realisations; everything else is computed in memory.
    """

    def __init__(
        self,
        tahun_anggaran: TahunAnggaran,
        triwulan: int,
        *,
        isian_kinerja: Mapping[int, Isian | None] | None = None,
        isian_anggaran: Mapping[int, Isian | None] | None = None,
    ) -> None:
        """``isian_kinerja`` and ``isian_anggaran`` put figures the user is still
        typing (by indicator and sub kegiatan id) in place of the stored entries of
        the quarter, so the entry form shows what they would give."""
        self.tahun_anggaran = tahun_anggaran
        self.triwulan = triwulan
        self.dasar_kinerja = tahun_anggaran.dasar_kinerja
        self.dasar_keuangan = tahun_anggaran.dasar_keuangan
        pemda = tahun_anggaran.opd.pemda
        self.skala = pemda.skala_predikat()
        self.batas_rata_rata = (
            kinerja.SERATUS if pemda.batasi_capaian_rata_rata else None
        )

        ta = tahun_anggaran
        # Every unit's report of every quarter of the year: their status marks the
        # printed pages, and a submitted report keeps the stage of the plan (murni
        # or Perubahan) it was submitted under.
        self._laporan = {
            (lap.unit_kerja_id, lap.triwulan): lap
            for lap in LaporanTriwulan.objects.filter(tahun_anggaran=ta).select_related(
                "disetujui_oleh"
            )
        }
        program = list(
            Program.objects.filter(tahun_anggaran=ta).order_by("urutan", "pk")
        )
        # ``urutan`` counts within the parent: order by the whole path (plan order).
        kegiatan = list(
            Kegiatan.objects.filter(program__tahun_anggaran=ta).order_by(
                "program__urutan", "program_id", "urutan", "pk"
            )
        )
        sub_kegiatan = list(
            SubKegiatan.objects.filter(kegiatan__program__tahun_anggaran=ta)
            .prefetch_related("anggaran", "realisasi_anggaran")
            .order_by(
                "kegiatan__program__urutan",
                "kegiatan__program_id",
                "kegiatan__urutan",
                "kegiatan_id",
                "urutan",
                "pk",
            )
        )
        indikator = list(Indikator.objects.for_tahun(ta))
        # The plan of the quarter: each item as its own unit's stage holds it. An
        # item dropped in the Perubahan stays while an item below it is still
        # measured against the murni (a report approved before the Perubahan).
        self._semua = (program, kegiatan, sub_kegiatan)
        self.sub_kegiatan = [s for s in sub_kegiatan if self._ada(s)]
        ada = {s.kegiatan_id for s in self.sub_kegiatan}
        self.kegiatan = [k for k in kegiatan if self._ada(k) or k.pk in ada]
        ada = {k.program_id for k in self.kegiatan}
        self.program = [p for p in program if self._ada(p) or p.pk in ada]
        pemilik = {
            Tingkat.PROGRAM: {p.pk for p in self.program},
            Tingkat.KEGIATAN: {k.pk for k in self.kegiatan},
            Tingkat.SUB_KEGIATAN: {s.pk for s in self.sub_kegiatan},
        }
        self.indikator = [
            i
            for i in indikator
            if self._ada(i)
            and (i.tingkat == Tingkat.IKU or i.induk.pk in pemilik[i.tingkat])
        ]
        self.indikator_by_id = {i.pk: i for i in self.indikator}
        # The sources of IKU taken from the plan: read only when there are some.
        self._sumber_iku: dict[int, list[SumberIKU]] = defaultdict(list)
        if any(i.sumber == SumberRealisasi.RENCANA for i in self.indikator):
            for s in SumberIKU.objects.filter(iku__tahun_anggaran=ta).order_by(
                "urutan", "pk"
            ):
                self._sumber_iku[s.iku_id].append(s)

        self.program_by_id = {p.pk: p for p in self.program}
        self.kegiatan_by_id = {k.pk: k for k in self.kegiatan}
        self._anak: dict[tuple[str, int], list[Simpul]] = defaultdict(list)
        for k in self.kegiatan:
            self._anak[(Tingkat.PROGRAM, k.program_id)].append(k)
        for s in self.sub_kegiatan:
            self._anak[(Tingkat.KEGIATAN, s.kegiatan_id)].append(s)
        self._indikator_dari: dict[tuple[str, int], list[Indikator]] = defaultdict(list)
        for i in self.indikator:
            self._indikator_dari[_kunci_indikator(i)].append(i)
        self._unit_berisi = {i.unit_kerja_id for i in self.indikator} | {
            s.unit_kerja_id for s in self.sub_kegiatan
        }
        self._isian_kinerja = isian_kinerja or {}
        self._isian_anggaran = isian_anggaran or {}
        self._angka: dict[int, AngkaKinerja] = {}
        self._capaian_simpul: dict[tuple[str, int], Decimal | None] = {}

    @property
    def label_kinerja(self) -> str:
        return label_periode(self.dasar_kinerja, self.triwulan)

    # --- stages of the plan (APBD-Perubahan) -------------------------------------

    def tahap(self, unit_id: int, triwulan: int | None = None) -> str:
        """The stage a unit's quarter is measured against: the one its report was
        submitted under, for as long as it is submitted or approved (so an
        approved quarter never changes); otherwise the stage in force."""
        q = triwulan or self.triwulan
        lap = self._laporan.get((unit_id, q))
        if lap is not None and lap.tahap and lap.status in TAHAP_TETAP:
            return lap.tahap
        return self.tahun_anggaran.tahap_triwulan(q)

    @property
    def tahap_kantor(self) -> str:
        """The stage in force for the quarter (the office report's)."""
        return self.tahun_anggaran.tahap_triwulan(self.triwulan)

    def tahap_lain(self, unit: Iterable[UnitKerja]) -> list[UnitKerja]:
        """The units (of those given) whose quarter is measured against another
        stage than the office's: reports submitted before the Perubahan."""
        return [
            u
            for u in unit
            if self.berisi(u.pk) and self.tahap(u.pk) != self.tahap_kantor
        ]

    def ringkasan_tahap(self, tahap: str) -> RingkasanTahap:
        """The number of programs and kegiatan and the spending of the whole plan
        at a stage (seed 001 Tabel 2.6); the spending only where every sub
        kegiatan of that stage has its budget."""
        program, kegiatan, sub_kegiatan = self._semua
        pagu = [
            None if (a := anggaran_tahap(s, tahap)) is None else a.pagu
            for s in sub_kegiatan
            if s.ada_di(tahap)
        ]
        return RingkasanTahap(
            jumlah_program=sum(p.ada_di(tahap) for p in program),
            jumlah_kegiatan=sum(k.ada_di(tahap) for k in kegiatan),
            belanja=kinerja.jumlah(pagu) if pagu else None,
        )

    def _ada(self, butir: Simpul | Indikator) -> bool:
        return butir.ada_di(self.tahap(butir.unit_kerja_id))

    def target(
        self, indikator: Indikator, triwulan: int | None = None
    ) -> tuple[Decimal | None, list[Decimal | None]]:
        """An indicator's yearly and quarterly targets at its unit's stage."""
        return indikator.target_tahap(self.tahap(indikator.unit_kerja_id, triwulan))

    def anggaran(self, sub: SubKegiatan) -> Anggaran | None:
        """A sub kegiatan's budget at its unit's stage."""
        return anggaran_tahap(sub, self.tahap(sub.unit_kerja_id))

    @property
    def label_keuangan(self) -> str:
        return label_periode(self.dasar_keuangan, self.triwulan)

    # --- structure ------------------------------------------------------------

    def anak(self, simpul: Simpul) -> list[Simpul]:
        return self._anak[_kunci(simpul)]

    def indikator_dari(self, simpul: Simpul) -> list[Indikator]:
        return self._indikator_dari[_kunci(simpul)]

    def indikator_di_bawah(self, simpul: Simpul) -> Iterator[Indikator]:
        """The indicators of an item and of every item below it, in plan order."""
        yield from self.indikator_dari(simpul)
        for a in self.anak(simpul):
            yield from self.indikator_di_bawah(a)

    def realisasi_triwulan(self, indikator: Indikator) -> Realisasi | None:
        """An indicator's entry of the quarter, with its narrative."""
        return next(
            (r for r in indikator.realisasi.all() if r.triwulan == self.triwulan), None
        )

    def laporan(
        self, unit_id: int, triwulan: int | None = None
    ) -> LaporanTriwulan | None:
        """A unit's report record of a quarter (this one by default), if any."""
        return self._laporan.get((unit_id, triwulan or self.triwulan))

    def berisi(self, unit_id: int) -> bool:
        """Whether a unit has anything to report this year."""
        return unit_id in self._unit_berisi

    def belum_disetujui(self, unit: Iterable[UnitKerja]) -> list[UnitKerja]:
        """The units (of those given) with something to report whose report of the
        quarter is not approved: their figures are still drafts."""
        return [
            u
            for u in unit
            if self.berisi(u.pk)
            and ((lap := self.laporan(u.pk)) is None or not lap.terkunci)
        ]

    def indikator_iku(self) -> list[Indikator]:
        return [i for i in self.indikator if i.tingkat == Tingkat.IKU]

    def indikator_unit(self, unit: UnitKerja) -> list[Indikator]:
        return [i for i in self.indikator if i.unit_kerja_id == unit.pk]

    def tingkat_unit(self, unit: UnitKerja) -> str | None:
        """The lowest level a unit has indicators at: the level it reports on."""
        milik = self.indikator_unit(unit)
        return next(
            (t for t in URUTAN_TINGKAT if any(i.tingkat == t for i in milik)), None
        )

    # --- performance ----------------------------------------------------------

    def angka(self, indikator: Indikator) -> AngkaKinerja:
        """The figures of an indicator for the quarter."""
        if indikator.pk not in self._angka:
            self._angka[indikator.pk] = self._hitung(indikator)
        return self._angka[indikator.pk]

    @cached_property
    def survei(self) -> dict[int, selectors_kantor.HasilSurvei]:
        """The year's IKM surveys, read when first needed."""
        return selectors_kantor.survei_tahun(self.tahun_anggaran)

    def sumber_iku(self, indikator: Indikator) -> list[SumberIKU]:
        return self._sumber_iku[indikator.pk]

    def _realisasi(self, indikator: Indikator) -> list[Isian | None]:
        """An indicator's entries per quarter: typed, or for an IKU taken from its
        source, the survey's IKM or the plan's figures of the quarter."""
        if indikator.sumber == SumberRealisasi.SURVEI_IKM:
            return selectors_kantor.realisasi_survei(self.survei)
        if indikator.sumber == SumberRealisasi.RENCANA:
            per_triwulan: list[Isian | None] = [None] * 4
            try:
                nilai = kinerja.nilai_sumber(
                    [self._nilai_sumber(s) for s in self.sumber_iku(indikator)],
                    rumus=indikator.rumus_sumber,
                )
            except kinerja.RumusTidakSah:
                nilai = None
            if nilai is not None:
                per_triwulan[self.triwulan - 1] = Isian(nilai)
            return per_triwulan
        return isian_realisasi(indikator)

    def _nilai_sumber(self, sumber: SumberIKU) -> Decimal | None:
        """A source's figure in the quarter: a program's or kegiatan's capaian, an
        indicator's realisation; missing when not in the quarter's plan."""
        if sumber.program_id:
            simpul = self.program_by_id.get(sumber.program_id)
        elif sumber.kegiatan_id:
            simpul = self.kegiatan_by_id.get(sumber.kegiatan_id)
        else:
            ind = self.indikator_by_id.get(sumber.indikator_id)
            return None if ind is None else self.angka(ind).realisasi
        return None if simpul is None else self.capaian_simpul(simpul)

    def _hitung(self, indikator: Indikator) -> AngkaKinerja:
        target_tahunan, target_tw = self.target(indikator)
        target = kinerja.isian(target_tw)
        if indikator.dari_turunan:
            simpul = indikator.induk
            anak = self.anak(simpul) if isinstance(simpul, Program | Kegiatan) else []
            return kinerja.angka_turunan(
                dasar=self.dasar_kinerja,
                triwulan=self.triwulan,
                target_tahunan=target_tahunan,
                target=target,
                rerata=self.rata_rata(self.capaian_simpul(a) for a in anak),
                skala=self.skala,
            )
        return kinerja.angka_kinerja(
            dasar=self.dasar_kinerja,
            triwulan=self.triwulan,
            target_tahunan=target_tahunan,
            target=target,
            realisasi=self._ganti(
                self._realisasi(indikator), self._isian_kinerja, indikator.pk
            ),
            cara=indikator.cara_akumulasi,
            polaritas=indikator.polaritas,
            skala=self.skala,
        )

    def capaian_simpul(self, simpul: Simpul) -> Decimal | None:
        """A program's, kegiatan's or sub kegiatan's capaian: the mean capaian of its
        own indicators, or, when it has none, of the items below it."""
        kunci = _kunci(simpul)
        if kunci not in self._capaian_simpul:
            sendiri = self.indikator_dari(simpul)
            if sendiri:
                nilai = self.rata_rata(self.angka(i).capaian for i in sendiri)
            else:
                nilai = self.rata_rata(
                    self.capaian_simpul(a) for a in self.anak(simpul)
                )
            self._capaian_simpul[kunci] = nilai.nilai
        return self._capaian_simpul[kunci]

    def _ganti(
        self,
        per_triwulan: list[Isian | None],
        isian: Mapping[int, Isian | None],
        pk: int,
    ) -> list[Isian | None]:
        if pk in isian:
            per_triwulan[self.triwulan - 1] = isian[pk]
        return per_triwulan

    def rata_rata(self, nilai: Iterable[Decimal | None]) -> Rerata:
        """A mean of capaian, capped as the office's pemda decides."""
        return kinerja.rata_rata(nilai, batas_atas=self.batas_rata_rata)

    # --- money ----------------------------------------------------------------

    def angka_sub_kegiatan(self, sub: SubKegiatan) -> AngkaAnggaran:
        anggaran = self.anggaran(sub)
        kas = [None] * 4 if anggaran is None else anggaran.kas_triwulan
        return kinerja.angka_anggaran(
            dasar=self.dasar_keuangan,
            triwulan=self.triwulan,
            pagu=None if anggaran is None else anggaran.pagu,
            kas=kinerja.isian(kas),
            realisasi=self._ganti(
                isian_realisasi_anggaran(sub), self._isian_anggaran, sub.pk
            ),
        )

    def angka_simpul(self, simpul: Simpul) -> AngkaAnggaran:
        """Budget figures of any item: a kegiatan's or program's are its totals."""
        if isinstance(simpul, SubKegiatan):
            return self.angka_sub_kegiatan(simpul)
        return kinerja.total_anggaran(self.angka_simpul(a) for a in self.anak(simpul))

    def kas_per_triwulan(self, simpul: Simpul) -> list[Decimal | None]:
        """The planned disbursement (anggaran kas) of TW I..IV of any item; a
        kegiatan's or program's is the sum of its sub kegiatan's."""
        if isinstance(simpul, SubKegiatan):
            anggaran = self.anggaran(simpul)
            return [None] * 4 if anggaran is None else anggaran.kas_triwulan
        anak = [self.kas_per_triwulan(a) for a in self.anak(simpul)]
        return [kinerja.jumlah(k[q] for k in anak) for q in range(4)]

    def seri(self, indikator: Indikator) -> list[kinerja.TitikGrafik]:
        """What the chart of an entered indicator shows (``kinerja.seri_grafik``).
        Each quarter is measured against the stage it was (or is) under."""
        return kinerja.seri_grafik(
            dasar=self.dasar_kinerja,
            target_tahunan=self.target(indikator)[0],
            rencana_per_triwulan=[
                kinerja.isian(self.target(indikator, q)[1]) for q in range(1, 5)
            ],
            realisasi=self._realisasi(indikator),
            cara=indikator.cara_akumulasi,
            sampai=self.triwulan,
        )

    def total_keuangan(self) -> AngkaAnggaran:
        return kinerja.total_anggaran(
            self.angka_sub_kegiatan(s) for s in self.sub_kegiatan
        )


def isian_realisasi(indikator: Indikator) -> list[Isian | None]:
    per_triwulan: list[Isian | None] = [None] * 4
    for r in indikator.realisasi.all():
        nilai = r.nilai_efektif
        if nilai is not None:
            per_triwulan[r.triwulan - 1] = Isian(nilai, r.kumulatif)
    return per_triwulan


def isian_realisasi_anggaran(sub: SubKegiatan) -> list[Isian | None]:
    per_triwulan: list[Isian | None] = [None] * 4
    for r in sub.realisasi_anggaran.all():
        per_triwulan[r.triwulan - 1] = Isian(r.nilai, r.kumulatif)
    return per_triwulan


def anggaran_tahap(sub: SubKegiatan, tahap: str) -> Anggaran | None:
    """A sub kegiatan's budget at a stage: the Perubahan's row, or the murni row
    where the Perubahan left the budget unchanged; the murni row at the murni
    stage. Uses the prefetched ``anggaran``."""
    rows = {a.tahap: a for a in sub.anggaran.all()}
    if tahap == TahapRencana.PERUBAHAN:
        return rows.get(TahapRencana.PERUBAHAN) or rows.get(TahapRencana.MURNI)
    return rows.get(TahapRencana.MURNI)


# --- one unit's quarter ---


@dataclass(frozen=True)
class BarisKinerja:
    nomor: str
    tingkat: str
    nama: str  # the program / kegiatan / sub kegiatan, on the first row of an item
    indikator: Indikator | None = None  # None: a heading row for the items below
    angka: AngkaKinerja | None = None
    realisasi: Realisasi | None = None  # the quarter's entry, for its narrative
    simpul: Simpul | None = None  # the program / kegiatan / sub kegiatan (not IKU)


@dataclass(frozen=True)
class BarisKeuangan:
    nomor: str
    nama: str
    sumber_dana: str
    angka: AngkaAnggaran
    simpul: Simpul
    capaian_kinerja: Decimal | None  # of the same item, for efisiensi

    @property
    def efisiensi(self) -> Decimal | None:
        return kinerja.efisiensi(
            capaian_kinerja=self.capaian_kinerja, capaian_anggaran=self.angka.serapan
        )

    @property
    def sub_kegiatan(self) -> SubKegiatan | None:
        """The sub kegiatan whose spending this row enters; None for a total row."""
        return self.simpul if isinstance(self.simpul, SubKegiatan) else None


@dataclass(frozen=True)
class LaporanUnit:
    """Everything the page of one unit's quarter shows."""

    unit: UnitKerja
    tahun_anggaran: TahunAnggaran
    triwulan: int
    laporan: LaporanTriwulan | None
    baris_kinerja: list[BarisKinerja]
    rata_rata_kinerja: Rerata
    baris_keuangan: list[BarisKeuangan]
    total_keuangan: AngkaAnggaran
    tahap: str  # the stage of the plan the quarter is measured against

    @property
    def nama_tahap(self) -> str:
        return nama_tahap(self.tahun_anggaran, self.tahap)

    @property
    def dasar_kinerja(self) -> str:
        return self.tahun_anggaran.dasar_kinerja

    @property
    def dasar_keuangan(self) -> str:
        return self.tahun_anggaran.dasar_keuangan

    @property
    def ada_target_kinerja(self) -> bool:
        """Whether the compared target differs from the yearly one, and so needs a
        column of its own."""
        return self.dasar_kinerja != DasarCapaian.TAHUNAN

    @property
    def ada_target_keuangan(self) -> bool:
        """Whether the compared amount differs from the pagu (a column of its own)."""
        return self.dasar_keuangan != DasarCapaian.TAHUNAN

    @property
    def baris_isian(self) -> list[BarisKinerja]:
        """The rows the unit enters: its indicators whose value is not derived
        (from the items below, or for an IKU from its source)."""
        return [
            b
            for b in self.baris_kinerja
            if b.indikator is not None
            and not b.indikator.dari_turunan
            and b.indikator.sumber == SumberRealisasi.ISIAN
        ]

    @property
    def label_kinerja(self) -> str:
        return label_periode(self.dasar_kinerja, self.triwulan)

    @property
    def label_keuangan(self) -> str:
        return label_periode(self.dasar_keuangan, self.triwulan)


def laporan_unit(
    *,
    unit: UnitKerja,
    tahun_anggaran: TahunAnggaran,
    triwulan: int,
    isian_kinerja: Mapping[int, Isian | None] | None = None,
    isian_anggaran: Mapping[int, Isian | None] | None = None,
) -> LaporanUnit:
    """The rows of a unit's quarterly page: its indicators with target, realisation,
    capaian and predikat, its budget lines, and the two averages of the report.

    ``isian_*`` replace stored entries of the quarter with typed ones (see
    ``PohonTahun``)."""
    pohon = PohonTahun(
        tahun_anggaran,
        triwulan,
        isian_kinerja=isian_kinerja,
        isian_anggaran=isian_anggaran,
    )
    return laporan_unit_dari(pohon, unit)


def laporan_unit_dari(pohon: PohonTahun, unit: UnitKerja) -> LaporanUnit:
    """``laporan_unit`` from a year already read, so that the reports of many units
    share one reading."""
    milik = pohon.indikator_unit(unit)
    tingkat_unit = pohon.tingkat_unit(unit)
    baris_keuangan = _baris_keuangan(pohon, unit)
    return LaporanUnit(
        unit=unit,
        tahun_anggaran=pohon.tahun_anggaran,
        triwulan=pohon.triwulan,
        laporan=pohon.laporan(unit.pk),
        baris_kinerja=list(_baris_kinerja(pohon, unit)),
        rata_rata_kinerja=pohon.rata_rata(
            pohon.angka(i).capaian for i in milik if i.tingkat == tingkat_unit
        ),
        baris_keuangan=baris_keuangan,
        total_keuangan=kinerja.total_anggaran(b.angka for b in baris_keuangan),
        tahap=pohon.tahap(unit.pk),
    )


def _baris_kinerja(pohon: PohonTahun, unit: UnitKerja) -> Iterator[BarisKinerja]:
    """The unit's indicators in plan order, under headings for the programs and
    kegiatan they belong to."""

    def milik_unit(indikator: Indikator) -> bool:
        return indikator.unit_kerja_id == unit.pk

    def baris_simpul(
        nomor: str,
        tingkat: str,
        nama: str,
        daftar: list[Indikator],
        simpul: Simpul | None = None,
    ):
        for n, ind in enumerate(daftar):
            yield BarisKinerja(
                nomor=nomor if n == 0 else "",
                tingkat=tingkat,
                nama=nama if n == 0 else "",
                simpul=simpul,
                indikator=ind,
                angka=pohon.angka(ind),
                realisasi=pohon.realisasi_triwulan(ind),
            )

    terisi: dict[tuple[str, int], bool] = {}

    def ada_di_bawah(simpul: Simpul) -> bool:
        kunci = _kunci(simpul)
        if kunci not in terisi:
            terisi[kunci] = any(
                milik_unit(i) for i in pohon.indikator_dari(simpul)
            ) or any(ada_di_bawah(a) for a in pohon.anak(simpul))
        return terisi[kunci]

    iku = [i for i in pohon.indikator_iku() if milik_unit(i)]
    for n, ind in enumerate(iku, start=1):
        yield from baris_simpul(str(n), Tingkat.IKU, ind.iku.sasaran.uraian, [ind])

    def telusuri(simpul: Simpul, nomor: str) -> Iterator[BarisKinerja]:
        tingkat, _ = _kunci(simpul)
        sendiri = [i for i in pohon.indikator_dari(simpul) if milik_unit(i)]
        if sendiri:
            yield from baris_simpul(nomor, tingkat, simpul.nama, sendiri, simpul)
        else:
            yield BarisKinerja(
                nomor=nomor, tingkat=tingkat, nama=simpul.nama, simpul=simpul
            )
        anak = [a for a in pohon.anak(simpul) if ada_di_bawah(a)]
        for n, a in enumerate(anak, start=1):
            yield from telusuri(a, f"{nomor}.{n}")

    program = [p for p in pohon.program if ada_di_bawah(p)]
    for n, p in enumerate(program, start=1):
        yield from telusuri(p, str(n))


def _baris_keuangan(pohon: PohonTahun, unit: UnitKerja) -> list[BarisKeuangan]:
    """The unit's budget lines, at the lowest level it is responsible for: its sub
    kegiatan; or, for a unit that owns kegiatan (a sekretaris, a kabid), those kegiatan
    as totals of their sub kegiatan; or its programs."""
    for daftar in (pohon.sub_kegiatan, pohon.kegiatan, pohon.program):
        milik = [s for s in daftar if s.unit_kerja_id == unit.pk]
        if milik:
            return [
                BarisKeuangan(
                    nomor=str(n),
                    nama=s.nama,
                    sumber_dana=sumber_dana(pohon, s),
                    angka=pohon.angka_simpul(s),
                    simpul=s,
                    capaian_kinerja=pohon.capaian_simpul(s),
                )
                for n, s in enumerate(milik, start=1)
            ]
    return []


def sumber_dana(pohon: PohonTahun, simpul: Simpul) -> str:
    """The funding sources of an item, each once ("DAU / DAK"); a kegiatan's or
    program's are those of its sub kegiatan. A "-" typed for none is no source."""
    if isinstance(simpul, SubKegiatan):
        anggaran = pohon.anggaran(simpul)
        daftar = [] if anggaran is None else anggaran.sumber_dana.split("/")
    else:
        daftar = [
            s for a in pohon.anak(simpul) for s in sumber_dana(pohon, a).split("/")
        ]
    sumber = dict.fromkeys(s.strip() for s in daftar)
    return " / ".join(s for s in sumber if s.strip("- "))


# --- navigation ---


@dataclass(frozen=True)
class UnitBertingkat:
    unit: UnitKerja
    kedalaman: int  # 0 for the head of the office, 1 below it, ...


@dataclass(frozen=True)
class RingkasanOpd:
    opd: PerangkatDaerah
    tahun: list[int]
    unit: list[UnitBertingkat]


def tahun_opd(opd: PerangkatDaerah) -> list[int]:
    return list(
        TahunAnggaran.objects.filter(opd=opd)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
    )


def daftar_unit_per_opd(unit_terlihat: QuerySet[UnitKerja]) -> list[RingkasanOpd]:
    """The visible units grouped by office, in tree order, with each office's years."""
    units = list(unit_terlihat.order_by("opd__nama", "urutan", "nama"))
    tahun: dict[int, list[int]] = defaultdict(list)
    for opd_id, t in (
        TahunAnggaran.objects.filter(opd__in={u.opd_id for u in units})
        .order_by("-tahun")
        .values_list("opd_id", "tahun")
    ):
        tahun[opd_id].append(t)
    per_opd: dict[int, list[UnitKerja]] = defaultdict(list)
    for u in units:
        per_opd[u.opd_id].append(u)
    return [
        RingkasanOpd(opd=daftar[0].opd, tahun=tahun[opd_id], unit=urut_pohon(daftar))
        for opd_id, daftar in per_opd.items()
    ]


def unit_kantor(opd_id: int) -> list[UnitBertingkat]:
    """Every unit of an office in tree order, with its head and superior (one
    query)."""
    return urut_pohon(
        list(
            UnitKerja.objects.filter(opd_id=opd_id).select_related(
                "opd__pemda", "kepala", "atasan__kepala"
            )
        )
    )


def urut_pohon(daftar: list[UnitKerja]) -> list[UnitBertingkat]:
    """Units in tree order with their depth. A unit whose superior is not in the
    list heads its own subtree."""
    ada = {u.pk for u in daftar}
    anak: dict[int | None, list[UnitKerja]] = defaultdict(list)
    for u in daftar:
        anak[u.atasan_id if u.atasan_id in ada else None].append(u)
    hasil: list[UnitBertingkat] = []
    antrean = [(u, 0) for u in reversed(anak[None])]
    while antrean:
        unit, kedalaman = antrean.pop()
        hasil.append(UnitBertingkat(unit=unit, kedalaman=kedalaman))
        antrean.extend((a, kedalaman + 1) for a in reversed(anak[unit.pk]))
    return hasil


# --- report status: the home pages ---


@dataclass(frozen=True)
class StatusTriwulan:
    """Where one unit's report of one quarter stands."""

    triwulan: int
    laporan: LaporanTriwulan | None
    terisi: int  # indicators with a value
    wajib: int  # indicators the unit enters
    tenggat: date
    ketepatan: jadwal.Ketepatan

    @property
    def status(self) -> str:
        return "belum" if self.laporan is None else self.laporan.status

    @property
    def label_status(self) -> str:
        return (
            "Belum diisi" if self.laporan is None else self.laporan.get_status_display()
        )

    @property
    def lengkap(self) -> bool:
        return self.terisi >= self.wajib


@dataclass(frozen=True)
class StatusUnit:
    unit: UnitKerja
    kedalaman: int
    triwulan: list[StatusTriwulan]


def status_laporan(
    *,
    tahun_anggaran: TahunAnggaran,
    unit: Iterable[UnitKerja],
    hari_ini: date,
) -> list[StatusUnit]:
    """The matrix of units x quarters of one year: status, how many indicators have
    a value, the deadline and whether it was kept. Units with nothing to report that
    year are left out. Six queries whatever the number of units."""
    ta = tahun_anggaran
    daftar = list(unit)
    # Indicators to enter per unit and stage of the plan (murni, Perubahan).
    wajib: dict[tuple[int, str], int] = defaultdict(int)
    for unit_id, murni, perubahan, n in (
        Indikator.objects.filter(
            tahun_anggaran=ta, dari_turunan=False, sumber=SumberRealisasi.ISIAN
        )
        .values("unit_kerja", "di_murni", "di_perubahan")
        .annotate(n=Count("pk"))
        .values_list("unit_kerja", "di_murni", "di_perubahan", "n")
    ):
        wajib[(unit_id, TahapRencana.MURNI)] += n if murni else 0
        wajib[(unit_id, TahapRencana.PERUBAHAN)] += n if perubahan else 0
    ada_nilai = Q(indikator__rumus_pembilang="", nilai__isnull=False) | (
        ~Q(indikator__rumus_pembilang="")
        & Q(pembilang__isnull=False, penyebut__isnull=False)
    )
    terisi: dict[tuple[int, int], int] = {
        (u, tw): n
        for u, tw, n in Realisasi.objects.filter(
            ada_nilai,
            indikator__tahun_anggaran=ta,
            indikator__dari_turunan=False,
            indikator__sumber=SumberRealisasi.ISIAN,
        )
        .values("indikator__unit_kerja", "triwulan")
        .annotate(n=Count("pk"))
        .values_list("indikator__unit_kerja", "triwulan", "n")
    }
    punya_anggaran = set(
        SubKegiatan.objects.filter(kegiatan__program__tahun_anggaran=ta).values_list(
            "unit_kerja", flat=True
        )
    )
    laporan = {
        (lap.unit_kerja_id, lap.triwulan): lap
        for lap in LaporanTriwulan.objects.filter(tahun_anggaran=ta)
    }
    libur = set(
        HariLibur.objects.filter(
            tanggal__year__in=[ta.tahun, ta.tahun + 1]
        ).values_list("tanggal", flat=True)
    )
    tenggat = [
        jadwal.tenggat(
            tahun=ta.tahun, triwulan=tw, hari=ta.tenggat_hari_kerja, libur=libur
        )
        for tw in range(1, 5)
    ]

    def tahap(lap: LaporanTriwulan | None, tw: int) -> str:
        if lap is not None and lap.tahap and lap.status in TAHAP_TETAP:
            return lap.tahap
        return ta.tahap_triwulan(tw)

    hasil = []
    for b in urut_pohon(daftar):
        u = b.unit
        ada = any(wajib[(u.pk, t)] for t in TahapRencana.values)
        if not ada and u.pk not in punya_anggaran:
            continue
        baris = []
        for tw in range(1, 5):
            lap = laporan.get((u.pk, tw))
            diajukan = None if lap is None else lap.pertama_diajukan_pada
            baris.append(
                StatusTriwulan(
                    triwulan=tw,
                    laporan=lap,
                    terisi=terisi.get((u.pk, tw), 0),
                    wajib=wajib[(u.pk, tahap(lap, tw))],
                    tenggat=tenggat[tw - 1],
                    ketepatan=jadwal.ketepatan(
                        batas=tenggat[tw - 1],
                        diajukan_pada=(
                            None if diajukan is None else timezone.localtime(diajukan)
                        ),
                        hari_ini=hari_ini,
                    ),
                )
            )
        hasil.append(StatusUnit(unit=u, kedalaman=b.kedalaman, triwulan=baris))
    return hasil


def antrean_reviu(unit_atasan: UnitKerja) -> list[LaporanTriwulan]:
    """Reports submitted by the units directly under ``unit_atasan``, oldest first."""
    return list(
        LaporanTriwulan.objects.filter(
            unit_kerja__atasan=unit_atasan, status=LaporanTriwulan.Status.DIAJUKAN
        )
        .select_related("unit_kerja__opd", "tahun_anggaran")
        .order_by("diajukan_pada", "pk")
    )


def beranda_pengguna(
    *,
    pengguna: Pengguna,
    terlihat: QuerySet[UnitKerja],
    tahun: int | None,
    hari_ini: date,
) -> dict:
    """What a user's home page shows of their office in year ``tahun`` (default the
    latest): the planner and examiner a matrix of every unit; the superior the units
    directly under them, their own unit and their review queue; the operator their
    own unit."""
    Peran = Pengguna.Peran
    semua_tahun = tahun_opd(pengguna.opd)
    if tahun not in semua_tahun:
        tahun = semua_tahun[0] if semua_tahun else None
    hasil: dict = {"tahun": semua_tahun, "tahun_dipilih": tahun}
    if pengguna.peran == Peran.ATASAN and pengguna.unit_kerja_id:
        hasil["antrean"] = antrean_reviu(pengguna.unit_kerja)
    if tahun is None:
        return hasil
    ta = tahun_anggaran_for(pengguna.opd.slug, tahun)
    sendiri = terlihat.filter(pk=pengguna.unit_kerja_id)
    if pengguna.peran in {Peran.PERENCANA, Peran.PEMERIKSA}:
        matriks = terlihat.filter(opd=pengguna.opd_id)
    elif pengguna.peran == Peran.ATASAN:
        matriks = terlihat.filter(atasan=pengguna.unit_kerja_id)
        hasil["unit_sendiri"] = status_laporan(
            tahun_anggaran=ta, unit=sendiri, hari_ini=hari_ini
        )
    else:
        matriks = sendiri
    hasil["ta"] = ta
    hasil["matriks"] = status_laporan(
        tahun_anggaran=ta, unit=matriks, hari_ini=hari_ini
    )
    return hasil
