"""The write side of the office's own data of a year, entered by its planner: the
office report's texts and Tabel 2.6 figures, where each IKU's realisation comes
from and its analysis, the IKM survey, revenue, and the follow-up matrix.

Each service checks the user, runs in one transaction with the year's row locked,
refuses a save from a page opened before someone else's (``BentrokKantor``, by the
page's fingerprint) and records every change in ``Riwayat`` against the year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models, transaction

from reports import akses, kinerja, selectors_kantor
from reports.models import (
    AnalisisIKU,
    Indikator,
    LaporanOpd,
    Pendapatan,
    ProgresTindakLanjut,
    RealisasiPendapatan,
    RekomendasiEvaluasi,
    RingkasanAnggaran,
    Riwayat,
    SumberIKU,
    SumberRealisasi,
    SurveiIKM,
    TahunAnggaran,
    UnitKerja,
    UnsurIKM,
)
from reports.services import AksiDitolak, tampil_nilai


class BentrokKantor(Exception):
    """Someone saved the page's data after the user opened it."""


class _Catatan:
    """Collects the audit entries of one save of the office's data."""

    def __init__(self, ta: TahunAnggaran, user) -> None:
        self.ta, self.user = ta, user
        self.entri: list[Riwayat] = []

    def ubah(self, objek: str, kolom: str, lama: object, baru: object) -> bool:
        if lama == baru:
            return False
        self.entri.append(
            Riwayat(
                tahun_anggaran=self.ta,
                oleh=self.user,
                jenis=Riwayat.Jenis.ISIAN,
                objek=objek[:500],
                kolom=kolom,
                nilai_lama=tampil_nilai(lama),
                nilai_baru=tampil_nilai(baru),
            )
        )
        return True

    def simpan(self, obj: models.Model, objek: str, **nilai) -> models.Model:
        """Set ``nilai`` on ``obj`` (new or stored), record what changed, validate
        and save it when anything did."""
        baru = obj.pk is None
        berubah = baru
        for nama, v in nilai.items():
            f = obj._meta.get_field(nama)
            lama = None if baru else getattr(obj, nama)
            if self.ubah(objek, str(f.verbose_name).capitalize(), lama, v):
                berubah = True
            setattr(obj, nama, v)
        if berubah:
            obj.full_clean()
            obj.save()
        return obj

    def hapus(self, obj: models.Model, objek: str) -> None:
        self.ubah(objek, "Baris", "ada", "dihapus")
        obj.delete()

    def tutup(self) -> None:
        Riwayat.objects.bulk_create(self.entri)


def _mulai(
    user, ta: TahunAnggaran, *, halaman: str, triwulan: int, sidik: str
) -> _Catatan:
    """Inside the caller's transaction: check the user, lock the year and refuse a
    save whose page is out of date."""
    if not akses.boleh_kelola_kantor(user, ta.opd):
        raise AksiDitolak("Hanya perencana perangkat daerah ini yang dapat mengisi.")
    TahunAnggaran.objects.select_for_update().filter(pk=ta.pk).get()
    if selectors_kantor.sidik_halaman(halaman, ta, triwulan) != sidik:
        raise BentrokKantor
    return _Catatan(ta, user)


# --- the office report's texts and Tabel 2.6 ---


@dataclass(frozen=True)
class IsianRingkasan:
    dokumen: str
    jumlah_program: int | None = None
    jumlah_kegiatan: int | None = None
    pendapatan: Decimal | None = None
    belanja: Decimal | None = None
    belanja_operasi: Decimal | None = None
    belanja_modal: Decimal | None = None


