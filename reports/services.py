"""The write side: saving a quarter's entries and moving its report through review.

Every change of a figure, a narrative, an evidence file or a status is recorded in
``Riwayat`` together with the report version it produced. A save that starts from an
older version than the stored one is refused (``Bentrok``) with the changes made since,
so nobody overwrites another person's work unseen.

Status flow of a unit's quarterly report::

    (belum diisi) -simpan-> draf -ajukan-> diajukan -setujui-> disetujui
                                  ^             |                  |
                                  +--ajukan-- dikembalikan <-------+ buka kembali
                                               ^   (kembalikan)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from reports import akses, selectors
from reports.models import (
    KOTAK_TANGGAPAN,
    ROMAWI,
    BuktiDukung,
    Indikator,
    LaporanTriwulan,
    Realisasi,
    RealisasiAnggaran,
    Riwayat,
    SubKegiatan,
    TahunAnggaran,
    UnitKerja,
)
from reports.templatetags.format_id import KOSONG, format_angka

Status = LaporanTriwulan.Status
BOLEH_DIUBAH = {Status.DRAF, Status.DIKEMBALIKAN}


class AksiDitolak(Exception):
    """The action is not allowed for this user or in the report's present state."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


class Bentrok(Exception):
    """Someone saved the report after the user opened it."""

    def __init__(self, laporan: LaporanTriwulan, perubahan: list[Riwayat]) -> None:
        super().__init__(f"laporan {laporan.pk} is at version {laporan.versi}")
        self.laporan = laporan
        self.perubahan = perubahan


@dataclass(frozen=True)
class Kekurangan:
    """One thing missing before a report may be submitted, and the field to fix."""

    pesan: str
    tautan: str  # the id of the field in the entry form


class TidakLengkap(Exception):
    def __init__(self, kekurangan: list[Kekurangan]) -> None:
        super().__init__(f"{len(kekurangan)} item(s) missing")
        self.kekurangan = kekurangan


@dataclass(frozen=True)
class IsianIndikator:
    """What the entry form holds for one indicator."""

    indikator: Indikator
    nilai: Decimal | None = None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    kumulatif: bool = False  # the value is s/d the quarter, not the quarter's own
    keluaran: str = ""
    kendala: str = ""
    tindak_lanjut: str = ""
    bukti_baru: Sequence[UploadedFile] = ()
    hapus_bukti: Sequence[int] = ()


@dataclass(frozen=True)
class IsianSubKegiatan:
    """What the entry form holds for one sub kegiatan's spending."""

    sub_kegiatan: SubKegiatan
    nilai: Decimal | None
    kumulatif: bool = False  # the amount is spending s/d the quarter


@dataclass(frozen=True)
class Tanggapan:
    """The superior's review: the six boxes (by field name), Lain-lain and a note."""

    kotak: Mapping[str, bool] = field(default_factory=dict)
    lain_lain_uraian: str = ""
    catatan: str = ""


# --- audit ---


def tampil_nilai(nilai: object) -> str:
    """A value as the audit trail shows it."""
    if nilai is None or nilai == "":
        return KOSONG
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if isinstance(nilai, Decimal):
        return format_angka(nilai, 4)
    if isinstance(nilai, date):
        return f"{nilai:%d-%m-%Y}"
    return str(nilai)


