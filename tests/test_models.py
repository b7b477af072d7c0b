"""The database keeps the invariants itself: constraints, not just forms."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from reports import models
from tests.conftest import (
    make_indikator,
    make_opd,
    make_sub_kegiatan,
    make_tahun,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def sub():
    opd = make_opd()
    unit = make_unit(opd, "trantib")
    return make_sub_kegiatan(make_tahun(opd), unit)


def ditolak(buat):
    with pytest.raises(IntegrityError), transaction.atomic():
        buat()


def test_an_indicator_has_exactly_one_owner(sub):
    def dua_pemilik():
        make_indikator(sub, kegiatan=sub.kegiatan)

    ditolak(dua_pemilik)

    def tanpa_pemilik():
        models.Indikator.objects.create(
            tahun_anggaran=sub.kegiatan.program.tahun_anggaran,
            unit_kerja=sub.unit_kerja,
            nama="x",
            satuan="x",
        )

    ditolak(tanpa_pemilik)


def test_targets_may_not_be_negative(sub):
    ditolak(lambda: make_indikator(sub, target_tahunan="-1"))
    ditolak(lambda: make_indikator(sub, target_tw=("1", "-1", None, None)))


def test_a_formula_needs_both_components_and_a_positive_multiplier(sub):
    ditolak(
        lambda: make_indikator(sub, rumus_pembilang="selesai", rumus_pengali=D(100))
    )
    ditolak(
        lambda: make_indikator(
            sub, rumus_pembilang="a", rumus_penyebut="b", rumus_pengali=D(0)
        )
    )
    make_indikator(sub, rumus_pembilang="a", rumus_penyebut="b", rumus_pengali=D(100))


def test_a_derived_indicator_has_no_formula(sub):
    ditolak(
        lambda: make_indikator(
            sub,
            dari_turunan=True,
            rumus_pembilang="a",
            rumus_penyebut="b",
            rumus_pengali=D(100),
        )
    )


def test_one_realisation_per_indicator_and_quarter(sub):
    ind = make_indikator(sub, realisasi={2: "1"})
    ditolak(lambda: models.Realisasi.objects.create(indikator=ind, triwulan=2, nilai=1))


def test_quarters_are_one_to_four(sub):
    ind = make_indikator(sub)
    ditolak(lambda: models.Realisasi.objects.create(indikator=ind, triwulan=5, nilai=1))
    ditolak(
        lambda: models.RealisasiAnggaran.objects.create(
            sub_kegiatan=sub, triwulan=0, nilai=1
        )
    )


def test_money_and_realisations_may_not_be_negative(sub):
    ind = make_indikator(sub)
    ditolak(
        lambda: models.Realisasi.objects.create(indikator=ind, triwulan=1, nilai=-1)
    )
    ditolak(
        lambda: models.RealisasiAnggaran.objects.create(
            sub_kegiatan=sub, triwulan=1, nilai=-5
        )
    )
    ditolak(lambda: models.Anggaran.objects.create(sub_kegiatan=sub, pagu=-1))


def test_one_budget_per_stage(sub):
    models.Anggaran.objects.create(sub_kegiatan=sub, pagu=10)
    ditolak(lambda: models.Anggaran.objects.create(sub_kegiatan=sub, pagu=20))
    models.Anggaran.objects.create(sub_kegiatan=sub, pagu=20, tahap="perubahan")


def test_realisation_from_components_is_computed(sub):
    ind = make_indikator(
        sub, rumus_pembilang="selesai", rumus_penyebut="masuk", rumus_pengali=D(100)
    )
    r = models.Realisasi.objects.create(
        indikator=ind, triwulan=2, pembilang=D(9), penyebut=D(12)
    )
    assert r.nilai_efektif == 75


def test_an_approved_report_records_when():
    unit = models.UnitKerja.objects.get(opd__slug="kalaena", slug="trantib")
    ta = models.TahunAnggaran.objects.get(opd__slug="kalaena", tahun=2024)
    ditolak(
        lambda: models.LaporanTriwulan.objects.create(
            unit_kerja=unit, tahun_anggaran=ta, triwulan=3, status="disetujui"
        )
    )


def test_an_operator_belongs_to_a_unit():
    ditolak(lambda: make_user("tanpa.unit", opd="kalaena", peran="operator"))
    make_user("perencana.x", opd="kalaena", peran="perencana")


def test_nip_is_eighteen_digits():
    opd = make_opd()
    with pytest.raises(ValidationError, match="18 angka; yang diisi 17"):
        models.Pejabat(opd=opd, nama="X", nip="19800101200501100").full_clean()
    p = models.Pejabat(opd=opd, nama="X", nip="198001012005011003")
    p.full_clean()
    assert p.nip_tampil == "19800101 200501 1 003"


def test_nip_is_accepted_as_printed_and_stored_as_digits():
    opd = make_opd()
    p = models.Pejabat(opd=opd, nama="Drs. PUJIANTO", nip="19671114 199003 1 004")
    p.full_clean()
    p.save()
    p.refresh_from_db()
    assert p.nip == "196711141990031004"
    assert p.nip_tampil == "19671114 199003 1 004"


def test_an_impossible_nip_is_refused_with_the_reason():
    opd = make_opd()
    with pytest.raises(ValidationError, match="19732204 bukan tanggal lahir"):
        models.Pejabat(opd=opd, nama="X", nip="19732204 199402 1 002").full_clean()


def test_the_admin_accepts_a_nip_with_spaces_and_explains_a_wrong_one(client):
    root = make_user("root.nip", superuser=True)
    root.is_staff = True
    root.save()
    client.force_login(root)
    opd = make_opd()
    tambah = reverse("admin:reports_pejabat_add")
    data = {"opd": opd.pk, "nama": "MOCH JEMMY, S.Pd", "nip": "19651230 198703 1 012"}
    assert 'maxlength="24"' in client.get(tambah).content.decode()
    assert client.post(tambah, data).status_code == 302
    assert models.Pejabat.objects.get(nama="MOCH JEMMY, S.Pd").nip == (
        "196512301987031012"
    )
    salah = client.post(tambah, {**data, "nama": "Y", "nip": "19651230 198713 1 012"})
    assert salah.status_code == 200
    assert "198713 bukan bulan yang mungkin" in salah.content.decode()


def test_kode_is_validated_loosely(sub):
    for kode in ["7.01.02.2.01.0002", "1.05.001.2.01.01", "X.XX.01"]:
        models.Program(
            tahun_anggaran=sub.kegiatan.program.tahun_anggaran,
            kode=kode,
            nama="p",
            unit_kerja=sub.unit_kerja,
        ).full_clean()
    with pytest.raises(ValidationError):
        models.Program(
            tahun_anggaran=sub.kegiatan.program.tahun_anggaran,
            kode="7.01 02",
            nama="p",
            unit_kerja=sub.unit_kerja,
        ).full_clean()


def test_a_unit_cannot_sit_below_itself():
    opd = make_opd()
    atas = make_unit(opd, "atas", jenis="pimpinan")
    bawah = make_unit(opd, "bawah", atasan=atas)
    atas.atasan = bawah
    with pytest.raises(ValidationError):
        atas.full_clean()
    ditolak(lambda: models.UnitKerja.objects.filter(pk=atas.pk).update(atasan=atas))


def test_a_superior_is_in_the_same_office():
    lain = make_unit(make_opd(), "lain", jenis="pimpinan")
    unit = make_unit(make_opd(), "unit")
    unit.atasan = lain
    with pytest.raises(ValidationError):
        unit.full_clean()


def test_an_indicator_is_in_its_owners_year(sub):
    tahun_lain = make_tahun(sub.unit_kerja.opd, tahun=2025)
    ind = models.Indikator(
        tahun_anggaran=tahun_lain,
        unit_kerja=sub.unit_kerja,
        sub_kegiatan=sub,
        nama="x",
        satuan="x",
    )
    with pytest.raises(ValidationError):
        ind.full_clean()
