"""The entities of SAKIP quarterly reporting (see docs/domain.md).

Facts only: targets, budgets, realisations, narratives. Every derived figure
(capaian, serapan, averages, predikat, totals) is computed by ``reports.kinerja`` when
it is shown.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import numberformat, timezone

from reports import kinerja
from reports import nip as aturan_nip

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
TRIWULAN_CHOICES = [(n, f"Triwulan {r}") for n, r in ROMAWI.items()]
TRIWULAN_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]

# Loose national nomenclature code: "7.01.02.2.01.0002", older "1.05.001.2.01.01".
kode_validator = RegexValidator(
    r"^[0-9A-Z]+(\.[0-9A-Z]+)*$",
    "Kode terdiri atas angka (atau huruf kapital) yang dipisahkan titik, "
    "mis. 7.01.02.2.01.0002.",
)


def nip_validator(nilai: str) -> None:
    """Refuse what cannot be a NIP, with the reason in Indonesian."""
    try:
        aturan_nip.periksa(nilai, hari_ini=timezone.localdate())
    except ValueError as exc:
        raise ValidationError(str(exc), code="nip") from exc


class NipFormField(forms.CharField):
    """A NIP typed as printed, with its spaces ("19671114 199003 1 004")."""

    def to_python(self, value):
        teks = super().to_python(value)
        return aturan_nip.normalkan(teks) if teks else teks

    def widget_attrs(self, widget) -> dict:
        # Room for the 18 digits and the three spaces they are printed with.
        return {**super().widget_attrs(widget), "maxlength": "24"}


class NipField(models.CharField):
    """A NIP: accepted with or without the spaces it is printed with, stored as its
    18 digits, checked by ``reports.nip``."""

    def to_python(self, value):
        teks = super().to_python(value)
        return aturan_nip.normalkan(teks) if teks else teks

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NipFormField, **kwargs})


# Every amount and measure must come back from the database exactly as it went in.
# PostgreSQL's numeric keeps every digit; SQLite keeps a decimal as a float, exact to
# 15 significant digits, and Django fails to read back one that rounds past the
# column's digits. So: at most 15 significant digits, and at most 10^15 (a thousand
# trillion Rupiah, far above any kabupaten's budget; no measure comes near it).
BATAS_ANGKA = Decimal(10) ** 15
DIGIT_BERMAKNA_MAKS = 15


def periksa_angka(nilai: Decimal) -> None:
    """Refuse a number the database cannot hold exactly (``ValidationError`` with
    the Indonesian message)."""
    if nilai > BATAS_ANGKA:
        raise ValidationError(
            "Angka terlalu besar; paling besar 1.000.000.000.000.000.",
            code="terlalu_besar",
        )
    if nilai and len(nilai.normalize().as_tuple().digits) > DIGIT_BERMAKNA_MAKS:
        raise ValidationError(
            f"Angka terlalu panjang untuk disimpan dengan tepat: paling banyak "
            f"{DIGIT_BERMAKNA_MAKS} angka, mis. 123.456.789.012,345.",
            code="terlalu_panjang",
        )


def nilai_field(verbose_name: str, **kwargs) -> models.DecimalField:
    """A measure (target or realisation of an indicator); missing is NULL."""
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    return models.DecimalField(
        verbose_name,
        max_digits=20,
        decimal_places=4,
        validators=[periksa_angka],
        **kwargs,
    )


def rupiah_field(verbose_name: str, **kwargs) -> models.DecimalField:
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    return models.DecimalField(
        verbose_name,
        max_digits=18,
        decimal_places=2,
        validators=[periksa_angka],
        **kwargs,
    )


def tidak_negatif(*fields: str, prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__gte": 0}),
            name=f"{prefix}_{f}_tidak_negatif",
        )
        for f in fields
    ]


def dalam_batas(*fields: str, prefix: str) -> list[models.CheckConstraint]:
    """At most ``BATAS_ANGKA``, whatever path a value takes into the database."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__lte": BATAS_ANGKA}),
            name=f"{prefix}_{f}_dalam_batas",
        )
        for f in fields
    ]


class SumberRealisasi(models.TextChoices):
    """Where an IKU's realisation comes from."""

    ISIAN = "isian", "Diisi (diukur di luar LAKIP)"
    RENCANA = "rencana", "Dari program, kegiatan atau indikator Rencana Aksi"
    SURVEI_IKM = "survei_ikm", "Dari survei IKM"


class Polaritas(models.TextChoices):
    POSITIF = kinerja.Polaritas.POSITIF.value, "Semakin tinggi semakin baik"
    NEGATIF = kinerja.Polaritas.NEGATIF.value, "Semakin rendah semakin baik"


class CaraAkumulasi(models.TextChoices):
    JUMLAH = kinerja.CaraAkumulasi.JUMLAH.value, "Jumlah (dijumlahkan per triwulan)"
    NILAI_AKHIR = (
        kinerja.CaraAkumulasi.NILAI_AKHIR.value,
        "Nilai akhir (triwulan terakhir)",
    )
    RATA_RATA = kinerja.CaraAkumulasi.RATA_RATA.value, "Rata-rata triwulan"


class DasarCapaian(models.TextChoices):
    TRIWULAN = (
        kinerja.DasarCapaian.TRIWULAN.value,
        "Triwulan: realisasi triwulan terhadap target (anggaran kas) triwulan",
    )
    KUMULATIF = (
        kinerja.DasarCapaian.KUMULATIF.value,
        "Kumulatif: realisasi s/d triwulan terhadap target (anggaran kas) s/d triwulan",
    )
    TAHUNAN = (
        kinerja.DasarCapaian.TAHUNAN.value,
        "Tahunan: realisasi s/d triwulan terhadap target tahunan (pagu)",
    )


class TahapRencana(models.TextChoices):
    """The stages of a year's plan: the DPA as first adopted, and the DPA after the
    mid-year budget change (APBD-Perubahan)."""

    MURNI = "murni", "Murni (pokok)"
    PERUBAHAN = "perubahan", "Perubahan"


# --- organisation ---

LAMBANG_MAKS_BYTE = 1024 * 1024
LAMBANG_MAKS_PIKSEL = 2000


def periksa_lambang(berkas) -> None:
    """A pemda's lambang: a PNG or JPEG image of at most 1 MB and 2000 pixels a
    side (it is printed a few centimetres wide on every cover)."""
    from PIL import Image, UnidentifiedImageError

    if berkas.size > LAMBANG_MAKS_BYTE:
        raise ValidationError("Berkas lambang paling besar 1 MB.", code="lambang_besar")
    try:
        berkas.seek(0)
        with Image.open(berkas) as gambar:
            jenis, ukuran = gambar.format, gambar.size
            gambar.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(
            "Berkas lambang bukan gambar PNG atau JPG yang utuh.", code="lambang_rusak"
        ) from exc
    finally:
        berkas.seek(0)
    if jenis not in {"PNG", "JPEG"}:
        raise ValidationError(
            "Lambang harus berupa gambar PNG atau JPG.", code="lambang_jenis"
        )
    if max(ukuran) > LAMBANG_MAKS_PIKSEL:
        raise ValidationError(
            f"Gambar lambang paling besar {LAMBANG_MAKS_PIKSEL} piksel per sisi.",
            code="lambang_piksel",
        )


def lambang_upload_to(instance: PemerintahDaerah, filename: str) -> str:
    akhiran = Path(filename).suffix.lower()
    return f"lambang/{instance.slug}{akhiran}"


class PemerintahDaerah(models.Model):
    class Jenis(models.TextChoices):
        KABUPATEN = "kabupaten", "Kabupaten"
        KOTA = "kota", "Kota"

    jenis = models.CharField(
        max_length=10, choices=Jenis.choices, default=Jenis.KABUPATEN
    )
    nama = models.CharField("nama", max_length=100, help_text="Mis. Luwu Timur")
    slug = models.SlugField(unique=True)
    batasi_capaian_rata_rata = models.BooleanField(
        "batasi capaian 100% saat dirata-rata",
        default=False,
        help_text="Jika dicentang, capaian di atas 100% dihitung 100% dalam rata-rata.",
    )
    # Kept under MEDIA_ROOT like the evidence, which no URL serves: the reports
    # embed it (a data: URI) on their covers.
    lambang = models.ImageField(
        upload_to=lambang_upload_to,
        blank=True,
        validators=[periksa_lambang],
        help_text="Lambang daerah untuk sampul laporan: PNG atau JPG, paling besar "
        "1 MB. Kosong: sampul tanpa lambang.",
    )

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["nama"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.nama}"

    def skala_predikat(self) -> tuple[kinerja.Pita, ...]:
        """This pemda's predikat bands, or the default scale when it has none.
        Uses the prefetched ``pita_predikat`` when there is one."""
        pita = [kinerja.Pita(p.batas_bawah, p.label) for p in self.pita_predikat.all()]
        return tuple(pita) or kinerja.SKALA_BAKU


