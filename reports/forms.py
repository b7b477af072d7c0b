"""Forms: parse and check what users type, with messages in Indonesian.

Numbers are typed the Indonesian way ("1.234.567", "12,5"). Only input is checked
here; the figures computed from it come from ``reports.kinerja``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from uuid import uuid4

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.functional import cached_property

from reports import kinerja, selectors, services
from reports.kinerja import Isian
from reports.models import (
    KOTAK_TANGGAPAN,
    ROMAWI,
    TRIWULAN_CHOICES,
    CaraAkumulasi,
    Indikator,
    LaporanTriwulan,
    Realisasi,
    TahapRencana,
    periksa_angka,
)
from reports.selectors import BarisKeuangan, BarisKinerja, LaporanUnit
from reports.services import IsianIndikator, IsianSubKegiatan, Tanggapan
from reports.templatetags.format_id import format_angka

# "1234567", "1.234.567" (dots between groups of three), optionally ",5" decimals.
POLA_ANGKA = re.compile(r"^(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$")
POLA_TITIK_DESIMAL = re.compile(r"^\d+\.\d{1,2}$|^\d+\.\d{4,}$")


def baca_angka(teks: str) -> Decimal:
    """An Indonesian-typed number as a Decimal; ValueError with the message to show
    when it is not one."""
    teks = teks.strip().replace(" ", "").removeprefix("Rp").removeprefix("rp")
    if teks.startswith("-") and POLA_ANGKA.match(teks[1:]):
        raise ValueError("Nilai tidak boleh negatif.")
    if not POLA_ANGKA.match(teks):
        if POLA_TITIK_DESIMAL.match(teks):
            raise ValueError(
                "Gunakan koma sebagai pemisah desimal, mis. 12,5 (titik adalah "
                "pemisah ribuan)."
            )
        raise ValueError("Isi dengan angka, mis. 12 atau 12,5.")
    bulat, _, pecahan = teks.replace(".", "").partition(",")
    try:
        return Decimal(f"{bulat}.{pecahan}" if pecahan else bulat)
    except InvalidOperation as exc:  # pragma: no cover - the pattern rules it out
        raise ValueError("Isi dengan angka.") from exc


def baca_versi(data) -> int:
    """The report version a form was opened at; -1 (never current) if tampered."""
    try:
        return int(data.get("versi", ""))
    except ValueError:
        return -1


def tulis_angka(nilai: Decimal | None, desimal: int) -> str:
    """A stored value as the user would type it: "12.523.000", "87,5"."""
    return "" if nilai is None else format_angka(nilai, desimal)


class AngkaField(forms.CharField):
    """A non-negative number typed the Indonesian way, with at most ``desimal``
    decimals (the satuan's precision)."""

    def __init__(self, *, desimal: int, satuan: str = "", **kwargs) -> None:
        self.desimal = desimal
        self.satuan = satuan
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return tulis_angka(value, self.desimal)
        return value

    def to_python(self, value) -> Decimal | None:
        teks = super().to_python(value)
        if not teks:
            return None
        try:
            nilai = baca_angka(teks)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
        pecahan = -nilai.normalize().as_tuple().exponent
        if pecahan > self.desimal:
            satuan = f"satuan \u201c{self.satuan}\u201d" if self.satuan else "isian ini"
            if self.desimal == 0:
                pesan = f"Nilai untuk {satuan} harus bilangan bulat, tanpa koma."
            else:
                pesan = (
                    f"Nilai untuk {satuan} paling banyak {self.desimal} angka di "
                    "belakang koma."
                )
            raise forms.ValidationError(pesan, code="desimal")
        periksa_angka(nilai)
        return nilai


# --- evidence ---

# What an accepted file must start with, by extension.
TANDA_BERKAS = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def periksa_bukti(berkas: UploadedFile) -> None:
    """Accept PDF, JPG and PNG up to the configured size, judged by the file's first
    bytes as well as its name."""
    batas_mb = settings.LAKIP_BUKTI_MAKS_MB
    if berkas.size > batas_mb * 1024 * 1024:
        raise forms.ValidationError(
            f"Berkas \u201c{berkas.name}\u201d terlalu besar "
            f"({format_angka(Decimal(berkas.size) / 1024 / 1024, 1)} MB); "
            f"paling besar {batas_mb} MB.",
            code="besar",
        )
    tanda = TANDA_BERKAS.get(Path(berkas.name).suffix.lower())
    awal = berkas.read(16)
    berkas.seek(0)
    if tanda is None or not awal.startswith(tanda):
        raise forms.ValidationError(
            f"Berkas \u201c{berkas.name}\u201d bukan PDF, JPG atau PNG. "
            "Unggah dokumen dalam format PDF, JPG atau PNG.",
            code="jenis",
        )


class BanyakBerkasInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BuktiField(forms.FileField):
    widget = BanyakBerkasInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})

    def clean(self, data, initial=None) -> list[UploadedFile]:
        daftar = data if isinstance(data, list | tuple) else [data]
        hasil = [super(BuktiField, self).clean(d, initial) for d in daftar if d]
        for berkas in hasil:
            periksa_bukti(berkas)
        return hasil