def laporan_opd_simpan(
    *,
    user,
    tahun_anggaran: TahunAnggaran,
    triwulan: int,
    sidik: str,
    tanggal: date | None,
    kata_pengantar: str,
    kesimpulan: str,
    ringkasan: Sequence[IsianRingkasan],
) -> None:
    """Save the office report's date and texts of a quarter and the typed figures
    of Tabel 2.6. Raises ``AksiDitolak``, ``BentrokKantor``."""
    with transaction.atomic():
        catat = _mulai(
            user, tahun_anggaran, halaman="laporan", triwulan=triwulan, sidik=sidik
        )
        lap = LaporanOpd.objects.filter(
            tahun_anggaran=tahun_anggaran, triwulan=triwulan
        ).first() or LaporanOpd(tahun_anggaran=tahun_anggaran, triwulan=triwulan)
        catat.simpan(
            lap,
            f"Laporan kantor TW {triwulan}",
            tanggal=tanggal,
            kata_pengantar=kata_pengantar,
            kesimpulan=kesimpulan,
        )
        ada = selectors_kantor.ringkasan_anggaran(tahun_anggaran)
        for r in ringkasan:
            nilai = {
                k: getattr(r, k)
                for k in (*RingkasanAnggaran.JUMLAH, *RingkasanAnggaran.RUPIAH)
            }
            obj = ada.get(r.dokumen)
            nama = f"Tabel 2.6 {RingkasanAnggaran.Dokumen(r.dokumen).label}"
            if obj is None and all(v is None for v in nilai.values()):
                continue
            catat.simpan(
                obj
                or RingkasanAnggaran(tahun_anggaran=tahun_anggaran, dokumen=r.dokumen),
                nama,
                **nilai,
            )
        catat.tutup()


# --- IKU: source, analysis, Renstra conditions ---


@dataclass(frozen=True)
class IsianIKU:
    indikator: Indikator
    sumber: str = SumberRealisasi.ISIAN
    butir: Sequence[str] = ()  # "p<id>", "k<id>", "i<id>" in order (s1, s2, ...)
    rumus_sumber: str = ""
    kondisi_awal: Decimal | None = None
    kondisi_akhir: Decimal | None = None
    faktor_keberhasilan: str = ""
    faktor_kegagalan: str = ""
    solusi: str = ""


def _sumber_baru(iku: Indikator, kunci: str, urutan: int) -> SumberIKU:
    jenis, pk = kunci[0], int(kunci[1:])
    nilai = {"p": "program_id", "k": "kegiatan_id", "i": "indikator_id"}[jenis]
    return SumberIKU(iku=iku, urutan=urutan, **{nilai: pk})


def iku_atur(
    *,
    user,
    tahun_anggaran: TahunAnggaran,
    triwulan: int,
    sidik: str,
    isian: Sequence[IsianIKU],
) -> None:
    """Save where each IKU's realisation comes from (typed, the plan, the survey),
    the Renstra's kondisi awal and akhir, and the quarter's analysis. Raises
    ``AksiDitolak``, ``BentrokKantor``, ``kinerja.RumusTidakSah``."""
    with transaction.atomic():
        catat = _mulai(
            user, tahun_anggaran, halaman="iku", triwulan=triwulan, sidik=sidik
        )
        analisis = selectors_kantor.analisis_iku(tahun_anggaran, triwulan)
        for isi in isian:
            ind = Indikator.objects.select_related("iku").get(
                pk=isi.indikator.pk, tahun_anggaran=tahun_anggaran, iku__isnull=False
            )
            if isi.sumber == SumberRealisasi.RENCANA:
                if not isi.butir:
                    raise AksiDitolak(f"Pilih sumber realisasi IKU {ind.nama}.")
                kinerja.periksa_rumus_sumber(isi.rumus_sumber, jumlah=len(isi.butir))
            catat.simpan(
                ind, ind.nama, sumber=isi.sumber, rumus_sumber=isi.rumus_sumber
            )
            lama = [s.kunci for s in ind.sumber_iku.all()]
            baru = list(isi.butir) if isi.sumber == SumberRealisasi.RENCANA else []
            if lama != baru:
                catat.ubah(ind.nama, "Sumber IKU", ", ".join(lama), ", ".join(baru))
                ind.sumber_iku.all().delete()
                for n, kunci in enumerate(baru, start=1):
                    s = _sumber_baru(ind, kunci, n)
                    s.full_clean()
                    s.save()
            catat.simpan(
                ind.iku,
                f"Renstra: {ind.iku.nama}",
                kondisi_awal=isi.kondisi_awal,
                kondisi_akhir=isi.kondisi_akhir,
            )
            teks = {
                "faktor_keberhasilan": isi.faktor_keberhasilan,
                "faktor_kegagalan": isi.faktor_kegagalan,
                "solusi": isi.solusi,
            }
            obj = analisis.get(ind.pk)
            if obj is None and not any(teks.values()):
                continue
            catat.simpan(
                obj or AnalisisIKU(indikator=ind, triwulan=triwulan),
                f"Analisis {ind.nama} TW {triwulan}",
                **teks,
            )
        catat.tutup()


