"""The report table structure and the figure geometry, without a database."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest

from reports import grafik, tabel
from reports.kinerja import TitikTriwulan
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
        TitikTriwulan(1, D(10), D(5)),
        TitikTriwulan(2, D(10), None),
        TitikTriwulan(3, D(10), None),
        TitikTriwulan(4, D(10), D(10)),
    ]
    g = grafik.grafik_batang(titik)
    tinggi = {(b.jenis, n // 2 + 1): b.tinggi for n, b in enumerate(g.batang)}
    assert tinggi[("target", 1)] == tinggi[("realisasi", 4)]
    assert tinggi[("realisasi", 1)] * 2 == tinggi[("target", 1)]
    assert tinggi[("realisasi", 2)] == 0
    assert [s.nilai for s in g.sumbu] == [D(0), D("2.5"), D(5), D("7.5"), D(10)]
    assert [label.teks for label in g.label] == ["TW I", "TW II", "TW III", "TW IV"]


def test_organisation_chart_centres_each_head_over_its_units():
    bagan = grafik.bagan_organisasi(
        [
            grafik.SimpulBagan(1, None, "Camat", ""),
            grafik.SimpulBagan(2, 1, "Sekretaris", ""),
            grafik.SimpulBagan(3, 2, "Kasubag A", ""),
            grafik.SimpulBagan(4, 2, "Kasubag B", ""),
            grafik.SimpulBagan(5, 1, "Kasi", ""),
        ]
    )
    kotak = {k.baris[0]: k for k in bagan.kotak}
    assert (
        kotak["Sekretaris"].tengah
        == (kotak["Kasubag A"].tengah + kotak["Kasubag B"].tengah) / 2
    )
    assert (
        kotak["Camat"].tengah == (kotak["Sekretaris"].tengah + kotak["Kasi"].tengah) / 2
    )
    assert kotak["Camat"].y < kotak["Sekretaris"].y < kotak["Kasubag A"].y
    # A stem and a bar under each of the 2 parents, a drop to each of the 4 children.
    assert len(bagan.garis) == 2 * 2 + 4


@pytest.mark.parametrize("modul", [tabel, grafik])
def test_table_and_figure_modules_import_nothing_from_django(modul):
    pohon = ast.parse(Path(modul.__file__).read_text())
    impor = {
        n.module or "" for n in ast.walk(pohon) if isinstance(n, ast.ImportFrom)
    } | {a.name for n in ast.walk(pohon) if isinstance(n, ast.Import) for a in n.names}
    assert not [m for m in impor if m.split(".")[0] == "django"]