class PitaPredikat(models.Model):
    pemda = models.ForeignKey(
        PemerintahDaerah, on_delete=models.CASCADE, related_name="pita_predikat"
    )
    batas_bawah = models.DecimalField(
        "batas bawah (%)",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    label = models.CharField(max_length=50)

    class Meta:
        verbose_name = "pita predikat"
        verbose_name_plural = "skala predikat"
        ordering = ["pemda", "-batas_bawah"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "batas_bawah"], name="pita_batas_unik"
            ),
            models.UniqueConstraint(fields=["pemda", "label"], name="pita_label_unik"),
            models.CheckConstraint(
                condition=Q(batas_bawah__gte=0), name="pita_batas_tidak_negatif"
            ),
        ]

    def __str__(self) -> str:
        return f"≥ {self.batas_bawah}: {self.label}"


class UkuranKertas(models.TextChoices):
    A4 = "A4", "A4 (210 x 297 mm)"
    F4 = "F4", "Folio / F4 (215 x 330 mm)"


class PerangkatDaerah(models.Model):
    pemda = models.ForeignKey(
        PemerintahDaerah,
        on_delete=models.PROTECT,
        related_name="perangkat_daerah",
        verbose_name="pemerintah daerah",
    )
    nama = models.CharField(max_length=200, help_text="Mis. Kecamatan Kalaena")
    singkatan = models.CharField(max_length=50, blank=True)
    slug = models.SlugField(unique=True)
    tempat = models.CharField(
        max_length=100,
        help_text="Tempat yang ditulis di atas tanda tangan, mis. Kalaena",
    )
    alamat = models.CharField(max_length=300, blank=True)
    ukuran_kertas = models.CharField(
        "ukuran kertas laporan",
        max_length=5,
        choices=UkuranKertas.choices,
        default=UkuranKertas.A4,
    )
    latar_belakang = models.TextField(
        "latar belakang",
        blank=True,
        help_text=(
            "Bab I laporan kantor. Kosong: paragraf baku tentang SAKIP dengan nama "
            "kantor."
        ),
    )
    gambaran_umum = models.TextField(
        "gambaran umum",
        blank=True,
        help_text="Wilayah, penduduk dan kedudukan kantor (Bab I laporan kantor).",
    )
    dasar_hukum = models.TextField(
        "dasar hukum susunan organisasi",
        blank=True,
        help_text=(
            "Peraturan yang menetapkan susunan organisasi, tugas dan fungsi kantor, "
            "mis. Peraturan Bupati Luwu Timur Nomor 56 Tahun 2016 tentang ... "
            "Dikutip di Bab I laporan unit dan laporan kantor."
        ),
    )

    class Meta:
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"
        ordering = ["pemda__nama", "nama"]

    def __str__(self) -> str:
        return self.nama


class Pejabat(models.Model):
    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="pejabat",
        verbose_name="perangkat daerah",
    )
    nama = models.CharField(
        max_length=150,
        help_text="Dengan gelar, sebagaimana ditulis di blok tanda tangan.",
    )
    nip = NipField(
        "NIP",
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[nip_validator],
        help_text="18 angka, boleh dengan spasi: 19671114 199003 1 004.",
    )
    pangkat = models.CharField(max_length=50, blank=True, help_text="Mis. Penata")
    golongan = models.CharField(max_length=10, blank=True, help_text="Mis. III/c")
    jabatan = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "pejabat"
        verbose_name_plural = "pejabat"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    @property
    def nip_tampil(self) -> str:
        """NIP in its printed groups: 19710502 201410 1 002."""
        return aturan_nip.tampil(self.nip or "")

    @property
    def pangkat_golongan(self) -> str:
        return ", ".join(p for p in (self.pangkat, self.golongan) if p)


class UnitKerja(models.Model):
    class Jenis(models.TextChoices):
        PIMPINAN = "pimpinan", "Pimpinan"
        SEKRETARIAT = "sekretariat", "Sekretariat"
        SUBBAGIAN = "subbagian", "Subbagian"
        BIDANG = "bidang", "Bidang"
        SEKSI = "seksi", "Seksi"

    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="unit_kerja",
        verbose_name="perangkat daerah",
    )
    atasan = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bawahan",
        verbose_name="atasan langsung",
        help_text=(
            "Unit yang memeriksa laporan unit ini. Kosong hanya untuk pimpinan OPD."
        ),
    )
    nama = models.CharField(max_length=200)
    slug = models.SlugField()
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    jabatan_kepala = models.CharField(
        "jabatan kepala",
        max_length=200,
        help_text=(
            "Ditulis di atas tanda tangan kepala unit, mis. Kepala Seksi Pemerintahan."
        ),
    )
    kepala = models.ForeignKey(
        Pejabat,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="unit_dipimpin",
    )
    tugas_pokok = models.TextField(
        "tugas pokok",
        blank=True,
        help_text=(
            "Satu paragraf, atau kalimat pembuka yang diakhiri titik dua lalu satu "
            "butir tugas per baris (dicetak a., b., c. ...)."
        ),
    )
    fungsi = models.TextField(blank=True, help_text="Satu butir per baris.")
    dasar_hukum = models.TextField(
        "dasar hukum tugas dan fungsi",
        blank=True,
        help_text=(
            "Peraturan (nomor, tahun, pasal) yang menetapkan tugas unit ini, bila "
            "berbeda dari dasar hukum perangkat daerahnya."
        ),
    )
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["opd", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "slug"], name="unit_slug_unik"),
            models.CheckConstraint(
                condition=~Q(atasan=F("pk")), name="unit_bukan_atasan_sendiri"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.opd})"

    @property
    def daftar_fungsi(self) -> list[str]:
        """The fungsi, one item per line, as a list."""
        return [f.strip() for f in self.fungsi.splitlines() if f.strip()]

    @property
    def uraian_tugas_pokok(self) -> tuple[list[str], list[str]]:
        """The tugas pokok as (opening paragraphs, items): the lines up to the
        first that ends with a colon open it, the lines after are its items (a.,
        b., c. ...); a single line is a paragraph, several lines with no opening
        are all items."""
        baris = [b.strip() for b in self.tugas_pokok.splitlines() if b.strip()]
        if len(baris) < 2:
            return baris, []
        pembuka = next((n + 1 for n, b in enumerate(baris[:-1]) if b.endswith(":")), 0)
        return baris[:pembuka], baris[pembuka:]

    @property
    def dasar_hukum_berlaku(self) -> str:
        """The regulation that sets the unit's tasks: its own, or its office's."""
        return self.dasar_hukum or self.opd.dasar_hukum

    def clean(self) -> None:
        if self.atasan_id and self.atasan.opd_id != self.opd_id:
            raise ValidationError(
                {"atasan": "Atasan harus unit pada perangkat daerah yang sama."}
            )
        # Walk up: a unit may not end up below itself.
        seen, node = {self.pk}, self.atasan
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"atasan": "Susunan atasan membentuk lingkaran."})
            seen.add(node.pk)
            node = node.atasan


