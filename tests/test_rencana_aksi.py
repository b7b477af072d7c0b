"""The Rencana Aksi workbook: template, round trip, every kind of bad row, the page
and the management command."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reports import models
from reports.rencana_aksi import (
    KOLOM,
    RencanaAksiTidakValid,
    baca_rencana_aksi,
    rencana_aksi_impor,
    templat_rencana_aksi,
)
from tests.conftest import D, make_opd, make_tahun, make_unit, make_user

pytestmark = pytest.mark.django_db


# --- helpers ---


def tahun(opd: str, tahun: int) -> models.TahunAnggaran:
    return models.TahunAnggaran.objects.select_related("opd").get(
        opd__slug=opd, tahun=tahun
    )


def rencana(ta: models.TahunAnggaran) -> dict[str, list[tuple]]:
    """The year's plan, field by field, as comparable tuples in plan order."""

    def jalur(obj) -> tuple:
        if isinstance(obj, models.SubKegiatan):
            return (*jalur(obj.kegiatan), obj.kode, obj.nama)
        if isinstance(obj, models.Kegiatan):
            return (*jalur(obj.program), obj.kode, obj.nama)
        return (obj.kode, obj.nama)

    return {
        "program": [
            (*jalur(p), p.unit_kerja.slug, p.sasaran_id, p.urutan)
            for p in models.Program.objects.filter(tahun_anggaran=ta).order_by(
                "urutan", "pk"
            )
        ],
        "kegiatan": sorted(
            (*jalur(k), k.unit_kerja.slug, k.urutan)
            for k in models.Kegiatan.objects.filter(program__tahun_anggaran=ta)
        ),
        "sub_kegiatan": sorted(
            (*jalur(s), s.unit_kerja.slug, s.urutan)
            for s in models.SubKegiatan.objects.filter(
                kegiatan__program__tahun_anggaran=ta
            )
        ),
        "indikator": [
            (
                i.tingkat,
                *jalur(i.induk),
                i.nama,
                i.satuan,
                i.polaritas,
                i.cara_akumulasi,
                i.desimal,
                i.unit_kerja.slug,
                i.dari_turunan,
                i.rumus_pembilang,
                i.rumus_penyebut,
                i.rumus_pengali,
                i.target_tahunan,
                *i.target_triwulan,
                i.urutan,
            )
            for i in models.Indikator.objects.filter(
                tahun_anggaran=ta, iku__isnull=True
            ).order_by("urutan", "pk")
        ],
        "anggaran": sorted(
            (
                *jalur(a.sub_kegiatan),
                a.tahap,
                a.pagu,
                a.sumber_dana,
                *a.kas_triwulan,
            )
            for a in models.Anggaran.objects.filter(
                sub_kegiatan__kegiatan__program__tahun_anggaran=ta
            )
        ),
    }


def jumlah_baris() -> dict[str, int]:
    return {
        m.__name__: m.objects.count()
        for m in (
            models.Program,
            models.Kegiatan,
            models.SubKegiatan,
            models.Indikator,
            models.Anggaran,
            models.Realisasi,
        )
    }


def buku(ta: models.TahunAnggaran, baris: dict[str, list[list]]) -> bytes:
    """The blank template of ``ta`` with ``baris`` appended to its data sheets."""
    wb = load_workbook(BytesIO(templat_rencana_aksi(ta, isi=False)))
    for lembar, isi in baris.items():
        for b in isi:
            wb[lembar].append(b)
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def ubah(xlsx: bytes, lembar: str, sel: dict[str, object]) -> bytes:
    wb = load_workbook(BytesIO(xlsx))
    for alamat, nilai in sel.items():
        wb[lembar][alamat] = nilai
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def galat(ta: models.TahunAnggaran, xlsx: bytes) -> list[str]:
    with pytest.raises(RencanaAksiTidakValid) as info:
        rencana_aksi_impor(user=None, tahun_anggaran=ta, berkas=xlsx)
    return [str(g) for g in info.value.galat]


# A small valid plan: one program with a kode, its kegiatan, a sub kegiatan with a
# kode and one without, two indicators and a budget line.
PROGRAM = [["7.01", "Program Uji", "trantib", None]]
KEGIATAN = [["7.01", "7.01.2.01", "Kegiatan Uji", "trantib"]]
SUB = [
    ["7.01", "7.01.2.01", "7.01.2.01.0001", "Sub Uji Berkode", "trantib"],
    ["7.01", "7.01.2.01", None, "Sub Uji Tanpa Kode", "trantib"],
]
#         A tingkat       B prog  C keg        D sub             E nama
IND_SUB = ["sub_kegiatan", "7.01", "7.01.2.01", "7.01.2.01.0001", "Jumlah laporan",
           # F satuan G th H-K TW I-IV  L pol      M cara    N dec O unit P turunan
           "Laporan", 4, 1, 1, 1, 1, "positif", "jumlah", 0, None, "tidak",
           None, None, None]  # fmt: skip