# --- the entry form ---


def pilihan_sd(triwulan: int) -> forms.TypedChoiceField:
    """Whether the number typed is the quarter's own value or the value s/d the
    quarter (as SIPD statements give it); the other reading is derived."""
    tw = f"TW {ROMAWI[triwulan]}"
    return forms.TypedChoiceField(
        label="Nilai yang diisi",
        choices=[("0", f"{tw} saja"), ("1", f"s/d {tw}")],
        coerce=lambda v: v == "1",
        empty_value=False,
        required=False,
        widget=forms.Select(attrs={"class": "hitung pilih-sd"}),
    )


def pesan_sd_menurun(
    lama: list[Isian | None],
    baru: list[Isian | None],
    *,
    triwulan: int,
    desimal: int,
    awalan: str = "",
) -> str | None:
    """Why the typed entry would make a year-to-date sum go down, or None. Only
    what this entry causes is reported (not an older inconsistency)."""
    sudah = set(kinerja.sd_menurun(lama))
    for m in kinerja.sd_menurun(baru):
        if m in sudah:
            continue
        sd, sebelum = format_angka(m.sd, desimal), format_angka(m.sebelumnya, desimal)
        tw, tw_lalu = ROMAWI[m.triwulan], ROMAWI[m.triwulan - 1]
        if m.triwulan == triwulan:
            return (
                f"Nilai s/d TW {tw} ({awalan}{sd}) lebih kecil dari realisasi s/d "
                f"TW {tw_lalu} ({awalan}{sebelum}). Nilai s/d triwulan tidak boleh "
                "turun; periksa isian ini atau triwulan sebelumnya."
            )
        return (
            f"Dengan isian ini realisasi s/d TW {tw_lalu} menjadi {awalan}{sebelum}, "
            f"lebih besar dari nilai s/d TW {tw} yang sudah diisi ({awalan}{sd}). "
            "Periksa isian ini atau isian triwulan sesudahnya."
        )
    return None


def teks(label: str, *, baris: int = 2, **kwargs) -> forms.CharField:
    """An optional free-text field."""
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": baris}),
        **kwargs,
    )