class TahunAnggaran(models.Model):
    """A fiscal year of one office, with the settings that office uses that year."""

    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="tahun_anggaran",
        verbose_name="perangkat daerah",
    )
    tahun = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    dasar_kinerja = models.CharField(
        "dasar capaian kinerja",
        max_length=20,
        choices=DasarCapaian.choices,
        default=DasarCapaian.TRIWULAN,
        help_text="Realisasi indikator dibandingkan dengan target yang mana.",
    )
    dasar_keuangan = models.CharField(
        "dasar capaian keuangan",
        max_length=20,
        choices=DasarCapaian.choices,
        default=DasarCapaian.TRIWULAN,
        help_text=(
            "Realisasi anggaran dibandingkan dengan anggaran kas triwulan, anggaran "
            "kas s/d triwulan, atau pagu setahun (mis. seed 004: s/d terhadap pagu)."
        ),
    )
    perubahan_mulai = models.PositiveSmallIntegerField(
        "DPA Perubahan berlaku mulai",
        null=True,
        blank=True,
        choices=TRIWULAN_CHOICES,
        validators=TRIWULAN_VALIDATORS,
        help_text=(
            "Triwulan pertama yang diukur dengan DPA Perubahan. Kosong: belum ada "
            "Perubahan. Laporan yang sudah diajukan tetap memakai tahap saat diajukan."
        ),
    )
    perubahan_keterangan = models.CharField(
        "keterangan DPA Perubahan",
        max_length=300,
        blank=True,
        help_text="Mis. DPA Perubahan Nomor ... tanggal ...",
    )
    tenggat_hari_kerja = models.PositiveSmallIntegerField(
        "tenggat laporan (hari kerja)",
        default=5,
        help_text=(
            "Laporan triwulan paling lambat sekian hari kerja setelah triwulan "
            "berakhir."
        ),
    )

    class Meta:
        verbose_name = "tahun anggaran"
        verbose_name_plural = "tahun anggaran"
        ordering = ["opd", "-tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun"], name="tahun_anggaran_unik"
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=2000, tahun__lte=2100), name="tahun_wajar"
            ),
            models.CheckConstraint(
                condition=Q(perubahan_mulai__isnull=True)
                | Q(perubahan_mulai__gte=1, perubahan_mulai__lte=4),
                name="tahun_perubahan_triwulan_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opd} {self.tahun}"

    def tahap_triwulan(self, triwulan: int) -> str:
        """The stage of the plan in force for a quarter not yet submitted: the
        Perubahan from its first quarter on, the murni before."""
        if self.perubahan_mulai is not None and triwulan >= self.perubahan_mulai:
            return TahapRencana.PERUBAHAN
        return TahapRencana.MURNI


# --- Renstra ---


class Renstra(models.Model):
    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="renstra",
        verbose_name="perangkat daerah",
    )
    tahun_awal = models.PositiveSmallIntegerField("tahun awal")
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir")
    dasar_hukum = models.CharField("dasar hukum", max_length=300, blank=True)
    visi = models.TextField(
        blank=True, help_text="Visi kepala daerah yang didukung kantor ini."
    )
    misi = models.TextField(blank=True, help_text="Satu misi per baris.")

    class Meta:
        verbose_name = "renstra"
        verbose_name_plural = "renstra"
        ordering = ["opd", "-tahun_awal"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tahun_awal__lte=F("tahun_akhir")),
                name="renstra_periode_urut",
            ),
            models.UniqueConstraint(fields=["opd", "tahun_awal"], name="renstra_unik"),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.opd} {self.tahun_awal}-{self.tahun_akhir}"

    @property
    def daftar_misi(self) -> list[str]:
        """The misi, one per line, as a list."""
        return [m.strip() for m in self.misi.splitlines() if m.strip()]


class Tujuan(models.Model):
    renstra = models.ForeignKey(
        Renstra, on_delete=models.CASCADE, related_name="tujuan"
    )
    uraian = models.TextField()
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "tujuan"
        verbose_name_plural = "tujuan"
        ordering = ["renstra", "urutan"]

    def __str__(self) -> str:
        return self.uraian


class Sasaran(models.Model):
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    uraian = models.TextField()
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "sasaran strategis"
        verbose_name_plural = "sasaran strategis"
        ordering = ["tujuan", "urutan"]

    def __str__(self) -> str:
        return self.uraian


class IndikatorKinerjaUtama(models.Model):
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="iku")
    nama = models.CharField(max_length=500)
    satuan = models.CharField(max_length=50)
    polaritas = models.CharField(
        max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF
    )
    cara_akumulasi = models.CharField(
        "cara akumulasi",
        max_length=20,
        choices=CaraAkumulasi.choices,
        default=CaraAkumulasi.NILAI_AKHIR,
    )
    desimal = models.PositiveSmallIntegerField(
        default=2, validators=[MaxValueValidator(4)]
    )
    kondisi_awal = nilai_field("kondisi awal")
    kondisi_akhir = nilai_field(
        "kondisi akhir", help_text="Kondisi kinerja pada akhir periode Renstra/RPJMD."
    )
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "indikator kinerja utama (IKU)"
        verbose_name_plural = "indikator kinerja utama (IKU)"
        ordering = ["sasaran", "urutan"]
        constraints = dalam_batas("kondisi_awal", "kondisi_akhir", prefix="iku")

    def __str__(self) -> str:
        return self.nama


class TargetIKU(models.Model):
    """The Renstra's target of an IKU for one year."""

    iku = models.ForeignKey(
        IndikatorKinerjaUtama, on_delete=models.CASCADE, related_name="target"
    )
    tahun = models.PositiveSmallIntegerField()
    target = nilai_field("target", null=False, blank=False)

    class Meta:
        verbose_name = "target IKU"
        verbose_name_plural = "target IKU"
        ordering = ["iku", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["iku", "tahun"], name="target_iku_unik"),
            models.CheckConstraint(
                condition=Q(target__gte=0), name="target_iku_tidak_negatif"
            ),
            *dalam_batas("target", prefix="target_iku"),
        ]

    def __str__(self) -> str:
        return f"{self.iku} {self.tahun}: {self.target}"


# --- the year's plan ---


class ButirRencana(models.Model):
    """What programs, kegiatan and sub kegiatan share: a national code, a name, the
    unit responsible for it and its place among its siblings."""

    kode = models.CharField(max_length=40, blank=True, validators=[kode_validator])
    nama = models.CharField(max_length=300)
    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.PROTECT,
        related_name="%(class)s",
        verbose_name="unit kerja",
    )
    urutan = models.PositiveSmallIntegerField(default=0)
    di_murni = models.BooleanField(
        "ada di DPA murni", default=True, help_text="Tidak: ditambahkan di Perubahan."
    )
    di_perubahan = models.BooleanField(
        "ada di DPA Perubahan",
        default=True,
        help_text="Tidak: dihapus pada Perubahan (tetap ada di laporan sebelumnya).",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}".strip()

    def ada_di(self, tahap: str) -> bool:
        """Whether the item is part of the plan at stage ``tahap``."""
        return self.di_perubahan if tahap == TahapRencana.PERUBAHAN else self.di_murni


def kode_unik(induk: str, nama: str) -> models.UniqueConstraint:
    """A code is unique among its siblings; many items carry no code at all."""
    return models.UniqueConstraint(
        fields=[induk, "kode"], condition=~Q(kode=""), name=nama
    )


def ada_di_satu_tahap(nama: str) -> models.CheckConstraint:
    """An item belongs to the murni plan, the Perubahan, or both."""
    return models.CheckConstraint(
        condition=Q(di_murni=True) | Q(di_perubahan=True), name=nama
    )


class Program(ButirRencana):
    tahun_anggaran = models.ForeignKey(
        TahunAnggaran,
        on_delete=models.PROTECT,
        related_name="program",
        verbose_name="tahun anggaran",
    )
    sasaran = models.ForeignKey(
        Sasaran,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="program",
        verbose_name="sasaran renstra",
    )

    class Meta:
        verbose_name = "program"
        verbose_name_plural = "program"
        ordering = ["tahun_anggaran", "urutan"]
        constraints = [
            kode_unik("tahun_anggaran", "program_kode_unik"),
            ada_di_satu_tahap("program_ada_di_satu_tahap"),
        ]


class Kegiatan(ButirRencana):
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="kegiatan"
    )

    class Meta:
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        ordering = ["program", "urutan"]
        constraints = [
            kode_unik("program", "kegiatan_kode_unik"),
            ada_di_satu_tahap("kegiatan_ada_di_satu_tahap"),
        ]


class SubKegiatan(ButirRencana):
    kegiatan = models.ForeignKey(
        Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan"
    )

    class Meta:
        verbose_name = "sub kegiatan"
        verbose_name_plural = "sub kegiatan"
        ordering = ["kegiatan", "urutan"]
        constraints = [
            kode_unik("kegiatan", "sub_kegiatan_kode_unik"),
            ada_di_satu_tahap("sub_kegiatan_ada_di_satu_tahap"),
        ]


# An indicator's targets, in the murni plan and in the Perubahan alike.
KOLOM_TARGET = (
    "target_tahunan",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
)


class IndikatorQuerySet(models.QuerySet):
    def for_tahun(self, tahun_anggaran: TahunAnggaran) -> IndikatorQuerySet:
        """Every indicator of an office's year with its realisations and their
        evidence, in three queries whatever their number."""
        return (
            self.filter(tahun_anggaran=tahun_anggaran)
            .select_related(
                "iku__sasaran",
                "program",
                "kegiatan",
                "sub_kegiatan",
                "unit_kerja",
                "target_perubahan",
            )
            .prefetch_related("realisasi__bukti")
            .order_by("urutan", "pk")
        )


