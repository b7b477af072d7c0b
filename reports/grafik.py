"""Geometry of the report figures, drawn as SVG by the templates: the target vs
realisasi chart of an indicator, and the organisation chart.

Only placement is computed here. Coordinates are in points (1/72 inch) and each
figure is printed at its own size, so a font size here is the size on paper: no
text is smaller than 7 pt in a chart or 6 pt in the organisation chart. The values
come from ``reports.kinerja`` and are formatted by the templates. No Django imports.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from reports.kinerja import TitikGrafik

ROMAWI = ("I", "II", "III", "IV")
SEPULUH = Decimal(10)

# Text sizes in points, and the width of an average character of Liberation Sans
# (bold) as a share of its size: what decides where a name wraps in a box.
HURUF_GRAFIK = Decimal("7.5")
HURUF_NILAI = Decimal(7)
HURUF_JUDUL_BAGAN = Decimal("6.5")
HURUF_NAMA_BAGAN = Decimal(6)
LEBAR_HURUF = Decimal("0.56")


def _u(nilai: Decimal | int) -> Decimal:
    """A coordinate, to a tenth of a point."""
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
        return _u(self.y - 2)


@dataclass(frozen=True)
class GarisSumbu:
    y: Decimal
    nilai: Decimal


@dataclass(frozen=True)
class LabelKelompok:
    x: Decimal
    teks: str


@dataclass(frozen=True)
class GrafikBatang:
    lebar: int
    tinggi: int
    kiri: int  # x of the value axis
    kanan: int  # x where the plot ends
    bawah: Decimal  # y of the base line
    batang: tuple[Batang, ...]
    sumbu: tuple[GarisSumbu, ...]
    label: tuple[LabelKelompok, ...]
    huruf: Decimal = HURUF_GRAFIK
    huruf_nilai: Decimal = HURUF_NILAI

    @property
    def y_label(self) -> Decimal:
        return _u(self.bawah + self.huruf + 3)

    @property
    def y_legenda(self) -> int:
        return self.tinggi - 4


def label_titik(t: TitikGrafik) -> str:
    """What a bar pair is called under the chart: "Tahunan", "TW II", "s/d TW II"."""
    if t.triwulan is None:
        return "Tahunan"
    tw = f"TW {ROMAWI[t.triwulan - 1]}"
    return f"s/d {tw}" if t.sd else tw


def grafik_batang(
    titik: Sequence[TitikGrafik],
    *,
    lebar: int = 232,
    tinggi: int = 140,
    garis: int = 4,
) -> GrafikBatang:
    """Bars for each point of ``kinerja.seri_grafik``: target and realisasi side
    by side where both belong to the point, a single centred bar where only one
    does (the yearly target; a realisation without a quarterly target; the target
    of a quarter not reported yet). A missing value has no bar (the template
    labels it "-")."""
    kiri, kanan, atas, bawah = 30, lebar - 6, 14, tinggi - 30
    nilai = [v for t in titik for v in (t.target, t.realisasi) if v is not None]
    puncak = skala_rapi(max(nilai, default=Decimal(0)), garis=garis)
    tinggi_plot = Decimal(bawah - atas)
    lebar_grup = Decimal(kanan - kiri) / max(len(titik), 1)
    lebar_batang = min(lebar_grup * Decimal("0.34"), Decimal(26))
    celah = lebar_grup * Decimal("0.04")

    def y(v: Decimal) -> Decimal:
        return _u(bawah - tinggi_plot * v / puncak)

    batang, label = [], []
    for n, t in enumerate(titik):
        tengah = kiri + lebar_grup * n + lebar_grup / 2
        pasangan = [("target", t.target), ("realisasi", t.realisasi)]
        if t.triwulan is None or not t.dilaporkan:
            pasangan = pasangan[:1]
        elif t.target is None:
            pasangan = pasangan[1:]
        x0 = tengah - (len(pasangan) * lebar_batang + (len(pasangan) - 1) * celah) / 2
        for k, (jenis, v) in enumerate(pasangan):
            atas_batang = bawah if v is None else y(max(v, Decimal(0)))
            batang.append(
                Batang(
                    x=_u(x0 + k * (lebar_batang + celah)),
                    y=atas_batang,
                    lebar=_u(lebar_batang),
                    tinggi=_u(bawah - atas_batang),
                    nilai=v,
                    jenis=jenis,
                )
            )
        label.append(LabelKelompok(x=_u(tengah), teks=label_titik(t)))
    sumbu = tuple(
        GarisSumbu(y=y(puncak * k / garis), nilai=puncak * k / garis)
        for k in range(garis + 1)
    )
    return GrafikBatang(
        lebar=lebar,
        tinggi=tinggi,
        kiri=kiri,
        kanan=kanan,
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
    baris: tuple[str, ...]  # the unit's name, wrapped
    nama: tuple[str, ...]  # its head's name, wrapped; () when it has none

    @property
    def tengah(self) -> Decimal:
        return _u(self.x + self.lebar / 2)

    @property
    def y_baris(self) -> list[tuple[Decimal, str]]:
        """Each line of the box with its baseline, the name under the title."""
        tinggi_isi = len(self.baris) * (HURUF_JUDUL_BAGAN + 1) + len(self.nama) * (
            HURUF_NAMA_BAGAN + 1
        )
        y = self.y + (self.tinggi - tinggi_isi) / 2 + HURUF_JUDUL_BAGAN
        hasil = []
        for b in self.baris:
            hasil.append((_u(y), b))
            y += HURUF_JUDUL_BAGAN + 1
        return hasil

    @property
    def y_nama(self) -> list[tuple[Decimal, str]]:
        awal = self.y_baris[-1][0] if self.baris else self.y
        return [
            (_u(awal + 2 + (n + 1) * (HURUF_NAMA_BAGAN + 1)), b)
            for n, b in enumerate(self.nama)
        ]


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
    huruf_judul: Decimal = HURUF_JUDUL_BAGAN
    huruf_nama: Decimal = HURUF_NAMA_BAGAN


LEBAR_KOTAK_MIN = 64
LEBAR_KOTAK_MAKS = 130
JARAK_X = 8
JARAK_Y = 22
JARAK_TUMPUK = 6  # between the boxes stacked under a head
MENJOROK = 10  # how far boxes stacked under a head stand in from its left
SETENGAH_MENJOROK = Decimal(MENJOROK) / 2  # where the line to them runs down


def kolom_bagan(simpul: Sequence[SimpulBagan]) -> int:
    """How many columns the chart needs (see ``bagan_organisasi``)."""
    anak, akar = _anak(simpul)
    return sum(_lebar(s, anak, 0) for s in akar)


def _anak(
    simpul: Sequence[SimpulBagan],
) -> tuple[dict[int, list[SimpulBagan]], list[SimpulBagan]]:
    ada = {s.kunci for s in simpul}
    anak: dict[int, list[SimpulBagan]] = {}
    akar = []
    for s in simpul:
        if s.induk in ada:
            anak.setdefault(s.induk, []).append(s)
        else:
            akar.append(s)
    return anak, akar


def _bertumpuk(s: SimpulBagan, anak: dict, kedalaman: int) -> bool:
    """Below the top, a head whose units have none below them has them stacked
    under it in one column (as offices draw a sekretariat and its subbagian)."""
    bawahan = anak.get(s.kunci, [])
    return (
        kedalaman > 0 and bool(bawahan) and not any(anak.get(b.kunci) for b in bawahan)
    )


def _lebar(s: SimpulBagan, anak: dict, kedalaman: int) -> int:
    bawahan = anak.get(s.kunci, [])
    if not bawahan or _bertumpuk(s, anak, kedalaman):
        return 1
    return sum(_lebar(b, anak, kedalaman + 1) for b in bawahan)


def _bungkus(teks: str, lebar: Decimal, huruf: Decimal, *, paling: int) -> tuple:
    per_baris = max(int(lebar / (huruf * LEBAR_HURUF)), 8)
    baris = textwrap.wrap(teks, per_baris, break_long_words=False)
    if len(baris) > paling:
        baris = [*baris[: paling - 1], " ".join(baris[paling - 1 :])]
    return tuple(baris)


def bagan_organisasi(simpul: Sequence[SimpulBagan], *, lebar_maks: int = 480) -> Bagan:
    """A top-down tree within ``lebar_maks`` points: under the head each unit gets
    a column, a unit with units below it sits centred over them, and the units of
    a head whose units have none below them are stacked under it. Every box shows
    its unit and the name of its head."""
    anak, akar = _anak(simpul)
    kolom = max(sum(_lebar(s, anak, 0) for s in akar), 1)
    lebar_kotak = Decimal(
        max(
            min((lebar_maks - 8 + JARAK_X) // kolom - JARAK_X, LEBAR_KOTAK_MAKS),
            LEBAR_KOTAK_MIN,
        )
    )
    # Text is wrapped for the narrowest box: one stacked under its head.
    isi = lebar_kotak - MENJOROK - 6
    judul = {
        s.kunci: _bungkus(s.judul, isi, HURUF_JUDUL_BAGAN, paling=4) for s in simpul
    }
    nama = {
        s.kunci: _bungkus(s.nama, isi, HURUF_NAMA_BAGAN, paling=2) if s.nama else ()
        for s in simpul
    }
    tinggi_kotak = (
        Decimal(
            max(
                len(judul[s.kunci]) * (HURUF_JUDUL_BAGAN + 1)
                + len(nama[s.kunci]) * (HURUF_NAMA_BAGAN + 1)
                + (2 if nama[s.kunci] else 0)
                for s in simpul
            )
            + 8
        )
        if simpul
        else Decimal(0)
    )
    langkah_x = lebar_kotak + JARAK_X
    kotak: dict[int, Kotak] = {}
    garis: list[Garis] = []
    kolom_berikut = [0]

    def buat(s: SimpulBagan, x: Decimal, y: Decimal, lebar: Decimal) -> Kotak:
        k = Kotak(
            x=_u(x),
            y=_u(y),
            lebar=_u(lebar),
            tinggi=tinggi_kotak,
            baris=judul[s.kunci],
            nama=nama[s.kunci],
        )
        kotak[s.kunci] = k
        return k

    def letakkan(s: SimpulBagan, kedalaman: int, y: Decimal) -> Kotak:
        bawahan = anak.get(s.kunci, [])
        y_bawah = y + tinggi_kotak + JARAK_Y
        if not bawahan or _bertumpuk(s, anak, kedalaman):
            x = 4 + kolom_berikut[0] * langkah_x
            kolom_berikut[0] += 1
            induk = buat(s, x, y, lebar_kotak)
            yb = y + tinggi_kotak + JARAK_TUMPUK
            for b in bawahan:
                k = buat(b, x + MENJOROK, yb, lebar_kotak - MENJOROK)
                tengah_y = _u(k.y + tinggi_kotak / 2)
                garis.append(Garis(_u(x + SETENGAH_MENJOROK), tengah_y, k.x, tengah_y))
                yb += tinggi_kotak + JARAK_TUMPUK
            if bawahan:
                x_tulang = _u(x + SETENGAH_MENJOROK)
                garis.append(
                    Garis(x_tulang, induk.y + tinggi_kotak, x_tulang, garis[-1].y1)
                )
            return induk
        anak_kotak = [letakkan(b, kedalaman + 1, y_bawah) for b in bawahan]
        tengah = (anak_kotak[0].tengah + anak_kotak[-1].tengah) / 2
        induk = buat(s, tengah - lebar_kotak / 2, y, lebar_kotak)
        y_tengah = _u(y + tinggi_kotak + Decimal(JARAK_Y) / 2)
        garis.append(
            Garis(induk.tengah, induk.y + tinggi_kotak, induk.tengah, y_tengah)
        )
        xs = [k.tengah for k in anak_kotak]
        garis.append(Garis(min(xs), y_tengah, max(xs), y_tengah))
        for k in anak_kotak:
            garis.append(Garis(k.tengah, y_tengah, k.tengah, k.y))
        return induk

    for s in akar:
        letakkan(s, 0, Decimal(4))
    bawah = max((k.y + k.tinggi for k in kotak.values()), default=Decimal(0))
    return Bagan(
        lebar=int(kolom * langkah_x - JARAK_X + 8),
        tinggi=int(bawah + 4),
        kotak=tuple(kotak[s.kunci] for s in simpul),
        garis=tuple(garis),
    )