class RealisasiForm(forms.Form):
    """One indicator's row of the entry form (prefix ``i<pk>``)."""

    keluaran = teks("Keluaran yang dihasilkan")
    kendala = teks("Kendala / permasalahan")
    tindak_lanjut = teks("Solusi / tindak lanjut")
    bukti = BuktiField(label="Tambah bukti dukung", required=False)

    def __init__(
        self,
        *args,
        indikator: Indikator,
        realisasi: Realisasi | None,
        triwulan: int,
        per_triwulan: list[Isian | None],
        **kwargs,
    ) -> None:
        self.indikator = indikator
        self.realisasi = realisasi
        self.triwulan = triwulan
        self.per_triwulan = per_triwulan
        kwargs.setdefault("prefix", f"i{indikator.pk}")
        if realisasi is not None:
            kwargs.setdefault(
                "initial",
                {
                    "nilai": realisasi.nilai,
                    "pembilang": realisasi.pembilang,
                    "penyebut": realisasi.penyebut,
                    "kumulatif": "1" if realisasi.kumulatif else "0",
                    "keluaran": realisasi.keluaran,
                    "kendala": realisasi.kendala,
                    "tindak_lanjut": realisasi.tindak_lanjut,
                },
            )
        super().__init__(*args, **kwargs)
        if self.ada_pilihan_sd:
            self.fields["kumulatif"] = pilihan_sd(triwulan)
        angka = {"class": "angka hitung"}
        if indikator.punya_rumus:
            for nama, label in (
                ("pembilang", indikator.rumus_pembilang),
                ("penyebut", indikator.rumus_penyebut or "Penyebut"),
            ):
                self.fields[nama] = AngkaField(desimal=4, label=label)
                self.fields[nama].widget.attrs.update(angka)
        else:
            self.fields["nilai"] = AngkaField(
                desimal=indikator.desimal, satuan=indikator.satuan, label="Realisasi"
            )
            self.fields["nilai"].widget.attrs.update(angka)
        self.bukti_ada = [] if realisasi is None else list(realisasi.bukti.all())
        self.fields["hapus_bukti"] = forms.TypedMultipleChoiceField(
            label="Hapus bukti",
            required=False,
            coerce=int,
            choices=[(b.pk, str(b)) for b in self.bukti_ada],
            widget=forms.CheckboxSelectMultiple,
        )

    @property
    def ada_pilihan_sd(self) -> bool:
        """Whether typing the value s/d the quarter means something different: not
        for a level (nilai akhir) nor for a value computed from components."""
        ind = self.indikator
        return not ind.punya_rumus and ind.cara_akumulasi != CaraAkumulasi.NILAI_AKHIR

    def _kumulatif(self, nilai_field) -> bool:
        if not self.ada_pilihan_sd:
            # Keep what is stored (seed data may mark levels s/d): it means nothing.
            return self.realisasi is not None and self.realisasi.kumulatif
        try:
            return nilai_field("kumulatif")
        except forms.ValidationError:
            return False

    def isian_sementara(self) -> Isian | None:
        """The typed value, for the live figures; missing when it is not valid."""
        ind = self.indikator
        if ind.punya_rumus:
            nilai = kinerja.nilai_rumus(
                pembilang=self._angka_sementara("pembilang"),
                penyebut=self._angka_sementara("penyebut"),
                pengali=ind.rumus_pengali,
            )
        else:
            nilai = self._angka_sementara("nilai")
        kumulatif = self._kumulatif(lambda n: self.fields[n].clean(self[n].value()))
        return None if nilai is None else Isian(nilai, kumulatif)

    def _angka_sementara(self, nama: str) -> Decimal | None:
        try:
            return self.fields[nama].clean(self[nama].value())
        except forms.ValidationError:
            return None

    def clean(self) -> dict:
        d = super().clean()
        nilai = d.get("nilai")
        if (
            nilai is not None
            and self.ada_pilihan_sd
            and self.indikator.cara_akumulasi == CaraAkumulasi.JUMLAH
        ):
            baru = list(self.per_triwulan)
            baru[self.triwulan - 1] = Isian(nilai, d.get("kumulatif", False))
            pesan = pesan_sd_menurun(
                self.per_triwulan,
                baru,
                triwulan=self.triwulan,
                desimal=self.indikator.desimal,
            )
            if pesan:
                self.add_error("nilai", pesan)
        return d

    def isian(self) -> IsianIndikator:
        d = self.cleaned_data
        nilai = d.get("nilai")
        ada = nilai is not None or d.get("pembilang") is not None
        return IsianIndikator(
            indikator=self.indikator,
            nilai=nilai,
            pembilang=d.get("pembilang"),
            penyebut=d.get("penyebut"),
            kumulatif=ada and self._kumulatif(lambda n: d.get(n, False)),
            keluaran=d["keluaran"].strip(),
            kendala=d["kendala"].strip(),
            tindak_lanjut=d["tindak_lanjut"].strip(),
            bukti_baru=d["bukti"],
            hapus_bukti=d["hapus_bukti"],
        )