class Indikator(models.Model):
    """A performance indicator of one year: of an IKU (the PK's sasaran level), a
    program (outcome), a kegiatan or a sub kegiatan (output). Exactly one owner."""

    class Tingkat(models.TextChoices):
        IKU = "iku", "Sasaran (IKU)"
        PROGRAM = "program", "Program"
        KEGIATAN = "kegiatan", "Kegiatan"
        SUB_KEGIATAN = "sub_kegiatan", "Sub kegiatan"

    tahun_anggaran = models.ForeignKey(
        TahunAnggaran,
        on_delete=models.PROTECT,
        related_name="indikator",
        verbose_name="tahun anggaran",
    )
    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.PROTECT,
        related_name="indikator",
        verbose_name="unit penanggung jawab",
    )
    iku = models.ForeignKey(
        IndikatorKinerjaUtama,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indikator",
        verbose_name="IKU",
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indikator",
    )
    kegiatan = models.ForeignKey(
        Kegiatan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indikator",
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indikator",
        verbose_name="sub kegiatan",
    )
    nama = models.CharField(max_length=500)
    satuan = models.CharField(
        max_length=50, help_text="Mis. Laporan, Dokumen, %, Orang"
    )
    polaritas = models.CharField(
        max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF
    )
    cara_akumulasi = models.CharField(
        "cara akumulasi",
        max_length=20,
        choices=CaraAkumulasi.choices,
        default=CaraAkumulasi.JUMLAH,
    )
    desimal = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(4)],
        help_text="Banyak angka desimal yang boleh diisi untuk realisasi.",
    )
    dari_turunan = models.BooleanField(
        "realisasi dari rata-rata turunan",
        default=False,
        help_text=(
            "Realisasi dihitung sebagai rata-rata capaian kegiatan/sub kegiatan di "
            "bawahnya."
        ),
    )
    rumus_pembilang = models.CharField("rumus: pembilang", max_length=300, blank=True)
    rumus_penyebut = models.CharField("rumus: penyebut", max_length=300, blank=True)
    rumus_pengali = nilai_field("rumus: pengali")
    sumber = models.CharField(
        "sumber realisasi",
        max_length=12,
        choices=SumberRealisasi.choices,
        default=SumberRealisasi.ISIAN,
        help_text=(
            "Untuk IKU: diisi sendiri, diambil dari program/kegiatan/indikator "
            "Rencana Aksi, atau dari survei IKM."
        ),
    )
    rumus_sumber = models.CharField(
        "rumus sumber",
        max_length=200,
        blank=True,
        help_text=(
            "Kosong: rata-rata sumber. Atau rumus atas s1, s2, ... (urutan sumber), "
            "mis. (s1 + s2) / 2 atau s1 * 0.6 + s2 * 0.4."
        ),
    )
    target_tahunan = nilai_field("target tahunan")
    target_tw1 = nilai_field("target TW I")
    target_tw2 = nilai_field("target TW II")
    target_tw3 = nilai_field("target TW III")
    target_tw4 = nilai_field("target TW IV")
    urutan = models.PositiveSmallIntegerField(default=0)
    di_murni = models.BooleanField(
        "ada di DPA murni", default=True, help_text="Tidak: ditambahkan di Perubahan."
    )
    di_perubahan = models.BooleanField(
        "ada di DPA Perubahan",
        default=True,
        help_text="Tidak: dihapus pada Perubahan (tetap ada di laporan sebelumnya).",
    )

    objects = IndikatorQuerySet.as_manager()

    class Meta:
        verbose_name = "indikator kinerja"
        verbose_name_plural = "indikator kinerja"
        ordering = ["tahun_anggaran", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        iku__isnull=False,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        iku__isnull=True,
                        program__isnull=False,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        iku__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=False,
                        sub_kegiatan__isnull=True,
                    )
                    | Q(
                        iku__isnull=True,
                        program__isnull=True,
                        kegiatan__isnull=True,
                        sub_kegiatan__isnull=False,
                    )
                ),
                name="indikator_satu_pemilik",
            ),
            models.CheckConstraint(
                condition=(
                    Q(rumus_pembilang="", rumus_penyebut="", rumus_pengali__isnull=True)
                    | (
                        ~Q(rumus_pembilang="")
                        & ~Q(rumus_penyebut="")
                        & Q(rumus_pengali__gt=0)
                    )
                ),
                name="indikator_rumus_lengkap",
            ),
            models.CheckConstraint(
                condition=Q(dari_turunan=False) | Q(rumus_pembilang=""),
                name="indikator_turunan_tanpa_rumus",
            ),
            models.CheckConstraint(
                condition=Q(desimal__lte=4), name="indikator_desimal_wajar"
            ),
            ada_di_satu_tahap("indikator_ada_di_satu_tahap"),
            models.CheckConstraint(
                condition=Q(sumber="isian") | Q(iku__isnull=False),
                name="indikator_sumber_hanya_iku",
            ),
            *tidak_negatif(*KOLOM_TARGET, prefix="indikator"),
            *dalam_batas(*KOLOM_TARGET, "rumus_pengali", prefix="indikator"),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.sub_kegiatan_id:
            tahun_pemilik = self.sub_kegiatan.kegiatan.program.tahun_anggaran_id
        elif self.kegiatan_id:
            tahun_pemilik = self.kegiatan.program.tahun_anggaran_id
        elif self.program_id:
            tahun_pemilik = self.program.tahun_anggaran_id
        else:
            return
        if tahun_pemilik != self.tahun_anggaran_id:
            raise ValidationError(
                "Indikator harus pada tahun anggaran yang sama dengan pemiliknya."
            )

    @property
    def tingkat(self) -> str:
        if self.sub_kegiatan_id:
            return self.Tingkat.SUB_KEGIATAN
        if self.kegiatan_id:
            return self.Tingkat.KEGIATAN
        if self.program_id:
            return self.Tingkat.PROGRAM
        return self.Tingkat.IKU

    @property
    def induk(self) -> Program | Kegiatan | SubKegiatan | IndikatorKinerjaUtama | None:
        return self.sub_kegiatan or self.kegiatan or self.program or self.iku

    @property
    def punya_rumus(self) -> bool:
        return bool(self.rumus_pembilang)

    @property
    def target_triwulan(self) -> list[Decimal | None]:
        return [self.target_tw1, self.target_tw2, self.target_tw3, self.target_tw4]

    def ada_di(self, tahap: str) -> bool:
        """Whether the indicator is part of the plan at stage ``tahap``."""
        return self.di_perubahan if tahap == TahapRencana.PERUBAHAN else self.di_murni

    def target_tahap(self, tahap: str) -> tuple[Decimal | None, list[Decimal | None]]:
        """The yearly and quarterly targets at stage ``tahap``: the Perubahan's where
        it changed them, the murni's otherwise. Uses the ``target_perubahan`` read
        with the indicator (``IndikatorQuerySet.for_tahun``)."""
        if tahap == TahapRencana.PERUBAHAN:
            try:
                ubah = self.target_perubahan
            except TargetPerubahan.DoesNotExist:
                pass
            else:
                return ubah.target_tahunan, ubah.target_triwulan
        return self.target_tahunan, self.target_triwulan