IND_TANPA_KODE = ["sub_kegiatan", "7.01", "7.01.2.01", "Sub Uji Tanpa Kode",
                  "Persentase desa dibina", "%", 100, 25, 50, 75, 100, "positif",
                  "nilai_akhir", 2, "pemerintahan", None, None, None, None]  # fmt: skip
#           A prog  B keg        C sub             D tahap  E pagu F sumber G-J kas
ANGGARAN = [["7.01", "7.01.2.01", "7.01.2.01.0001", "murni", 4000, "APBD",
             1000, 1000, 1000, 1000]]  # fmt: skip


@pytest.fixture
def ta_uji():
    opd = make_opd()
    make_unit(opd, "trantib")
    make_unit(opd, "pemerintahan")
    return make_tahun(opd, 2024)


@pytest.fixture
def sah(ta_uji) -> bytes:
    return buku(
        ta_uji,
        {
            "Program": PROGRAM,
            "Kegiatan": KEGIATAN,
            "Sub Kegiatan": SUB,
            "Indikator": [IND_SUB, IND_TANPA_KODE],
            "Anggaran": ANGGARAN,
        },
    )


# --- the template ---


def test_blank_template_has_instructions_headers_and_validations(ta_uji):
    wb = load_workbook(BytesIO(templat_rencana_aksi(ta_uji, isi=False)))
    assert wb.sheetnames == [
        "Petunjuk",
        "Program",
        "Kegiatan",
        "Sub Kegiatan",
        "Indikator",
        "Anggaran",
        "Daftar",
    ]
    assert wb["Daftar"].sheet_state == "hidden"
    assert [[c.value for c in r] for r in wb["Daftar"].iter_rows(min_row=2)] == [
        ["pemerintahan", "Seksi pemerintahan", None, None],
        ["trantib", "Seksi trantib", None, None],
    ]
    ws = wb["Anggaran"]
    assert [c.value for c in ws[1]] == [k.judul for k in KOLOM["Anggaran"]]
    assert ws.max_row == 1  # no example row among the data
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b
    validasi = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert validasi["D2:D1000"].formula1 == '"murni,perubahan"'
    pagu = validasi["E2:E1000"]
    assert (pagu.type, pagu.operator, pagu.formula1) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
    )
    assert pagu.error == "Isi dengan angka 0 atau lebih, tanpa teks atau satuan."
    indikator = {
        str(dv.sqref): dv.formula1
        for dv in wb["Indikator"].data_validations.dataValidation
    }
    assert indikator["A2:A1000"] == '"program,kegiatan,sub_kegiatan"'
    assert indikator["L2:L1000"] == '"positif,negatif"'
    assert indikator["M2:M1000"] == '"jumlah,nilai_akhir,rata_rata"'
    assert indikator["O2:O1000"] == "Daftar!$A$2:$A$3"
    petunjuk = "\n".join(
        str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value
    )
    assert "Kunci setiap butir adalah kodenya" in petunjuk
    assert "Contoh (hanya contoh, tidak ikut diimpor)" in petunjuk


def test_filled_template_holds_the_years_plan_with_rupiah_format():
    ta = tahun("kalaena", 2024)
    wb = load_workbook(BytesIO(templat_rencana_aksi(ta, isi=True)))
    anggaran = [[c.value for c in row] for row in wb["Anggaran"].iter_rows(min_row=2)]
    sinergitas = next(r for r in anggaran if r[2].startswith("Sinergitas"))
    assert sinergitas[3:] == [
        "murni",
        12523000,
        "APBD",
        3378000,
        3025000,
        3095000,
        3025000,
    ]
    assert wb["Anggaran"]["E2"].number_format == "#,##0"
    program = [c.value for c in wb["Program"][2]]
    assert program[:3] == [
        None,
        "Program Koordinasi Ketentraman dan Ketertiban Umum",
        "trantib",
    ]


# --- round trip ---


@pytest.mark.parametrize(
    ("opd", "th"), [("kalaena", 2023), ("satpolpp-lumajang", 2022), ("kalaena", 2024)]
)
def test_export_then_import_after_deleting_the_plan_gives_the_same_plan(opd, th):
    ta = tahun(opd, th)
    sebelum = rencana(ta)
    assert sebelum["indikator"] and sebelum["anggaran"]
    xlsx = templat_rencana_aksi(ta, isi=True)
    models.Program.objects.filter(tahun_anggaran=ta).delete()
    assert rencana(ta)["program"] == []

    hasil = rencana_aksi_impor(user=None, tahun_anggaran=ta, berkas=xlsx)

    assert rencana(ta) == sebelum
    assert hasil.dibuat == sum(len(v) for v in sebelum.values())
    assert (hasil.diubah, hasil.tetap, hasil.tidak_disentuh) == (0, 0, ())


