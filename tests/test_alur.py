"""The entry and review workflow: each transition, each forbidden one, the audit
trail and concurrent edits, on the Kalaena Trantib TW III 2024 demo report."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import models, selectors, services
from reports.laporan import dokumen_unit
from tests.conftest import (
    make_anggaran,
    make_indikator,
    make_opd,
    make_sub_kegiatan,
    make_tahun,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db

Status = models.LaporanTriwulan.Status
ARGS = {"opd": "kalaena", "unit": "trantib", "tahun": 2024, "triwulan": 3}
ISIAN = reverse("reports:isian", kwargs=ARGS)
REVIU = reverse("reports:reviu", kwargs=ARGS)
RIWAYAT = reverse("reports:riwayat", kwargs=ARGS)
# TW III anggaran kas of the three sub kegiatan: spending exactly as planned.
RUPIAH_TW3 = ["3.095.000", "1.670.000", "360.000"]


def indikator_trantib() -> list[models.Indikator]:
    return list(
        models.Indikator.objects.filter(
            tahun_anggaran__tahun=2024, unit_kerja__slug="trantib", dari_turunan=False
        ).order_by("pk")
    )


def sub_trantib() -> list[models.SubKegiatan]:
    return list(
        models.SubKegiatan.objects.filter(
            unit_kerja__slug="trantib", kegiatan__program__tahun_anggaran__tahun=2024
        ).order_by("pk")
    )


def data_isian(
    *, nilai=("1", "1", "1"), rupiah=RUPIAH_TW3, versi=0, aksi="simpan", **lain
) -> dict[str, str]:
    data = {"versi": str(versi), "aksi": aksi}
    for ind, n in zip(indikator_trantib(), nilai, strict=True):
        data[f"i{ind.pk}-nilai"] = n
        data[f"i{ind.pk}-keluaran"] = f"Laporan TW III: {ind.nama[:30]}"
        data[f"i{ind.pk}-kendala"] = ""
        data[f"i{ind.pk}-tindak_lanjut"] = ""
    for sub, rp in zip(sub_trantib(), rupiah, strict=True):
        data[f"s{sub.pk}-nilai"] = rp
    data.update(lain)
    return data


def laporan() -> models.LaporanTriwulan:
    return models.LaporanTriwulan.objects.get(
        unit_kerja__slug="trantib", tahun_anggaran__tahun=2024, triwulan=3
    )


@pytest.fixture
def kasi():
    return make_user("kasi", opd="kalaena", unit="trantib")


@pytest.fixture
def camat():
    return make_user("camat", opd="kalaena", unit="camat", peran="atasan")


@pytest.fixture
def sebagai(client):
    def masuk(user):
        client.force_login(user)
        return client

    return masuk


def ajukan(client) -> None:
    response = client.post(ISIAN, data_isian(aksi="ajukan"))
    assert response.status_code == 302, response.content.decode()[:2000]


# --- entry ---


def test_entry_form_lists_the_units_indicators_with_their_targets(sebagai, kasi):
    response = sebagai(kasi).get(ISIAN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Isian Realisasi Triwulan III Tahun 2024" in html
    for ind in indikator_trantib():
        assert f'name="i{ind.pk}-nilai"' in html
    for sub in sub_trantib():
        assert f'name="s{sub.pk}-nilai"' in html
    assert "12.523.000" in html  # pagu of the first sub kegiatan
    assert "3.095.000" in html  # its anggaran kas TW III


def test_draft_saves_whatever_is_filled_in_and_records_it(sebagai, kasi):
    client = sebagai(kasi)
    data = data_isian(nilai=("1", "", ""), rupiah=("1.500.000", "", ""))
    response = client.post(ISIAN, data)
    assert response.status_code == 302
    lap = laporan()
    assert lap.status == Status.DRAF
    assert lap.versi == 1
    pertama = indikator_trantib()[0]
    r = models.Realisasi.objects.get(indikator=pertama, triwulan=3)
    assert r.nilai == 1
    assert r.diubah_oleh == kasi
    assert models.RealisasiAnggaran.objects.get(
        sub_kegiatan=sub_trantib()[0], triwulan=3
    ).nilai == Decimal("1500000")
    # An empty value stays missing (the row holds only its narrative): no zero
    # is invented.
    kedua = models.Realisasi.objects.get(indikator=indikator_trantib()[1], triwulan=3)
    assert kedua.nilai is None
    assert kedua.keluaran
    kolom = set(lap.riwayat.values_list("kolom", "nilai_lama", "nilai_baru"))
    assert ("Status", "Belum diisi", "Draf") in kolom
    assert ("Realisasi", "-", "1") in kolom
    assert ("Realisasi anggaran (Rp)", "-", "1.500.000") in kolom


def test_submitting_an_incomplete_report_lists_what_is_missing_and_keeps_a_draft(
    sebagai, kasi
):
    client = sebagai(kasi)
    response = client.post(
        ISIAN,
        data_isian(nilai=("1", "", "0"), rupiah=("1.000", "", "0"), aksi="ajukan"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    kedua, ketiga = indikator_trantib()[1:]
    assert f'href="#id_i{kedua.pk}-nilai"' in html
    assert "Realisasi belum diisi" in html
    # Capaian 0 % needs a kendala and a tindak lanjut.
    assert f'href="#id_i{ketiga.pk}-kendala"' in html
    assert f'href="#id_i{ketiga.pk}-tindak_lanjut"' in html
    assert f'href="#id_s{sub_trantib()[1].pk}-nilai"' in html
    lap = laporan()
    assert lap.status == Status.DRAF  # saved, not submitted
    assert models.Realisasi.objects.get(indikator=ketiga, triwulan=3).nilai == 0


def test_a_complete_report_is_submitted_and_locked_for_the_unit(sebagai, kasi):
    client = sebagai(kasi)
    ajukan(client)
    lap = laporan()
    assert lap.status == Status.DIAJUKAN
    assert lap.pertama_diajukan_pada is not None
    assert lap.tanggal is not None
    # Under review the unit can no longer change it.
    response = client.post(ISIAN, data_isian(nilai=("4", "4", "4"), versi=lap.versi))
    assert response.status_code == 409
    assert "sedang diajukan" in response.content.decode()
    assert (
        models.Realisasi.objects.get(indikator=indikator_trantib()[0], triwulan=3).nilai
        == 1
    )


def test_return_needs_a_reason_and_shows_it_beside_the_fields(sebagai, kasi, camat):
    ajukan(sebagai(kasi))
    client = sebagai(camat)
    lap = laporan()
    response = client.post(REVIU, {"versi": lap.versi, "aksi": "kembalikan"})
    assert response.status_code == 400
    assert "Tuliskan alasan laporan dikembalikan." in response.content.decode()
    assert laporan().status == Status.DIAJUKAN

    pertama = indikator_trantib()[0]
    response = client.post(
        REVIU,
        {
            "versi": lap.versi,
            "aksi": "kembalikan",
            "laporan_segera_diperbaiki": "on",
            "alasan": "Bukti dukung belum dilampirkan.",
            f"catatan_i{pertama.pk}": "Lampirkan foto rapat koordinasi.",
        },
    )
    assert response.status_code == 302
    lap = laporan()
    assert lap.status == Status.DIKEMBALIKAN
    assert lap.laporan_segera_diperbaiki
    html = sebagai(kasi).get(ISIAN).content.decode()
    assert "Bukti dukung belum dilampirkan." in html
    assert "Lampirkan foto rapat koordinasi." in html
    alasan = lap.riwayat.filter(kolom="Status").last()
    assert (alasan.nilai_baru, alasan.alasan) == (
        "Dikembalikan",
        "Bukti dukung belum dilampirkan.",
    )


def test_full_cycle_ends_approved_and_locked(sebagai, kasi, camat):
    ajukan(sebagai(kasi))
    services.laporan_kembalikan(
        user=camat,
        laporan_id=laporan().pk,
        versi=laporan().versi,
        tanggapan=services.Tanggapan(),
        alasan="Perbaiki keluaran.",
    )
    client = sebagai(kasi)
    response = client.post(ISIAN, data_isian(versi=laporan().versi, aksi="ajukan"))
    assert response.status_code == 302
    assert laporan().status == Status.DIAJUKAN
    assert laporan().catatan_baris == {}

    response = sebagai(camat).post(
        REVIU,
        {"versi": laporan().versi, "aksi": "setujui", "laporan_sudah_baik": "on"},
    )
    assert response.status_code == 302
    lap = laporan()
    assert lap.status == Status.DISETUJUI
    assert lap.disetujui_oleh == camat
    assert lap.disetujui_pada is not None
    assert lap.laporan_sudah_baik and not lap.laporan_kurang_baik

    # Locked: neither the form nor the service changes a figure.
    client = sebagai(kasi)
    html = client.get(ISIAN).content.decode()
    assert "sudah <strong>disetujui</strong>" in html
    response = client.post(ISIAN, data_isian(nilai=("3", "3", "3"), versi=lap.versi))
    assert response.status_code == 409
    with pytest.raises(services.AksiDitolak):
        services.realisasi_simpan(
            user=kasi,
            unit=lap.unit_kerja,
            tahun_anggaran=lap.tahun_anggaran,
            triwulan=3,
            versi=lap.versi,
            kinerja=[services.IsianIndikator(indikator_trantib()[0], nilai=3)],
            anggaran=[],
        )
    assert (
        models.Realisasi.objects.get(indikator=indikator_trantib()[0], triwulan=3).nilai
        == 1
    )


def test_reopening_needs_a_reason_and_withdraws_the_approval(sebagai, kasi, camat):
    ajukan(sebagai(kasi))
    services.laporan_setujui(
        user=camat,
        laporan_id=laporan().pk,
        versi=laporan().versi,
        tanggapan=services.Tanggapan(kotak={"laporan_sudah_baik": True}),
    )
    client = sebagai(camat)
    response = client.post(REVIU, {"versi": laporan().versi, "aksi": "buka"})
    assert response.status_code == 400
    assert "Tuliskan alasan laporan dibuka kembali." in response.content.decode()
    response = client.post(
        REVIU,
        {"versi": laporan().versi, "aksi": "buka", "alasan": "Salah ketik realisasi."},
    )
    assert response.status_code == 302
    lap = laporan()
    assert lap.status == Status.DIKEMBALIKAN
    assert lap.disetujui_oleh is None and lap.disetujui_pada is None
    response = sebagai(kasi).post(
        ISIAN, data_isian(nilai=("1", "0", "1"), versi=lap.versi)
    )
    assert response.status_code == 302


def test_nobody_approves_their_own_report(sebagai, kasi, camat):
    ajukan(sebagai(kasi))
    # The Kasi may not review their own unit.
    assert sebagai(kasi).get(REVIU).status_code == 403
    with pytest.raises(services.AksiDitolak):
        services.laporan_setujui(
            user=kasi,
            laporan_id=laporan().pk,
            versi=laporan().versi,
            tanggapan=services.Tanggapan(),
        )
    # The camat enters the IKU of the camat's own unit but cannot review it.
    args = {**ARGS, "unit": "camat"}
    assert sebagai(camat).get(reverse("reports:isian", kwargs=args)).status_code == 200
    assert sebagai(camat).get(reverse("reports:reviu", kwargs=args)).status_code == 403


def test_only_submitted_reports_can_be_approved(sebagai, kasi, camat):
    sebagai(kasi).post(ISIAN, data_isian())
    with pytest.raises(services.AksiDitolak, match="draf"):
        services.laporan_setujui(
            user=camat,
            laporan_id=laporan().pk,
            versi=laporan().versi,
            tanggapan=services.Tanggapan(),
        )


def test_contradictory_boxes_are_refused(sebagai, kasi, camat):
    ajukan(sebagai(kasi))
    response = sebagai(camat).post(
        REVIU,
        {
            "versi": laporan().versi,
            "aksi": "setujui",
            "laporan_sudah_baik": "on",
            "laporan_kurang_baik": "on",
            "catatan": "Catatan yang tidak boleh hilang",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih salah satu" in html
    assert "Catatan yang tidak boleh hilang" in html
    assert laporan().status == Status.DIAJUKAN


# --- concurrency ---


def test_a_second_save_from_an_older_version_is_refused_and_shows_the_change(
    sebagai, kasi
):
    client = sebagai(kasi)
    client.post(ISIAN, data_isian())  # version 1
    rekan = make_user("rekan", opd="kalaena", unit="trantib")
    sebagai(rekan).post(ISIAN, data_isian(nilai=("0", "1", "1"), versi=1))
    assert laporan().versi == 2

    client = sebagai(kasi)
    response = client.post(ISIAN, data_isian(nilai=("1", "1", "0"), versi=1))
    assert response.status_code == 409
    html = response.content.decode()
    assert "sudah diubah orang lain" in html
    assert "rekan" in html  # who changed it
    ketiga = indikator_trantib()[2]
    assert f'name="i{ketiga.pk}-nilai" value="0"' in html  # the typing is kept
    assert 'name="versi" value="2"' in html  # the next save is deliberate
    pertama = indikator_trantib()[0]
    assert models.Realisasi.objects.get(indikator=pertama, triwulan=3).nilai == 0
    assert models.Realisasi.objects.get(indikator=ketiga, triwulan=3).nilai == 1


def test_review_from_an_older_version_is_refused(sebagai, kasi, camat):
    ajukan(sebagai(kasi))
    lama = laporan().versi
    services.laporan_kembalikan(
        user=camat,
        laporan_id=laporan().pk,
        versi=lama,
        tanggapan=services.Tanggapan(),
        alasan="Perbaiki.",
    )
    response = sebagai(camat).post(
        REVIU, {"versi": lama, "aksi": "setujui", "laporan_sudah_baik": "on"}
    )
    assert response.status_code == 409
    with pytest.raises(services.Bentrok):
        services.laporan_setujui(
            user=camat,
            laporan_id=laporan().pk,
            versi=lama,
            tanggapan=services.Tanggapan(),
        )


# --- audit ---


def test_history_lists_every_change_for_planner_and_examiner(sebagai, kasi, camat):
    ajukan(sebagai(kasi))
    perencana = make_user("p", opd="kalaena", peran="perencana")
    pemeriksa = make_user("inspektorat", opd="kalaena", peran="pemeriksa")
    for user in (perencana, pemeriksa):
        response = sebagai(user).get(RIWAYAT)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Diajukan" in html
        assert "Realisasi anggaran (Rp)" in html
        assert "3.095.000" in html
    assert (
        sebagai(make_user("asing", opd="satpolpp-lumajang", peran="pemeriksa"))
        .get(RIWAYAT)
        .status_code
        == 404
    )


def test_on_plan_indicators_below_the_yearly_target_need_no_kendala():
    # A yearly basis at TW II: 2 of 4 laporan is 50 % of the year but on plan.
    opd = make_opd()
    seksi = make_unit(opd, "seksi", atasan=make_unit(opd, "camat", jenis="pimpinan"))
    ta = make_tahun(opd, 2024, dasar="tahunan")
    sub = make_sub_kegiatan(ta, seksi)
    sesuai = make_indikator(sub, realisasi={1: "1", 2: "1"})
    tertinggal = make_indikator(sub, nama="Jumlah rapat", realisasi={1: "1", 2: "0"})
    make_anggaran(sub, realisasi={1: "1000", 2: "1000"})
    lap = selectors.laporan_unit(unit=seksi, tahun_anggaran=ta, triwulan=2)
    angka = {b.indikator.pk: b.angka for b in lap.baris_isian}
    assert angka[sesuai.pk].capaian == 50 and angka[sesuai.pk].capaian_rencana == 100
    kurang = services.kekurangan(lap)
    assert [k.tautan for k in kurang] == [
        f"id_i{tertinggal.pk}-kendala",
        f"id_i{tertinggal.pk}-tindak_lanjut",
    ]
    assert kurang[0].pesan == (
        "Kendala wajib diisi karena capaian di bawah rencana aksi s/d TW II: "
        "Jumlah rapat"
    )
    dok = dokumen_unit(unit=seksi, tahun_anggaran=ta, triwulan=2)
    keterangan = [b.sel[-1].nilai for b in dok.tabel_rencana.baris]
    assert keterangan == ["Sesuai rencana", "Di bawah rencana"]
    assert [b.sel[-3].nilai for b in dok.tabel_rencana.baris] == [50, 25]


def test_without_an_earlier_quarter_the_remark_names_the_target_it_used():
    # Seed 000: TW I was not reported, so the plan s/d TW II cannot be compared;
    # the remark says it judged by the quarter's own target.
    opd = make_opd()
    seksi = make_unit(opd, "seksi", atasan=make_unit(opd, "camat", jenis="pimpinan"))
    ta = make_tahun(opd, 2024, dasar="triwulan")
    sub = make_sub_kegiatan(ta, seksi)
    make_indikator(sub, realisasi={2: "1"})
    make_indikator(sub, nama="Jumlah rapat", realisasi={2: "0"})
    make_indikator(sub, nama="Jumlah patroli")
    dok = dokumen_unit(unit=seksi, tahun_anggaran=ta, triwulan=2)
    keterangan = [b.sel[-1].nilai for b in dok.tabel_rencana.baris]
    assert keterangan == ["Sesuai target TW II", "Di bawah target TW II", "-"]


# --- the report's date; the office head's own report ---


def test_the_operator_sets_the_report_date_and_lateness_follows_submission(
    sebagai, kasi
):
    klien = sebagai(kasi)
    salah = klien.post(ISIAN, data_isian(**{"laporan-tanggal": "2099-01-01"}))
    assert "Tanggal laporan tidak boleh setelah hari ini." in salah.content.decode()
    salah = klien.post(ISIAN, data_isian(**{"laporan-tanggal": "2024-06-30"}))
    assert "tidak boleh sebelum triwulan dimulai (01/07/2024)" in (
        salah.content.decode()
    )
    klien.post(ISIAN, data_isian(aksi="ajukan", **{"laporan-tanggal": "2024-09-30"}))
    lap = laporan()
    assert lap.status == "diajukan"
    assert str(lap.tanggal) == "2024-09-30"
    assert lap.pertama_diajukan_pada.date() > lap.tanggal  # entered after the fact
    html = klien.get(reverse("reports:laporan_unit", kwargs=ARGS)).content.decode()
    assert "Kalaena, 30 September 2024" in html
    # The deadline (October 2024) is judged on the submission, not on the date.
    status = selectors.status_laporan(
        tahun_anggaran=lap.tahun_anggaran,
        unit=[lap.unit_kerja],
        hari_ini=timezone.localdate(),
    )
    assert status[0].triwulan[2].ketepatan == "terlambat"


def test_without_a_date_the_report_is_dated_the_day_of_submission(sebagai, kasi):
    sebagai(kasi).post(ISIAN, data_isian(aksi="ajukan"))
    assert laporan().tanggal == timezone.localdate()


def test_the_office_heads_own_report_is_final_on_submission(client):
    opd = make_opd()
    kepala = make_unit(opd, "kepala", jenis="pimpinan")
    ta = make_tahun(opd, 2024)
    sub = make_sub_kegiatan(ta, kepala)
    ind = make_indikator(sub)
    make_anggaran(sub)
    camat = make_user("camat.uji", opd=opd, unit=kepala, peran="atasan")
    client.force_login(camat)
    args = {"opd": opd.slug, "unit": "kepala", "tahun": 2024, "triwulan": 1}
    isian = reverse("reports:isian", kwargs=args)
    assert "Simpan dan sahkan laporan" in client.get(isian).content.decode()
    response = client.post(
        isian,
        {
            "versi": "0",
            "aksi": "ajukan",
            f"i{ind.pk}-nilai": "1",
            f"i{ind.pk}-keluaran": "",
            f"i{ind.pk}-kendala": "",
            f"i{ind.pk}-tindak_lanjut": "",
            f"s{sub.pk}-nilai": "1.000",
        },
        follow=True,
    )
    assert "Laporan pimpinan disahkan saat diajukan" in response.content.decode()
    lap = models.LaporanTriwulan.objects.get(unit_kerja=kepala, triwulan=1)
    assert (lap.status, lap.disetujui_oleh) == ("disetujui", camat)
    assert lap.riwayat.filter(kolom="Status", nilai_baru="Disetujui").exists()
    laporan_html = client.get(
        reverse("reports:laporan_unit", kwargs=args)
    ).content.decode()
    assert "B. Pengesahan" in laporan_html and "Mengetahui," not in laporan_html
    # The head reopens it; nobody else in the office reviews it.
    reviu = reverse("reports:reviu", kwargs=args)
    client.post(reviu, {"aksi": "buka", "versi": lap.versi, "alasan": "Salah ketik"})
    lap.refresh_from_db()
    assert lap.status == "dikembalikan"