class TargetPerubahan(models.Model):
    """An indicator's targets in the DPA Perubahan, where they differ from (or, for
    an indicator added in the Perubahan, stand without) the murni ones on the
    indicator itself."""

    indikator = models.OneToOneField(
        Indikator, on_delete=models.CASCADE, related_name="target_perubahan"
    )
    target_tahunan = nilai_field("target tahunan")
    target_tw1 = nilai_field("target TW I")
    target_tw2 = nilai_field("target TW II")
    target_tw3 = nilai_field("target TW III")
    target_tw4 = nilai_field("target TW IV")

    class Meta:
        verbose_name = "target Perubahan"
        verbose_name_plural = "target Perubahan"
        constraints = [
            *tidak_negatif(*KOLOM_TARGET, prefix="target_perubahan"),
            *dalam_batas(*KOLOM_TARGET, prefix="target_perubahan"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} (Perubahan)"

    @property
    def target_triwulan(self) -> list[Decimal | None]:
        return [self.target_tw1, self.target_tw2, self.target_tw3, self.target_tw4]


class Anggaran(models.Model):
    """The budget of a sub kegiatan for the year: pagu, sumber dana and the planned
    disbursement per quarter (anggaran kas). A mid-year change (perubahan) is a second
    row; a quarter measured against the Perubahan uses it, or the murni row of a sub
    kegiatan whose budget the Perubahan left unchanged."""

    Tahap = TahapRencana

    sub_kegiatan = models.ForeignKey(
        SubKegiatan,
        on_delete=models.CASCADE,
        related_name="anggaran",
        verbose_name="sub kegiatan",
    )
    tahap = models.CharField(max_length=10, choices=Tahap.choices, default=Tahap.MURNI)
    pagu = rupiah_field("pagu", null=False, blank=False)
    sumber_dana = models.CharField("sumber dana", max_length=200, default="APBD")
    kas_tw1 = rupiah_field("anggaran kas TW I")
    kas_tw2 = rupiah_field("anggaran kas TW II")
    kas_tw3 = rupiah_field("anggaran kas TW III")
    kas_tw4 = rupiah_field("anggaran kas TW IV")

    class Meta:
        verbose_name = "anggaran"
        verbose_name_plural = "anggaran"
        ordering = ["sub_kegiatan", "tahap"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_kegiatan", "tahap"], name="anggaran_tahap_unik"
            ),
            *tidak_negatif(
                "pagu", "kas_tw1", "kas_tw2", "kas_tw3", "kas_tw4", prefix="anggaran"
            ),
            *dalam_batas(
                "pagu", "kas_tw1", "kas_tw2", "kas_tw3", "kas_tw4", prefix="anggaran"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sub_kegiatan} ({self.get_tahap_display()})"

    @property
    def kas_triwulan(self) -> list[Decimal | None]:
        return [self.kas_tw1, self.kas_tw2, self.kas_tw3, self.kas_tw4]


# --- realisations ---


class Realisasi(models.Model):
    """What an indicator achieved in one quarter, with the narrative behind it."""

    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="realisasi"
    )
    triwulan = models.PositiveSmallIntegerField(
        choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    nilai = nilai_field("realisasi")
    pembilang = nilai_field("pembilang")
    penyebut = nilai_field("penyebut")
    kumulatif = models.BooleanField(
        "nilai s/d triwulan ini",
        default=False,
        help_text=(
            "Dicentang jika nilai adalah jumlah s/d triwulan ini, bukan nilai "
            "triwulan ini saja."
        ),
    )
    keluaran = models.TextField("keluaran yang dihasilkan", blank=True)
    kendala = models.TextField("kendala / permasalahan", blank=True)
    tindak_lanjut = models.TextField("solusi / tindak lanjut", blank=True)
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diubah oleh",
    )
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "realisasi kinerja"
        verbose_name_plural = "realisasi kinerja"
        ordering = ["indikator", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "triwulan"], name="realisasi_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="realisasi_triwulan_1_4",
            ),
            *tidak_negatif("nilai", "pembilang", "penyebut", prefix="realisasi"),
            *dalam_batas("nilai", "pembilang", "penyebut", prefix="realisasi"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} TW {self.triwulan}"

    @property
    def nilai_efektif(self) -> Decimal | None:
        """The realisation: entered, or computed from its components."""
        ind = self.indikator
        if ind.punya_rumus:
            return kinerja.nilai_rumus(
                pembilang=self.pembilang,
                penyebut=self.penyebut,
                pengali=ind.rumus_pengali,
            )
        return self.nilai


def bukti_upload_to(instance: BuktiDukung, filename: str) -> str:
    r = instance.realisasi
    tahun = r.indikator.tahun_anggaran_id
    return f"bukti/{tahun}/{r.indikator_id}/tw{r.triwulan}/{filename}"


class BuktiDukung(models.Model):
    """Evidence (dokumentasi): a photo or scan attached to a realisation."""

    realisasi = models.ForeignKey(
        Realisasi, on_delete=models.CASCADE, related_name="bukti"
    )
    berkas = models.FileField(upload_to=bukti_upload_to)
    keterangan = models.CharField(max_length=300, blank=True)
    # Kept with the row, so that a report's quota is summed without touching files.
    ukuran = models.PositiveBigIntegerField("ukuran (byte)", default=0, editable=False)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["realisasi", "diunggah_pada"]

    def __str__(self) -> str:
        return self.keterangan or self.berkas.name


class RealisasiAnggaran(models.Model):
    """Spending of a sub kegiatan in one quarter, in Rupiah."""

    sub_kegiatan = models.ForeignKey(
        SubKegiatan,
        on_delete=models.CASCADE,
        related_name="realisasi_anggaran",
        verbose_name="sub kegiatan",
    )
    triwulan = models.PositiveSmallIntegerField(
        choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    nilai = rupiah_field("realisasi (Rp)", null=False, blank=False)
    kumulatif = models.BooleanField(
        "nilai s/d triwulan ini",
        default=False,
        help_text="Dicentang jika nilai adalah belanja s/d triwulan ini.",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        ordering = ["sub_kegiatan", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_kegiatan", "triwulan"], name="realisasi_anggaran_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="realisasi_anggaran_triwulan_1_4",
            ),
            models.CheckConstraint(
                condition=Q(nilai__gte=0), name="realisasi_anggaran_tidak_negatif"
            ),
            *dalam_batas("nilai", prefix="realisasi_anggaran"),
        ]

    def __str__(self) -> str:
        return f"{self.sub_kegiatan} TW {self.triwulan}"


class LaporanTriwulan(models.Model):
    """A unit's quarterly report and its superior's review (tanggapan atasan)."""

    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
        DISETUJUI = "disetujui", "Disetujui"

    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.PROTECT,
        related_name="laporan",
        verbose_name="unit kerja",
    )
    tahun_anggaran = models.ForeignKey(
        TahunAnggaran,
        on_delete=models.PROTECT,
        related_name="laporan",
        verbose_name="tahun anggaran",
    )
    triwulan = models.PositiveSmallIntegerField(
        choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAF
    )
    tanggal = models.DateField(
        "tanggal laporan",
        null=True,
        blank=True,
        help_text="Tanggal di atas tanda tangan.",
    )
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="disetujui oleh",
    )
    disetujui_pada = models.DateTimeField("disetujui pada", null=True, blank=True)
    # The six standard boxes of "Ruang Disposisi Tanggapan Atasan Langsung".
    laporan_sudah_baik = models.BooleanField("laporan sudah baik", default=False)
    laporan_kurang_baik = models.BooleanField("laporan kurang baik", default=False)
    laporan_segera_diperbaiki = models.BooleanField(
        "laporan segera diperbaiki", default=False
    )
    target_realisasi_diteliti_ulang = models.BooleanField(
        "target dan realisasi diteliti ulang", default=False
    )
    capaian_diteliti_ulang = models.BooleanField(
        "capaian diteliti ulang", default=False
    )
    lain_lain = models.BooleanField("lain-lain", default=False)
    lain_lain_uraian = models.TextField("lain-lain (uraian)", blank=True)
    catatan = models.TextField("catatan atasan", blank=True)
    pertama_diajukan_pada = models.DateTimeField(
        "pertama diajukan pada",
        null=True,
        blank=True,
        help_text="Ketepatan waktu dinilai dari pengajuan pertama.",
    )
    alasan_dikembalikan = models.TextField(
        "alasan dikembalikan / dibuka kembali", blank=True
    )
    tahap = models.CharField(
        "tahap rencana",
        max_length=10,
        choices=TahapRencana.choices,
        blank=True,
        help_text=(
            "Tahap DPA yang berlaku saat laporan diajukan; laporan yang diajukan atau "
            "disetujui tetap diukur dengan tahap ini."
        ),
    )
    # The superior's notes on single rows when returning a report: {"i<indikator
    # pk>" or "s<sub kegiatan pk>": text}. Shown beside those fields until the next
    # submission.
    catatan_baris = models.JSONField("catatan per baris", default=dict, blank=True)
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "laporan triwulan"
        verbose_name_plural = "laporan triwulan"
        ordering = ["tahun_anggaran", "triwulan", "unit_kerja"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_kerja", "tahun_anggaran", "triwulan"], name="laporan_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="laporan_triwulan_1_4",
            ),
            models.CheckConstraint(
                condition=~Q(status="disetujui") | Q(disetujui_pada__isnull=False),
                name="laporan_disetujui_bertanggal",
            ),
            models.CheckConstraint(
                condition=Q(lain_lain=True) | Q(lain_lain_uraian=""),
                name="laporan_uraian_lain_lain_dicentang",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_kerja.nama} {self.tahun_anggaran.tahun} TW {self.triwulan}"

    def get_absolute_url(self) -> str:
        return self._url("reports:unit_triwulan")

    def _url(self, nama: str) -> str:
        return reverse(
            nama,
            kwargs={
                "opd": self.unit_kerja.opd.slug,
                "unit": self.unit_kerja.slug,
                "tahun": self.tahun_anggaran.tahun,
                "triwulan": self.triwulan,
            },
        )

    def url_isian(self) -> str:
        return self._url("reports:isian")

    def url_reviu(self) -> str:
        return self._url("reports:reviu")

    def url_riwayat(self) -> str:
        return self._url("reports:riwayat")

    @property
    def terkunci(self) -> bool:
        """Approved: its figures may not change until the superior reopens it."""
        return self.status == self.Status.DISETUJUI

    @property
    def tanggapan(self) -> list[tuple[str, bool]]:
        """The six boxes of the Ruang Disposisi, with their labels, in print order."""
        return [
            (self._meta.get_field(nama).verbose_name, getattr(self, nama))
            for nama in KOTAK_TANGGAPAN
        ]