class _Pencatat:
    """Collects the audit entries of one action and writes them, with the report's
    next version, only when something changed."""

    def __init__(
        self, laporan: LaporanTriwulan, user, alasan: str = "", kiriman: str = ""
    ) -> None:
        self.laporan = laporan
        self.user = user
        self.alasan = alasan
        self.kiriman = kiriman
        self.entri: list[Riwayat] = []

    def catat(
        self, jenis: str, objek: str, kolom: str, lama: object, baru: object
    ) -> None:
        self.entri.append(
            Riwayat(
                laporan=self.laporan,
                oleh=self.user,
                jenis=jenis,
                objek=objek[:500],
                kolom=kolom,
                nilai_lama=tampil_nilai(lama),
                nilai_baru=tampil_nilai(baru),
                alasan=self.alasan,
                kiriman=self.kiriman,
            )
        )

    def status(self, baru: Status) -> None:
        """Move the report to status ``baru``, recording the step."""
        lap = self.laporan
        self.catat(
            Riwayat.Jenis.STATUS,
            "Laporan",
            "Status",
            lap.get_status_display(),
            baru.label,
        )
        lap.status = baru

    def ubah(self, objek: str, kolom: str, lama: object, baru: object) -> bool:
        if lama == baru:
            return False
        self.catat(Riwayat.Jenis.ISIAN, objek, kolom, lama, baru)
        return True

    def tutup(self, *kolom_laporan: str) -> None:
        """Bump the report's version and write the entries, if any."""
        if not self.entri:
            return
        lap = self.laporan
        # Compare-and-set, so that two saves cannot both pass the version check even
        # where the database does not lock rows (SQLite).
        diubah = LaporanTriwulan.objects.filter(pk=lap.pk, versi=lap.versi).update(
            versi=lap.versi + 1, **{k: getattr(lap, k) for k in kolom_laporan}
        )
        if not diubah:
            awal = lap.versi
            lap.refresh_from_db()
            raise Bentrok(lap, perubahan_sejak(lap, awal))
        lap.versi += 1
        for e in self.entri:
            e.versi = self.laporan.versi
        Riwayat.objects.bulk_create(self.entri)


def _ambil_terkunci(
    unit: UnitKerja, tahun_anggaran: TahunAnggaran, triwulan: int
) -> LaporanTriwulan | None:
    return (
        LaporanTriwulan.objects.select_for_update()
        .filter(unit_kerja=unit, tahun_anggaran=tahun_anggaran, triwulan=triwulan)
        .first()
    )


def _periksa_versi(laporan: LaporanTriwulan, versi: int) -> None:
    if laporan.versi != versi:
        raise Bentrok(laporan, perubahan_sejak(laporan, versi))


def kiriman_tersimpan(
    laporan: LaporanTriwulan | None, *, versi: int, kiriman: str
) -> bool:
    """Whether every change made to the report since ``versi`` came from the form
    submission ``kiriman``: the same form sent twice (a double click, a resend after
    a lost answer) has already been saved, and is no conflict."""
    if not kiriman or laporan is None or laporan.versi == versi:
        return False
    sejak = laporan.riwayat.filter(versi__gt=versi)
    return sejak.exists() and not sejak.exclude(kiriman=kiriman).exists()


def perubahan_sejak(laporan: LaporanTriwulan, versi: int) -> list[Riwayat]:
    """What others changed after ``versi``, oldest first."""
    return list(
        laporan.riwayat.filter(versi__gt=versi)
        .select_related("oleh")
        .order_by("waktu", "pk")
    )


# --- entry ---

KOLOM_REALISASI = [
    ("nilai", "Realisasi"),
    ("pembilang", "Pembilang"),
    ("penyebut", "Penyebut"),
    ("kumulatif", "Nilai s/d triwulan"),
    ("keluaran", "Keluaran"),
    ("kendala", "Kendala"),
    ("tindak_lanjut", "Tindak lanjut"),
]


def realisasi_simpan(
    *,
    user,
    unit: UnitKerja,
    tahun_anggaran: TahunAnggaran,
    triwulan: int,
    versi: int,
    kinerja: Sequence[IsianIndikator],
    anggaran: Sequence[IsianSubKegiatan],
    kiriman: str = "",
    tanggal: date | None = None,
) -> LaporanTriwulan:
    """Save what the entry form holds as the unit's draft for the quarter.

    ``versi`` is the report version the form was opened at (0 when there was no
    report yet); ``kiriman`` names this submission of the form (see
    ``kiriman_tersimpan``); ``tanggal`` is the date printed above the signatures
    (None: the day of submission). Raises ``AksiDitolak`` when the user may not
    enter this unit's figures or the report is under review or approved, and
    ``Bentrok`` when someone else saved it in between.
    """
    if not akses.boleh_isi(user, unit):
        raise AksiDitolak("Anda tidak berwenang mengisi laporan unit ini.")
    try:
        with transaction.atomic():
            laporan = _ambil_terkunci(unit, tahun_anggaran, triwulan)
            baru = laporan is None
            if baru:
                laporan = LaporanTriwulan.objects.create(
                    unit_kerja=unit,
                    tahun_anggaran=tahun_anggaran,
                    triwulan=triwulan,
                    status=Status.DRAF,
                    versi=0,
                )
            if kiriman_tersimpan(laporan, versi=versi, kiriman=kiriman):
                return laporan
            _periksa_versi(laporan, versi)
            if laporan.status not in BOLEH_DIUBAH:
                raise AksiDitolak(pesan_terkunci(laporan))
            _periksa_kuota_bukti(laporan, kinerja)
            pencatat = _Pencatat(laporan, user, kiriman=kiriman)
            if baru:
                pencatat.catat(
                    Riwayat.Jenis.STATUS, "Laporan", "Status", "Belum diisi", "Draf"
                )
            _simpan_kinerja(pencatat, triwulan, kinerja)
            _simpan_anggaran(pencatat, triwulan, anggaran)
            kolom = ()
            if pencatat.ubah("Laporan", "Tanggal laporan", laporan.tanggal, tanggal):
                laporan.tanggal = tanggal
                kolom = ("tanggal",)
            pencatat.tutup(*kolom)
    except IntegrityError as exc:
        # Two first saves at once: the other one created the report.
        laporan = LaporanTriwulan.objects.get(
            unit_kerja=unit, tahun_anggaran=tahun_anggaran, triwulan=triwulan
        )
        raise Bentrok(laporan, perubahan_sejak(laporan, versi)) from exc
    return laporan


