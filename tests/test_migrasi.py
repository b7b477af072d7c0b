"""The migration of issue 9 keeps every existing figure: the single basis becomes
both bases, a year holding Perubahan budgets is measured with them from TW I,
submitted reports record their stage, and a top unit's pending report is final."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

SEBELUM = [("reports", "0004_batas_angka_dan_ketahanan")]
SESUDAH = [("reports", "0005_tahun_nyata")]


def _migrasi(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def test_migration_keeps_the_basis_the_stage_and_finalises_the_heads_report():
    apps = _migrasi(SEBELUM)
    try:
        Pemda = apps.get_model("reports", "PemerintahDaerah")
        Opd = apps.get_model("reports", "PerangkatDaerah")
        Tahun = apps.get_model("reports", "TahunAnggaran")
        Unit = apps.get_model("reports", "UnitKerja")
        Program = apps.get_model("reports", "Program")
        Kegiatan = apps.get_model("reports", "Kegiatan")
        Sub = apps.get_model("reports", "SubKegiatan")
        Anggaran = apps.get_model("reports", "Anggaran")
        Laporan = apps.get_model("reports", "LaporanTriwulan")

        pemda = Pemda.objects.create(nama="Uji Migrasi", slug="uji-migrasi")
        opd = Opd.objects.create(
            nama="Kecamatan Uji", slug="uji-migrasi", tempat="Uji", pemda=pemda
        )
        lama = Tahun.objects.create(opd=opd, tahun=2022, dasar_capaian="tahunan")
        ubah = Tahun.objects.create(opd=opd, tahun=2023, dasar_capaian="kumulatif")
        camat = Unit.objects.create(
            opd=opd, nama="Camat", slug="camat", jabatan_kepala="Camat Uji"
        )
        seksi = Unit.objects.create(
            opd=opd,
            nama="Seksi",
            slug="seksi",
            jabatan_kepala="Kepala Seksi",
            atasan=camat,
        )
        program = Program.objects.create(
            tahun_anggaran=ubah, nama="Program", unit_kerja=seksi
        )
        kegiatan = Kegiatan.objects.create(
            program=program, nama="Kegiatan", unit_kerja=seksi
        )
        sub = Sub.objects.create(kegiatan=kegiatan, nama="Sub", unit_kerja=seksi)
        Anggaran.objects.create(sub_kegiatan=sub, tahap="murni", pagu=100)
        Anggaran.objects.create(sub_kegiatan=sub, tahap="perubahan", pagu=120)
        diajukan = datetime(2023, 4, 5, 9, tzinfo=UTC)
        laporan = {
            "camat": Laporan.objects.create(
                unit_kerja=camat,
                tahun_anggaran=ubah,
                triwulan=1,
                status="diajukan",
                diajukan_pada=diajukan,
            ),
            "seksi": Laporan.objects.create(
                unit_kerja=seksi,
                tahun_anggaran=ubah,
                triwulan=1,
                status="diajukan",
                diajukan_pada=diajukan,
            ),
            "lama": Laporan.objects.create(
                unit_kerja=seksi,
                tahun_anggaran=lama,
                triwulan=4,
                status="disetujui",
                disetujui_pada=diajukan,
            ),
            "draf": Laporan.objects.create(
                unit_kerja=seksi, tahun_anggaran=lama, triwulan=3, status="draf"
            ),
        }
        pk = {nama: lap.pk for nama, lap in laporan.items()}
    finally:
        apps = _migrasi(SESUDAH)

    Tahun = apps.get_model("reports", "TahunAnggaran")
    Laporan = apps.get_model("reports", "LaporanTriwulan")
    lama = Tahun.objects.get(opd__slug="uji-migrasi", tahun=2022)
    ubah = Tahun.objects.get(opd__slug="uji-migrasi", tahun=2023)
    assert (lama.dasar_kinerja, lama.dasar_keuangan) == ("tahunan", "tahunan")
    assert (ubah.dasar_kinerja, ubah.dasar_keuangan) == ("kumulatif", "kumulatif")
    assert lama.perubahan_mulai is None
    assert ubah.perubahan_mulai == 1

    def baca(nama):
        return Laporan.objects.get(pk=pk[nama])

    assert baca("camat").status == "disetujui"
    assert baca("camat").disetujui_pada == datetime(2023, 4, 5, 9, tzinfo=UTC)
    assert baca("camat").tahap == "perubahan"
    assert (baca("seksi").status, baca("seksi").tahap) == ("diajukan", "perubahan")
    assert baca("lama").tahap == "murni"
    assert baca("draf").tahap == ""