# --- the IKM survey ---


@dataclass(frozen=True)
class IsianUnsur:
    nomor: int
    jawaban: Sequence[int | None] = (None, None, None, None)
    nrr: Decimal | None = None

    @property
    def kosong(self) -> bool:
        return self.nrr is None and all(j is None for j in self.jawaban)


def survei_ikm_simpan(
    *,
    user,
    tahun_anggaran: TahunAnggaran,
    triwulan: int,
    sidik: str,
    jumlah_responden: int | None,
    keterangan: str,
    unsur: Sequence[IsianUnsur],
) -> None:
    """Save a quarter's survey results. Raises ``AksiDitolak``, ``BentrokKantor``."""
    with transaction.atomic():
        catat = _mulai(
            user, tahun_anggaran, halaman="ikm", triwulan=triwulan, sidik=sidik
        )
        nama = f"Survei IKM TW {triwulan}"
        survei = SurveiIKM.objects.filter(
            tahun_anggaran=tahun_anggaran, triwulan=triwulan
        ).first() or SurveiIKM(tahun_anggaran=tahun_anggaran, triwulan=triwulan)
        catat.simpan(
            survei, nama, jumlah_responden=jumlah_responden, keterangan=keterangan
        )
        ada = {u.nomor: u for u in survei.unsur.all()}
        for isi in unsur:
            obj = ada.get(isi.nomor)
            label = f"{nama}, unsur {isi.nomor}"
            if isi.kosong:
                if obj is not None:
                    catat.hapus(obj, label)
                continue
            catat.simpan(
                obj or UnsurIKM(survei=survei, nomor=isi.nomor),
                label,
                jawaban_1=isi.jawaban[0],
                jawaban_2=isi.jawaban[1],
                jawaban_3=isi.jawaban[2],
                jawaban_4=isi.jawaban[3],
                nrr=isi.nrr,
            )
        catat.tutup()


# --- revenue ---


@dataclass(frozen=True)
class IsianPendapatan:
    """A revenue line as the page holds it: an existing line (``pendapatan``) or a
    new one, and its receipt in the quarter."""

    pendapatan: Pendapatan | None
    uraian: str
    kode: str = ""
    induk: Pendapatan | None = None
    anggaran: Decimal | None = None
    anggaran_perubahan: Decimal | None = None
    target_tw: Sequence[Decimal | None] = (None, None, None, None)
    realisasi: Decimal | None = None
    kumulatif: bool = False
    hapus: bool = False
    urutan: int = 0