def test_round_trip_keeps_rumus_and_dari_turunan():
    ta = tahun("satpolpp-lumajang", 2022)
    turunan = models.Indikator.objects.filter(tahun_anggaran=ta, dari_turunan=True)
    nama_turunan = sorted(turunan.values_list("nama", flat=True))
    assert len(nama_turunan) == 6
    xlsx = templat_rencana_aksi(ta, isi=True)
    models.Program.objects.filter(tahun_anggaran=ta).delete()
    rencana_aksi_impor(user=None, tahun_anggaran=ta, berkas=xlsx)
    ind = models.Indikator.objects.get(
        tahun_anggaran=ta,
        nama="Persentase Penanganan Gangguan Ketentraman dan Ketertiban Umum",
    )
    assert ind.kegiatan.kode == "1.05.002.2.01"
    assert ind.rumus_pembilang == "Jumlah pengaduan yang diselesaikan"
    assert ind.rumus_penyebut == "Jumlah pengaduan pelanggaran yang masuk"
    assert ind.rumus_pengali == D(100)
    assert sorted(turunan.values_list("nama", flat=True)) == nama_turunan


def test_last_years_plan_imports_into_a_new_year_of_the_same_office():
    lama = tahun("kalaena", 2023)
    baru = make_tahun(lama.opd, 2025)
    xlsx = templat_rencana_aksi(lama, isi=True)
    rencana_aksi_impor(user=None, tahun_anggaran=baru, berkas=xlsx)

    def tanpa_urutan_indikator(r):
        return {**r, "indikator": [i[:-1] for i in r["indikator"]]}

    assert tanpa_urutan_indikator(rencana(baru)) == tanpa_urutan_indikator(
        rencana(lama)
    )
    # The new year has no IKU indicators: the plan's indicators start at 1.
    assert [i[-1] for i in rencana(baru)["indikator"]][:3] == [1, 2, 3]


def test_import_into_the_existing_plan_updates_in_place_and_keeps_realisations():
    ta = tahun("kalaena", 2024)
    sebelum = jumlah_baris()
    realisasi = set(
        models.Realisasi.objects.filter(indikator__tahun_anggaran=ta).values_list(
            "pk", "indikator_id", "nilai"
        )
    )
    xlsx = templat_rencana_aksi(ta, isi=True)
    wb = load_workbook(BytesIO(xlsx))
    ws = wb["Indikator"]
    baris = next(
        r
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, 5).value.startswith("Jumlah Laporan Hasil Sinergitas")
    )
    ws.cell(baris, 7).value = 8  # target tahunan
    for kolom in range(8, 12):
        ws.cell(baris, kolom).value = 2
    sub = wb["Sub Kegiatan"]
    baru = [c.value for c in sub[2]]
    baru[3] = "Sub Kegiatan Baru"
    sub.append(baru)
    keluaran = BytesIO()
    wb.save(keluaran)

    hasil = rencana_aksi_impor(user=None, tahun_anggaran=ta, berkas=keluaran.getvalue())

    sesudah = jumlah_baris()
    assert sesudah == {**sebelum, "SubKegiatan": sebelum["SubKegiatan"] + 1}
    assert (hasil.dibuat, hasil.diubah) == (1, 1)
    assert hasil.tetap == sum(len(v) for v in rencana(ta).values()) - 2
    ind = models.Indikator.objects.get(
        tahun_anggaran=ta, nama__startswith="Jumlah Laporan Hasil Sinergitas"
    )
    assert (ind.target_tahunan, ind.target_triwulan) == (D(8), [D(2)] * 4)
    assert (
        set(
            models.Realisasi.objects.filter(indikator__tahun_anggaran=ta).values_list(
                "pk", "indikator_id", "nilai"
            )
        )
        == realisasi
    )


def test_targets_under_an_approved_report_stay_locked():
    ta = tahun("kalaena", 2024)
    models.LaporanTriwulan.objects.filter(
        tahun_anggaran=ta, unit_kerja__slug="trantib", triwulan=2
    ).update(status="disetujui", disetujui_pada=timezone.now())
    wb = load_workbook(BytesIO(templat_rencana_aksi(ta, isi=True)))
    ws = wb["Indikator"]
    baris = next(
        r
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, 5).value.startswith("Jumlah Laporan Hasil Sinergitas")
    )
    ws.cell(baris, 7).value = 8
    for kolom in range(8, 12):
        ws.cell(baris, kolom).value = 2
    keluaran = BytesIO()
    wb.save(keluaran)
    sebelum = rencana(ta)

    with pytest.raises(RencanaAksiTidakValid) as galat_impor:
        rencana_aksi_impor(user=None, tahun_anggaran=ta, berkas=keluaran.getvalue())

    (pesan,) = [str(g) for g in galat_impor.value.galat]
    assert pesan.startswith(
        f'Lembar "Indikator", baris {baris}: Laporan triwulan II tahun 2024 '
        "Seksi Ketentraman dan Ketertiban Umum sudah disetujui atasan, dan baris ini "
        "mengubah isinya."
    )
    assert rencana(ta) == sebelum