def pesan_kuota_bukti(*, terpakai: int, baru: int) -> str:
    """Why new evidence does not fit the report's quota (``LAKIP_BUKTI_KUOTA_MB``),
    or "" when it does."""
    kuota = settings.LAKIP_BUKTI_KUOTA_MB
    if not baru or terpakai + baru <= kuota * 1024 * 1024:
        return ""
    mb = Decimal(terpakai + baru) / 1024 / 1024
    return (
        f"Bukti dukung laporan triwulan ini akan menjadi {format_angka(mb, 1)} MB, "
        f"melebihi kuota {kuota} MB per laporan. Hapus bukti yang tidak diperlukan "
        "atau perkecil berkasnya (mis. foto dengan resolusi lebih rendah)."
    )


def _periksa_kuota_bukti(
    laporan: LaporanTriwulan, kinerja: Sequence[IsianIndikator]
) -> None:
    hapus = {pk for isi in kinerja for pk in isi.hapus_bukti}
    terpakai = (
        BuktiDukung.objects.filter(
            realisasi__indikator__unit_kerja_id=laporan.unit_kerja_id,
            realisasi__indikator__tahun_anggaran_id=laporan.tahun_anggaran_id,
            realisasi__triwulan=laporan.triwulan,
        )
        .exclude(pk__in=hapus)
        .aggregate(jumlah=Sum("ukuran"))["jumlah"]
    )
    baru = sum(b.size for isi in kinerja for b in isi.bukti_baru)
    if pesan := pesan_kuota_bukti(terpakai=terpakai or 0, baru=baru):
        raise AksiDitolak(pesan)


def pesan_terkunci(laporan: LaporanTriwulan) -> str:
    if laporan.status == Status.DISETUJUI:
        return (
            "Laporan sudah disetujui atasan dan dikunci. Perubahan hanya dapat "
            "dilakukan setelah atasan membukanya kembali."
        )
    return (
        "Laporan sedang diajukan kepada atasan dan tidak dapat diubah sampai direviu."
    )