KOTAK_TANGGAPAN = [
    "laporan_sudah_baik",
    "laporan_kurang_baik",
    "laporan_segera_diperbaiki",
    "target_realisasi_diteliti_ulang",
    "capaian_diteliti_ulang",
    "lain_lain",
]


class Riwayat(models.Model):
    """One entry of a report's audit trail: a figure or a status that changed."""

    class Jenis(models.TextChoices):
        ISIAN = "isian", "Perubahan isian"
        STATUS = "status", "Perubahan status"
        BUKTI = "bukti", "Bukti dukung"

    # A unit report's change, or a change of the office's own data of a year
    # (survey, revenue, follow-up matrix ...) entered by the planner.
    laporan = models.ForeignKey(
        LaporanTriwulan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="riwayat",
    )
    tahun_anggaran = models.ForeignKey(
        "TahunAnggaran",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="riwayat_kantor",
        verbose_name="tahun anggaran",
    )
    versi = models.PositiveIntegerField(
        default=0, help_text="Versi laporan yang dihasilkan perubahan ini."
    )
    waktu = models.DateTimeField(auto_now_add=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    objek = models.CharField(
        max_length=500, help_text="Indikator, sub kegiatan atau laporan yang berubah."
    )
    kolom = models.CharField(max_length=100)
    nilai_lama = models.TextField("nilai lama", blank=True)
    nilai_baru = models.TextField("nilai baru", blank=True)
    alasan = models.TextField(blank=True)
    # The form submission that made the change, so that the same form sent twice
    # (a double click) is recognised as already saved rather than as a conflict.
    kiriman = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = "riwayat perubahan"
        verbose_name_plural = "riwayat perubahan"
        ordering = ["laporan", "waktu", "pk"]
        indexes = [models.Index(fields=["laporan", "versi"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(laporan__isnull=False) | Q(tahun_anggaran__isnull=False),
                name="riwayat_laporan_atau_tahun",
            ),
        ]

    def __str__(self) -> str:
        if self.laporan_id is None:
            return f"{self.tahun_anggaran}: {self.objek} {self.kolom}"
        return f"{self.laporan} v{self.versi}: {self.objek} {self.kolom}"


class LaporanOpd(models.Model):
    """The office's quarterly report (Laporan Evaluasi Kinerja Triwulan, at TW IV the
    LKjIP): what the planner writes around the computed tables."""

    tahun_anggaran = models.ForeignKey(
        TahunAnggaran,
        on_delete=models.CASCADE,
        related_name="laporan_opd",
        verbose_name="tahun anggaran",
    )
    triwulan = models.PositiveSmallIntegerField(
        choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    tanggal = models.DateField(
        "tanggal laporan",
        null=True,
        blank=True,
        help_text="Tanggal di atas tanda tangan kepala kantor.",
    )
    kata_pengantar = models.TextField(
        "kata pengantar", blank=True, help_text="Kosong: kata pengantar baku."
    )
    kesimpulan = models.TextField(
        blank=True,
        help_text="Bab Penutup, setelah ringkasan capaian yang dihitung program.",
    )

    class Meta:
        verbose_name = "laporan kantor"
        verbose_name_plural = "laporan kantor"
        ordering = ["tahun_anggaran", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun_anggaran", "triwulan"], name="laporan_opd_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="laporan_opd_triwulan_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tahun_anggaran} TW {ROMAWI[self.triwulan]}"


class SumberIKU(models.Model):
    """One source an IKU's realisation is taken from: a program's or kegiatan's
    capaian, or an indicator's realisation. Several are averaged, or combined by
    the IKU's ``rumus_sumber`` (s1, s2, ... in this order)."""

    iku = models.ForeignKey(
        Indikator,
        on_delete=models.CASCADE,
        related_name="sumber_iku",
        verbose_name="indikator IKU",
    )
    urutan = models.PositiveSmallIntegerField(default=1)
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kegiatan = models.ForeignKey(
        Kegiatan, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    indikator = models.ForeignKey(
        Indikator,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="indikator sumber",
    )

    class Meta:
        verbose_name = "sumber IKU"
        verbose_name_plural = "sumber IKU"
        ordering = ["iku", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        program__isnull=False,
                        kegiatan__isnull=True,
                        indikator__isnull=True,
                    )
                    | Q(
                        program__isnull=True,
                        kegiatan__isnull=False,
                        indikator__isnull=True,
                    )
                    | Q(
                        program__isnull=True,
                        kegiatan__isnull=True,
                        indikator__isnull=False,
                    )
                ),
                name="sumber_iku_satu_sumber",
            ),
        ]

    def __str__(self) -> str:
        return f"s{self.urutan}: {self.butir}"

    @property
    def butir(self) -> Program | Kegiatan | Indikator | None:
        return self.program or self.kegiatan or self.indikator

    @property
    def kunci(self) -> str:
        """The source as a form value: "p12", "k5", "i40"."""
        if self.program_id:
            return f"p{self.program_id}"
        if self.kegiatan_id:
            return f"k{self.kegiatan_id}"
        return f"i{self.indikator_id}"


class AnalisisIKU(models.Model):
    """The planner's analysis of an IKU in a quarter's office report (seed 001):
    what made it succeed or fail and the solutions tried."""

    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="analisis"
    )
    triwulan = models.PositiveSmallIntegerField(
        choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    faktor_keberhasilan = models.TextField(
        "faktor penyebab keberhasilan", blank=True, help_text="Satu butir per baris."
    )
    faktor_kegagalan = models.TextField(
        "faktor penyebab kegagalan", blank=True, help_text="Satu butir per baris."
    )
    solusi = models.TextField(
        "alternatif solusi yang telah dilakukan",
        blank=True,
        help_text="Satu butir per baris.",
    )

    class Meta:
        verbose_name = "analisis IKU"
        verbose_name_plural = "analisis IKU"
        ordering = ["indikator", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "triwulan"], name="analisis_iku_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="analisis_iku_triwulan_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} TW {ROMAWI[self.triwulan]}"

    @staticmethod
    def butir(teks: str) -> list[str]:
        return [b.strip() for b in teks.splitlines() if b.strip()]


# The nine service elements (unsur) of PermenPANRB 14/2017, in their order.
UNSUR_IKM = (
    "Persyaratan",
    "Sistem, mekanisme dan prosedur",
    "Waktu penyelesaian",
    "Biaya/tarif",
    "Produk spesifikasi jenis pelayanan",
    "Kompetensi pelaksana",
    "Perilaku pelaksana",
    "Penanganan pengaduan, saran dan masukan",
    "Sarana dan prasarana",
)


class SurveiIKM(models.Model):
    """The results of a period's survey of public satisfaction (Survei Kepuasan
    Masyarakat, PermenPANRB 14/2017), as the planner enters them: the number of
    respondents and, per unsur, the count of each answer 1-4 or the NRR."""

    tahun_anggaran = models.ForeignKey(
        TahunAnggaran,
        on_delete=models.CASCADE,
        related_name="survei_ikm",
        verbose_name="tahun anggaran",
    )
    triwulan = models.PositiveSmallIntegerField(
        choices=TRIWULAN_CHOICES,
        validators=TRIWULAN_VALIDATORS,
        help_text="Triwulan yang hasil surveinya diisi (hasil s/d triwulan itu).",
    )
    jumlah_responden = models.PositiveIntegerField(
        "jumlah responden", null=True, blank=True
    )
    keterangan = models.TextField(
        blank=True, help_text="Mis. tempat dan waktu survei, jenis layanan."
    )

    class Meta:
        verbose_name = "survei IKM"
        verbose_name_plural = "survei IKM"
        ordering = ["tahun_anggaran", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun_anggaran", "triwulan"], name="survei_ikm_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="survei_ikm_triwulan_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"Survei IKM {self.tahun_anggaran} TW {ROMAWI[self.triwulan]}"


class UnsurIKM(models.Model):
    """One unsur of a survey: the number of respondents who answered 1, 2, 3 and 4,
    or, where the office has only the result, its NRR (1-4)."""

    survei = models.ForeignKey(
        SurveiIKM, on_delete=models.CASCADE, related_name="unsur"
    )
    nomor = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(len(UNSUR_IKM))]
    )
    jawaban_1 = models.PositiveIntegerField("jawaban 1", null=True, blank=True)
    jawaban_2 = models.PositiveIntegerField("jawaban 2", null=True, blank=True)
    jawaban_3 = models.PositiveIntegerField("jawaban 3", null=True, blank=True)
    jawaban_4 = models.PositiveIntegerField("jawaban 4", null=True, blank=True)
    nrr = models.DecimalField(
        "NRR",
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )

    class Meta:
        verbose_name = "unsur IKM"
        verbose_name_plural = "unsur IKM"
        ordering = ["survei", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["survei", "nomor"], name="unsur_ikm_unik"),
            models.CheckConstraint(
                condition=Q(nomor__gte=1, nomor__lte=9), name="unsur_ikm_nomor_1_9"
            ),
            models.CheckConstraint(
                condition=Q(nrr__isnull=True) | Q(nrr__gte=1, nrr__lte=4),
                name="unsur_ikm_nrr_1_4",
            ),
            models.CheckConstraint(
                condition=Q(nrr__isnull=True)
                | Q(
                    jawaban_1__isnull=True,
                    jawaban_2__isnull=True,
                    jawaban_3__isnull=True,
                    jawaban_4__isnull=True,
                ),
                name="unsur_ikm_jawaban_atau_nrr",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.nama}"

    @property
    def nama(self) -> str:
        return UNSUR_IKM[self.nomor - 1]

    @property
    def jawaban(self) -> list[int | None]:
        return [self.jawaban_1, self.jawaban_2, self.jawaban_3, self.jawaban_4]


