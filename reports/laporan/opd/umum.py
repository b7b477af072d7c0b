"""What the BABs of the office report share: its figures, the numbering of its
tables and figures, and the walk through the plan."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reports import grafik
from reports.models import TahapRencana
from reports.selectors import PohonTahun, Simpul


@dataclass(frozen=True)
class Gambar:
    kunci: str
    nomor: str
    judul: str
    satuan: str = ""
    grafik: grafik.GrafikBatang | None = None
    bagan: grafik.Bagan | None = None

    @property
    def judul_lengkap(self) -> str:
        return f"{self.nomor} {self.judul}"


class Penomoran:
    """Numbers tables and figures per BAB in print order: Tabel 2.1, 2.2 ..."""

    def __init__(self) -> None:
        self._bab, self._tabel, self._gambar = 1, 0, 0

    def bab(self, n: int) -> None:
        self._bab, self._tabel, self._gambar = n, 0, 0

    def tabel(self) -> str:
        self._tabel += 1
        return f"Tabel {self._bab}.{self._tabel}"

    def gambar(self) -> str:
        self._gambar += 1
        return f"Gambar {self._bab}.{self._gambar}"


def telusuri(pohon: PohonTahun) -> Iterator[tuple[str, Simpul]]:
    """Every program, kegiatan and sub kegiatan in plan order, numbered 1, 1.1,
    1.1.1."""

    def turun(simpul: Simpul, nomor: str):
        yield nomor, simpul
        for n, a in enumerate(pohon.anak(simpul), start=1):
            yield from turun(a, f"{nomor}.{n}")

    for n, p in enumerate(pohon.program, start=1):
        yield from turun(p, str(n))


def nama_tahap(pohon: PohonTahun) -> str:
    """The stage a plan table of the quarter follows, named for the Perubahan
    only: " (DPA Perubahan)"; a quarter under the murni plan prints as it did
    before any Perubahan came."""
    if pohon.tahap_kantor == TahapRencana.PERUBAHAN:
        return " (DPA Perubahan)"
    return ""