def test_importing_the_same_workbook_twice_changes_nothing(ta_uji, sah):
    pertama = rencana_aksi_impor(user=None, tahun_anggaran=ta_uji, berkas=sah)
    kedua = rencana_aksi_impor(user=None, tahun_anggaran=ta_uji, berkas=sah)
    assert (pertama.dibuat, pertama.diubah, pertama.tetap) == (7, 0, 0)
    assert (kedua.dibuat, kedua.diubah, kedua.tetap) == (0, 0, 7)


def test_items_missing_from_the_workbook_are_kept_and_listed(ta_uji, sah):
    rencana_aksi_impor(user=None, tahun_anggaran=ta_uji, berkas=sah)
    tanpa_sub = buku(
        ta_uji,
        {
            "Program": PROGRAM,
            "Kegiatan": KEGIATAN,
            "Sub Kegiatan": SUB[:1],
            "Indikator": [IND_SUB],
            "Anggaran": ANGGARAN,
        },
    )
    hasil = rencana_aksi_impor(user=None, tahun_anggaran=ta_uji, berkas=tanpa_sub)
    assert hasil.tidak_disentuh == ("Sub kegiatan Sub Uji Tanpa Kode",)
    assert models.SubKegiatan.objects.filter(nama="Sub Uji Tanpa Kode").count() == 1
    assert models.Indikator.objects.filter(nama="Persentase desa dibina").count() == 1


def test_an_item_without_kode_is_matched_by_name_and_may_gain_a_kode(ta_uji, sah):
    rencana_aksi_impor(user=None, tahun_anggaran=ta_uji, berkas=sah)
    pk = models.SubKegiatan.objects.get(nama="Sub Uji Tanpa Kode").pk
    dengan_kode = ubah(sah, "Sub Kegiatan", {"C3": "7.01.2.01.0002"})
    dengan_kode = ubah(dengan_kode, "Indikator", {"D3": "7.01.2.01.0002"})
    hasil = rencana_aksi_impor(user=None, tahun_anggaran=ta_uji, berkas=dengan_kode)
    assert models.SubKegiatan.objects.get(pk=pk).kode == "7.01.2.01.0002"
    assert (hasil.dibuat, hasil.diubah) == (0, 1)


# --- bad rows: each gives its message and writes nothing ---


def tolak(ta, xlsx, *pesan: str) -> None:
    sebelum = jumlah_baris()
    assert galat(ta, xlsx) == list(pesan)
    assert jumlah_baris() == sebelum


def test_unknown_parent_kode_is_reported(ta_uji, sah):
    xlsx = ubah(sah, "Sub Kegiatan", {"B2": "7.01.2.09"})
    tolak(
        ta_uji,
        xlsx,
        'Lembar "Sub Kegiatan", baris 2, kolom B (Kegiatan): kegiatan "7.01.2.09" '
        'tidak ada di lembar "Kegiatan" di bawah program "7.01".',
        # The indicator and the budget line name the sub kegiatan that is now
        # unknown.
        'Lembar "Indikator", baris 2, kolom D (Sub Kegiatan): sub kegiatan '
        '"7.01.2.01.0001" tidak ada di lembar "Sub Kegiatan" di bawah kegiatan '
        '"7.01.2.01".',
        'Lembar "Anggaran", baris 2, kolom C (Sub Kegiatan): sub kegiatan '
        '"7.01.2.01.0001" tidak ada di lembar "Sub Kegiatan" di bawah kegiatan '
        '"7.01.2.01".',
    )


def test_unknown_program_and_unit_are_reported(ta_uji, sah):
    xlsx = ubah(sah, "Kegiatan", {"A2": "9.99", "D2": "seksi-lain"})
    pesan = galat(ta_uji, xlsx)
    assert pesan[:2] == [
        'Lembar "Kegiatan", baris 2, kolom A (Program): program "9.99" tidak ada di '
        'lembar "Program".',
        'Lembar "Kegiatan", baris 2, kolom D (Unit Kerja): unit kerja "seksi-lain" '
        'tidak dikenal; pilih slug unit dari lembar "Daftar".',
    ]
    assert models.Program.objects.filter(tahun_anggaran=ta_uji).count() == 0


