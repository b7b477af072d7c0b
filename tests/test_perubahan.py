"""APBD-Perubahan mid-year: the Rencana Aksi imported as the DPA Perubahan changes
the later quarters and leaves the quarters already submitted as they were."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from reports import laporan, pdf, selectors, services
from reports.models import (
    Anggaran,
    Indikator,
    LaporanTriwulan,
    SubKegiatan,
    TahunAnggaran,
    UnitKerja,
)
from reports.rencana_aksi import (
    RencanaAksiTidakValid,
    rencana_aksi_impor,
    templat_rencana_aksi,
)
from tests.conftest import (
    make_anggaran,
    make_indikator,
    make_opd,
    make_sub_kegiatan,
    make_tahun,
    make_unit,
    make_user,
)
from tests.pdf_util import teks_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def kantor():
    """Two sections under one head; one kegiatan of section A with a sub kegiatan
    of A and one of B, each with an indicator (1 a quarter) and a budget."""
    opd = make_opd()
    kepala = make_unit(opd, "kepala", jenis="pimpinan")
    a = make_unit(opd, "a", atasan=kepala)
    b = make_unit(opd, "b", atasan=kepala)
    ta = make_tahun(opd, 2024)
    s1 = make_sub_kegiatan(ta, a, nama="Sub A")
    s2 = make_sub_kegiatan(ta, b, kegiatan=s1.kegiatan, nama="Sub B")
    make_indikator(s1, nama="Jumlah laporan A", realisasi={1: "1"})
    make_indikator(s2, nama="Jumlah laporan B", realisasi={1: "1"})
    make_anggaran(s1, realisasi={1: "1000"})
    make_anggaran(s2, realisasi={1: "900"})
    camat = make_user(f"kepala.{opd.slug}", opd=opd, unit=kepala, peran="atasan")
    return opd, ta, a, b, camat


def ajukan(unit: UnitKerja, ta: TahunAnggaran, triwulan: int) -> LaporanTriwulan:
    """The unit submits its quarter as entered."""
    kasi = make_user(f"kasi.{unit.pk}.{triwulan}", opd=unit.opd, unit=unit)
    lap = services.realisasi_simpan(
        user=kasi,
        unit=unit,
        tahun_anggaran=ta,
        triwulan=triwulan,
        versi=0,
        kinerja=[],
        anggaran=[],
    )
    return services.laporan_ajukan(
        user=kasi, unit=unit, tahun_anggaran=ta, triwulan=triwulan, versi=lap.versi
    )


def setujui(unit: UnitKerja, ta: TahunAnggaran, triwulan: int, atasan) -> None:
    """The unit submits its quarter (as entered) and its superior approves it."""
    lap = ajukan(unit, ta, triwulan)
    services.laporan_setujui(
        user=atasan, laporan_id=lap.pk, versi=lap.versi, tanggapan=services.Tanggapan()
    )


def isi_triwulan(sub: SubKegiatan, triwulan: int, nilai: str, rupiah: str) -> None:
    from reports.models import Realisasi, RealisasiAnggaran

    Realisasi.objects.create(
        indikator=sub.indikator.get(), triwulan=triwulan, nilai=nilai
    )
    RealisasiAnggaran.objects.create(sub_kegiatan=sub, triwulan=triwulan, nilai=rupiah)


def cetak(unit: UnitKerja, triwulan: int) -> str:
    ta = selectors.tahun_anggaran_for(unit.opd.slug, 2024)
    dok = laporan.dokumen_unit(unit=unit, tahun_anggaran=ta, triwulan=triwulan)
    return teks_pdf(pdf.pdf_unit(dok))


def baris_dengan(ws, teks: str) -> int:
    return next(
        r[0].row for r in ws.iter_rows(min_row=2) if any(c.value == teks for c in r)
    )


def buku_perubahan(ta: TahunAnggaran) -> bytes:
    """The plan downloaded as the DPA Perubahan and changed: Sub A's budget and
    TW III target up, Sub B dropped, a new Sub C added to A's kegiatan."""
    wb = load_workbook(BytesIO(templat_rencana_aksi(ta, isi=True, tahap="perubahan")))
    ind, ang, sub = wb["Indikator"], wb["Anggaran"], wb["Sub Kegiatan"]
    r = baris_dengan(ind, "Jumlah laporan A")
    ind[f"G{r}"], ind[f"J{r}"] = 5, 2  # target tahunan 5, TW III 2
    r = baris_dengan(ang, "Sub A")
    assert ang[f"D{r}"].value == "perubahan"
    ang[f"E{r}"], ang[f"I{r}"], ang[f"J{r}"] = 6000, 2000, 2000
    for ws in (ind, ang, sub):
        ws.delete_rows(baris_dengan(ws, "Sub B"))
    sub.append(["Program uji", "Kegiatan uji", None, "Sub C", "a"])
    ind.append(
        [
            "sub_kegiatan",
            "Program uji",
            "Kegiatan uji",
            "Sub C",
            "Jumlah dokumen C",
            "Dokumen",
            2,
            None,
            None,
            1,
            1,
        ]
    )
    ang.append(
        [
            "Program uji",
            "Kegiatan uji",
            "Sub C",
            "perubahan",
            3000,
            "APBD",
            None,
            None,
            1500,
            1500,
        ]
    )
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def test_an_approved_quarter_reprints_identically_after_a_perubahan_import(kantor):
    _opd, ta, a, _b, camat = kantor
    setujui(a, ta, 1, camat)
    assert LaporanTriwulan.objects.get(unit_kerja=a, triwulan=1).tahap == "murni"
    sebelum = cetak(a, 1)

    hasil = rencana_aksi_impor(
        user=None, tahun_anggaran=ta, berkas=buku_perubahan(ta), perubahan_mulai=3
    )

    assert cetak(a, 1) == sebelum
    assert "DPA Perubahan" not in sebelum
    assert set(hasil.dikeluarkan) == {
        "Sub kegiatan Sub B",
        "Indikator kinerja Jumlah laporan B",
    }
    ta.refresh_from_db()
    assert ta.perubahan_mulai == 3
    # The murni plan is untouched: Sub B and the old targets and budget remain.
    s1 = SubKegiatan.objects.get(nama="Sub A")
    assert Anggaran.objects.get(sub_kegiatan=s1, tahap="murni").pagu == 4000
    assert Indikator.objects.get(nama="Jumlah laporan A").target_tahunan == 4


