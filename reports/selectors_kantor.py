"""The read side of the office's own data of a year, which only the office report
holds and its planner enters: the IKM survey, revenue (PAD), the RKPD / Renja
figures of Tabel 2.6, the analysis of each IKU and the follow-up matrix.

Each read is one named function with a fixed number of queries. The figures come
from ``reports.kinerja``; ``sidik_*`` give a fingerprint of what a planner page
shows, so that a save from a page opened before someone else's is refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from reports import kinerja
from reports.kinerja import HasilIKM, Isian
from reports.models import (
    UNSUR_IKM,
    AnalisisIKU,
    Indikator,
    IndikatorKinerjaUtama,
    Kegiatan,
    LaporanOpd,
    Pendapatan,
    Program,
    ProgresTindakLanjut,
    RealisasiPendapatan,
    RekomendasiEvaluasi,
    RingkasanAnggaran,
    SumberIKU,
    SurveiIKM,
    TahapRencana,
    TahunAnggaran,
    UnsurIKM,
)

if TYPE_CHECKING:
    from reports.selectors import PohonTahun

# --- the IKM survey ---


@dataclass(frozen=True)
class HasilSurvei:
    """A quarter's survey with its nine unsur (None where not entered), the NRR of
    each (entered, or from the answer counts) and the IKM they give."""

    survei: SurveiIKM
    unsur: list[UnsurIKM | None]
    nrr: list[Decimal | None]
    hasil: HasilIKM | None

    @property
    def dari_jawaban(self) -> bool:
        """Whether the NRR come from answer counts (the table shows them)."""
        return any(u is not None and u.nrr is None for u in self.unsur)


def _hasil_survei(survei: SurveiIKM, unsur: Iterable[UnsurIKM]) -> HasilSurvei:
    per_nomor: list[UnsurIKM | None] = [None] * len(UNSUR_IKM)
    for u in unsur:
        per_nomor[u.nomor - 1] = u
    nrr = [
        None
        if u is None
        else (u.nrr if u.nrr is not None else kinerja.nrr_jawaban(u.jawaban))
        for u in per_nomor
    ]
    return HasilSurvei(
        survei=survei, unsur=per_nomor, nrr=nrr, hasil=kinerja.ikm_nrr(nrr)
    )


def survei_tahun(tahun_anggaran: TahunAnggaran) -> dict[int, HasilSurvei]:
    """The year's surveys by quarter, with their results (one query)."""
    per_survei: dict[int, tuple[SurveiIKM, list[UnsurIKM]]] = {}
    for u in UnsurIKM.objects.filter(
        survei__tahun_anggaran=tahun_anggaran
    ).select_related("survei"):
        per_survei.setdefault(u.survei_id, (u.survei, []))[1].append(u)
    return {s.triwulan: _hasil_survei(s, unsur) for s, unsur in per_survei.values()}


def survei_triwulan(
    tahun_anggaran: TahunAnggaran, triwulan: int
) -> tuple[SurveiIKM | None, HasilSurvei | None]:
    """A quarter's survey record (also one with no unsur yet) and its results."""
    survei = (
        SurveiIKM.objects.filter(tahun_anggaran=tahun_anggaran, triwulan=triwulan)
        .prefetch_related("unsur")
        .first()
    )
    if survei is None:
        return None, None
    return survei, _hasil_survei(survei, survei.unsur.all())


def realisasi_survei(survei: dict[int, HasilSurvei]) -> list[Isian | None]:
    """An IKU taken from the survey: each quarter's IKM, where it was surveyed."""
    return [
        None if (s := survei.get(q)) is None or s.hasil is None else Isian(s.hasil.ikm)
        for q in range(1, kinerja.JUMLAH_TRIWULAN + 1)
    ]


# --- revenue ---


@dataclass(frozen=True)
class BarisPendapatan:
    """A line of revenue with its figures in the quarter."""

    pendapatan: Pendapatan
    nomor: str
    angka: kinerja.AngkaAnggaran
    kelompok: bool  # a group line: the total of the lines below it


