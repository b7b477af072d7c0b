"""The Rencana Aksi import never changes what an approved quarter prints: not by
moving an item (at any level of the tree) out of the approved unit or into it, nor
by renaming, adding or re-targeting what the report shows. Only the DPA Perubahan
may change the plan under an approved quarter, and only in a way that leaves the
quarter reading as it was approved."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from reports import models
from reports.rencana_aksi import (
    Galat,
    RencanaAksiTidakValid,
    rencana_aksi_impor,
    templat_rencana_aksi,
)
from tests.conftest import (
    D,
    make_anggaran,
    make_indikator,
    make_opd,
    make_sub_kegiatan,
    make_tahun,
    make_unit,
    make_user,
)
from tests.test_perubahan import baris_dengan, cetak, setujui
from tests.test_rencana_aksi import rencana

pytestmark = pytest.mark.django_db


@pytest.fixture
def kantor():
    """Sections a and b under a head. Section a owns the program, its kegiatan and
    Sub A, each with an indicator of its own; section b owns Sub B of the same
    kegiatan. Every indicator has its TW I realisation, every sub kegiatan its
    budget and TW I spending, so either section can submit TW I."""
    opd = make_opd()
    kepala = make_unit(opd, "kepala", jenis="pimpinan")
    a = make_unit(opd, "a", atasan=kepala)
    b = make_unit(opd, "b", atasan=kepala)
    ta = make_tahun(opd, 2024)
    program = models.Program.objects.create(
        tahun_anggaran=ta, kode="7.01", nama="Program uji", unit_kerja=a
    )
    kegiatan = models.Kegiatan.objects.create(
        program=program, kode="7.01.2.01", nama="Kegiatan uji", unit_kerja=a
    )
    sub_a = make_sub_kegiatan(ta, a, kegiatan=kegiatan, nama="Sub A")
    sub_b = make_sub_kegiatan(ta, b, kegiatan=kegiatan, nama="Sub B")
    for pemilik, nama in ((program, "program"), (kegiatan, "kegiatan")):
        ind = models.Indikator.objects.create(
            tahun_anggaran=ta,
            unit_kerja=a,
            **{nama: pemilik},
            nama=f"Persentase capaian {nama}",
            satuan="%",
            cara_akumulasi="nilai_akhir",
            target_tahunan=D(100),
            target_tw1=D(100),
        )
        models.Realisasi.objects.create(indikator=ind, triwulan=1, nilai=D(100))
    make_indikator(sub_a, nama="Jumlah laporan A", realisasi={1: "1"})
    make_indikator(sub_b, nama="Jumlah laporan B", realisasi={1: "1"})
    make_anggaran(sub_a, realisasi={1: "1000"})
    make_anggaran(sub_b, realisasi={1: "900"})
    # Places as the import numbers them, so that the plan downloaded as it is
    # imports again unchanged.
    for butir, urutan in ((program, 1), (kegiatan, 1), (sub_a, 1), (sub_b, 2)):
        butir.urutan = urutan
        butir.save()
    for n, ind in enumerate(ta.indikator.order_by("pk"), start=1):
        ind.urutan = n
        ind.save()
    camat = make_user(f"kepala.{opd.slug}", opd=opd, unit=kepala, peran="atasan")
    return ta, a, b, camat


def diubah(ta, perubahan: list[tuple[str, str, str, object]], **templat) -> bytes:
    """The year's plan downloaded filled, with cells changed: (sheet, the name in
    a row, column, value)."""
    wb = load_workbook(BytesIO(templat_rencana_aksi(ta, isi=True, **templat)))
    for lembar, nama, kolom, nilai in perubahan:
        wb[lembar][f"{kolom}{baris_dengan(wb[lembar], nama)}"] = nilai
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def ditolak(ta, xlsx: bytes) -> list[Galat]:
    sebelum = rencana(ta)
    with pytest.raises(RencanaAksiTidakValid) as salah:
        rencana_aksi_impor(user=None, tahun_anggaran=ta, berkas=xlsx)
    assert rencana(ta) == sebelum  # nothing written
    return salah.value.galat


def test_the_plan_downloaded_as_it_is_imports_unchanged_under_approved_quarters(
    kantor,
):
    ta, a, b, camat = kantor
    setujui(a, ta, 1, camat)
    setujui(b, ta, 1, camat)
    hasil = rencana_aksi_impor(
        user=None, tahun_anggaran=ta, berkas=templat_rencana_aksi(ta, isi=True)
    )
    assert (hasil.dibuat, hasil.diubah, hasil.tetap) == (0, 0, 10)


# Moving one item of each level to section b. A program or kegiatan takes its own
# indicator with it (the indicator's unit column is empty: its owner's unit); a
# sub kegiatan its indicator and its budget line.
PINDAH = {
    "program": ("Program", "Program uji", "C"),
    "kegiatan": ("Kegiatan", "Kegiatan uji", "D"),
    "sub_kegiatan": ("Sub Kegiatan", "Sub A", "E"),
    "indikator": ("Indikator", "Jumlah laporan A", "O"),
}


@pytest.mark.parametrize("tingkat", PINDAH)
@pytest.mark.parametrize("arah", ["keluar", "masuk"])
def test_moving_an_item_out_of_or_into_an_approved_quarter_is_refused(
    kantor, tingkat, arah
):
    ta, a, b, camat = kantor
    disetujui = a if arah == "keluar" else b
    setujui(disetujui, ta, 1, camat)
    lembar, nama, kolom = PINDAH[tingkat]
    xlsx = diubah(ta, [(lembar, nama, kolom, "b")])
    baris = baris_dengan(load_workbook(BytesIO(xlsx))[lembar], nama)

    galat = ditolak(ta, xlsx)

    assert (lembar, baris) in {(g.lembar, g.baris) for g in galat}
    laporan = f"Laporan triwulan I tahun 2024 {disetujui.nama} sudah disetujui atasan"
    assert all(g.pesan.startswith(laporan) for g in galat), galat


def test_moving_a_program_with_everything_below_it_is_refused(kantor):
    ta, a, _b, camat = kantor
    setujui(a, ta, 1, camat)
    pindah = [
        ("Program", "Program uji", "C", "b"),
        ("Kegiatan", "Kegiatan uji", "D", "b"),
        ("Sub Kegiatan", "Sub A", "E", "b"),
    ]
    galat = ditolak(ta, diubah(ta, pindah))
    assert {(g.lembar, g.baris) for g in galat} == {
        ("Program", 2),
        ("Kegiatan", 2),
        ("Sub Kegiatan", 2),
        # The three indicators follow their owners.
        ("Indikator", 2),
        ("Indikator", 3),
        ("Indikator", 4),
    }


def test_renaming_the_program_above_another_units_approved_quarter_is_refused(
    kantor,
):
    ta, _a, b, camat = kantor
    setujui(b, ta, 1, camat)
    # The program is section a's, but section b's report prints its name above
    # Sub B.
    (galat,) = ditolak(
        ta, diubah(ta, [("Program", "Program uji", "B", "Program uji diganti")])
    )
    assert (galat.lembar, galat.baris) == ("Program", 2)
    assert galat.pesan == (
        "Laporan triwulan I tahun 2024 Seksi b sudah disetujui atasan, dan baris ini "
        "mengubah isinya. Minta atasan membuka kembali laporan itu sebelum mengimpor "
        "perubahan ini, atau impor perubahan rencana sebagai DPA Perubahan mulai "
        "triwulan sesudahnya."
    )


def test_an_indicator_added_to_an_approved_quarter_is_refused(kantor):
    ta, a, _b, camat = kantor
    setujui(a, ta, 1, camat)
    wb = load_workbook(BytesIO(templat_rencana_aksi(ta, isi=True)))
    baru = [c.value for c in wb["Indikator"][baris_dengan(wb["Indikator"], "Sub A")]]
    baru[4] = "Jumlah dokumen A"
    wb["Indikator"].append(baru)
    keluaran = BytesIO()
    wb.save(keluaran)
    (galat,) = ditolak(ta, keluaran.getvalue())
    assert (galat.lembar, galat.baris) == ("Indikator", wb["Indikator"].max_row)
    assert galat.pesan.startswith("Laporan triwulan I tahun 2024 Seksi a sudah")


@pytest.mark.parametrize(
    "perubahan",
    [
        [("Indikator", "Jumlah laporan A", "F", "Dokumen")],  # satuan
        # A later quarter's target: the approved quarter's Rencana Aksi table
        # prints the year's.
        [
            ("Indikator", "Jumlah laporan A", "K", 2),
            ("Indikator", "Jumlah laporan A", "G", 5),
        ],
        [("Anggaran", "Sub A", "E", 4100), ("Anggaran", "Sub A", "J", 1100)],
        # Section b's budget: section a's report adds it up in the kegiatan's row.
        [("Anggaran", "Sub B", "E", 4100), ("Anggaran", "Sub B", "J", 1100)],
    ],
    ids=["satuan", "target-tw4", "pagu", "pagu-of-a-sibling"],
)
def test_what_an_approved_quarter_prints_may_not_change(kantor, perubahan):
    ta, a, _b, camat = kantor
    setujui(a, ta, 1, camat)
    (galat,) = ditolak(ta, diubah(ta, perubahan))
    if perubahan[0][1] == "Sub B":
        # Not section a's own row: the report itself is named, and why.
        assert galat.lembar == ""
        assert galat.pesan.startswith(
            "Laporan triwulan I tahun 2024 Seksi a sudah disetujui atasan, dan impor "
            "ini mengubah isinya: laporan itu juga mencetak jumlah dan rata-rata "
            "program dan kegiatan di atas butir-butirnya"
        )
    else:
        assert galat.lembar == perubahan[0][0]
        assert galat.pesan.startswith(
            "Laporan triwulan I tahun 2024 Seksi a sudah disetujui atasan, dan baris "
            "ini mengubah isinya."
        )


def test_reports_approved_in_several_quarters_and_units_are_all_named(kantor):
    ta, a, b, camat = kantor
    for ind in models.Indikator.objects.filter(tahun_anggaran=ta, unit_kerja=a):
        models.Realisasi.objects.create(indikator=ind, triwulan=2, nilai=D(1))
    models.RealisasiAnggaran.objects.create(
        sub_kegiatan=models.SubKegiatan.objects.get(nama="Sub A"),
        triwulan=2,
        nilai=D(1000),
    )
    setujui(a, ta, 1, camat)
    setujui(a, ta, 2, camat)
    setujui(b, ta, 1, camat)
    galat = ditolak(ta, diubah(ta, [("Sub Kegiatan", "Sub A", "E", "b")]))
    assert galat[0].pesan.startswith(
        "Laporan triwulan I dan II tahun 2024 Seksi a; laporan triwulan I tahun 2024 "
        "Seksi b sudah disetujui atasan"
    )


def test_a_change_no_approved_quarter_prints_is_accepted(kantor):
    ta, a, _b, camat = kantor
    setujui(a, ta, 1, camat)
    sebelum = cetak(a, 1)
    # Section b's own indicator: section a's report does not print it.
    hasil = rencana_aksi_impor(
        user=None,
        tahun_anggaran=ta,
        berkas=diubah(ta, [("Indikator", "Jumlah laporan B", "F", "Dokumen")]),
    )
    assert hasil.diubah == 1
    assert models.Indikator.objects.get(nama="Jumlah laporan B").satuan == "Dokumen"
    assert cetak(a, 1) == sebelum


def test_the_perubahan_moves_work_to_another_unit_and_the_approved_quarter_reads_the_same(  # noqa: E501
    kantor,
):
    ta, a, b, camat = kantor
    setujui(a, ta, 1, camat)
    sebelum = cetak(a, 1)
    # From TW III Sub A's work is section b's: Sub A leaves the Perubahan and a
    # new sub kegiatan of section b takes it on.
    wb = load_workbook(BytesIO(templat_rencana_aksi(ta, isi=True, tahap="perubahan")))
    for lembar in ("Sub Kegiatan", "Indikator", "Anggaran"):
        ws = wb[lembar]
        r = baris_dengan(ws, "Sub A")
        ws[
            {"Sub Kegiatan": "D", "Indikator": "D", "Anggaran": "C"}[lembar] + str(r)
        ] = "Sub A oleh b"
    ws = wb["Sub Kegiatan"]
    ws[f"E{baris_dengan(ws, 'Sub A oleh b')}"] = "b"
    keluaran = BytesIO()
    wb.save(keluaran)

    hasil = rencana_aksi_impor(
        user=None, tahun_anggaran=ta, berkas=keluaran.getvalue(), perubahan_mulai=3
    )

    assert "Sub kegiatan Sub A" in hasil.dikeluarkan
    baru = models.SubKegiatan.objects.get(nama="Sub A oleh b")
    assert (baru.unit_kerja, baru.di_murni, baru.di_perubahan) == (b, False, True)
    assert baru.indikator.get().unit_kerja == b
    assert cetak(a, 1) == sebelum
