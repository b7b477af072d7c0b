"""Flat tables (django-tables2): columns, headings and their formats."""

import django_tables2 as tables

from reports.models import Riwayat


class RiwayatTable(tables.Table):
    """A report's audit trail, newest first."""

    waktu = tables.DateTimeColumn(format="j M Y H.i", verbose_name="Waktu")
    versi = tables.Column(verbose_name="Versi")
    oleh = tables.Column(
        verbose_name="Oleh", accessor="oleh", default="-", orderable=False
    )
    jenis = tables.Column(verbose_name="Jenis")
    objek = tables.Column(verbose_name="Indikator / sub kegiatan")
    kolom = tables.Column(verbose_name="Isian")
    nilai_lama = tables.Column(verbose_name="Nilai lama")
    nilai_baru = tables.Column(verbose_name="Nilai baru")
    alasan = tables.Column(verbose_name="Alasan", default="")

    class Meta:
        model = Riwayat
        fields = [
            "waktu",
            "versi",
            "oleh",
            "jenis",
            "objek",
            "kolom",
            "nilai_lama",
            "nilai_baru",
            "alasan",
        ]
        orderable = False
        attrs = {"class": "data", "id": "tabel-riwayat"}
        empty_text = "Belum ada perubahan tercatat."

    def render_oleh(self, value) -> str:
        return value.get_full_name() or value.get_username()