def test_text_in_a_number_cell_is_reported(ta_uji, sah):
    tolak(
        ta_uji,
        ubah(sah, "Indikator", {"I2": "dua"}),
        'Lembar "Indikator", baris 2, kolom I (Target TW II): "dua" bukan angka.',
    )


def test_a_rupiah_amount_typed_as_text_is_not_guessed(ta_uji, sah):
    tolak(
        ta_uji,
        ubah(sah, "Anggaran", {"E2": "4.000", "G2": "1.000"}),
        'Lembar "Anggaran", baris 2, kolom E (Pagu (Rp)): "4.000" bukan angka.',
        'Lembar "Anggaran", baris 2, kolom G (Kas TW I): "1.000" bukan angka.',
    )


def test_negative_pagu_is_reported(ta_uji, sah):
    tolak(
        ta_uji,
        ubah(sah, "Anggaran", {"E2": -4000}),
        'Lembar "Anggaran", baris 2, kolom E (Pagu (Rp)): -4.000 tidak boleh negatif.',
    )


def test_negative_target_is_reported(ta_uji, sah):
    tolak(
        ta_uji,
        ubah(sah, "Indikator", {"G3": -1}),
        'Lembar "Indikator", baris 3, kolom G (Target Tahunan): -1 tidak boleh '
        "negatif.",
    )


def test_quarterly_targets_of_a_jumlah_indicator_must_add_up_to_the_year(ta_uji, sah):
    tolak(
        ta_uji,
        ubah(sah, "Indikator", {"G2": 5}),
        'Lembar "Indikator", baris 2, kolom G (Target Tahunan): target TW I-IV '
        "berjumlah 4 (1 + 1 + 1 + 1), tidak sama dengan target tahunan 5; indikator "
        'dengan cara akumulasi "jumlah" harus sama.',
    )


def test_quarterly_targets_of_a_nilai_akhir_indicator_need_not_add_up(ta_uji, sah):
    # Row 3 is nilai_akhir with 25, 50, 75, 100 against 100: valid as it is.
    hasil = rencana_aksi_impor(user=None, tahun_anggaran=ta_uji, berkas=sah)
    assert hasil.dibuat == 7


def test_anggaran_kas_must_add_up_to_the_pagu(ta_uji, sah):
    tolak(
        ta_uji,
        ubah(sah, "Anggaran", {"J2": 1500}),
        'Lembar "Anggaran", baris 2, kolom E (Pagu (Rp)): anggaran kas TW I-IV '
        "berjumlah 4.500, tidak sama dengan pagu 4.000.",
    )


def test_more_decimals_than_the_model_keeps_are_reported(ta_uji, sah):
    tolak(
        ta_uji,
        ubah(sah, "Anggaran", {"E2": 4000.125}),
        'Lembar "Anggaran", baris 2, kolom E (Pagu (Rp)): 4000.125 memiliki 3 angka '
        "desimal; paling banyak 2.",
    )


def test_duplicate_rows_are_reported(ta_uji):
    xlsx = buku(
        ta_uji,
        {
            "Program": [*PROGRAM, ["7.01", "Program Lain", "trantib", None]],
            "Kegiatan": KEGIATAN,
            "Sub Kegiatan": [
                *SUB,
                ["7.01", "7.01.2.01", None, "sub uji  tanpa kode", "trantib"],
            ],
            "Indikator": [IND_SUB, IND_SUB],
            "Anggaran": [*ANGGARAN, *ANGGARAN],
        },
    )
    tolak(
        ta_uji,
        xlsx,
        'Lembar "Program", baris 3, kolom A (Kode Program): kode "7.01" sudah dipakai '
        "di baris 2.",
        'Lembar "Sub Kegiatan", baris 4, kolom D (Nama Sub Kegiatan): sub kegiatan '
        '"sub uji tanpa kode" sudah ada di baris 3 pada kegiatan yang sama.',
        'Lembar "Indikator", baris 3, kolom E (Nama Indikator): indikator "Jumlah '
        'laporan" sudah ada di baris 2 untuk pemilik yang sama.',
        'Lembar "Anggaran", baris 3, kolom D (Tahap): anggaran tahap "murni" untuk '
        "sub kegiatan ini sudah ada di baris 2.",
    )