def pendapatan_tahun(tahun_anggaran: TahunAnggaran) -> list[Pendapatan]:
    """The year's revenue lines, groups before their lines, with their receipts
    (two queries)."""
    baris = list(
        Pendapatan.objects.filter(tahun_anggaran=tahun_anggaran)
        .prefetch_related("realisasi")
        .order_by("urutan", "pk")
    )
    hasil: list[Pendapatan] = []
    for p in (p for p in baris if p.induk_id is None):
        hasil.append(p)
        hasil.extend(r for r in baris if r.induk_id == p.pk)
    return hasil


def isian_pendapatan(p: Pendapatan) -> list[Isian | None]:
    per_triwulan: list[Isian | None] = [None] * kinerja.JUMLAH_TRIWULAN
    for r in p.realisasi.all():
        per_triwulan[r.triwulan - 1] = Isian(r.nilai, r.kumulatif)
    return per_triwulan


def baris_pendapatan(
    pendapatan: list[Pendapatan], *, dasar: str, triwulan: int, tahap: str
) -> list[BarisPendapatan]:
    """The revenue lines of a quarter on the office's basis of keuangan; a group's
    figures are the totals of its lines."""
    angka: dict[int, kinerja.AngkaAnggaran] = {}
    for p in pendapatan:
        angka[p.pk] = kinerja.angka_anggaran(
            dasar=dasar,
            triwulan=triwulan,
            pagu=p.anggaran_tahap(tahap),
            kas=kinerja.isian(p.target_triwulan),
            realisasi=isian_pendapatan(p),
        )
    hasil = []
    nomor_kelompok = 0
    nomor_rincian = 0
    for p in pendapatan:
        rincian = [r for r in pendapatan if r.induk_id == p.pk]
        if p.induk_id is None:
            nomor_kelompok += 1
            nomor_rincian = 0
            nomor = p.kode or str(nomor_kelompok)
        else:
            nomor_rincian += 1
            nomor = p.kode or f"{nomor_kelompok}.{nomor_rincian}"
        hasil.append(
            BarisPendapatan(
                pendapatan=p,
                nomor=nomor,
                angka=kinerja.total_anggaran(angka[r.pk] for r in rincian)
                if rincian
                else angka[p.pk],
                kelompok=bool(rincian),
            )
        )
    return hasil


# --- the rest of the office report's own data ---


def ringkasan_anggaran(tahun_anggaran: TahunAnggaran) -> dict[str, RingkasanAnggaran]:
    """The typed figures of Tabel 2.6, by document (one query)."""
    return {
        r.dokumen: r
        for r in RingkasanAnggaran.objects.filter(tahun_anggaran=tahun_anggaran)
    }


def anggaran_pendapatan(pendapatan: list[Pendapatan], tahap: str) -> Decimal | None:
    """The office's budgeted revenue at a stage: the sum of its revenue lines
    (a group counts through its lines); missing without lines."""
    induk = {p.induk_id for p in pendapatan}
    rincian = [p for p in pendapatan if p.pk not in induk]
    if not rincian:
        return None
    return kinerja.jumlah(p.anggaran_tahap(tahap) for p in rincian)


@dataclass(frozen=True)
class DokumenRingkasan:
    """A row of Tabel 2.6: the document, its plan stage (None for the RKPD /
    Renja) and what LAKIP derives for it from the plan and the revenue lines
    (None where it holds nothing: the planner's typed figure is used)."""

    dokumen: str
    tahap: str | None
    jumlah_program: int | None = None
    jumlah_kegiatan: int | None = None
    pendapatan: Decimal | None = None
    belanja: Decimal | None = None