KOLOM_PENDAPATAN = (
    "anggaran",
    "anggaran_perubahan",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
)


class Pendapatan(models.Model):
    """A line of the office's revenue (pendapatan asli daerah: retribusi and
    others) in a year: its budget and planned receipts per quarter. A line with
    lines below it is their total (seed 001: "1. PAD" over "1.2 Retribusi")."""

    tahun_anggaran = models.ForeignKey(
        TahunAnggaran,
        on_delete=models.CASCADE,
        related_name="pendapatan",
        verbose_name="tahun anggaran",
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rincian",
        help_text="Kosong untuk kelompok teratas (mis. Pendapatan Asli Daerah).",
    )
    kode = models.CharField(max_length=40, blank=True, help_text="Mis. 1.2")
    uraian = models.CharField(max_length=300)
    anggaran = rupiah_field("anggaran (DPA murni)")
    anggaran_perubahan = rupiah_field(
        "anggaran (DPA Perubahan)", help_text="Kosong bila tidak berubah."
    )
    target_tw1 = rupiah_field("target TW I")
    target_tw2 = rupiah_field("target TW II")
    target_tw3 = rupiah_field("target TW III")
    target_tw4 = rupiah_field("target TW IV")
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "pendapatan"
        verbose_name_plural = "pendapatan"
        ordering = ["tahun_anggaran", "urutan", "pk"]
        constraints = [
            *tidak_negatif(*KOLOM_PENDAPATAN, prefix="pendapatan"),
            *dalam_batas(*KOLOM_PENDAPATAN, prefix="pendapatan"),
            models.CheckConstraint(
                condition=~Q(induk=F("pk")), name="pendapatan_bukan_induk_sendiri"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}".strip()

    def clean(self) -> None:
        if self.induk_id and self.induk.tahun_anggaran_id != self.tahun_anggaran_id:
            raise ValidationError({"induk": "Induk harus pada tahun yang sama."})
        if self.induk_id and self.induk.induk_id:
            raise ValidationError(
                {"induk": "Pendapatan hanya dua tingkat: kelompok dan rinciannya."}
            )

    @property
    def target_triwulan(self) -> list[Decimal | None]:
        return [self.target_tw1, self.target_tw2, self.target_tw3, self.target_tw4]

    def anggaran_tahap(self, tahap: str) -> Decimal | None:
        if tahap == TahapRencana.PERUBAHAN and self.anggaran_perubahan is not None:
            return self.anggaran_perubahan
        return self.anggaran


class RealisasiPendapatan(models.Model):
    """Revenue received in one quarter (or s/d the quarter), in Rupiah."""

    pendapatan = models.ForeignKey(
        Pendapatan, on_delete=models.CASCADE, related_name="realisasi"
    )
    triwulan = models.PositiveSmallIntegerField(
        choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    nilai = rupiah_field("realisasi (Rp)", null=False, blank=False)
    kumulatif = models.BooleanField("nilai s/d triwulan ini", default=False)

    class Meta:
        verbose_name = "realisasi pendapatan"
        verbose_name_plural = "realisasi pendapatan"
        ordering = ["pendapatan", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pendapatan", "triwulan"], name="realisasi_pendapatan_unik"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="realisasi_pendapatan_triwulan_1_4",
            ),
            models.CheckConstraint(
                condition=Q(nilai__gte=0), name="realisasi_pendapatan_tidak_negatif"
            ),
            *dalam_batas("nilai", prefix="realisasi_pendapatan"),
        ]

    def __str__(self) -> str:
        return f"{self.pendapatan} TW {ROMAWI[self.triwulan]}"


# The amounts of a row of Tabel 2.6, in Rupiah.
RINGKASAN_RUPIAH = ("pendapatan", "belanja", "belanja_operasi", "belanja_modal")


class RingkasanAnggaran(models.Model):
    """Seed 001's Tabel 2.6 figures that the plan does not hold: those of the RKPD /
    Renja, and of a DPA whose budget lines are not in LAKIP (counts, revenue and
    spending are derived from the plan wherever it holds them)."""

    class Dokumen(models.TextChoices):
        RKPD = "rkpd", "RKPD / Renja Perangkat Daerah"
        DPA_MURNI = "dpa_murni", "APBD / DPA pokok"
        DPA_PERUBAHAN = "dpa_perubahan", "APBD-P / DPA Perubahan"

    tahun_anggaran = models.ForeignKey(
        TahunAnggaran,
        on_delete=models.CASCADE,
        related_name="ringkasan_anggaran",
        verbose_name="tahun anggaran",
    )
    dokumen = models.CharField(max_length=15, choices=Dokumen.choices)
    jumlah_program = models.PositiveSmallIntegerField(
        "jumlah program", null=True, blank=True
    )
    jumlah_kegiatan = models.PositiveSmallIntegerField(
        "jumlah kegiatan", null=True, blank=True
    )
    pendapatan = rupiah_field("anggaran pendapatan")
    belanja = rupiah_field("anggaran belanja")
    belanja_operasi = rupiah_field("belanja operasi")
    belanja_modal = rupiah_field("belanja modal")

    # The figures of a row: counts, then amounts in Rupiah.
    JUMLAH = ("jumlah_program", "jumlah_kegiatan")
    RUPIAH = RINGKASAN_RUPIAH

    class Meta:
        verbose_name = "ringkasan anggaran (Tabel 2.6)"
        verbose_name_plural = "ringkasan anggaran (Tabel 2.6)"
        ordering = ["tahun_anggaran", "dokumen"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun_anggaran", "dokumen"], name="ringkasan_anggaran_unik"
            ),
            *tidak_negatif(*RINGKASAN_RUPIAH, prefix="ringkasan_anggaran"),
            *dalam_batas(*RINGKASAN_RUPIAH, prefix="ringkasan_anggaran"),
        ]

    def __str__(self) -> str:
        return f"{self.tahun_anggaran} {self.get_dokumen_display()}"

    def clean(self) -> None:
        bagian = [self.belanja_operasi, self.belanja_modal]
        if None in bagian or self.belanja is None:
            return
        total = sum(bagian)
        if total != self.belanja:
            teks = numberformat.format(
                total, ",", 0, 3, ".", force_grouping=True, use_l10n=False
            )
            raise ValidationError(
                {
                    "belanja": f"Belanja operasi dan belanja modal berjumlah {teks}, "
                    "tidak sama dengan anggaran belanja."
                }
            )