def test_kode_failing_the_models_validator_is_reported(ta_uji, sah):
    tolak(
        ta_uji,
        ubah(sah, "Program", {"A2": "7,01"}),
        'Lembar "Program", baris 2, kolom A (Kode Program): kode "7,01" tidak sah. '
        "Kode terdiri atas angka (atau huruf kapital) yang dipisahkan titik, mis. "
        "7.01.02.2.01.0002.",
        # Its children now name a program that is not there.
        'Lembar "Kegiatan", baris 2, kolom A (Program): program "7.01" tidak ada di '
        'lembar "Program".',
        'Lembar "Sub Kegiatan", baris 2, kolom A (Program): program "7.01" tidak ada '
        'di lembar "Program".',
        'Lembar "Sub Kegiatan", baris 3, kolom A (Program): program "7.01" tidak ada '
        'di lembar "Program".',
        'Lembar "Indikator", baris 2, kolom B (Program): program "7.01" tidak ada di '
        'lembar "Program".',
        'Lembar "Indikator", baris 3, kolom B (Program): program "7.01" tidak ada di '
        'lembar "Program".',
        'Lembar "Anggaran", baris 2, kolom A (Program): program "7.01" tidak ada di '
        'lembar "Program".',
    )


def test_a_kode_read_as_a_number_is_reported(ta_uji, sah):
    sebelum = jumlah_baris()
    pesan = galat(ta_uji, ubah(sah, "Program", {"A2": 7.1}))
    assert pesan[0] == (
        'Lembar "Program", baris 2, kolom A (Kode Program): 7.1 terbaca sebagai '
        "angka atau tanggal; ketik sebagai teks (format sel Teks, atau awali dengan "
        "tanda petik ')."
    )
    assert jumlah_baris() == sebelum


def test_missing_required_cells_are_reported(ta_uji, sah):
    xlsx = ubah(sah, "Program", {"B2": None})
    xlsx = ubah(xlsx, "Indikator", {"F2": None, "A3": None})
    xlsx = ubah(xlsx, "Anggaran", {"E2": None, "D2": None})
    tolak(
        ta_uji,
        xlsx,
        'Lembar "Program", baris 2, kolom B (Nama Program): wajib diisi.',
        'Lembar "Indikator", baris 2, kolom F (Satuan): wajib diisi.',
        'Lembar "Indikator", baris 3, kolom A (Tingkat): wajib diisi.',
        'Lembar "Anggaran", baris 2, kolom D (Tahap): wajib diisi.',
        'Lembar "Anggaran", baris 2, kolom E (Pagu (Rp)): wajib diisi.',
    )


def test_bad_choices_and_rumus_are_reported(ta_uji, sah):
    xlsx = ubah(
        sah,
        "Indikator",
        {
            "L2": "tinggi",
            "N2": 5,
            "Q2": "Jumlah selesai",
            "P3": "ya",
            "Q3": "a",
            "R3": "b",
        },
    )
    tolak(
        ta_uji,
        xlsx,
        'Lembar "Indikator", baris 2, kolom L (Polaritas): "tinggi" bukan pilihan '
        "yang sah; pilih salah satu: positif, negatif.",
        'Lembar "Indikator", baris 2, kolom N (Desimal): 5 di luar 0 sampai 4.',
        'Lembar "Indikator", baris 2, kolom R (Rumus Penyebut): rumus harus berisi '
        "pembilang dan penyebut, atau keduanya kosong.",
        'Lembar "Indikator", baris 3, kolom P (Dari Turunan): indikator turunan tidak '
        'boleh berumus; kosongkan rumusnya atau isi "tidak".',
    )


def test_owner_columns_beyond_the_tingkat_must_be_empty(ta_uji, sah):
    tolak(
        ta_uji,
        ubah(sah, "Indikator", {"A2": "program"}),
        'Lembar "Indikator", baris 2, kolom C (Kegiatan): harus kosong untuk '
        'indikator tingkat "program".',
        'Lembar "Indikator", baris 2, kolom D (Sub Kegiatan): harus kosong untuk '
        'indikator tingkat "program".',
    )


def test_unknown_sasaran_is_reported(ta_uji, sah):
    tolak(
        ta_uji,
        ubah(sah, "Program", {"D2": "Meningkatnya sesuatu"}),
        'Lembar "Program", baris 2, kolom D (Sasaran Renstra): sasaran tidak ada di '
        'Renstra yang berlaku tahun ini; pilih dari lembar "Daftar" atau kosongkan.',
    )


def test_a_missing_sheet_or_a_changed_header_is_reported(ta_uji, sah):
    wb = load_workbook(BytesIO(sah))
    del wb["Anggaran"]
    wb["Indikator"]["G1"] = "Target"
    wb["Program"]["E1"] = "Catatan"
    keluaran = BytesIO()
    wb.save(keluaran)
    tolak(
        ta_uji,
        keluaran.getvalue(),
        'Lembar "Program", baris 1, kolom E (Catatan): kolom "Catatan" tidak dikenal '
        "templat; hapus kolom ini.",
        'Lembar "Indikator", baris 1, kolom G (Target Tahunan): judul kolom '
        '"Target", seharusnya "Target Tahunan". Jangan menyisipkan, menghapus atau '
        "memindahkan kolom templat.",
        'Lembar "Anggaran": lembar ini tidak ada. Gunakan templat Rencana Aksi yang '
        "diunduh dari LAKIP dan jangan mengganti nama lembarnya.",
    )


