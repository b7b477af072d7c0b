"""Geometry of the report figures, drawn as SVG by the templates: the target vs
realisasi chart of an indicator over TW I-IV, and the organisation chart.

Only placement is computed here (coordinates in SVG user units); the values come
from ``reports.kinerja`` and are formatted by the templates. No Django imports.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from reports.kinerja import TitikTriwulan

ROMAWI = ("I", "II", "III", "IV")
SEPULUH = Decimal(10)


def _u(nilai: Decimal | int) -> Decimal:
    """A coordinate, to a tenth of a unit."""
    return Decimal(nilai).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def skala_rapi(maks: Decimal, *, garis: int = 4) -> Decimal:
    """The top of a value axis: the smallest 1, 2, 2.5 or 5 x 10^k step that covers
    ``maks`` in ``garis`` steps, so the gridlines fall on round numbers."""
    if maks <= 0:
        return Decimal(garis)
    kasar = maks / garis
    pangkat = SEPULUH ** (kasar.adjusted())
    for faktor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), SEPULUH):
        langkah = faktor * pangkat
        if langkah >= kasar:
            return langkah * garis
    return SEPULUH * pangkat * garis  # pragma: no cover - the loop always returns


@dataclass(frozen=True)
class Batang:
    x: Decimal
    y: Decimal
    lebar: Decimal
    tinggi: Decimal
    nilai: Decimal | None
    jenis: str  # "target" | "realisasi"

    @property
    def x_label(self) -> Decimal:
        return _u(self.x + self.lebar / 2)

    @property
    def y_label(self) -> Decimal:
        return _u(self.y - 3)


@dataclass(frozen=True)
class GarisSumbu:
    y: Decimal
    nilai: Decimal


@dataclass(frozen=True)
class LabelTriwulan:
    x: Decimal
    teks: str


@dataclass(frozen=True)
class GrafikBatang:
    lebar: int
    tinggi: int
    kiri: int  # x of the value axis
    bawah: Decimal  # y of the base line
    batang: tuple[Batang, ...]
    sumbu: tuple[GarisSumbu, ...]
    label: tuple[LabelTriwulan, ...]


def grafik_batang(
    titik: Sequence[TitikTriwulan],
    *,
    lebar: int = 340,
    tinggi: int = 190,
    garis: int = 4,
) -> GrafikBatang:
    """Paired bars, target and realisasi, for each quarter. A missing value has no
    bar (the template labels it "-")."""
    kiri, kanan, atas, bawah = 42, 8, 14, tinggi - 34
    nilai = [v for t in titik for v in (t.target, t.realisasi) if v is not None]
    puncak = skala_rapi(max(nilai, default=Decimal(0)), garis=garis)
    tinggi_plot = Decimal(bawah - atas)
    lebar_grup = Decimal(lebar - kiri - kanan) / max(len(titik), 1)
    lebar_batang = lebar_grup * Decimal("0.3")

    def y(v: Decimal) -> Decimal:
        return _u(bawah - tinggi_plot * v / puncak)

    batang, label = [], []
    for n, t in enumerate(titik):
        x0 = kiri + lebar_grup * n + lebar_grup * Decimal("0.17")
        for k, (jenis, v) in enumerate(
            (("target", t.target), ("realisasi", t.realisasi))
        ):
            x = _u(x0 + k * (lebar_batang + lebar_grup * Decimal("0.06")))
            atas_batang = bawah if v is None else y(max(v, Decimal(0)))
            batang.append(
                Batang(
                    x=x,
                    y=atas_batang,
                    lebar=_u(lebar_batang),
                    tinggi=_u(bawah - atas_batang),
                    nilai=v,
                    jenis=jenis,
                )
            )
        label.append(
            LabelTriwulan(
                x=_u(kiri + lebar_grup * n + lebar_grup / 2),
                teks=f"TW {ROMAWI[t.triwulan - 1]}",
            )
        )
    sumbu = tuple(
        GarisSumbu(y=y(puncak * k / garis), nilai=puncak * k / garis)
        for k in range(garis + 1)
    )
    return GrafikBatang(
        lebar=lebar,
        tinggi=tinggi,
        kiri=kiri,
        bawah=Decimal(bawah),
        batang=tuple(batang),
        sumbu=sumbu,
        label=tuple(label),
    )


# --- the organisation chart ---


@dataclass(frozen=True)
class SimpulBagan:
    kunci: int
    induk: int | None
    judul: str  # the unit
    nama: str  # its head, or ""


@dataclass(frozen=True)
class Kotak:
    x: Decimal
    y: Decimal
    lebar: Decimal
    tinggi: Decimal
    baris: tuple[str, ...]
    nama: str

    @property
    def tengah(self) -> Decimal:
        return _u(self.x + self.lebar / 2)


@dataclass(frozen=True)
class Garis:
    x1: Decimal
    y1: Decimal
    x2: Decimal
    y2: Decimal


@dataclass(frozen=True)
class Bagan:
    lebar: int
    tinggi: int
    kotak: tuple[Kotak, ...]
    garis: tuple[Garis, ...]


def bagan_organisasi(
    simpul: Sequence[SimpulBagan],
    *,
    lebar_kotak: int = 118,
    tinggi_kotak: int = 46,
    jarak_x: int = 12,
    jarak_y: int = 34,
    huruf_per_baris: int = 22,
) -> Bagan:
    """A top-down tree: each leaf gets a column, each parent sits centred over its
    children, and elbow lines join them."""
    anak: dict[int | None, list[SimpulBagan]] = {}
    ada = {s.kunci for s in simpul}
    for s in simpul:
        anak.setdefault(s.induk if s.induk in ada else None, []).append(s)

    posisi: dict[int, tuple[Decimal, int]] = {}  # kunci -> (centre column, depth)
    kolom = [Decimal(0)]

    def letakkan(s: SimpulBagan, kedalaman: int) -> Decimal:
        bawahan = anak.get(s.kunci, [])
        if bawahan:
            pusat = [letakkan(b, kedalaman + 1) for b in bawahan]
            tengah = (pusat[0] + pusat[-1]) / 2
        else:
            tengah = kolom[0]
            kolom[0] += 1
        posisi[s.kunci] = (tengah, kedalaman)
        return tengah

    for akar in anak.get(None, []):
        letakkan(akar, 0)
    langkah_x = lebar_kotak + jarak_x
    langkah_y = tinggi_kotak + jarak_y
    kotak: dict[int, Kotak] = {}
    for s in simpul:
        tengah, kedalaman = posisi[s.kunci]
        baris = tuple(textwrap.wrap(s.judul, huruf_per_baris)[:3])
        kotak[s.kunci] = Kotak(
            x=_u(tengah * langkah_x + 4),
            y=_u(kedalaman * langkah_y + 4),
            lebar=Decimal(lebar_kotak),
            tinggi=Decimal(tinggi_kotak),
            baris=baris,
            nama=s.nama,
        )
    garis = []
    for induk, daftar in anak.items():
        if induk is None:
            continue
        atas = kotak[induk]
        y_bawah_induk = atas.y + atas.tinggi
        y_tengah = _u(y_bawah_induk + Decimal(jarak_y) / 2)
        garis.append(Garis(atas.tengah, y_bawah_induk, atas.tengah, y_tengah))
        xs = [kotak[b.kunci].tengah for b in daftar]
        garis.append(Garis(min(xs), y_tengah, max(xs), y_tengah))
        for b in daftar:
            k = kotak[b.kunci]
            garis.append(Garis(k.tengah, y_tengah, k.tengah, k.y))
    kedalaman_maks = max((d for _, d in posisi.values()), default=0)
    return Bagan(
        lebar=int(kolom[0] * langkah_x - jarak_x + 8) if kolom[0] else 0,
        tinggi=(kedalaman_maks + 1) * langkah_y - jarak_y + 8,
        kotak=tuple(kotak[s.kunci] for s in simpul),
        garis=tuple(garis),
    )