def test_later_quarters_use_the_perubahan_and_say_so(kantor):
    opd, ta, a, b, _camat = kantor
    rencana_aksi_impor(
        user=None, tahun_anggaran=ta, berkas=buku_perubahan(ta), perubahan_mulai=3
    )
    ta = selectors.tahun_anggaran_for(opd.slug, 2024)
    tw2 = selectors.laporan_unit(unit=a, tahun_anggaran=ta, triwulan=2)
    assert tw2.tahap == "murni" and tw2.nama_tahap == "DPA murni"
    assert [b.nama for b in tw2.baris_keuangan] == ["Sub A"]
    assert tw2.baris_keuangan[0].angka.pagu == 4000

    tw3 = selectors.laporan_unit(unit=a, tahun_anggaran=ta, triwulan=3)
    assert tw3.tahap == "perubahan" and tw3.nama_tahap == "DPA Perubahan"
    assert [(b.nama, b.angka.pagu) for b in tw3.baris_keuangan] == [
        ("Sub A", 6000),
        ("Sub C", 3000),
    ]
    angka = {b.indikator.nama: b.angka for b in tw3.baris_isian}
    assert (
        angka["Jumlah laporan A"].target_tahunan,
        angka["Jumlah laporan A"].target,
    ) == (5, 2)
    assert angka["Jumlah dokumen C"].target == 1
    # Sub B was dropped: section B has nothing left to report from TW III.
    assert (
        selectors.laporan_unit(unit=b, tahun_anggaran=ta, triwulan=3).baris_isian == []
    )

    teks = cetak(a, 3)
    assert "Anggaran Seksi a Tahun 2024 (DPA Perubahan)" in " ".join(teks.split())
    dok = laporan.dokumen_opd(tahun_anggaran=ta, triwulan=3)
    assert dok.nama_tahap == "DPA Perubahan"
    assert dok.tabel_rencana_aksi.judul == "Rencana Aksi Tahun 2024 (DPA Perubahan)"


