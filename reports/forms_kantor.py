"""Forms of the planner's pages for the office's own data: parse and check what is
typed, with Indonesian messages; the figures come from ``reports.kinerja``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django import forms

from reports import kinerja, services_kantor
from reports.forms import AngkaField, pesan_sd_menurun, pilihan_sd
from reports.forms import teks as teks_field
from reports.kinerja import Isian
from reports.models import (
    UNSUR_IKM,
    AnalisisIKU,
    Indikator,
    Pendapatan,
    RekomendasiEvaluasi,
    RingkasanAnggaran,
    SumberRealisasi,
    UnitKerja,
    UnsurIKM,
)
from reports.selectors_kantor import isian_pendapatan
from reports.templatetags.format_id import format_angka


def jumlah_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=10**9,
        error_messages={
            "invalid": "Isi dengan bilangan bulat.",
            "min_value": "Tidak boleh negatif.",
            "max_value": "Angka terlalu besar.",
        },
        widget=forms.NumberInput(attrs={"class": "angka-kecil"}),
    )


def angka(label: str, *, desimal: int = 2) -> AngkaField:
    """A number typed the Indonesian way, right-aligned like the printed figures."""
    field = AngkaField(desimal=desimal, label=label)
    field.widget.attrs["class"] = "angka"
    return field


def rupiah(label: str) -> AngkaField:
    return angka(label)


# --- the office report's texts and Tabel 2.6 ---


class LaporanKantorForm(forms.Form):
    """The date above the head's signature and the texts around the tables."""

    kata_pengantar = teks_field(
        "Kata pengantar",
        baris=8,
        help_text="Kosong: kata pengantar baku. Paragraf dipisah baris kosong. Tulis "
        "uraian saja: angka capaian dan anggaran dicetak program (lihat kotak di "
        "dekatnya).",
    )
    kesimpulan = teks_field(
        "Kesimpulan (Bab Penutup)",
        baris=6,
        help_text="Dicetak setelah kalimat capaian yang dihitung program (lihat kotak "
        "di dekatnya). Tulis uraian sebab dan tindak lanjut, tanpa mengulang angkanya.",
    )


class RingkasanForm(forms.Form):
    """One row of Tabel 2.6 as typed; the DPA's counts, revenue and spending are
    derived from the plan where it holds them (``dari_rencana``)."""

    jumlah_program = jumlah_field("Jumlah program")
    jumlah_kegiatan = jumlah_field("Jumlah kegiatan")
    pendapatan = rupiah("Anggaran pendapatan (Rp)")
    belanja_operasi = rupiah("Belanja operasi (Rp)")
    belanja_modal = rupiah("Belanja modal (Rp)")
    belanja = rupiah("Jumlah anggaran belanja (Rp)")

    def __init__(
        self,
        *args,
        dokumen: str,
        tersimpan: RingkasanAnggaran | None,
        belanja_rencana: Decimal | None,
        **kwargs,
    ) -> None:
        self.dokumen = dokumen
        self.label = RingkasanAnggaran.Dokumen(dokumen).label
        self.belanja_rencana = belanja_rencana
        kwargs.setdefault("prefix", dokumen)
        if tersimpan is not None:
            kwargs.setdefault(
                "initial",
                {f: getattr(tersimpan, f) for f in self.base_fields},
            )
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        d = super().clean()
        operasi, modal = d.get("belanja_operasi"), d.get("belanja_modal")
        if operasi is None or modal is None:
            return d
        for belanja, asal in (
            (self.belanja_rencana, "pagu Rencana Aksi"),
            (d.get("belanja"), "jumlah anggaran belanja"),
        ):
            if belanja is not None and operasi + modal != belanja:
                self.add_error(
                    "belanja_modal",
                    f"Belanja operasi + modal = Rp {format_angka(operasi + modal)}, "
                    f"tidak sama dengan {asal} Rp {format_angka(belanja)}.",
                )
                break
        return d

    def isian(self) -> services_kantor.IsianRingkasan:
        return services_kantor.IsianRingkasan(dokumen=self.dokumen, **self.cleaned_data)


# --- IKU ---