@pytest.mark.parametrize(
    "isi",
    [
        b"%PDF-1.4\n1 0 obj\n",
        b"Kode Program;Nama Program\n7.01;Program Uji\n",
        b"PK\x03\x04 not really a zip",
        b"",
    ],
)
def test_a_file_that_is_not_an_xlsx_workbook_is_reported(ta_uji, isi):
    tolak(
        ta_uji,
        isi,
        "Berkas bukan buku kerja Excel (.xlsx) atau rusak. Unduh templat Rencana "
        "Aksi, isi di Excel atau LibreOffice, lalu simpan sebagai .xlsx (bukan .xls, "
        ".csv atau .pdf).",
    )


def test_reading_writes_nothing_and_gives_plain_values(ta_uji, sah):
    sebelum = jumlah_baris()
    r = baca_rencana_aksi(sah, tahun_anggaran=ta_uji)
    assert jumlah_baris() == sebelum
    assert r.anggaran[0].pagu == Decimal("4000")
    assert r.anggaran[0].kas_tw == (D(1000),) * 4
    assert r.indikator[1].target_tw == (D(25), D(50), D(75), D(100))
    assert r.indikator[1].unit == "pemerintahan"
    assert [s.nama for s in r.sub_kegiatan] == ["Sub Uji Berkode", "Sub Uji Tanpa Kode"]


def test_an_indicator_may_name_its_own_unit(ta_uji, sah):
    rencana_aksi_impor(user=None, tahun_anggaran=ta_uji, berkas=sah)
    ind = models.Indikator.objects.get(nama="Persentase desa dibina")
    assert ind.unit_kerja.slug == "pemerintahan"
    assert ind.sub_kegiatan.unit_kerja.slug == "trantib"
    assert models.Indikator.objects.get(nama="Jumlah laporan").unit_kerja.slug == (
        "trantib"
    )


# --- the page ---


def halaman(opd: str, th: int) -> str:
    return reverse("reports:rencana_aksi", kwargs={"opd": opd, "tahun": th})


def unduh(opd: str, th: int) -> str:
    return reverse("reports:rencana_aksi_unduh", kwargs={"opd": opd, "tahun": th})


@pytest.fixture
def perencana(client):
    client.force_login(make_user("perencana", opd="kalaena", peran="perencana"))
    return client


def test_planner_downloads_the_blank_and_the_filled_workbook(perencana):
    kosong = perencana.get(unduh("kalaena", 2024))
    assert kosong.status_code == 200
    assert kosong["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert kosong["Content-Disposition"] == (
        'attachment; filename="rencana-aksi-kalaena-2024-templat.xlsx"'
    )
    berisi = perencana.get(unduh("kalaena", 2024) + "?isi=1")
    assert berisi["Content-Disposition"] == (
        'attachment; filename="rencana-aksi-kalaena-2024.xlsx"'
    )
    wb = load_workbook(BytesIO(berisi.content))
    assert wb["Program"].max_row == 2
    assert load_workbook(BytesIO(kosong.content))["Program"].max_row == 1


def test_planner_uploads_a_valid_workbook_and_sees_the_summary(perencana):
    ta = tahun("kalaena", 2024)
    xlsx = ubah(templat_rencana_aksi(ta, isi=True), "Anggaran", {"F2": "DAU"})
    berkas = BytesIO(xlsx)
    berkas.name = "rencana.xlsx"
    response = perencana.post(halaman("kalaena", 2024), {"berkas": berkas})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rencana Aksi diimpor: 0 butir dibuat, 1 diubah," in html
    assert (
        models.Anggaran.objects.filter(
            sub_kegiatan__kegiatan__program__tahun_anggaran=ta, sumber_dana="DAU"
        ).count()
        == 1
    )


def test_planner_sees_every_error_and_nothing_is_written(perencana):
    ta = tahun("kalaena", 2024)
    xlsx = ubah(
        templat_rencana_aksi(ta, isi=True), "Anggaran", {"E2": "banyak", "G2": -1}
    )
    berkas = BytesIO(xlsx)
    berkas.name = "rencana.xlsx"
    sebelum = jumlah_baris()
    response = perencana.post(halaman("kalaena", 2024), {"berkas": berkas})
    assert response.status_code == 400
    assert jumlah_baris() == sebelum
    html = response.content.decode()
    assert "Berkas memuat 2 kesalahan; tidak ada yang disimpan." in html
    assert "<td>E (Pagu (Rp))</td><td>&quot;banyak&quot; bukan angka.</td>" in html
    assert "<td>G (Kas TW I)</td><td>-1 tidak boleh negatif.</td>" in html