class RekomendasiEvaluasi(models.Model):
    """A recommendation of an evaluation of the office (Inspektorat, AKIP), with the
    office's planned action: a row of the matriks tindak lanjut (seed 004). It is
    carried into the next years' reports until it is marked done."""

    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        related_name="rekomendasi",
        verbose_name="perangkat daerah",
    )
    tahun = models.PositiveSmallIntegerField(
        help_text="Tahun laporan yang pertama memuat rekomendasi ini."
    )
    triwulan = models.PositiveSmallIntegerField(
        choices=TRIWULAN_CHOICES,
        validators=TRIWULAN_VALIDATORS,
        default=1,
        help_text="Triwulan laporan yang pertama memuat rekomendasi ini.",
    )
    sumber = models.CharField(
        "sumber evaluasi",
        max_length=200,
        help_text="Mis. Inspektorat, hasil evaluasi AKIP 2023, evaluasi Triwulan III.",
    )
    rekomendasi = models.TextField()
    rencana_aksi = models.TextField("rencana aksi tindak lanjut", blank=True)
    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rekomendasi",
        verbose_name="penanggung jawab",
    )
    batas_waktu = models.DateField("batas waktu", null=True, blank=True)
    selesai_tahun = models.PositiveSmallIntegerField(
        "selesai pada tahun", null=True, blank=True
    )
    selesai_triwulan = models.PositiveSmallIntegerField(
        "selesai pada triwulan",
        null=True,
        blank=True,
        choices=TRIWULAN_CHOICES,
        validators=TRIWULAN_VALIDATORS,
    )
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "rekomendasi hasil evaluasi"
        verbose_name_plural = "matriks tindak lanjut hasil evaluasi"
        ordering = ["opd", "tahun", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai_tahun__isnull=True, selesai_triwulan__isnull=True)
                | Q(selesai_tahun__isnull=False, selesai_triwulan__isnull=False),
                name="rekomendasi_selesai_lengkap",
            ),
            models.CheckConstraint(
                condition=Q(selesai_tahun__isnull=True)
                | Q(selesai_tahun__gt=F("tahun"))
                | Q(selesai_tahun=F("tahun"), selesai_triwulan__gte=F("triwulan")),
                name="rekomendasi_selesai_setelah_mulai",
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="rekomendasi_triwulan_1_4",
            ),
        ]

    def __str__(self) -> str:
        return self.rekomendasi[:80]

    def clean(self) -> None:
        if self.unit_kerja_id and self.unit_kerja.opd_id != self.opd_id:
            raise ValidationError(
                {"unit_kerja": "Penanggung jawab harus unit perangkat daerah ini."}
            )

    @property
    def selesai(self) -> bool:
        return self.selesai_tahun is not None


class ProgresTindakLanjut(models.Model):
    """Where the follow-up of a recommendation stands at the end of a quarter."""

    rekomendasi = models.ForeignKey(
        RekomendasiEvaluasi, on_delete=models.CASCADE, related_name="progres"
    )
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(
        choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    uraian = models.TextField("status / progres penyelesaian")

    class Meta:
        verbose_name = "progres tindak lanjut"
        verbose_name_plural = "progres tindak lanjut"
        ordering = ["rekomendasi", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["rekomendasi", "tahun", "triwulan"],
                name="progres_tindak_lanjut_unik",
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                name="progres_tindak_lanjut_triwulan_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rekomendasi} {self.tahun} TW {ROMAWI[self.triwulan]}"


class KomposisiPegawai(models.Model):
    """One cell of the staff tables (sumber daya aparatur): how many employees of a
    group (golongan, or eselon for the structural officials) have an education level
    and a sex, in one office and year."""

    class Tabel(models.TextChoices):
        GOLONGAN = "golongan", "Menurut golongan"
        ESELON = "eselon", "Pejabat struktural menurut eselon"

    class Pendidikan(models.TextChoices):
        S3_S2 = "s3_s2", "S-3 / S-2"
        S1_D4 = "s1_d4", "S-1 / D-4"
        D1_D3 = "d1_d3", "D-1 / D-3"
        SLTA = "slta", "SLTA/ Sederajat"
        SMP = "smp", "SMP/ Sederajat"
        SD = "sd", "SD/ Sederajat"

    class JenisKelamin(models.TextChoices):
        L = "L", "Laki-laki"
        P = "P", "Perempuan"

    tahun_anggaran = models.ForeignKey(
        TahunAnggaran,
        on_delete=models.CASCADE,
        related_name="komposisi_pegawai",
        verbose_name="tahun anggaran",
    )
    tabel = models.CharField(max_length=10, choices=Tabel.choices)
    kelompok = models.CharField(
        max_length=50, help_text="Golongan (IV, III, Upah Jasa) atau eselon (III/a)."
    )
    urutan = models.PositiveSmallIntegerField(
        default=0, help_text="Urutan kelompok dalam tabel."
    )
    pendidikan = models.CharField(max_length=10, choices=Pendidikan.choices)
    jenis_kelamin = models.CharField(
        "jenis kelamin", max_length=1, choices=JenisKelamin.choices
    )
    jumlah = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "komposisi pegawai"
        verbose_name_plural = "komposisi pegawai"
        ordering = ["tahun_anggaran", "tabel", "urutan", "kelompok"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "tahun_anggaran",
                    "tabel",
                    "kelompok",
                    "pendidikan",
                    "jenis_kelamin",
                ],
                name="komposisi_pegawai_unik",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.kelompok} {self.get_pendidikan_display()} "
            f"{self.jenis_kelamin}: {self.jumlah}"
        )


def ekspor_upload_to(instance: Ekspor, filename: str) -> str:
    return f"ekspor/{instance.opd_id}/{filename}"


class Ekspor(models.Model):
    """A long export (the office report, the bundle of unit reports) made by the task
    worker, with its progress and, when done, the file."""

    class Jenis(models.TextChoices):
        OPD = "opd", "Laporan kantor"
        BUNDEL = "bundel", "Bundel laporan unit"

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu giliran"
        BERJALAN = "berjalan", "Sedang dibuat"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        related_name="ekspor",
        verbose_name="perangkat daerah",
    )
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(
        choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.MENUNGGU
    )
    progres = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)]
    )
    tahap = models.CharField(max_length=200, blank=True)
    berkas = models.FileField(upload_to=ekspor_upload_to, blank=True)
    pesan_galat = models.TextField("pesan galat", blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    # Times a worker started it: a worker that died mid-way leaves it to the next
    # one, once.
    percobaan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "ekspor"
        verbose_name_plural = "ekspor"
        ordering = ["-dibuat_pada", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progres__lte=100), name="ekspor_progres_wajar"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_jenis_display()} {self.opd} {self.tahun} "
            f"TW {ROMAWI[self.triwulan]}"
        )

    @property
    def batas_waktu(self):
        """When an unfinished export counts as failed."""
        return self.dibuat_pada + timedelta(minutes=settings.LAKIP_EKSPOR_BATAS_MENIT)

    @property
    def berjalan(self) -> bool:
        return self.status in {self.Status.MENUNGGU, self.Status.BERJALAN}

    @property
    def kedaluwarsa(self) -> bool:
        """Still waiting or running past its deadline: failed, whatever the row
        says (no worker may be left to say so)."""
        return self.berjalan and timezone.now() >= self.batas_waktu

    @property
    def gagal(self) -> bool:
        return self.status == self.Status.GAGAL or self.kedaluwarsa

    @property
    def pesan_kegagalan(self) -> str:
        return self.pesan_batas_waktu() if self.kedaluwarsa else self.pesan_galat

    @staticmethod
    def pesan_batas_waktu() -> str:
        return (
            f"Laporan tidak selesai dibuat dalam {settings.LAKIP_EKSPOR_BATAS_MENIT} "
            "menit. Coba lagi; jika terulang, hubungi administrator."
        )


class PekerjaLatar(models.Model):
    """A task worker (``manage.py db_worker``) and when it was last seen alive, so
    that the pages can say when none is running and a starting worker can tell a
    dead one's tasks from a live one's."""

    nama = models.CharField(max_length=64, unique=True)  # django-tasks' worker id
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    mulai = models.DateTimeField(auto_now_add=True)
    terakhir_terlihat = models.DateTimeField()

    class Meta:
        verbose_name = "pekerja latar"
        verbose_name_plural = "pekerja latar"
        ordering = ["-terakhir_terlihat"]

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}"


class HariLibur(models.Model):
    """A public holiday or cuti bersama: not a working day for report deadlines."""

    tanggal = models.DateField(unique=True)
    keterangan = models.CharField(max_length=200)

    class Meta:
        verbose_name = "hari libur"
        verbose_name_plural = "hari libur"
        ordering = ["tanggal"]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.keterangan}"


# --- users ---


class Pengguna(models.Model):
    """Who a user is in LAKIP: their office, their unit and their role."""

    class Peran(models.TextChoices):
        OPERATOR = "operator", "Operator / kepala unit"
        ATASAN = "atasan", "Atasan"
        PERENCANA = "perencana", "Perencana"
        PEMERIKSA = "pemeriksa", "Pemeriksa"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pengguna"
    )
    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.PROTECT,
        related_name="pengguna",
        verbose_name="perangkat daerah",
    )
    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
        verbose_name="unit kerja",
    )
    peran = models.CharField(max_length=20, choices=Peran.choices)

    class Meta:
        verbose_name = "profil pengguna"
        verbose_name_plural = "profil pengguna"
        constraints = [
            models.CheckConstraint(
                condition=Q(peran__in=["perencana", "pemeriksa"])
                | Q(unit_kerja__isnull=False),
                name="pengguna_unit_wajib",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_peran_display()}, {self.opd})"

    def clean(self) -> None:
        if self.unit_kerja_id and self.unit_kerja.opd_id != self.opd_id:
            raise ValidationError(
                {"unit_kerja": "Unit kerja harus pada perangkat daerah pengguna."}
            )