def pendapatan_simpan(
    *,
    user,
    tahun_anggaran: TahunAnggaran,
    triwulan: int,
    sidik: str,
    baris: Sequence[IsianPendapatan],
) -> None:
    """Save the year's revenue lines and their receipts in the quarter. Raises
    ``AksiDitolak``, ``BentrokKantor``, ``ValidationError``."""
    with transaction.atomic():
        catat = _mulai(
            user, tahun_anggaran, halaman="pendapatan", triwulan=triwulan, sidik=sidik
        )
        for isi in baris:
            p = isi.pendapatan
            if isi.hapus:
                if p is not None:
                    catat.hapus(p, f"Pendapatan {p}")
                continue
            p = catat.simpan(
                p or Pendapatan(tahun_anggaran=tahun_anggaran),
                f"Pendapatan {isi.kode} {isi.uraian}".strip(),
                kode=isi.kode,
                uraian=isi.uraian,
                induk=isi.induk,
                anggaran=isi.anggaran,
                anggaran_perubahan=isi.anggaran_perubahan,
                target_tw1=isi.target_tw[0],
                target_tw2=isi.target_tw[1],
                target_tw3=isi.target_tw[2],
                target_tw4=isi.target_tw[3],
                urutan=isi.urutan,
            )
            r = RealisasiPendapatan.objects.filter(
                pendapatan=p, triwulan=triwulan
            ).first()
            label = f"Realisasi pendapatan {p} TW {triwulan}"
            if isi.realisasi is None:
                if r is not None:
                    catat.hapus(r, label)
                continue
            catat.simpan(
                r or RealisasiPendapatan(pendapatan=p, triwulan=triwulan),
                label,
                nilai=isi.realisasi,
                kumulatif=isi.kumulatif,
            )
        catat.tutup()


# --- the follow-up matrix ---


@dataclass(frozen=True)
class IsianTindakLanjut:
    """A recommendation as the matrix page holds it, with its progress in the
    quarter and whether it was completed then."""

    rekomendasi: RekomendasiEvaluasi | None
    sumber: str
    teks: str
    rencana_aksi: str = ""
    unit_kerja: UnitKerja | None = None
    batas_waktu: date | None = None
    progres: str = ""
    selesai: bool = False
    urutan: int = 0


def tindak_lanjut_simpan(
    *,
    user,
    tahun_anggaran: TahunAnggaran,
    triwulan: int,
    sidik: str,
    baris: Sequence[IsianTindakLanjut],
) -> None:
    """Save the recommendations of the matrix as at a quarter, their progress then
    and which were completed. A new one belongs to this year; one not completed
    stays in the matrix of the following quarters and years. Raises
    ``AksiDitolak``, ``BentrokKantor``, ``ValidationError``."""
    ta = tahun_anggaran
    with transaction.atomic():
        catat = _mulai(
            user, ta, halaman="tindak_lanjut", triwulan=triwulan, sidik=sidik
        )
        for isi in baris:
            r = isi.rekomendasi or RekomendasiEvaluasi(
                opd_id=ta.opd_id, tahun=ta.tahun, triwulan=triwulan
            )
            selesai = (ta.tahun, triwulan) if isi.selesai else (None, None)
            if (
                r.pk is not None
                and not isi.selesai
                and (
                    r.selesai_tahun,
                    r.selesai_triwulan,
                )
                != (ta.tahun, triwulan)
            ):
                # Completed in another quarter: this page does not undo that.
                selesai = (r.selesai_tahun, r.selesai_triwulan)
            r = catat.simpan(
                r,
                f"Rekomendasi: {isi.teks[:80]}",
                sumber=isi.sumber,
                rekomendasi=isi.teks,
                rencana_aksi=isi.rencana_aksi,
                unit_kerja=isi.unit_kerja,
                batas_waktu=isi.batas_waktu,
                selesai_tahun=selesai[0],
                selesai_triwulan=selesai[1],
                urutan=isi.urutan if isi.rekomendasi is None else r.urutan,
            )
            p = ProgresTindakLanjut.objects.filter(
                rekomendasi=r, tahun=ta.tahun, triwulan=triwulan
            ).first()
            label = f"Progres TW {triwulan} {ta.tahun}: {r}"
            if not isi.progres:
                if p is not None:
                    catat.hapus(p, label)
                continue
            catat.simpan(
                p
                or ProgresTindakLanjut(
                    rekomendasi=r, tahun=ta.tahun, triwulan=triwulan
                ),
                label,
                uraian=isi.progres,
            )
        catat.tutup()
