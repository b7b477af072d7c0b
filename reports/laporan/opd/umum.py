"""What the BABs of the office report share: its figures and the walk through
the plan."""

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
    lanskap: bool = False  # printed on a landscape page (a wide chart)

    @property
    def judul_lengkap(self) -> str:
        return f"{self.nomor} {self.judul}"


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