def test_a_report_submitted_before_the_perubahan_keeps_the_murni(kantor):
    opd, ta, _a, b, _camat = kantor
    for sub in SubKegiatan.objects.filter(nama__in=["Sub A", "Sub B"]):
        for tw in (2, 3):
            isi_triwulan(sub, tw, "1", "1000")
    ajukan(b, ta, 3)  # TW III of B submitted before the Perubahan came
    rencana_aksi_impor(
        user=None, tahun_anggaran=ta, berkas=buku_perubahan(ta), perubahan_mulai=3
    )
    ta = selectors.tahun_anggaran_for(opd.slug, 2024)
    tw3_b = selectors.laporan_unit(unit=b, tahun_anggaran=ta, triwulan=3)
    assert tw3_b.tahap == "murni"
    assert [x.nama for x in tw3_b.baris_keuangan] == ["Sub B"]  # dropped later
    dok = laporan.dokumen_opd(tahun_anggaran=ta, triwulan=3)
    assert [u.slug for u in dok.unit_tahap_lain] == ["b"]
    # The kegiatan adds up A under the Perubahan and B under the murni.
    pohon = selectors.PohonTahun(ta, 3)
    kegiatan = pohon.kegiatan[0]
    assert pohon.angka_simpul(kegiatan).pagu == 6000 + 3000 + 4000


def test_a_perubahan_may_not_change_a_quarter_approved_under_the_murni(kantor):
    """B's TW III, approved under the murni, prints its kegiatan's totals and mean
    over Sub A too, which from TW III the Perubahan measures differently: the
    Perubahan from TW III is refused (from TW IV it is not)."""
    _opd, ta, _a, b, camat = kantor
    for sub in SubKegiatan.objects.filter(nama__in=["Sub A", "Sub B"]):
        for tw in (2, 3):
            isi_triwulan(sub, tw, "1", "1000")
    setujui(b, ta, 3, camat)
    sebelum = cetak(b, 3)
    with pytest.raises(RencanaAksiTidakValid) as salah:
        rencana_aksi_impor(
            user=None, tahun_anggaran=ta, berkas=buku_perubahan(ta), perubahan_mulai=3
        )
    assert [str(g) for g in salah.value.galat] == [
        "Laporan triwulan III tahun 2024 Seksi b sudah disetujui atasan, dan impor "
        "ini mengubah isinya: laporan itu juga mencetak jumlah dan rata-rata program "
        "dan kegiatan di atas butir-butirnya, yang ikut berubah bila butir lain di "
        "bawahnya (juga milik unit lain) berubah. Minta atasan membuka kembali "
        "laporan itu sebelum mengimpor perubahan ini, atau mulai DPA Perubahan pada "
        "triwulan sesudahnya."
    ]
    assert TahunAnggaran.objects.get(pk=ta.pk).perubahan_mulai is None

    rencana_aksi_impor(
        user=None, tahun_anggaran=ta, berkas=buku_perubahan(ta), perubahan_mulai=4
    )
    assert cetak(b, 3) == sebelum


def disetujui_dengan_perubahan(kantor) -> None:
    """The Perubahan from TW III is imported, then section a's TW III (Sub A and
    the new Sub C) entered, submitted and approved under it."""
    _opd, ta, a, _b, camat = kantor
    rencana_aksi_impor(
        user=None, tahun_anggaran=ta, berkas=buku_perubahan(ta), perubahan_mulai=3
    )
    for sub in SubKegiatan.objects.filter(nama__in=["Sub A", "Sub C"]):
        for tw in (2, 3):
            isi_triwulan(sub, tw, "2", "1000")
    setujui(a, ta, 3, camat)