def test_upload_without_a_file_is_refused(perencana):
    response = perencana.post(halaman("kalaena", 2024), {})
    assert response.status_code == 400
    assert "Pilih berkas .xlsx yang akan diunggah." in response.content.decode()


def test_operator_of_the_office_gets_403(client):
    client.force_login(make_user("op", opd="kalaena", unit="trantib"))
    assert client.get(halaman("kalaena", 2024)).status_code == 403
    assert client.get(unduh("kalaena", 2024)).status_code == 403
    assert client.post(halaman("kalaena", 2024), {}).status_code == 403


def test_planner_of_another_office_gets_404(client):
    client.force_login(make_user("lain", opd="satpolpp-lumajang", peran="perencana"))
    assert client.get(halaman("kalaena", 2024)).status_code == 404
    assert client.get(unduh("kalaena", 2024)).status_code == 404
    assert client.get(halaman("satpolpp-lumajang", 2022)).status_code == 200
    assert client.get(halaman("satpolpp-lumajang", 2031)).status_code == 404


def test_superuser_may_import_any_office(client):
    client.force_login(make_user("root", superuser=True))
    assert client.get(halaman("satpolpp-lumajang", 2022)).status_code == 200


def test_the_service_refuses_an_operator(ta_uji, sah):
    from reports.services import AksiDitolak

    operator = make_user("op2", opd=ta_uji.opd, unit="trantib")
    with pytest.raises(AksiDitolak):
        rencana_aksi_impor(user=operator, tahun_anggaran=ta_uji, berkas=sah)
    assert models.Program.objects.filter(tahun_anggaran=ta_uji).count() == 0


def test_planners_home_page_links_to_the_import(perencana):
    html = perencana.get(reverse("reports:beranda")).content.decode()
    assert halaman("kalaena", 2024) in html


# --- the management command ---


def test_command_imports_a_workbook_and_prints_the_summary(ta_uji, sah, tmp_path):
    berkas = tmp_path / "rencana.xlsx"
    berkas.write_bytes(sah)
    keluar = StringIO()
    call_command(
        "impor_rencana_aksi",
        str(berkas),
        opd=ta_uji.opd.slug,
        tahun=2024,
        stdout=keluar,
    )
    assert keluar.getvalue().splitlines()[:3] == [
        "Rencana Aksi diimpor: 7 butir dibuat, 0 diubah, 0 tetap.",
        "  Program: 1 dibuat, 0 diubah, 0 tetap",
        "  Kegiatan: 1 dibuat, 0 diubah, 0 tetap",
    ]
    assert (
        models.SubKegiatan.objects.filter(
            kegiatan__program__tahun_anggaran=ta_uji
        ).count()
        == 2
    )


def test_command_prints_every_error_and_fails(ta_uji, sah, tmp_path):
    berkas = tmp_path / "rencana.xlsx"
    berkas.write_bytes(ubah(sah, "Indikator", {"I2": "dua"}))
    galat_keluar = StringIO()
    with pytest.raises(CommandError, match=r"^1 kesalahan; tidak ada yang disimpan\.$"):
        call_command(
            "impor_rencana_aksi",
            str(berkas),
            opd=ta_uji.opd.slug,
            tahun=2024,
            stderr=galat_keluar,
        )
    assert galat_keluar.getvalue().strip() == (
        'Lembar "Indikator", baris 2, kolom I (Target TW II): "dua" bukan angka.'
    )
    assert models.Program.objects.filter(tahun_anggaran=ta_uji).count() == 0


def test_command_writes_the_template(tmp_path):
    tujuan = tmp_path / "templat.xlsx"
    call_command(
        "impor_rencana_aksi",
        opd="kalaena",
        tahun=2023,
        templat=True,
        isi=True,
        output=str(tujuan),
        stdout=StringIO(),
    )
    wb = load_workbook(tujuan)
    assert wb["Program"].max_row == 7  # the header and the six programs of 2023


def test_command_exits_with_status_1_on_errors(ta_uji, sah, tmp_path, capsys):
    from reports.management.commands.impor_rencana_aksi import Command

    berkas = tmp_path / "rencana.xlsx"
    berkas.write_bytes(ubah(sah, "Anggaran", {"E2": -4000}))
    argv = ["manage.py", "impor_rencana_aksi", "--opd", ta_uji.opd.slug]
    with pytest.raises(SystemExit) as keluar:
        Command().run_from_argv([*argv, "--tahun", "2024", str(berkas)])
    assert keluar.value.code == 1
    stderr = capsys.readouterr().err
    assert "kolom E (Pagu (Rp)): -4.000 tidak boleh negatif." in stderr
    assert "CommandError: 1 kesalahan; tidak ada yang disimpan." in stderr