class IKUForm(forms.Form):
    """Where one IKU's realisation comes from, its Renstra conditions and the
    quarter's analysis (prefix ``iku<pk>``)."""

    sumber = forms.ChoiceField(
        label="Sumber realisasi",
        choices=SumberRealisasi.choices,
        widget=forms.RadioSelect,
    )
    butir = forms.MultipleChoiceField(
        label="Diambil dari",
        required=False,
        help_text="Tahan Ctrl untuk memilih lebih dari satu. Urutannya s1, s2, ... "
        "mengikuti urutan daftar ini.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    rumus_sumber = forms.CharField(
        label="Rumus",
        required=False,
        max_length=200,
        help_text="Kosong: rata-rata sumber. Atau mis. (s1 + s2) / 2, s1 * 0.6 + "
        "s2 * 0.4 (titik untuk desimal).",
    )
    kondisi_awal = angka("Kondisi awal (Renstra)", desimal=4)
    kondisi_akhir = angka("Kondisi akhir (Renstra)", desimal=4)
    faktor_keberhasilan = teks_field(
        "Faktor penyebab keberhasilan", baris=3, help_text="Satu butir per baris."
    )
    faktor_kegagalan = teks_field(
        "Faktor penyebab kegagalan", baris=3, help_text="Satu butir per baris."
    )
    solusi = teks_field(
        "Alternatif solusi yang telah dilakukan",
        baris=3,
        help_text="Satu butir per baris.",
    )

    def __init__(
        self,
        *args,
        indikator: Indikator,
        analisis: AnalisisIKU | None,
        pilihan: Sequence[tuple[str, str]],
        **kwargs,
    ) -> None:
        self.indikator = indikator
        kwargs.setdefault("prefix", f"iku{indikator.pk}")
        kwargs.setdefault(
            "initial",
            {
                "sumber": indikator.sumber,
                "butir": [s.kunci for s in indikator.sumber_iku.all()],
                "rumus_sumber": indikator.rumus_sumber,
                "kondisi_awal": indikator.iku.kondisi_awal,
                "kondisi_akhir": indikator.iku.kondisi_akhir,
                **(
                    {}
                    if analisis is None
                    else {
                        "faktor_keberhasilan": analisis.faktor_keberhasilan,
                        "faktor_kegagalan": analisis.faktor_kegagalan,
                        "solusi": analisis.solusi,
                    }
                ),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["butir"].choices = list(pilihan)
        self.urutan = [k for k, _ in pilihan]

    def clean(self) -> dict:
        d = super().clean()
        if d.get("sumber") != SumberRealisasi.RENCANA:
            return d
        butir = d.get("butir") or []
        if not butir:
            self.add_error("butir", "Pilih program, kegiatan atau indikator sumbernya.")
            return d
        try:
            kinerja.periksa_rumus_sumber(d.get("rumus_sumber", ""), jumlah=len(butir))
        except kinerja.RumusTidakSah as exc:
            self.add_error("rumus_sumber", str(exc))
        return d

    def isian(self) -> services_kantor.IsianIKU:
        d = self.cleaned_data
        return services_kantor.IsianIKU(
            indikator=self.indikator,
            sumber=d["sumber"],
            butir=sorted(d.get("butir") or [], key=self.urutan.index),
            rumus_sumber=d["rumus_sumber"].strip(),
            kondisi_awal=d["kondisi_awal"],
            kondisi_akhir=d["kondisi_akhir"],
            faktor_keberhasilan=d["faktor_keberhasilan"].strip(),
            faktor_kegagalan=d["faktor_kegagalan"].strip(),
            solusi=d["solusi"].strip(),
        )


# --- the IKM survey ---


class SurveiForm(forms.Form):
    jumlah_responden = forms.IntegerField(
        label="Jumlah responden",
        required=False,
        help_text="Wajib bila jumlah jawaban diisi; boleh kosong bila hanya NRR "
        "unsur yang ada.",
        min_value=1,
        max_value=10**7,
        error_messages={
            "invalid": "Isi dengan bilangan bulat.",
            "min_value": "Paling sedikit 1 responden.",
            "max_value": "Angka terlalu besar.",
        },
    )
    keterangan = teks_field(
        "Keterangan", help_text="Mis. tempat, waktu dan jenis layanan yang disurvei."
    )


class UnsurForm(forms.Form):
    """One unsur: the number of respondents who answered 1-4, or the NRR."""

    jawaban_1 = jumlah_field("1")
    jawaban_2 = jumlah_field("2")
    jawaban_3 = jumlah_field("3")
    jawaban_4 = jumlah_field("4")
    nrr = angka("NRR", desimal=4)

    def __init__(self, *args, nomor: int, tersimpan: UnsurIKM | None, **kwargs):
        self.nomor = nomor
        self.nama = UNSUR_IKM[nomor - 1]
        kwargs.setdefault("prefix", f"u{nomor}")
        if tersimpan is not None:
            kwargs.setdefault(
                "initial",
                {f: getattr(tersimpan, f) for f in self.base_fields},
            )
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        d = super().clean()
        jawaban = [d.get(f"jawaban_{n}") for n in range(1, 5)]
        nrr = d.get("nrr")
        if self.errors:
            return d
        if nrr is not None and any(j is not None for j in jawaban):
            self.add_error("nrr", "Isi jumlah jawaban atau NRR, tidak keduanya.")
        elif nrr is not None and not 1 <= nrr <= 4:
            self.add_error("nrr", "NRR berada antara 1 dan 4.")
        elif any(j is not None for j in jawaban):
            if any(j is None for j in jawaban):
                self.add_error(
                    "jawaban_1", "Isi keempat jumlah jawaban (0 bila tidak ada)."
                )
            elif sum(jawaban) == 0:
                self.add_error("jawaban_1", "Belum ada yang menjawab unsur ini.")
        return d

    @property
    def jumlah_jawaban(self) -> int:
        d = getattr(self, "cleaned_data", {})
        return sum(d.get(f"jawaban_{n}") or 0 for n in range(1, 5))

    def isian(self) -> services_kantor.IsianUnsur:
        d = self.cleaned_data
        return services_kantor.IsianUnsur(
            nomor=self.nomor,
            jawaban=tuple(d.get(f"jawaban_{n}") for n in range(1, 5)),
            nrr=d.get("nrr"),
        )


class FormulirSurvei:
    """The survey page: the survey's count of respondents and its nine unsur."""

    def __init__(self, survei, data=None) -> None:
        ada = {} if survei is None else {u.nomor: u for u in survei.unsur.all()}
        self.survei = SurveiForm(
            data,
            initial=None
            if survei is None
            else {
                "jumlah_responden": survei.jumlah_responden,
                "keterangan": survei.keterangan,
            },
        )
        self.unsur = [
            UnsurForm(data, nomor=n, tersimpan=ada.get(n))
            for n in range(1, len(UNSUR_IKM) + 1)
        ]

    def is_valid(self) -> bool:
        sah = all([f.is_valid() for f in [self.survei, *self.unsur]])
        responden = self.survei.cleaned_data.get("jumlah_responden") if sah else None
        if sah and responden is None and any(u.jumlah_jawaban for u in self.unsur):
            self.survei.add_error(
                "jumlah_responden",
                "Isi jumlah responden survei (jumlah jawaban sudah diisi).",
            )
            return False
        for u in self.unsur:
            if responden is not None and u.jumlah_jawaban > responden:
                u.add_error(
                    "jawaban_1",
                    f"Jumlah jawaban ({u.jumlah_jawaban}) melebihi jumlah responden "
                    f"({responden}).",
                )
                sah = False
        return sah

    def isian(self) -> dict:
        d = self.survei.cleaned_data
        return {
            "jumlah_responden": d["jumlah_responden"],
            "keterangan": d["keterangan"].strip(),
            "unsur": [u.isian() for u in self.unsur],
        }


# --- revenue ---


class PendapatanForm(forms.Form):
    """One revenue line of the year and its receipt in the quarter (prefix
    ``p<pk>``, or ``baru<n>`` for a new line)."""

    kode = forms.CharField(label="Kode", required=False, max_length=40)
    uraian = forms.CharField(label="Uraian", required=False, max_length=300)
    induk = forms.TypedChoiceField(
        label="Kelompok",
        required=False,
        coerce=int,
        empty_value=None,
    )
    anggaran = rupiah("Anggaran DPA (Rp)")
    anggaran_perubahan = rupiah("Anggaran DPA Perubahan (Rp)")
    target_tw1 = rupiah("Target TW I")
    target_tw2 = rupiah("Target TW II")
    target_tw3 = rupiah("Target TW III")
    target_tw4 = rupiah("Target TW IV")
    realisasi = rupiah("Realisasi (Rp)")
    hapus = forms.BooleanField(label="Hapus", required=False)

    def __init__(
        self,
        *args,
        pendapatan: Pendapatan | None,
        kelompok: Sequence[Pendapatan],
        triwulan: int,
        prefix: str,
        **kwargs,
    ) -> None:
        self.pendapatan = pendapatan
        self.triwulan = triwulan
        self.per_triwulan = (
            [None] * 4 if pendapatan is None else isian_pendapatan(pendapatan)
        )
        if pendapatan is not None:
            sekarang = self.per_triwulan[triwulan - 1]
            kwargs.setdefault(
                "initial",
                {
                    "kode": pendapatan.kode,
                    "uraian": pendapatan.uraian,
                    "induk": pendapatan.induk_id,
                    "anggaran": pendapatan.anggaran,
                    "anggaran_perubahan": pendapatan.anggaran_perubahan,
                    **{
                        f"target_tw{n}": getattr(pendapatan, f"target_tw{n}")
                        for n in range(1, 5)
                    },
                    "realisasi": None if sekarang is None else sekarang.nilai,
                    "kumulatif": "1" if sekarang and sekarang.kumulatif else "0",
                },
            )
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields["induk"].choices = [("", "-")] + [
            (k.pk, k.uraian)
            for k in kelompok
            if pendapatan is None or k.pk != pendapatan.pk
        ]
        self.fields["kumulatif"] = pilihan_sd(triwulan)

    @property
    def kosong(self) -> bool:
        """A blank new row: nothing to save."""
        d = self.cleaned_data
        return (
            self.pendapatan is None
            and not d.get("uraian")
            and not any(d.get(f) is not None for f in ("anggaran", "realisasi"))
        )

    def clean(self) -> dict:
        d = super().clean()
        if d.get("hapus") or self.errors:
            return d
        isi = any(v not in (None, "", False, "0") for k, v in d.items() if k != "hapus")
        if not isi:
            return d
        if not d.get("uraian"):
            self.add_error("uraian", "Isi uraian pendapatan.")
        if d.get("realisasi") is not None:
            baru = list(self.per_triwulan)
            baru[self.triwulan - 1] = Isian(d["realisasi"], d.get("kumulatif", False))
            pesan = pesan_sd_menurun(
                self.per_triwulan,
                baru,
                triwulan=self.triwulan,
                desimal=2,
                awalan="Rp ",
            )
            if pesan:
                self.add_error("realisasi", pesan)
        return d

    def isian(self, induk: dict[int, Pendapatan], urutan: int):
        d = self.cleaned_data
        return services_kantor.IsianPendapatan(
            pendapatan=self.pendapatan,
            uraian=d["uraian"].strip(),
            kode=d["kode"].strip(),
            induk=induk.get(d.get("induk")),
            anggaran=d.get("anggaran"),
            anggaran_perubahan=d.get("anggaran_perubahan"),
            target_tw=tuple(d.get(f"target_tw{n}") for n in range(1, 5)),
            realisasi=d.get("realisasi"),
            kumulatif=d.get("realisasi") is not None and d.get("kumulatif", False),
            hapus=d.get("hapus", False),
            urutan=urutan,
        )


# --- the follow-up matrix ---


class TindakLanjutForm(forms.Form):
    """A recommendation, its progress in the quarter and whether it was completed
    then (prefix ``r<pk>``, or ``baru<n>`` for a new one)."""

    sumber = forms.CharField(
        label="Sumber evaluasi",
        required=False,
        max_length=200,
        help_text="Mis. Inspektorat, hasil evaluasi AKIP 2023.",
    )
    rekomendasi = teks_field("Rekomendasi", baris=3)
    rencana_aksi = teks_field("Rencana aksi tindak lanjut", baris=3)
    unit_kerja = forms.TypedChoiceField(
        label="Penanggung jawab", required=False, coerce=int, empty_value=None
    )
    batas_waktu = forms.DateField(
        label="Batas waktu",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Isi tanggal seperti 31/12/2024."},
    )
    progres = teks_field("Status / progres penyelesaian", baris=3)
    selesai = forms.BooleanField(label="Selesai pada triwulan ini", required=False)

    def __init__(
        self,
        *args,
        rekomendasi: RekomendasiEvaluasi | None,
        progres: str,
        unit: Sequence[UnitKerja],
        kini: tuple[int, int],
        prefix: str,
        **kwargs,
    ) -> None:
        self.rekomendasi = rekomendasi
        if rekomendasi is not None:
            kwargs.setdefault(
                "initial",
                {
                    "sumber": rekomendasi.sumber,
                    "rekomendasi": rekomendasi.rekomendasi,
                    "rencana_aksi": rekomendasi.rencana_aksi,
                    "unit_kerja": rekomendasi.unit_kerja_id,
                    "batas_waktu": rekomendasi.batas_waktu,
                    "progres": progres,
                    "selesai": (rekomendasi.selesai_tahun, rekomendasi.selesai_triwulan)
                    == kini,
                },
            )
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields["unit_kerja"].choices = [("", "-")] + [(u.pk, u.nama) for u in unit]
        self.unit = {u.pk: u for u in unit}

    @property
    def kosong(self) -> bool:
        return self.rekomendasi is None and not self.cleaned_data.get("rekomendasi")

    def clean(self) -> dict:
        d = super().clean()
        if self.errors:
            return d
        if self.rekomendasi is None and not d.get("rekomendasi", "").strip():
            return d  # a blank new row
        if not d.get("rekomendasi", "").strip():
            self.add_error("rekomendasi", "Isi rekomendasi.")
        if not d.get("sumber", "").strip():
            self.add_error("sumber", "Isi sumber evaluasi, mis. Inspektorat.")
        return d

    def isian(self, urutan: int) -> services_kantor.IsianTindakLanjut:
        d = self.cleaned_data
        return services_kantor.IsianTindakLanjut(
            rekomendasi=self.rekomendasi,
            sumber=d["sumber"].strip(),
            teks=d["rekomendasi"].strip(),
            rencana_aksi=d["rencana_aksi"].strip(),
            unit_kerja=self.unit.get(d.get("unit_kerja")),
            batas_waktu=d.get("batas_waktu"),
            progres=d["progres"].strip(),
            selesai=d.get("selesai", False),
            urutan=urutan,
        )