class RealisasiAnggaranForm(forms.Form):
    """One sub kegiatan's spending in the quarter (prefix ``s<pk>``), checked
    against its pagu, alone and together with the earlier quarters."""

    def __init__(
        self,
        *args,
        baris,
        triwulan: int,
        realisasi_per_triwulan: list[Isian | None],
        **kwargs,
    ) -> None:
        self.baris = baris
        self.sub_kegiatan = baris.sub_kegiatan
        self.triwulan = triwulan
        self.per_triwulan = realisasi_per_triwulan
        sekarang = realisasi_per_triwulan[triwulan - 1]
        kwargs.setdefault("prefix", f"s{self.sub_kegiatan.pk}")
        kwargs.setdefault(
            "initial",
            {
                "nilai": None if sekarang is None else sekarang.nilai,
                "kumulatif": "1"
                if sekarang is not None and sekarang.kumulatif
                else "0",
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["nilai"] = AngkaField(desimal=2, label="Realisasi (Rp)")
        self.fields["nilai"].widget.attrs.update({"class": "angka hitung"})
        self.fields["kumulatif"] = pilihan_sd(triwulan)

    def clean(self) -> dict:
        d = super().clean()
        nilai, kumulatif = d.get("nilai"), d.get("kumulatif", False)
        pagu = self.baris.angka.pagu
        if nilai is None:
            return d
        per = list(self.per_triwulan)
        per[self.triwulan - 1] = Isian(nilai, kumulatif)
        if pagu is not None and nilai > pagu:
            jenis = "s/d triwulan ini " if kumulatif else ""
            self.add_error(
                "nilai",
                forms.ValidationError(
                    f"Realisasi {jenis}Rp {format_angka(nilai)} melebihi pagu "
                    f"Rp {format_angka(pagu)}.",
                    code="melebihi_pagu",
                ),
            )
            return d
        sd = kinerja.jumlah_diketahui(per, triwulan=self.triwulan)
        if pagu is not None and sd > pagu:
            self.add_error(
                "nilai",
                forms.ValidationError(
                    f"Realisasi s/d triwulan ini menjadi Rp {format_angka(sd)}, "
                    f"melebihi pagu Rp {format_angka(pagu)}. Periksa realisasi "
                    "triwulan sebelumnya dan triwulan ini.",
                    code="sd_melebihi_pagu",
                ),
            )
            return d
        pesan = pesan_sd_menurun(
            self.per_triwulan, per, triwulan=self.triwulan, desimal=2, awalan="Rp "
        )
        if pesan:
            self.add_error("nilai", forms.ValidationError(pesan, code="sd_menurun"))
        return d

    def isian_sementara(self) -> Isian | None:
        try:
            nilai = self.fields["nilai"].clean(self["nilai"].value())
            kumulatif = self.fields["kumulatif"].clean(self["kumulatif"].value())
        except forms.ValidationError:
            return None
        return None if nilai is None else Isian(nilai, kumulatif)

    def isian(self) -> IsianSubKegiatan:
        d = self.cleaned_data
        return IsianSubKegiatan(
            sub_kegiatan=self.sub_kegiatan,
            nilai=d["nilai"],
            kumulatif=d["nilai"] is not None and d.get("kumulatif", False),
        )


class TanggalLaporanForm(forms.Form):
    """The date printed above the signatures ("Kalaena, 28 Juni 2024"): by default
    the day of submission; set it when a report is entered after the fact."""

    tanggal = forms.DateField(
        label="Tanggal laporan",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Kosongkan untuk memakai tanggal pengajuan.",
        error_messages={"invalid": "Isi tanggal seperti 28/06/2024."},
    )

    def __init__(self, *args, tahun: int, triwulan: int, **kwargs) -> None:
        kwargs.setdefault("prefix", "laporan")
        super().__init__(*args, **kwargs)
        self.awal = date(tahun, 3 * triwulan - 2, 1)

    def clean_tanggal(self) -> date | None:
        tanggal = self.cleaned_data["tanggal"]
        if tanggal is None:
            return None
        if tanggal < self.awal:
            raise forms.ValidationError(
                f"Tanggal laporan tidak boleh sebelum triwulan dimulai "
                f"({self.awal:%d/%m/%Y}).",
                code="terlalu_awal",
            )
        if tanggal > timezone.localdate():
            raise forms.ValidationError(
                "Tanggal laporan tidak boleh setelah hari ini.", code="masa_depan"
            )
        return tanggal


@dataclass(frozen=True)
class BarisFormulir:
    """A row of the entry form: the figures of what is typed, its inputs (None for
    a heading or a derived indicator) and the superior's note on it, if any."""

    baris: BarisKinerja | BarisKeuangan
    form: RealisasiForm | RealisasiAnggaranForm | None
    catatan: str = ""
    tinggi: bool = False  # capaian above the confirmation threshold


class FormulirLaporan:
    """The whole entry form of a unit's quarter: one form per indicator the unit
    enters and one per sub kegiatan it spends on, and the report's figures as they
    would be with what is typed (``lap_sementara``)."""

    def __init__(self, lap: LaporanUnit, data=None, files=None) -> None:
        self.lap = lap
        self.laporan = lap.laporan
        self.kinerja = [
            RealisasiForm(
                data,
                files,
                indikator=b.indikator,
                realisasi=b.realisasi,
                triwulan=lap.triwulan,
                per_triwulan=selectors.isian_realisasi(b.indikator),
            )
            for b in lap.baris_isian
        ]
        self.anggaran = [
            RealisasiAnggaranForm(
                data,
                baris=b,
                triwulan=lap.triwulan,
                realisasi_per_triwulan=selectors.isian_realisasi_anggaran(
                    b.sub_kegiatan
                ),
            )
            for b in lap.baris_keuangan
            if b.sub_kegiatan is not None
        ]
        self.tanggal = TanggalLaporanForm(
            data,
            tahun=lap.tahun_anggaran.tahun,
            triwulan=lap.triwulan,
            initial={"tanggal": None if self.laporan is None else self.laporan.tanggal},
        )
        versi_tersimpan = 0 if self.laporan is None else self.laporan.versi
        self.versi = versi_tersimpan if data is None else baca_versi(data)
        # This submission's name, and the one the form rendered now will carry.
        self.kiriman = "" if data is None else str(data.get("kiriman", ""))[:32]
        self.kiriman_baru = uuid4().hex
        self.konfirmasi = data is not None and data.get("konfirmasi_tinggi") == "1"
        self.perubahan: list = []
        self.lap_sementara = lap
        if data is not None:
            self.lap_sementara = selectors.laporan_unit(
                unit=lap.unit,
                tahun_anggaran=lap.tahun_anggaran,
                triwulan=lap.triwulan,
                isian_kinerja={
                    f.indikator.pk: f.isian_sementara() for f in self.kinerja
                },
                isian_anggaran={
                    f.sub_kegiatan.pk: f.isian_sementara() for f in self.anggaran
                },
            )

    batas_konfirmasi = kinerja.CAPAIAN_PERLU_KONFIRMASI

    @property
    def boleh_diubah(self) -> bool:
        return self.laporan is None or self.laporan.status in services.BOLEH_DIUBAH

    def _semua(self) -> list[forms.Form]:
        return [*self.kinerja, *self.anggaran, self.tanggal]

    def is_valid(self) -> bool:
        # Every form is validated, so that every error shows at once.
        sah = all([f.is_valid() for f in self._semua()])
        return sah and self._kuota_bukti()

    def _kuota_bukti(self) -> bool:
        """The report's evidence, after what is removed and added, fits its quota;
        otherwise the message shows beside every field that adds files."""
        dengan_baru = [f for f in self.kinerja if f.cleaned_data["bukti"]]
        terpakai = sum(
            b.ukuran
            for f in self.kinerja
            for b in f.bukti_ada
            if b.pk not in f.cleaned_data["hapus_bukti"]
        )
        baru = sum(b.size for f in dengan_baru for b in f.cleaned_data["bukti"])
        pesan = services.pesan_kuota_bukti(terpakai=terpakai, baru=baru)
        for f in dengan_baru if pesan else []:
            f.add_error("bukti", pesan)
        return not pesan

    @property
    def jumlah_kesalahan(self) -> int:
        return sum(bool(f.errors) for f in self._semua())

    def tanggal_laporan(self) -> date | None:
        return self.tanggal.cleaned_data["tanggal"]

    def _tinggi(self) -> set[int]:
        """Indicators whose changed value gives a capaian above the threshold."""
        diketik = {f.indikator.pk: f.isian_sementara() for f in self.kinerja}
        hasil = set()
        for b in self.lap_sementara.baris_isian:
            capaian = b.angka.capaian
            if capaian is None or capaian <= kinerja.CAPAIAN_PERLU_KONFIRMASI:
                continue
            # Compare what was typed with what is stored, as entered (a cumulative
            # entry is not the quarter's own value).
            isian = diketik.get(b.indikator.pk)
            tersimpan = None if b.realisasi is None else b.realisasi.nilai_efektif
            if isian is None or isian.nilai != tersimpan:
                hasil.add(b.indikator.pk)
        return hasil

    @cached_property
    def perlu_konfirmasi(self) -> list[str]:
        """The indicators to confirm before saving (after ``is_valid``)."""
        if self.konfirmasi:
            return []
        tinggi = self._tinggi()
        return [
            b.indikator.nama for b in self.lap.baris_isian if b.indikator.pk in tinggi
        ]

    def bentrok(self, bentrok: services.Bentrok) -> None:
        """Someone saved in between: keep what is typed, show what they changed, and
        let the next save start from their version."""
        self.perubahan = bentrok.perubahan
        self.versi = bentrok.laporan.versi
        self.laporan = bentrok.laporan

    def baris_kinerja(self) -> list[BarisFormulir]:
        form = {f.indikator.pk: f for f in self.kinerja}
        catatan = {} if self.laporan is None else self.laporan.catatan_baris
        tinggi = self._tinggi() if self.konfirmasi or self.perlu_konfirmasi else set()
        return [
            BarisFormulir(
                baris=b,
                form=None if b.indikator is None else form.get(b.indikator.pk),
                catatan=(
                    "" if b.indikator is None else catatan.get(f"i{b.indikator.pk}", "")
                ),
                tinggi=b.indikator is not None and b.indikator.pk in tinggi,
            )
            for b in self.lap_sementara.baris_kinerja
        ]

    def baris_keuangan(self) -> list[BarisFormulir]:
        form = {f.sub_kegiatan.pk: f for f in self.anggaran}
        catatan = {} if self.laporan is None else self.laporan.catatan_baris
        return [
            BarisFormulir(
                baris=b,
                form=None if b.sub_kegiatan is None else form.get(b.sub_kegiatan.pk),
                catatan=(
                    ""
                    if b.sub_kegiatan is None
                    else catatan.get(f"s{b.sub_kegiatan.pk}", "")
                ),
            )
            for b in self.lap_sementara.baris_keuangan
        ]

    def isian_kinerja(self) -> list[IsianIndikator]:
        return [f.isian() for f in self.kinerja]

    def isian_anggaran(self) -> list[IsianSubKegiatan]:
        return [f.isian() for f in self.anggaran]


# --- review ---


class TanggapanForm(forms.Form):
    """The superior's Ruang Disposisi: six boxes, Lain-lain text and a note."""

    lain_lain_uraian = teks("Uraian lain-lain")
    catatan = teks("Catatan atasan", baris=3)
    alasan = teks(
        "Alasan dikembalikan",
        baris=3,
        help_text="Wajib diisi jika laporan dikembalikan untuk diperbaiki.",
    )

    def __init__(
        self,
        *args,
        laporan: LaporanTriwulan,
        lap: LaporanUnit,
        aksi: str = "",
        **kwargs,
    ) -> None:
        self.aksi = aksi
        kwargs.setdefault(
            "initial",
            {
                **{k: getattr(laporan, k) for k in KOTAK_TANGGAPAN},
                "lain_lain_uraian": laporan.lain_lain_uraian,
                "catatan": laporan.catatan,
            },
        )
        super().__init__(*args, **kwargs)
        kotak = {
            nama: forms.BooleanField(label=label.capitalize(), required=False)
            for nama, (label, _) in zip(KOTAK_TANGGAPAN, laporan.tanggapan, strict=True)
        }
        self.fields = {**kotak, **self.fields}
        # A note per row, shown beside that field when the report is returned.
        self.kunci_baris = []
        for b in lap.baris_isian:
            self._catatan(f"i{b.indikator.pk}", b.indikator.nama, laporan)
        for b in lap.baris_keuangan:
            if b.sub_kegiatan is not None:
                nama = f"Realisasi anggaran: {b.nama}"
                self._catatan(f"s{b.sub_kegiatan.pk}", nama, laporan)

    def _catatan(self, kunci: str, nama: str, laporan: LaporanTriwulan) -> None:
        self.kunci_baris.append(kunci)
        self.fields[f"catatan_{kunci}"] = forms.CharField(
            label=nama,
            required=False,
            initial=laporan.catatan_baris.get(kunci, ""),
            widget=forms.TextInput(
                attrs={"placeholder": "Catatan (jika dikembalikan)"}
            ),
        )

    def kotak(self) -> list[forms.BoundField]:
        return [self[nama] for nama in KOTAK_TANGGAPAN]

    def kolom_catatan(self) -> list[forms.BoundField]:
        return [self[f"catatan_{k}"] for k in self.kunci_baris]

    def catatan_baris(self) -> dict[str, str]:
        return {k: self.cleaned_data[f"catatan_{k}"] for k in self.kunci_baris}

    def clean(self) -> dict:
        d = super().clean()
        if self.aksi == "kembalikan" and not d.get("alasan", "").strip():
            self.add_error("alasan", services.PESAN_ALASAN_KEMBALI)
        if not self.errors:
            for nama, pesan in services.kesalahan_tanggapan(self.tanggapan()).items():
                self.add_error(nama, pesan)
        return d

    def tanggapan(self) -> Tanggapan:
        d = self.cleaned_data
        return Tanggapan(
            kotak={k: d[k] for k in KOTAK_TANGGAPAN},
            lain_lain_uraian=d["lain_lain_uraian"],
            catatan=d["catatan"],
        )


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan dibuka kembali",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Tuliskan alasan laporan dibuka kembali."},
    )