def test_a_perubahan_may_not_change_what_a_report_approved_under_it_stands_on(
    kantor,
):
    _opd, ta, a, _b, _camat = kantor
    disetujui_dengan_perubahan(kantor)
    assert LaporanTriwulan.objects.get(unit_kerja=a, triwulan=3).tahap == "perubahan"
    wb = load_workbook(BytesIO(templat_rencana_aksi(ta, isi=True, tahap="perubahan")))
    wb["Anggaran"]["E2"] = 7000
    wb["Anggaran"]["J2"] = 3000
    berkas = BytesIO()
    wb.save(berkas)
    with pytest.raises(RencanaAksiTidakValid) as salah:
        rencana_aksi_impor(
            user=None,
            tahun_anggaran=ta,
            berkas=berkas.getvalue(),
            perubahan_mulai=3,
        )
    assert str(salah.value.galat[0]) == (
        'Lembar "Anggaran", baris 2: Laporan triwulan III tahun 2024 Seksi a sudah '
        "disetujui atasan, dan baris ini mengubah isinya. Minta atasan membuka kembali "
        "laporan itu sebelum mengimpor perubahan ini."
    )


def test_a_murni_budget_a_quarter_approved_under_the_perubahan_did_not_use_may_change(
    kantor,
):
    _opd, ta, a, _b, _camat = kantor
    disetujui_dengan_perubahan(kantor)
    sebelum = cetak(a, 3)
    wb = load_workbook(BytesIO(templat_rencana_aksi(ta, isi=True)))
    ang = wb["Anggaran"]
    (r,) = [
        r
        for r in range(2, ang.max_row + 1)
        if (ang[f"C{r}"].value, ang[f"D{r}"].value) == ("Sub A", "murni")
    ]
    ang[f"E{r}"], ang[f"J{r}"] = 4100, 1100
    berkas = BytesIO()
    wb.save(berkas)

    hasil = rencana_aksi_impor(user=None, tahun_anggaran=ta, berkas=berkas.getvalue())

    (anggaran,) = [h for h in hasil.hitungan if h.jenis == "Anggaran"]
    assert (anggaran.dibuat, anggaran.diubah) == (0, 1)
    assert Anggaran.objects.get(sub_kegiatan__nama="Sub A", tahap="murni").pagu == 4100
    assert cetak(a, 3) == sebelum


def test_a_perubahan_does_not_rename_what_the_murni_reports_print(kantor):
    _opd, ta, _a, _b, _camat = kantor

    def impor(sel: dict[tuple[str, str], object]) -> list[str]:
        wb = load_workbook(
            BytesIO(templat_rencana_aksi(ta, isi=True, tahap="perubahan"))
        )
        for (lembar, alamat), nilai in sel.items():
            wb[lembar][alamat] = nilai
        berkas = BytesIO()
        wb.save(berkas)
        with pytest.raises(RencanaAksiTidakValid) as salah:
            rencana_aksi_impor(
                user=None,
                tahun_anggaran=ta,
                berkas=berkas.getvalue(),
                perubahan_mulai=3,
            )
        return [g.pesan for g in salah.value.galat]

    (pesan,) = impor({("Indikator", "F2"): "Dokumen"})
    assert 'sudah ada dengan satuan "Laporan"' in pesan
    (pesan,) = impor({("Anggaran", "D2"): "murni"})
    assert 'impor DPA Perubahan: tahap baris ini "murni"; isi "perubahan"' in pesan
    assert TahunAnggaran.objects.get(pk=ta.pk).perubahan_mulai is None


def test_the_planner_imports_the_perubahan_in_the_browser_form(client, kantor):
    opd, ta, _a, _b, _camat = kantor
    client.force_login(make_user(f"p.{opd.slug}", opd=opd, peran="perencana"))
    halaman = f"/{opd.slug}/2024/rencana-aksi/"
    unduh = client.get(halaman + "unduh/?isi=1&tahap=perubahan")
    assert unduh["Content-Disposition"].endswith('-2024-perubahan.xlsx"')
    berkas = BytesIO(buku_perubahan(ta))
    berkas.name = "perubahan.xlsx"
    tanpa = client.post(halaman, {"berkas": berkas, "tahap": "perubahan"})
    assert "Pilih triwulan pertama yang diukur dengan DPA Perubahan." in (
        tanpa.content.decode()
    )
    berkas.seek(0)
    response = client.post(
        halaman, {"berkas": berkas, "tahap": "perubahan", "mulai": "3"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "dikeluarkan dari tahap Perubahan" in html
    assert "Sub kegiatan Sub B" in html