def _simpan_kinerja(
    pencatat: _Pencatat, triwulan: int, kinerja: Sequence[IsianIndikator]
) -> None:
    ada = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator__in=[i.indikator for i in kinerja], triwulan=triwulan
        ).prefetch_related("bukti")
    }
    for isi in kinerja:
        ind = isi.indikator
        r = ada.get(ind.pk)
        # The s/d flag alone is no entry: it only says how a value reads.
        kosong = not (
            any(
                getattr(isi, k) not in (None, "")
                for k, _ in KOLOM_REALISASI
                if k != "kumulatif"
            )
            or isi.bukti_baru
        )
        if r is None and kosong:
            continue
        if r is None:
            r = Realisasi(indikator=ind, triwulan=triwulan)
        berubah = False
        for kolom, label in KOLOM_REALISASI:
            baru = getattr(isi, kolom)
            if pencatat.ubah(ind.nama, label, getattr(r, kolom), baru):
                setattr(r, kolom, baru)
                berubah = True
        if berubah or isi.bukti_baru:
            if r.pk is not None:
                r.versi += 1
            r.diubah_oleh = pencatat.user
            r.save()
        hapus = set(isi.hapus_bukti)
        for b in r.bukti.all() if r.pk else []:
            if b.pk in hapus:
                pencatat.catat(
                    Riwayat.Jenis.BUKTI, ind.nama, "Bukti dukung", str(b), "dihapus"
                )
                nama, storage = b.berkas.name, b.berkas.storage
                b.delete()
                # The file goes only once the deletion is committed.
                transaction.on_commit(lambda n=nama, s=storage: s.delete(n))
        for berkas in isi.bukti_baru:
            b = BuktiDukung(
                realisasi=r,
                keterangan=berkas.name,
                diunggah_oleh=pencatat.user,
                ukuran=berkas.size,
            )
            b.berkas.save(berkas.name, berkas, save=True)
            pencatat.catat(
                Riwayat.Jenis.BUKTI, ind.nama, "Bukti dukung", None, berkas.name
            )


def _simpan_anggaran(
    pencatat: _Pencatat, triwulan: int, anggaran: Sequence[IsianSubKegiatan]
) -> None:
    ada = {
        r.sub_kegiatan_id: r
        for r in RealisasiAnggaran.objects.filter(
            sub_kegiatan__in=[a.sub_kegiatan for a in anggaran], triwulan=triwulan
        )
    }
    for isi in anggaran:
        sub, r = isi.sub_kegiatan, ada.get(isi.sub_kegiatan.pk)
        lama = None if r is None else r.nilai
        nilai_berubah = pencatat.ubah(
            sub.nama, "Realisasi anggaran (Rp)", lama, isi.nilai
        )
        sd_berubah = isi.nilai is not None and pencatat.ubah(
            sub.nama,
            "Realisasi anggaran s/d triwulan",
            r is not None and r.kumulatif,
            isi.kumulatif,
        )
        if not (nilai_berubah or sd_berubah):
            continue
        if isi.nilai is None:
            r.delete()
            continue
        if r is None:
            r = RealisasiAnggaran(sub_kegiatan=sub, triwulan=triwulan, nilai=isi.nilai)
        else:
            r.nilai = isi.nilai
            r.versi += 1
        r.kumulatif = isi.kumulatif
        r.diubah_oleh = pencatat.user
        r.save()


# --- submission and review ---


def kekurangan(lap: selectors.LaporanUnit) -> list[Kekurangan]:
    """What keeps a unit's quarterly report from being submitted: indicators without a
    value, indicators behind plan (below the Rencana Aksi s/d the quarter, not merely
    below the yearly target) without kendala or tindak lanjut, and sub kegiatan
    without their spending (which may be 0, but must be entered)."""
    hasil: list[Kekurangan] = []
    rencana = f"rencana aksi s/d TW {ROMAWI[lap.triwulan]}"
    for b in lap.baris_isian:
        ind, r = b.indikator, b.realisasi
        nilai = None if r is None else r.nilai_efektif
        tautan = f"id_i{ind.pk}-{'pembilang' if ind.punya_rumus else 'nilai'}"
        if nilai is None:
            hasil.append(Kekurangan(f"Realisasi belum diisi: {ind.nama}", tautan))
            continue
        if b.angka.di_belakang_rencana:
            for kolom, label in (("kendala", "Kendala"), ("tindak_lanjut", "Solusi")):
                if not getattr(r, kolom).strip():
                    hasil.append(
                        Kekurangan(
                            f"{label} wajib diisi karena capaian di bawah {rencana}: "
                            f"{ind.nama}",
                            f"id_i{ind.pk}-{kolom}",
                        )
                    )
    for b in lap.baris_keuangan:
        if b.sub_kegiatan is not None and b.angka.realisasi_triwulan is None:
            hasil.append(
                Kekurangan(
                    f"Realisasi anggaran belum diisi (isi 0 jika tidak ada belanja): "
                    f"{b.nama}",
                    f"id_s{b.sub_kegiatan.pk}-nilai",
                )
            )
    return hasil


