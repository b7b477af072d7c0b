"""Writing a checked Rencana Aksi into the year, in one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.db import models, transaction

from reports import akses
from reports.models import (
    ROMAWI,
    Anggaran,
    Indikator,
    Kegiatan,
    LaporanTriwulan,
    Program,
    SubKegiatan,
    TahapRencana,
    TahunAnggaran,
    TargetPerubahan,
    UnitKerja,
)
from reports.rencana_aksi.baca import baca_rencana_aksi
from reports.rencana_aksi.kolom import (
    ANGGARAN,
    INDIKATOR,
    KEGIATAN,
    LEMBAR_DATA,
    PROGRAM,
    SUB_KEGIATAN,
    Galat,
    RencanaAksi,
    RencanaAksiTidakValid,
    Tingkat,
    norm_nama,
)
from reports.services import AksiDitolak

# The result line of an indicator's changed targets in a Perubahan import.
TARGET_PERUBAHAN = "Target Perubahan"


@dataclass(frozen=True)
class Hitungan:
    jenis: str
    dibuat: int = 0
    diubah: int = 0
    tetap: int = 0


@dataclass(frozen=True)
class HasilImpor:
    """What an import did, by kind of item, and the items of the year that the
    workbook did not list (left as they were, with everything under them)."""

    hitungan: tuple[Hitungan, ...]
    tidak_disentuh: tuple[str, ...]
    # An import as the DPA Perubahan: the items it leaves out, dropped from that
    # stage (they stay in the murni plan and in the reports made under it).
    dikeluarkan: tuple[str, ...] = ()

    @property
    def dibuat(self) -> int:
        return sum(h.dibuat for h in self.hitungan)

    @property
    def diubah(self) -> int:
        return sum(h.diubah for h in self.hitungan)

    @property
    def tetap(self) -> int:
        return sum(h.tetap for h in self.hitungan)

    def ringkasan(self) -> str:
        teks = (
            f"Rencana Aksi diimpor: {self.dibuat} butir dibuat, {self.diubah} "
            f"diubah, {self.tetap} tetap."
        )
        if self.tidak_disentuh:
            teks += (
                f" {len(self.tidak_disentuh)} butir yang sudah ada tidak tercantum di "
                "berkas dan dibiarkan (tidak dihapus)."
            )
        if self.dikeluarkan:
            teks += (
                f" {len(self.dikeluarkan)} butir tidak tercantum di DPA Perubahan dan "
                "dikeluarkan dari tahap Perubahan (tetap ada di laporan sebelumnya)."
            )
        return teks


class _Penulis:
    """Writes a checked plan into the year, in the caller's transaction.

    As the murni plan (``perubahan`` False) it creates and updates items in place.
    As the DPA Perubahan it writes only that stage: new items exist from the
    Perubahan on, items the workbook leaves out are dropped from it, changed
    targets and budgets are kept beside the murni ones; what a murni report shows
    (names, codes, units, murni targets and budgets) is never touched, so approved
    quarters reprint as they were."""

    def __init__(
        self, ta: TahunAnggaran, rencana: RencanaAksi, *, perubahan: bool = False
    ) -> None:
        self.ta, self.rencana, self.perubahan = ta, rencana, perubahan
        self.galat: list[Galat] = []
        self.dipakai: set[tuple[type, int]] = set()
        self.hitung: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.unit = {u.slug: u for u in UnitKerja.objects.filter(opd_id=ta.opd_id)}
        # Approved reports are locked: their plan may not change underneath them
        # until the superior reopens them. A murni import may touch what a report
        # under either stage falls back on; a Perubahan import only what reports
        # approved under the Perubahan stand on.
        self.disetujui: dict[int, list[int]] = defaultdict(list)
        for unit_id, tw, tahap in (
            LaporanTriwulan.objects.filter(
                tahun_anggaran=ta, status=LaporanTriwulan.Status.DISETUJUI
            )
            .order_by("triwulan")
            .values_list("unit_kerja_id", "triwulan", "tahap")
        ):
            tahap = tahap or ta.tahap_triwulan(tw)
            if not perubahan or tahap == TahapRencana.PERUBAHAN:
                self.disetujui[unit_id].append(tw)

    def tulis(self) -> HasilImpor:
        ta, r = self.ta, self.rencana
        ada_program = list(
            Program.objects.filter(tahun_anggaran=ta).order_by("urutan", "pk")
        )
        ada_kegiatan = _per_induk(
            Kegiatan.objects.filter(program__tahun_anggaran=ta).order_by(
                "urutan", "pk"
            ),
            "program_id",
        )
        ada_sub = _per_induk(
            SubKegiatan.objects.filter(kegiatan__program__tahun_anggaran=ta).order_by(
                "urutan", "pk"
            ),
            "kegiatan_id",
        )
        semua_indikator = list(Indikator.objects.filter(tahun_anggaran=ta))
        ada_indikator: dict[tuple[str, int], list[Indikator]] = defaultdict(list)
        for ind in semua_indikator:
            if ind.iku_id is None:
                pemilik = ind.sub_kegiatan_id or ind.kegiatan_id or ind.program_id
                ada_indikator[(ind.tingkat, pemilik)].append(ind)
        ada_anggaran = {
            (a.sub_kegiatan_id, a.tahap): a
            for a in Anggaran.objects.filter(
                sub_kegiatan__kegiatan__program__tahun_anggaran=ta
            )
        }

        program: list[Program] = []
        for i, p in enumerate(r.program, start=1):
            obj = self._cocok(ada_program, p.kode, p.nama) or Program(tahun_anggaran=ta)
            self._butir(
                obj,
                PROGRAM,
                p.baris,
                kode=p.kode,
                nama=p.nama,
                unit_kerja=self.unit[p.unit],
                sasaran_id=p.sasaran,
                urutan=i,
            )
            program.append(obj)
        self._periksa()

        kegiatan = self._anak(
            r.kegiatan, program, ada_kegiatan, Kegiatan, KEGIATAN, "program"
        )
        sub_kegiatan = self._anak(
            r.sub_kegiatan, kegiatan, ada_sub, SubKegiatan, SUB_KEGIATAN, "kegiatan"
        )

        pemilik = {
            Tingkat.PROGRAM: program,
            Tingkat.KEGIATAN: kegiatan,
            Tingkat.SUB_KEGIATAN: sub_kegiatan,
        }
        awal = max((i.urutan for i in semua_indikator if i.iku_id), default=0)
        for n, b in enumerate(r.indikator, start=1):
            milik = pemilik[b.tingkat][b.pemilik]
            calon = ada_indikator[(b.tingkat, milik.pk)]
            obj = next(
                (
                    i
                    for i in calon
                    if norm_nama(i.nama) == norm_nama(b.nama) and self._bebas(i)
                ),
                None,
            ) or Indikator(tahun_anggaran=ta)
            target = {
                "target_tahunan": b.target_tahunan,
                "target_tw1": b.target_tw[0],
                "target_tw2": b.target_tw[1],
                "target_tw3": b.target_tw[2],
                "target_tw4": b.target_tw[3],
            }
            self._butir(
                obj,
                INDIKATOR,
                b.baris,
                **{b.tingkat: milik},
                unit_kerja=self.unit[b.unit] if b.unit else milik.unit_kerja,
                nama=b.nama,
                satuan=b.satuan,
                polaritas=b.polaritas,
                cara_akumulasi=b.cara_akumulasi,
                desimal=b.desimal,
                dari_turunan=b.dari_turunan,
                rumus_pembilang=b.rumus_pembilang,
                rumus_penyebut=b.rumus_penyebut,
                rumus_pengali=b.rumus_pengali,
                urutan=awal + n,
                **({} if self.perubahan else target),
            )
            if self.perubahan and obj.pk is not None:
                ubah = TargetPerubahan.objects.filter(indikator=obj).first()
                self._simpan(
                    ubah or TargetPerubahan(indikator=obj),
                    TARGET_PERUBAHAN,
                    b.baris,
                    **target,
                )
        self._periksa()

        for b in r.anggaran:
            sub = sub_kegiatan[b.sub_kegiatan]
            if self.perubahan and b.tahap != TahapRencana.PERUBAHAN:
                self.galat.append(
                    Galat(
                        ANGGARAN,
                        b.baris,
                        "D",
                        "Tahap",
                        f'impor DPA Perubahan: tahap baris ini "{b.tahap}"; isi '
                        '"perubahan". Anggaran murni tidak diubah lewat impor '
                        "Perubahan.",
                    )
                )
                continue
            obj = ada_anggaran.get((sub.pk, b.tahap)) or Anggaran(
                sub_kegiatan=sub, tahap=b.tahap
            )
            self._simpan(
                obj,
                ANGGARAN,
                b.baris,
                sub_kegiatan=sub,
                tahap=b.tahap,
                pagu=b.pagu,
                sumber_dana=b.sumber_dana,
                kas_tw1=b.kas_tw[0],
                kas_tw2=b.kas_tw[1],
                kas_tw3=b.kas_tw[2],
                kas_tw4=b.kas_tw[3],
            )
        self._periksa()

        if self.perubahan:
            dikeluarkan = self._keluarkan(
                [
                    *ada_program,
                    *(k for daftar in ada_kegiatan.values() for k in daftar),
                    *(s for daftar in ada_sub.values() for s in daftar),
                    *(i for i in semua_indikator if i.iku_id is None),
                ]
            )
            self._periksa()
            return HasilImpor(
                hitungan=tuple(
                    Hitungan(jenis, *self.hitung[jenis])
                    for jenis in (*LEMBAR_DATA, TARGET_PERUBAHAN)
                ),
                tidak_disentuh=(),
                dikeluarkan=tuple(dikeluarkan),
            )
        return HasilImpor(
            hitungan=tuple(
                Hitungan(jenis, *self.hitung[jenis]) for jenis in LEMBAR_DATA
            ),
            tidak_disentuh=tuple(
                self._tidak_disentuh(
                    ada_program,
                    ada_kegiatan,
                    ada_sub,
                    semua_indikator,
                    ada_anggaran.values(),
                )
            ),
        )

    def _butir(self, obj: models.Model, lembar: str, baris: int, **nilai) -> None:
        """Save a program, kegiatan, sub kegiatan or indicator. In a Perubahan an
        item new to the year exists from the Perubahan on; a stored one only
        rejoins the Perubahan, and what identifies it in the murni reports may not
        change."""
        if not self.perubahan:
            if obj.pk is None and self.ta.perubahan_mulai is not None:
                # Added to the murni plan after the Perubahan: not part of it.
                nilai["di_perubahan"] = False
            self._simpan(obj, lembar, baris, **nilai)
            return
        if obj.pk is None:
            self._simpan(obj, lembar, baris, **nilai, di_murni=False, di_perubahan=True)
            return
        nilai.pop("urutan", None)
        for nama, v in nilai.items():
            field = obj._meta.get_field(nama.removesuffix("_id"))
            lama = getattr(obj, field.attname if field.is_relation else nama)
            baru = v.pk if isinstance(v, models.Model) else v
            if lama != baru:
                tampil = getattr(obj, nama) if not field.is_relation else lama
                self.galat.append(
                    Galat(
                        lembar,
                        baris,
                        None,
                        None,
                        f'{obj} sudah ada dengan {field.verbose_name} "{tampil}"; '
                        "impor DPA Perubahan tidak mengubah butir yang sudah ada "
                        "selain targetnya (laporan yang sudah disetujui harus tetap "
                        "sama). Samakan isiannya, atau tulis sebagai butir baru.",
                    )
                )
                return
        self._simpan(obj, lembar, baris, di_perubahan=True)

    def _keluarkan(self, butir: list) -> list[str]:
        """Drop from the Perubahan the stored items the workbook left out."""
        hasil = []
        for obj in butir:
            if not self._bebas(obj) or not obj.di_perubahan:
                continue
            nama = f"{obj._meta.verbose_name.capitalize()} {obj}"
            if not obj.di_murni:
                self.galat.append(
                    Galat(
                        "",
                        None,
                        None,
                        None,
                        f"{nama} hanya ada di DPA Perubahan dan tidak tercantum di "
                        "berkas. Cantumkan lagi, atau minta administrator "
                        "menghapusnya.",
                    )
                )
                continue
            if terkunci := self._terkunci(obj):
                self.galat.append(Galat("", None, None, None, f"{nama}: {terkunci}"))
                continue
            obj.di_perubahan = False
            obj.save(update_fields=["di_perubahan"])
            hasil.append(nama)
        return hasil

    def _anak(self, baris, induk_baru, ada, model, lembar, nama_induk):
        hasil = []
        urutan: dict[int, int] = defaultdict(int)
        for b in baris:
            induk = induk_baru[getattr(b, nama_induk)]
            urutan[induk.pk] += 1
            obj = self._cocok(ada.get(induk.pk, []), b.kode, b.nama) or model()
            self._butir(
                obj,
                lembar,
                b.baris,
                **{nama_induk: induk},
                kode=b.kode,
                nama=b.nama,
                unit_kerja=self.unit[b.unit],
                urutan=urutan[induk.pk],
            )
            hasil.append(obj)
        self._periksa()
        return hasil

    def _bebas(self, obj: models.Model) -> bool:
        return (type(obj), obj.pk) not in self.dipakai

    def _cocok(self, ada: Sequence, kode: str, nama: str):
        """The stored item a row stands for: the same kode under the same parent;
        or, when the row has no kode or the stored item none, the same name."""
        if kode:
            for obj in ada:
                if obj.kode == kode and self._bebas(obj):
                    return obj
        for obj in ada:
            if (
                norm_nama(obj.nama) == norm_nama(nama)
                and not (kode and obj.kode)
                and self._bebas(obj)
            ):
                return obj
        return None

    def _simpan(self, obj: models.Model, lembar: str, baris: int, **nilai) -> None:
        baru = obj.pk is None
        berubah = False
        for nama, v in nilai.items():
            field = obj._meta.get_field(nama.removesuffix("_id"))
            if field.is_relation:
                lama = getattr(obj, field.attname)
                v_pk = v.pk if isinstance(v, models.Model) else v
                berubah |= lama != v_pk
            else:
                berubah |= getattr(obj, nama) != v
            setattr(obj, nama, v)
        hitung = self.hitung[lembar]
        if not baru and not berubah:
            hitung[2] += 1
        elif terkunci := self._terkunci(obj):
            self.galat.append(Galat(lembar, baris, None, None, terkunci))
            return
        else:
            try:
                obj.full_clean()
            except ValidationError as exc:
                self.galat.append(
                    Galat(lembar, baris, None, None, " ".join(exc.messages))
                )
                return
            obj.save()
            hitung[0 if baru else 1] += 1
        self.dipakai.add((type(obj), obj.pk))

    def _terkunci(self, obj: models.Model) -> str:
        """Why a new or changed target or budget (in a Perubahan: any change of the
        Perubahan) may not be written: the unit's report of a quarter of this year
        is approved under the stage it changes; "" when it may."""
        if isinstance(obj, Indikator):
            unit_id = obj.unit_kerja_id
        elif isinstance(obj, Anggaran):
            unit_id = obj.sub_kegiatan.unit_kerja_id
        elif isinstance(obj, TargetPerubahan):
            unit_id = obj.indikator.unit_kerja_id
        elif self.perubahan:
            unit_id = obj.unit_kerja_id
        else:
            return ""
        triwulan = self.disetujui.get(unit_id)
        if not triwulan:
            return ""
        daftar = ", ".join(ROMAWI[t] for t in triwulan)
        return (
            f"Laporan triwulan {daftar} unit ini sudah disetujui atasan, sehingga "
            "target dan anggarannya dikunci. Minta atasan membuka kembali laporan "
            "itu sebelum mengimpor perubahan."
        )

    def _periksa(self) -> None:
        if self.galat:
            # Raised inside the transaction: whatever was saved is rolled back.
            raise RencanaAksiTidakValid(self.galat)

    def _tidak_disentuh(
        self, program, kegiatan, sub_kegiatan, indikator, anggaran
    ) -> Iterator[str]:
        """The stored items the workbook left alone, each named once: the
        children of an item left alone go with it."""
        for p in program:
            if self._bebas(p):
                yield f"Program {p}"
        for k in (k for daftar in kegiatan.values() for k in daftar):
            if self._bebas(k) and not self._bebas_pk(Program, k.program_id):
                yield f"Kegiatan {k}"
        for s in (s for daftar in sub_kegiatan.values() for s in daftar):
            if self._bebas(s) and not self._bebas_pk(Kegiatan, s.kegiatan_id):
                yield f"Sub kegiatan {s}"
        for i in indikator:
            if i.iku_id is None and self._bebas(i):
                model = {
                    Tingkat.PROGRAM: Program,
                    Tingkat.KEGIATAN: Kegiatan,
                    Tingkat.SUB_KEGIATAN: SubKegiatan,
                }[i.tingkat]
                pemilik = i.sub_kegiatan_id or i.kegiatan_id or i.program_id
                if not self._bebas_pk(model, pemilik):
                    yield f"Indikator {i}"
        for a in anggaran:
            if self._bebas(a) and not self._bebas_pk(SubKegiatan, a.sub_kegiatan_id):
                yield f"Anggaran {a.sub_kegiatan.nama} ({a.get_tahap_display()})"

    def _bebas_pk(self, model: type, pk: int) -> bool:
        return (model, pk) not in self.dipakai


def _per_induk(qs: models.QuerySet, kolom: str) -> dict[int, list]:
    hasil: dict[int, list] = defaultdict(list)
    for obj in qs:
        hasil[getattr(obj, kolom)].append(obj)
    return hasil


def rencana_aksi_impor(
    *,
    user,
    tahun_anggaran: TahunAnggaran,
    berkas: bytes | IO[bytes],
    perubahan_mulai: int | None = None,
) -> HasilImpor:
    """Create or update the year's plan from a Rencana Aksi workbook.

    Nothing is written unless the whole workbook is valid: ``RencanaAksiTidakValid``
    carries every error. Stored items the workbook does not list are kept. ``user``
    None is the command line (``manage.py impor_rencana_aksi``), whose operator
    already holds the database; from the web it is the signed-in user, who must be
    the office's planner (``AksiDitolak`` otherwise).

    With ``perubahan_mulai`` (1-4) the workbook is the DPA Perubahan, measured from
    that quarter on: see ``_Penulis``. Reports already submitted keep the stage
    they were submitted under, so no approved quarter has to be reopened.
    """
    if user is not None and not akses.boleh_kelola_kantor(user, tahun_anggaran.opd):
        raise AksiDitolak("Hanya perencana perangkat daerah ini yang dapat mengimpor.")
    if perubahan_mulai is not None and not 1 <= perubahan_mulai <= 4:
        raise ValueError(f"triwulan harus 1-4, bukan {perubahan_mulai}")
    rencana = baca_rencana_aksi(berkas, tahun_anggaran=tahun_anggaran)
    with transaction.atomic():
        # One import of a year at a time: items without a kode have no database
        # constraint that would stop two concurrent imports creating both.
        ta = TahunAnggaran.objects.select_for_update().get(pk=tahun_anggaran.pk)
        hasil = _Penulis(ta, rencana, perubahan=perubahan_mulai is not None).tulis()
        if perubahan_mulai is not None and ta.perubahan_mulai != perubahan_mulai:
            ta.perubahan_mulai = perubahan_mulai
            ta.save(update_fields=["perubahan_mulai"])
            tahun_anggaran.perubahan_mulai = perubahan_mulai
        return hasil
