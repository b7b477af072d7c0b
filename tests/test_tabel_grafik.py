"""The report table structure and the figure geometry, without a database."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest

from reports import grafik, tabel
from reports.kinerja import TitikGrafik
from reports.tabel import Format, JenisBaris, Kolom, Sel, SelKepala, Tabel, baris

D = Decimal


def tabel_keuangan(**kwargs) -> Tabel:
    return Tabel(
        kunci="keuangan",
        nomor="Tabel 4.1",
        judul="Realisasi Keuangan",
        kolom=(
            Kolom("No"),
            Kolom("Sub Kegiatan"),
            Kolom("Anggaran", Format.RUPIAH),
            Kolom(
                "Triwulan II",
                anak=(
                    Kolom("Target", Format.RUPIAH),
                    Kolom("Realisasi", Format.RUPIAH),
                    Kolom("Capaian", Format.PERSEN, nomor="6=5/4"),
                ),
            ),
        ),
        baris=(baris("1", "Sinergitas", D(12523000), D(3025000), D(2144000), None),),
        kaki=(
            baris(
                Sel("Jumlah", rentang=2), D(1), D(2), D(3), "", jenis=JenisBaris.JUMLAH
            ),
        ),
        **kwargs,
    )


def test_nested_columns_give_a_two_row_header_with_spans():
    assert tabel_keuangan().kepala() == [
        [
            SelKepala("No", 1, 2),
            SelKepala("Sub Kegiatan", 1, 2),
            SelKepala("Anggaran", 1, 2),
            SelKepala("Triwulan II", 3, 1),
        ],
        [
            SelKepala("Target", 1, 1),
            SelKepala("Realisasi", 1, 1),
            SelKepala("Capaian", 1, 1),
        ],
    ]


def test_column_numbers_default_to_their_position():
    assert tabel_keuangan().nomor_daun() == ["1", "2", "3", "4", "5", "6=5/4"]


def test_cells_take_their_columns_format_across_spans():
    t = tabel_keuangan()
    ((_, kaki),) = t.kaki_tampil()
    assert [s.format for s in kaki] == [
        Format.TEKS,
        Format.RUPIAH,
        Format.RUPIAH,
        Format.RUPIAH,
        Format.PERSEN,
    ]
    assert kaki[0].rentang == 2


def test_a_row_that_does_not_fill_the_table_is_refused():
    with pytest.raises(ValueError, match="spans 5 columns, the table has 6"):
        Tabel(
            kunci="x",
            nomor="",
            judul="",
            kolom=tabel_keuangan().kolom,
            baris=(baris("1", "a", 1, 2, 3),),
        )


def test_widths_are_shares_of_the_hints():
    t = Tabel(
        kunci="x",
        nomor="",
        judul="",
        kolom=(Kolom("a", lebar=1), Kolom("b", lebar=3)),
        baris=(),
    )
    assert t.persen_lebar() == ["25.0", "75.0"]


@pytest.mark.parametrize(
    ("maks", "puncak"),
    [
        (D(12), D(20)),
        (D(100), D(100)),
        (D("92.79"), D(100)),
        (D(3), D(4)),
        (D(0), D(4)),
    ],
)
def test_value_axis_tops_are_round_numbers(maks, puncak):
    assert grafik.skala_rapi(maks) == puncak


def test_chart_bars_scale_to_the_axis_and_missing_values_have_no_height():
    titik = [
        TitikGrafik(1, False, D(10), D(5)),
        TitikGrafik(2, False, D(10), None),
        TitikGrafik(3, False, D(10), None, dilaporkan=False),
        TitikGrafik(4, False, D(10), D(10), dilaporkan=False),
    ]
    g = grafik.grafik_batang(titik)
    batang = [(b.jenis, b.tinggi) for b in g.batang]
    # A quarter after the report's has its target only.
    assert [b[0] for b in batang] == [
        "target",
        "realisasi",
        "target",
        "realisasi",
        "target",
        "target",
    ]
    assert batang[0][1] == 2 * batang[1][1]
    assert batang[3][1] == 0  # TW II: no realisation, no height
    assert [s.nilai for s in g.sumbu] == [D(0), D("2.5"), D(5), D("7.5"), D(10)]
    assert [label.teks for label in g.label] == ["TW I", "TW II", "TW III", "TW IV"]


def test_chart_of_a_yearly_target_draws_it_once_beside_the_realisations():
    g = grafik.grafik_batang(
        [TitikGrafik(None, False, D(17), None), TitikGrafik(4, True, None, D(16))]
    )
    assert [(b.jenis, b.nilai) for b in g.batang] == [
        ("target", D(17)),
        ("realisasi", D(16)),
    ]
    assert [label.teks for label in g.label] == ["Tahunan", "s/d TW IV"]
    # Both bars stand alone in their group, centred under its label.
    for b, label in zip(g.batang, g.label, strict=True):
        assert b.x_label == label.x
    assert min(g.huruf, g.huruf_nilai) >= 7


def test_organisation_chart_centres_each_head_over_its_units():
    bagan = grafik.bagan_organisasi(
        [
            grafik.SimpulBagan(1, None, "Camat", "H. MARSUKI, S.Pd., M.M"),
            grafik.SimpulBagan(2, 1, "Bidang", ""),
            grafik.SimpulBagan(3, 2, "Seksi A", ""),
            grafik.SimpulBagan(6, 3, "Staf", ""),
            grafik.SimpulBagan(4, 2, "Seksi B", ""),
            grafik.SimpulBagan(5, 1, "Kasi", ""),
        ]
    )
    kotak = {k.baris[0]: k for k in bagan.kotak}
    assert (
        kotak["Bidang"].tengah
        == (kotak["Seksi A"].tengah + kotak["Seksi B"].tengah) / 2
    )
    assert kotak["Camat"].tengah == (kotak["Bidang"].tengah + kotak["Kasi"].tengah) / 2
    assert kotak["Camat"].y < kotak["Bidang"].y < kotak["Seksi A"].y
    # Every box that has a head names them; no text is under 6 pt.
    assert kotak["Camat"].nama == ("H. MARSUKI, S.Pd., M.M",)
    assert min(bagan.huruf_judul, bagan.huruf_nama) >= 6


def test_organisation_chart_stacks_the_units_of_a_head_with_no_deeper_units():
    bagan = grafik.bagan_organisasi(
        [
            grafik.SimpulBagan(1, None, "Camat", ""),
            grafik.SimpulBagan(2, 1, "Sekretariat", ""),
            grafik.SimpulBagan(3, 2, "Sub Bagian Umum", ""),
            grafik.SimpulBagan(4, 2, "Sub Bagian Keuangan", ""),
            grafik.SimpulBagan(5, 1, "Seksi Pemerintahan", ""),
        ],
        lebar_maks=480,
    )
    kotak = {" ".join(k.baris): k for k in bagan.kotak}
    umum, keuangan = kotak["Sub Bagian Umum"], kotak["Sub Bagian Keuangan"]
    # The two subbagian hang under the Sekretariat, one above the other.
    assert umum.x == keuangan.x > kotak["Sekretariat"].x
    assert kotak["Sekretariat"].y < umum.y < keuangan.y
    assert bagan.lebar <= 480
    assert (
        grafik.kolom_bagan(
            [
                grafik.SimpulBagan(1, None, "Camat", ""),
                grafik.SimpulBagan(2, 1, "Sekretariat", ""),
                grafik.SimpulBagan(3, 2, "Sub Bagian Umum", ""),
                grafik.SimpulBagan(5, 1, "Seksi Pemerintahan", ""),
            ]
        )
        == 2
    )


def test_optional_columns_with_nothing_in_them_are_left_out():
    t = Tabel(
        kunci="x",
        nomor="",
        judul="",
        kolom=(
            Kolom("No"),
            Kolom("Kode", opsional=True),
            Kolom(
                "Target per Triwulan",
                anak=(
                    Kolom("TW I", Format.ANGKA, opsional=True),
                    Kolom("TW II", Format.ANGKA, opsional=True),
                ),
            ),
            Kolom("Pagu", Format.RUPIAH),
        ),
        baris=(baris("1", "", None, D(2), D(5)), baris("2", "", None, None, D(6))),
        kaki=(baris(Sel("Jumlah", rentang=4), D(11), jenis=JenisBaris.JUMLAH),),
    )
    assert [d.judul for d in t.daun] == ["No", "TW II", "Pagu"]
    assert t.kepala()[0][1] == SelKepala("Target per Triwulan", 1, 1)
    assert t.kaki[0].sel[0].rentang == 2
    assert t.berisi


def test_a_table_of_dashes_has_nothing_to_print():
    kosong = Tabel(
        kunci="x",
        nomor="",
        judul="",
        kolom=(Kolom("Uraian"), Kolom("Jumlah", Format.ANGKA)),
        baris=(baris("RKPD", None), baris("DPA", "")),
    )
    assert not kosong.berisi
    assert (
        Tabel(kunci="y", nomor="", judul="", kolom=(Kolom("a"),), baris=()).berisi
        is False
    )


@pytest.mark.parametrize("modul", [tabel, grafik])
def test_table_and_figure_modules_import_nothing_from_django(modul):
    pohon = ast.parse(Path(modul.__file__).read_text())
    impor = {
        n.module or "" for n in ast.walk(pohon) if isinstance(n, ast.ImportFrom)
    } | {a.name for n in ast.walk(pohon) if isinstance(n, ast.Import) for a in n.names}
    assert not [m for m in impor if m.split(".")[0] == "django"]