def laporan_ajukan(
    *,
    user,
    unit: UnitKerja,
    tahun_anggaran: TahunAnggaran,
    triwulan: int,
    versi: int,
    kiriman: str = "",
) -> LaporanTriwulan:
    """Submit the unit's report to its superior, once it is complete.

    The office head's own report (a unit without a superior in the office, e.g.
    the camat's IKU) has nobody to review it: it is final on submission, approved
    by the one who submits it and signed by the head."""
    if not akses.boleh_isi(user, unit):
        raise AksiDitolak("Anda tidak berwenang mengajukan laporan unit ini.")
    with transaction.atomic():
        laporan = _ambil_terkunci(unit, tahun_anggaran, triwulan)
        if laporan is None:
            raise AksiDitolak("Laporan belum diisi.")
        _periksa_versi(laporan, versi)
        if laporan.status not in BOLEH_DIUBAH:
            raise AksiDitolak(pesan_terkunci(laporan))
        kurang = kekurangan(
            selectors.laporan_unit(
                unit=unit, tahun_anggaran=tahun_anggaran, triwulan=triwulan
            )
        )
        if kurang:
            raise TidakLengkap(kurang)
        sekarang = timezone.now()
        pimpinan = unit.atasan_id is None
        pencatat = _Pencatat(
            laporan,
            user,
            "Laporan pimpinan perangkat daerah: final saat diajukan."
            if pimpinan
            else "",
            kiriman=kiriman,
        )
        pencatat.status(Status.DISETUJUI if pimpinan else Status.DIAJUKAN)
        laporan.diajukan_pada = sekarang
        # From now on the quarter is measured against the plan in force today,
        # whatever Perubahan comes later (selectors.PohonTahun.tahap).
        laporan.tahap = TahunAnggaran.objects.get(pk=tahun_anggaran.pk).tahap_triwulan(
            triwulan
        )
        # Lateness is judged on this moment, whatever date the report carries.
        laporan.pertama_diajukan_pada = laporan.pertama_diajukan_pada or sekarang
        if laporan.tanggal is None:
            pencatat.ubah(
                "Laporan", "Tanggal laporan", None, timezone.localdate(sekarang)
            )
            laporan.tanggal = timezone.localdate(sekarang)
        # The superior's notes were about this round; the trail keeps them.
        laporan.catatan_baris = {}
        kolom = ["status", "diajukan_pada", "pertama_diajukan_pada", "tanggal", "tahap"]
        if pimpinan:
            laporan.disetujui_oleh = user
            laporan.disetujui_pada = sekarang
            laporan.alasan_dikembalikan = ""
            kolom += ["disetujui_oleh", "disetujui_pada", "alasan_dikembalikan"]
        pencatat.tutup(*kolom, "catatan_baris")
    return laporan


def _untuk_reviu(
    user, laporan_id: int, versi: int, dari: set[str], *, boleh=akses.boleh_reviu
) -> LaporanTriwulan:
    laporan = (
        LaporanTriwulan.objects.select_for_update()
        .select_related("unit_kerja")
        .get(pk=laporan_id)
    )
    if not boleh(user, laporan.unit_kerja):
        raise AksiDitolak(
            "Hanya atasan langsung unit ini yang dapat mereviu laporannya."
        )
    _periksa_versi(laporan, versi)
    if laporan.status not in dari:
        raise AksiDitolak(
            f"Laporan berstatus {laporan.get_status_display().lower()}; "
            "tindakan ini tidak dapat dilakukan."
        )
    return laporan


def kesalahan_tanggapan(tanggapan: Tanggapan) -> dict[str, str]:
    """What is contradictory in a review, by the form field to show it beside."""
    kotak = tanggapan.kotak
    uraian = tanggapan.lain_lain_uraian.strip()
    salah = {}
    if kotak.get("laporan_sudah_baik") and kotak.get("laporan_kurang_baik"):
        salah["laporan_kurang_baik"] = (
            "Pilih salah satu: \u201claporan sudah baik\u201d atau "
            "\u201claporan kurang baik\u201d."
        )
    if kotak.get("lain_lain") and not uraian:
        salah["lain_lain_uraian"] = "Uraikan tanggapan \u201cLain-lain\u201d."
    if uraian and not kotak.get("lain_lain"):
        salah["lain_lain"] = "Centang \u201cLain-lain\u201d untuk uraian ini."
    return salah


