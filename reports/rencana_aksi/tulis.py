"""Writing a checked Rencana Aksi into the year: every row is matched to the stored
item it stands for and checked in memory, then each level of the plan is written in
a few statements whatever its number of rows."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models

from reports.models import (
    Anggaran,
    Indikator,
    Kegiatan,
    Program,
    SubKegiatan,
    TahapRencana,
    TahunAnggaran,
    TargetPerubahan,
    UnitKerja,
)
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
from reports.rencana_aksi.kunci import Disetujui, nama_laporan

log = logging.getLogger(__name__)

# The result line of an indicator's changed targets in a Perubahan import.
TARGET_PERUBAHAN = "Target Perubahan"
# Rows per INSERT or UPDATE statement (SQLite takes fewer: 999 parameters).
BATCH = 500
# The model of an indicator's owner, by the indicator's tingkat.
MODEL_PEMILIK = {
    Tingkat.PROGRAM: Program,
    Tingkat.KEGIATAN: Kegiatan,
    Tingkat.SUB_KEGIATAN: SubKegiatan,
}
PESAN_BASIS_DATA = (
    "basis data menolak isian lembar ini, mungkin karena rencana tahun ini diubah "
    "orang lain pada saat yang sama. Tidak ada yang disimpan; unggah lagi berkasnya. "
    "Bila pesan ini muncul lagi, hubungi administrator."
)


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


@dataclass(frozen=True)
class _Tulisan:
    """An item a row creates or changes: where the row is (for an item the
    Perubahan drops, no row but its name) and the unit the item had before."""

    lembar: str
    baris: int | None
    obj: models.Model
    unit_lama: int | None
    nama: str = ""


class Penulis:
    """Writes a checked plan into the year, in the caller's transaction.

    As the murni plan (``perubahan`` False) it creates and updates items in place.
    As the DPA Perubahan it writes only that stage: new items exist from the
    Perubahan on, items the workbook leaves out are dropped from it, changed
    targets and budgets are kept beside the murni ones; what a murni report shows
    (names, codes, units, murni targets and budgets) is never touched.

    Each level (programs, kegiatan, sub kegiatan, indicators, budgets) is matched
    and checked in memory, then written in bulk: its changed items, then its new
    ones, whose ids the next level needs. Fields are checked here; the database
    enforces the constraints, and an ``IntegrityError`` becomes the error list.
    Whether approved reports still print the same is the caller's check
    (``kunci``); ``galat_terkunci`` names the rows that change them."""

    def __init__(
        self, ta: TahunAnggaran, rencana: RencanaAksi, *, perubahan: bool = False
    ) -> None:
        self.ta, self.rencana, self.perubahan = ta, rencana, perubahan
        self.galat: list[Galat] = []
        self.dipakai: set[tuple[type, int]] = set()
        self.hitung: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.unit = {u.slug: u for u in UnitKerja.objects.filter(opd_id=ta.opd_id)}
        self.tertulis: list[_Tulisan] = []
        # The level being matched, until it is written.
        self._baru: list[models.Model] = []
        self._ubah: list[tuple[models.Model, set[str]]] = []
        # The units of a stored program, kegiatan or sub kegiatan and of every
        # item below it: the reports that print it.
        self._unit_di_bawah: dict[tuple[type, int], set[int]] = defaultdict(set)

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
            ).select_related("sub_kegiatan")
        }
        self._catat_unit(ada_kegiatan, ada_sub, semua_indikator)

        calon_program = _Calon(ada_program)
        program: list[Program] = []
        for i, p in enumerate(r.program, start=1):
            obj = self._cocok(calon_program, p.kode, p.nama) or Program(
                tahun_anggaran=ta
            )
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
        self._tulis(PROGRAM)

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
        indikator: list[tuple[Indikator, dict]] = []
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
            indikator.append((obj, target))
        self._tulis(INDIKATOR)

        if self.perubahan:
            ada_target = {
                t.indikator_id: t
                for t in TargetPerubahan.objects.filter(indikator__tahun_anggaran=ta)
            }
            for (obj, target), b in zip(indikator, r.indikator, strict=True):
                self._simpan(
                    ada_target.get(obj.pk) or TargetPerubahan(indikator=obj),
                    TARGET_PERUBAHAN,
                    b.baris,
                    **target,
                )
            self._tulis(INDIKATOR)

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
        self._tulis(ANGGARAN)

        if self.perubahan:
            dikeluarkan = self._keluarkan(
                [
                    *ada_program,
                    *(k for daftar in ada_kegiatan.values() for k in daftar),
                    *(s for daftar in ada_sub.values() for s in daftar),
                    *(i for i in semua_indikator if i.iku_id is None),
                ]
            )
            self._tulis("")
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

    def galat_terkunci(self, berubah: Sequence[Disetujui]) -> list[Galat]:
        """The errors of a plan that would change approved reports. A row writing
        an item a report prints as its own (the unit's indicators, sub kegiatan
        and budgets, the headings above them, an item leaving or joining the
        unit) gets the error, naming the reports; a report changed only through
        what it adds up or averages over other units' items gets one of its own.
        A Perubahan writes only that stage, so its rows only reach reports
        approved under it."""
        galat, disebut = [], set()
        for t in self.tertulis:
            unit = self._unit_langsung(t)
            kena = [
                d
                for d in berubah
                if d.unit.pk in unit
                and (not self.perubahan or d.tahap == TahapRencana.PERUBAHAN)
            ]
            if not kena:
                continue
            disebut.update(kena)
            pelaku = "baris ini" if t.baris else "impor ini"
            pesan = self._pesan_terkunci(kena, f"{pelaku} mengubah isinya")
            if t.nama:
                pesan = f"{t.nama}: {pesan}"
            galat.append(Galat(t.lembar, t.baris, None, None, pesan))
        for d in berubah:
            if d not in disebut:
                pesan = self._pesan_terkunci(
                    [d],
                    "impor ini mengubah isinya: laporan itu juga mencetak jumlah dan "
                    "rata-rata program dan kegiatan di atas butir-butirnya, yang ikut "
                    "berubah bila butir lain di bawahnya (juga milik unit lain) "
                    "berubah",
                )
                galat.append(Galat("", None, None, None, pesan))
        return galat

    def _pesan_terkunci(self, kena: list[Disetujui], apa: str) -> str:
        laporan = nama_laporan(kena, self.ta.tahun)
        if not self.perubahan:
            saran = (
                ", atau impor perubahan rencana sebagai DPA Perubahan mulai triwulan "
                "sesudahnya"
            )
        elif all(d.tahap == TahapRencana.MURNI for d in kena):
            saran = ", atau mulai DPA Perubahan pada triwulan sesudahnya"
        else:
            saran = ""
        return (
            f"{laporan[0].upper()}{laporan[1:]} sudah disetujui atasan, dan {apa}. "
            "Minta atasan membuka kembali laporan itu sebelum mengimpor perubahan "
            f"ini{saran}."
        )

    def _catat_unit(self, kegiatan, sub_kegiatan, indikator) -> None:
        """Record the units of every stored item and of the items below it."""
        di_bawah = self._unit_di_bawah
        for i in indikator:
            if i.iku_id is None:
                pemilik = i.sub_kegiatan_id or i.kegiatan_id or i.program_id
                di_bawah[(MODEL_PEMILIK[i.tingkat], pemilik)].add(i.unit_kerja_id)
        for model, daftar, induk, kolom in (
            (SubKegiatan, sub_kegiatan, Kegiatan, "kegiatan_id"),
            (Kegiatan, kegiatan, Program, "program_id"),
        ):
            for obj in (o for anak in daftar.values() for o in anak):
                sendiri = di_bawah[(model, obj.pk)]
                sendiri.add(obj.unit_kerja_id)
                di_bawah[(induk, getattr(obj, kolom))] |= sendiri

    def _unit_langsung(self, t: _Tulisan) -> set[int]:
        """The units whose reports print what a row writes as their own: the unit
        the item leaves and the one it joins, and those of the stored items
        below it (which print it as their heading)."""
        obj = t.obj
        if isinstance(obj, Anggaran):
            obj = obj.sub_kegiatan
        elif isinstance(obj, TargetPerubahan):
            obj = obj.indikator
        unit = {t.unit_lama, obj.unit_kerja_id}
        unit.update(self._unit_di_bawah.get((type(obj), obj.pk), ()))
        unit.discard(None)
        return unit

    def _butir(self, obj: models.Model, lembar: str, baris: int, **nilai) -> None:
        """Check a program, kegiatan, sub kegiatan or indicator. In a Perubahan an
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
            # The owner object, so that the indicator's check reads its year
            # without a query.
            setattr(obj, nama, v)
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
            obj.di_perubahan = False
            self._ubah.append((obj, {"di_perubahan"}))
            self.tertulis.append(_Tulisan("", None, obj, obj.unit_kerja_id, nama))
            hasil.append(nama)
        return hasil

    def _anak(self, baris, induk_baru, ada, model, lembar, nama_induk):
        calon = {pk: _Calon(daftar) for pk, daftar in ada.items()}
        hasil = []
        urutan: dict[int, int] = defaultdict(int)
        for b in baris:
            induk = induk_baru[getattr(b, nama_induk)]
            urutan[induk.pk] += 1
            obj = self._cocok(calon.get(induk.pk, TANPA_CALON), b.kode, b.nama)
            obj = obj or model()
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
        self._tulis(lembar)
        return hasil

    def _bebas(self, obj: models.Model) -> bool:
        return (type(obj), obj.pk) not in self.dipakai

    def _cocok(self, calon: _Calon, kode: str, nama: str):
        """The stored item a row stands for: the same kode under the same parent;
        or, when the row has no kode or the stored item none, the same name. An
        item a row already took (whose kode or name may since have changed) is
        not another row's."""
        for obj in calon.per_kode.get(kode, ()) if kode else ():
            if self._bebas(obj):
                return obj
        for obj in calon.per_nama.get(norm_nama(nama), ()):
            if not (kode and obj.kode) and self._bebas(obj):
                return obj
        return None

    def _simpan(self, obj: models.Model, lembar: str, baris: int, **nilai) -> None:
        """Set a row's values on its item and queue the item for writing when it
        is new or any value changed; count it."""
        baru = obj.pk is None
        unit_lama = None if baru else getattr(obj, "unit_kerja_id", None)
        berubah: set[str] = set()
        for nama, v in nilai.items():
            field = obj._meta.get_field(nama.removesuffix("_id"))
            if field.is_relation:
                lama = getattr(obj, field.attname)
                v_pk = v.pk if isinstance(v, models.Model) else v
                if lama != v_pk:
                    berubah.add(field.name)
            elif getattr(obj, nama) != v:
                berubah.add(field.name)
            setattr(obj, nama, v)
        hitung = self.hitung[lembar]
        if not baru and not berubah:
            hitung[2] += 1
        else:
            try:
                # Relations are the stored items just matched; the constraints
                # (each would be a query per row) are the database's to enforce.
                obj.full_clean(
                    exclude=_relasi(type(obj)),
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as exc:
                self.galat.append(
                    Galat(lembar, baris, None, None, " ".join(exc.messages))
                )
                return
            if baru:
                self._baru.append(obj)
            else:
                self._ubah.append((obj, berubah))
            hitung[0 if baru else 1] += 1
            self.tertulis.append(_Tulisan(lembar, baris, obj, unit_lama))
        if not baru:
            self.dipakai.add((type(obj), obj.pk))

    def _tulis(self, lembar: str) -> None:
        """Write the level just checked: changed items first (a code one gives up
        may be the code a new one takes), then new ones, in batches."""
        self._periksa()
        baru, ubah = self._baru, self._ubah
        self._baru, self._ubah = [], []
        try:
            for model, daftar in _per_model(ubah).items():
                # A code moves between two stored items through "" (which the
                # unique constraint leaves free), whatever order the rows take.
                if kode := [(o, o.kode) for o, kolom in daftar if "kode" in kolom]:
                    for o, _ in kode:
                        o.kode = ""
                    model.objects.bulk_update([o for o, _ in kode], ["kode"], BATCH)
                    for o, k in kode:
                        o.kode = k
                kolom = sorted(set().union(*(k for _, k in daftar)))
                model.objects.bulk_update([o for o, _ in daftar], kolom, BATCH)
            for model, daftar in _per_model((o, None) for o in baru).items():
                model.objects.bulk_create([o for o, _ in daftar], BATCH)
        except IntegrityError as exc:
            log.warning("Rencana Aksi import refused by the database", exc_info=True)
            raise RencanaAksiTidakValid(
                [Galat(lembar, None, None, None, PESAN_BASIS_DATA)]
            ) from exc

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
                pemilik = i.sub_kegiatan_id or i.kegiatan_id or i.program_id
                if not self._bebas_pk(MODEL_PEMILIK[i.tingkat], pemilik):
                    yield f"Indikator {i}"
        for a in anggaran:
            if self._bebas(a) and not self._bebas_pk(SubKegiatan, a.sub_kegiatan_id):
                yield f"Anggaran {a.sub_kegiatan.nama} ({a.get_tahap_display()})"

    def _bebas_pk(self, model: type, pk: int) -> bool:
        return (model, pk) not in self.dipakai


class _Calon:
    """The stored items of one parent by kode and by name, in plan order: a row
    finds its item in one look-up, not a scan of its siblings (a year's programs
    may number thousands)."""

    def __init__(self, butir: Iterable) -> None:
        self.per_kode: dict[str, list] = defaultdict(list)
        self.per_nama: dict[str, list] = defaultdict(list)
        for obj in butir:
            if obj.kode:
                self.per_kode[obj.kode].append(obj)
            self.per_nama[norm_nama(obj.nama)].append(obj)


TANPA_CALON = _Calon(())


def _per_induk(qs: models.QuerySet, kolom: str) -> dict[int, list]:
    hasil: dict[int, list] = defaultdict(list)
    for obj in qs:
        hasil[getattr(obj, kolom)].append(obj)
    return hasil


def _per_model(pasangan) -> dict[type, list]:
    hasil: dict[type, list] = defaultdict(list)
    for obj, nilai in pasangan:
        hasil[type(obj)].append((obj, nilai))
    return hasil


def _relasi(model: type) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.is_relation]
