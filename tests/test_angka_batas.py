"""Numbers the database cannot hold exactly are refused at every door (the entry
form, the Rencana Aksi import, the admin, the database itself), and a figure derived
from extreme but valid values never takes a page down."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reports import models
from reports.forms import AngkaField
from reports.templatetags.format_id import format_angka, format_persen
from tests.conftest import (
    D,
    make_indikator,
    make_opd,
    make_sub_kegiatan,
    make_tahun,
    make_unit,
    make_user,
)
from tests.test_alur import ISIAN, data_isian, indikator_trantib, sub_trantib
from tests.test_rencana_aksi import galat, sah, ta_uji, ubah  # noqa: F401

pytestmark = pytest.mark.django_db

TERLALU_BESAR = "Angka terlalu besar; paling besar 1.000.000.000.000.000."
TERLALU_PANJANG = "Angka terlalu panjang untuk disimpan dengan tepat"


@pytest.mark.parametrize(
    ("ketikan", "pesan"),
    [
        ("9.999.999.999.999.999", TERLALU_BESAR),
        ("1.000.000.000.000.001", TERLALU_BESAR),
        ("1.234.567.890.123.457", TERLALU_BESAR),
        ("123.456.789.012.345,6", TERLALU_PANJANG),
        ("9" * 5000, TERLALU_BESAR),
    ],
)
def test_the_form_refuses_a_number_the_database_cannot_hold(client, ketikan, pesan):
    client.force_login(make_user("kasi", opd="kalaena", unit="trantib"))
    pertama = indikator_trantib()[0]
    sub = sub_trantib()[0]
    data = data_isian(konfirmasi_tinggi="1")
    data[f"i{pertama.pk}-nilai"] = ketikan
    data[f"s{sub.pk}-nilai"] = ketikan
    response = client.post(ISIAN, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert pesan in html
    assert f'value="{ketikan}"' in html
    assert not models.Realisasi.objects.filter(indikator=pertama, triwulan=3).exists()


def test_the_largest_numbers_that_fit_are_accepted_and_read_back_exactly():
    field = AngkaField(desimal=4)
    assert field.clean("1.000.000.000.000.000") == Decimal(10) ** 15
    assert field.clean("999.999.999.999.999") == D("999999999999999")
    assert field.clean("12.345.678.901,2345") == D("12345678901.2345")
    ind = indikator_trantib()[0]
    for nilai in ("1000000000000000", "999999999999999", "12345678901.2345"):
        r, _ = models.Realisasi.objects.update_or_create(
            indikator=ind, triwulan=3, defaults={"nilai": D(nilai)}
        )
        assert models.Realisasi.objects.get(pk=r.pk).nilai == D(nilai)


def test_the_model_refuses_out_of_range_values_for_the_admin_and_the_import():
    ind = indikator_trantib()[0]
    ind.target_tahunan = D("1234567890123457")
    with pytest.raises(ValidationError) as info:
        ind.full_clean()
    assert TERLALU_BESAR in info.value.message_dict["target_tahunan"]
    anggaran = models.Anggaran.objects.filter(sub_kegiatan=sub_trantib()[0]).first()
    anggaran.pagu = D("12345678901234.56")
    with pytest.raises(ValidationError) as info:
        anggaran.full_clean()
    assert info.value.message_dict["pagu"][0].startswith(TERLALU_PANJANG)


def test_the_admin_form_shows_the_message(admin_client):
    ind = indikator_trantib()[0]
    response = admin_client.get(f"/admin/reports/indikator/{ind.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["target_tahunan"] = "9999999999999999"
    bound = type(form)(data=data, instance=ind)
    assert not bound.is_valid()
    assert bound.errors["target_tahunan"] == [TERLALU_BESAR]


def test_the_database_refuses_what_slips_past_the_checks():
    ind = indikator_trantib()[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        models.Realisasi.objects.create(
            indikator=ind, triwulan=3, nilai=D("9999999999999999")
        )


def test_the_import_refuses_a_target_the_database_cannot_hold(ta_uji, sah):  # noqa: F811
    xlsx = ubah(sah, "Indikator", {"G2": 9999999999999996, "G3": 123456789.1234567})
    pesan = galat(ta_uji, xlsx)
    assert any(
        "baris 2, kolom G (Target Tahunan): 9999999999999996: " + TERLALU_BESAR in p
        for p in pesan
    ), pesan
    assert any("baris 3, kolom G" in p and "angka desimal" in p for p in pesan), pesan
    xlsx = ubah(sah, "Anggaran", {"E2": 12345678901234.56})
    assert any(
        "kolom E (Pagu (Rp))" in p and TERLALU_PANJANG in p for p in galat(ta_uji, xlsx)
    )


def test_extreme_but_valid_values_give_a_page_not_a_500(client):
    """A capaian over a tiny target has more digits than Decimal's default 28:
    displaying it must not fail."""
    opd = make_opd()
    unit = make_unit(opd, "seksi")
    ta = make_tahun(opd, 2024)
    sub = make_sub_kegiatan(ta, unit)
    ind = make_indikator(
        sub,
        target_tahunan="0.0001",
        target_tw=("0.0001", None, None, None),
        rumus_pembilang="Pembilang",
        rumus_penyebut="Penyebut",
        rumus_pengali=D(10) ** 15,
    )
    models.Realisasi.objects.create(
        indikator=ind, triwulan=1, pembilang=D(10) ** 15, penyebut=D("0.0001")
    )
    client.force_login(make_user("op", opd=opd, unit=unit))
    for nama in ("unit_triwulan", "isian", "laporan_unit"):
        url = (
            f"/{opd.slug}/{unit.slug}/2024/tw1/"
            + {
                "unit_triwulan": "",
                "isian": "isi/",
                "laporan_unit": "laporan/",
            }[nama]
        )
        assert client.get(url).status_code == 200, nama


def test_formatting_never_fails_on_a_very_large_value():
    assert format_angka(D("1E+40")) == "10" + ".000" * 13
    assert format_persen(D("123456789012345678901234567890.125")).endswith(",13\u00a0%")