# --- Rencana Aksi import ---


class ImporRencanaAksiForm(forms.Form):
    """The workbook to import and the stage of the plan it is: the DPA murni, or
    the DPA Perubahan measured from a given quarter on."""

    berkas = forms.FileField(
        label="Berkas Rencana Aksi (.xlsx)",
        error_messages={"required": "Pilih berkas .xlsx yang akan diunggah."},
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet"
            }
        ),
    )
    tahap = forms.ChoiceField(
        label="Tahap rencana",
        choices=[
            (TahapRencana.MURNI, "DPA murni (pokok): membuat atau memperbarui rencana"),
            (
                TahapRencana.PERUBAHAN,
                "DPA Perubahan: rencana setelah APBD-Perubahan; laporan yang sudah "
                "diajukan tetap memakai rencana lama",
            ),
        ],
        initial=TahapRencana.MURNI,
        required=False,
        widget=forms.RadioSelect,
    )
    mulai = forms.TypedChoiceField(
        label="DPA Perubahan berlaku mulai",
        choices=TRIWULAN_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
    )

    def clean(self) -> dict:
        d = super().clean()
        if d.get("tahap") == TahapRencana.PERUBAHAN and d.get("mulai") is None:
            self.add_error(
                "mulai", "Pilih triwulan pertama yang diukur dengan DPA Perubahan."
            )
        return d

    def perubahan_mulai(self) -> int | None:
        d = self.cleaned_data
        return d["mulai"] if d.get("tahap") == TahapRencana.PERUBAHAN else None