def dokumen_ringkasan(
    pohon: PohonTahun, pendapatan: list[Pendapatan]
) -> list[DokumenRingkasan]:
    """The rows of Tabel 2.6: the RKPD / Renja, the DPA and, once the year has a
    Perubahan, the DPA Perubahan."""
    Dokumen = RingkasanAnggaran.Dokumen
    tahap = [(Dokumen.DPA_MURNI, TahapRencana.MURNI)]
    if pohon.tahun_anggaran.perubahan_mulai is not None:
        tahap.append((Dokumen.DPA_PERUBAHAN, TahapRencana.PERUBAHAN))
    ada_rencana = any(
        pohon.ringkasan_tahap(t).jumlah_program for t in TahapRencana.values
    )
    hasil = [DokumenRingkasan(Dokumen.RKPD, None)]
    for dokumen, t in tahap:
        dari = pohon.ringkasan_tahap(t) if ada_rencana else None
        hasil.append(
            DokumenRingkasan(
                dokumen,
                t,
                jumlah_program=None if dari is None else dari.jumlah_program,
                jumlah_kegiatan=None if dari is None else dari.jumlah_kegiatan,
                pendapatan=anggaran_pendapatan(pendapatan, t),
                belanja=None if dari is None else dari.belanja,
            )
        )
    return hasil


def analisis_iku(
    tahun_anggaran: TahunAnggaran, triwulan: int
) -> dict[int, AnalisisIKU]:
    """The planner's analysis of each IKU in a quarter, by indicator (one query)."""
    return {
        a.indikator_id: a
        for a in AnalisisIKU.objects.filter(
            indikator__tahun_anggaran=tahun_anggaran, triwulan=triwulan
        )
    }


@dataclass(frozen=True)
class BarisTindakLanjut:
    """A recommendation in a quarter's matrix, with where it stands then."""

    rekomendasi: RekomendasiEvaluasi
    progres: ProgresTindakLanjut | None  # this quarter's, else the latest before
    progres_kini: bool  # the progress is this quarter's own
    selesai_kini: bool  # marked done in this very quarter


def matriks_tindak_lanjut(
    opd_id: int, tahun: int, triwulan: int
) -> list[BarisTindakLanjut]:
    """The office's follow-up matrix as at a quarter: every recommendation first
    reported in that quarter or before and not done before it (two queries). A
    recommendation not done is carried into the next quarters and years."""
    kini = (tahun, triwulan)
    daftar = list(
        RekomendasiEvaluasi.objects.filter(opd_id=opd_id)
        .filter(Q(tahun__lt=tahun) | Q(tahun=tahun, triwulan__lte=triwulan))
        .filter(
            Q(selesai_tahun__isnull=True)
            | Q(selesai_tahun__gt=tahun)
            | Q(selesai_tahun=tahun, selesai_triwulan__gte=triwulan)
        )
        .select_related("unit_kerja")
        .prefetch_related("progres")
        .order_by("tahun", "triwulan", "urutan", "pk")
    )
    hasil = []
    for r in daftar:
        sebelum = [p for p in r.progres.all() if (p.tahun, p.triwulan) <= kini]
        progres = max(sebelum, key=lambda p: (p.tahun, p.triwulan), default=None)
        hasil.append(
            BarisTindakLanjut(
                rekomendasi=r,
                progres=progres,
                progres_kini=progres is not None
                and (progres.tahun, progres.triwulan) == kini,
                selesai_kini=(r.selesai_tahun, r.selesai_triwulan) == kini,
            )
        )
    return hasil


# --- fingerprints of what a planner page shows ---


def sidik(*nilai: object) -> str:
    """A short fingerprint of stored values: a save from a page whose fingerprint
    no longer matches would overwrite someone else's change."""
    return hashlib.sha256(repr(nilai).encode()).hexdigest()[:16]


def sidik_baris(objek: Iterable) -> list[tuple]:
    """Every field of each object, for ``sidik``."""
    return [
        tuple(getattr(o, f.attname) for f in o._meta.concrete_fields) for o in objek
    ]


# What each planner page shows and saves, for its fingerprint.
HALAMAN = ("laporan", "iku", "ikm", "pendapatan", "tindak_lanjut")