def _isi_tanggapan(
    pencatat: _Pencatat, laporan: LaporanTriwulan, tanggapan: Tanggapan
) -> None:
    salah = kesalahan_tanggapan(tanggapan)
    if salah:
        raise AksiDitolak(" ".join(salah.values()))
    uraian = tanggapan.lain_lain_uraian.strip()
    for nama in KOTAK_TANGGAPAN:
        baru = bool(tanggapan.kotak.get(nama))
        label = LaporanTriwulan._meta.get_field(nama).verbose_name
        if pencatat.ubah("Tanggapan atasan", label, getattr(laporan, nama), baru):
            setattr(laporan, nama, baru)
    for nama, label, baru in (
        ("lain_lain_uraian", "Lain-lain (uraian)", uraian),
        ("catatan", "Catatan atasan", tanggapan.catatan.strip()),
    ):
        if pencatat.ubah("Tanggapan atasan", label, getattr(laporan, nama), baru):
            setattr(laporan, nama, baru)


PESAN_ALASAN_KEMBALI = "Tuliskan alasan laporan dikembalikan."
KOLOM_TANGGAPAN = [*KOTAK_TANGGAPAN, "lain_lain_uraian", "catatan"]


def laporan_setujui(
    *, user, laporan_id: int, versi: int, tanggapan: Tanggapan
) -> LaporanTriwulan:
    """Approve a submitted report with the superior's tanggapan; it is then locked."""
    with transaction.atomic():
        laporan = _untuk_reviu(user, laporan_id, versi, {Status.DIAJUKAN})
        pencatat = _Pencatat(laporan, user)
        _isi_tanggapan(pencatat, laporan, tanggapan)
        pencatat.status(Status.DISETUJUI)
        laporan.disetujui_oleh = user
        laporan.disetujui_pada = timezone.now()
        laporan.alasan_dikembalikan = ""
        pencatat.tutup(
            "status",
            "disetujui_oleh",
            "disetujui_pada",
            "alasan_dikembalikan",
            *KOLOM_TANGGAPAN,
        )
    return laporan


def laporan_kembalikan(
    *,
    user,
    laporan_id: int,
    versi: int,
    tanggapan: Tanggapan,
    alasan: str,
    catatan_baris: Mapping[str, str] | None = None,
) -> LaporanTriwulan:
    """Return a submitted report for correction; ``alasan`` is required and
    ``catatan_baris`` ({"i<indikator id>" | "s<sub kegiatan id>": note}) is shown
    beside those fields of the entry form."""
    alasan = alasan.strip()
    if not alasan:
        raise AksiDitolak(PESAN_ALASAN_KEMBALI)
    with transaction.atomic():
        laporan = _untuk_reviu(user, laporan_id, versi, {Status.DIAJUKAN})
        pencatat = _Pencatat(laporan, user, alasan)
        _isi_tanggapan(pencatat, laporan, tanggapan)
        pencatat.status(Status.DIKEMBALIKAN)
        laporan.alasan_dikembalikan = alasan
        laporan.catatan_baris = {
            k: v.strip() for k, v in (catatan_baris or {}).items() if v.strip()
        }
        pencatat.tutup(
            "status", "alasan_dikembalikan", "catatan_baris", *KOLOM_TANGGAPAN
        )
    return laporan


def laporan_buka_kembali(
    *, user, laporan_id: int, versi: int, alasan: str
) -> LaporanTriwulan:
    """Unlock an approved report for correction; the approval is withdrawn. The
    superior reopens a unit's report; the office head reopens their own."""
    alasan = alasan.strip()
    if not alasan:
        raise AksiDitolak("Tuliskan alasan laporan dibuka kembali.")
    with transaction.atomic():
        laporan = _untuk_reviu(
            user,
            laporan_id,
            versi,
            {Status.DISETUJUI},
            boleh=akses.boleh_buka_kembali,
        )
        pencatat = _Pencatat(laporan, user, alasan)
        pencatat.status(Status.DIKEMBALIKAN)
        laporan.disetujui_oleh = None
        laporan.disetujui_pada = None
        laporan.alasan_dikembalikan = alasan
        pencatat.tutup(
            "status", "disetujui_oleh", "disetujui_pada", "alasan_dikembalikan"
        )
    return laporan