def _data_halaman(
    halaman: str, tahun_anggaran: TahunAnggaran, triwulan: int
) -> list[QuerySet]:
    ta = tahun_anggaran
    if halaman == "laporan":
        return [
            LaporanOpd.objects.filter(tahun_anggaran=ta, triwulan=triwulan),
            RingkasanAnggaran.objects.filter(tahun_anggaran=ta),
        ]
    if halaman == "iku":
        return [
            Indikator.objects.filter(tahun_anggaran=ta, iku__isnull=False),
            IndikatorKinerjaUtama.objects.filter(indikator__tahun_anggaran=ta),
            SumberIKU.objects.filter(iku__tahun_anggaran=ta),
            AnalisisIKU.objects.filter(indikator__tahun_anggaran=ta, triwulan=triwulan),
        ]
    if halaman == "ikm":
        return [
            SurveiIKM.objects.filter(tahun_anggaran=ta, triwulan=triwulan),
            UnsurIKM.objects.filter(
                survei__tahun_anggaran=ta, survei__triwulan=triwulan
            ),
        ]
    if halaman == "pendapatan":
        return [
            Pendapatan.objects.filter(tahun_anggaran=ta),
            RealisasiPendapatan.objects.filter(pendapatan__tahun_anggaran=ta),
        ]
    if halaman == "tindak_lanjut":
        return [
            RekomendasiEvaluasi.objects.filter(opd_id=ta.opd_id),
            ProgresTindakLanjut.objects.filter(rekomendasi__opd_id=ta.opd_id),
        ]
    raise ValueError(f"halaman tidak dikenal: {halaman!r}")


def sidik_halaman(halaman: str, tahun_anggaran: TahunAnggaran, triwulan: int) -> str:
    """The fingerprint of what a planner page shows (a few small queries)."""
    return sidik(
        *(
            sidik_baris(q.distinct().order_by("pk"))
            for q in _data_halaman(halaman, tahun_anggaran, triwulan)
        )
    )


def riwayat_kantor(tahun_anggaran: TahunAnggaran, *, banyak: int = 30) -> list:
    """The latest changes of the office's own data of a year (one query)."""
    return list(
        tahun_anggaran.riwayat_kantor.select_related("oleh").order_by("-waktu", "-pk")[
            :banyak
        ]
    )


def iku_tahun(tahun_anggaran: TahunAnggaran) -> list[Indikator]:
    """The year's IKU indicators (the PK's sasaran level) with their Renstra IKU
    and sources (two queries)."""
    return list(
        Indikator.objects.filter(tahun_anggaran=tahun_anggaran, iku__isnull=False)
        .select_related("iku__sasaran", "unit_kerja")
        .prefetch_related("sumber_iku")
        .order_by("urutan", "pk")
    )


def butir_sumber(tahun_anggaran: TahunAnggaran) -> list[tuple[str, str]]:
    """What an IKU may be taken from, in plan order: the year's programs, kegiatan
    and their indicators (not the IKU themselves), as (key, label)."""
    program = list(
        Program.objects.filter(tahun_anggaran=tahun_anggaran).order_by("urutan", "pk")
    )
    kegiatan = list(
        Kegiatan.objects.filter(program__tahun_anggaran=tahun_anggaran).order_by(
            "program__urutan", "program_id", "urutan", "pk"
        )
    )
    indikator = list(
        Indikator.objects.filter(
            tahun_anggaran=tahun_anggaran, iku__isnull=True
        ).order_by("urutan", "pk")
    )
    hasil = []
    for p in program:
        hasil.append((f"p{p.pk}", f"Capaian program: {p.nama}"))
        hasil += [
            (f"i{i.pk}", f"Indikator program: {i.nama}")
            for i in indikator
            if i.program_id == p.pk
        ]
        for k in (k for k in kegiatan if k.program_id == p.pk):
            hasil.append((f"k{k.pk}", f"Capaian kegiatan: {k.nama}"))
            hasil += [
                (f"i{i.pk}", f"Indikator kegiatan: {i.nama}")
                for i in indikator
                if i.kegiatan_id == k.pk
            ]
    # Sub kegiatan indicators last, so the list stays readable.
    hasil += [
        (f"i{i.pk}", f"Indikator sub kegiatan: {i.nama}")
        for i in indikator
        if i.sub_kegiatan_id
    ]
    return hasil
