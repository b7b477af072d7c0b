"""What the unit report and the office report share: signature blocks, the
lettering of their sections, the numbering of their tables and the pemda's
lambang on their covers."""

from __future__ import annotations

import logging
from base64 import b64encode
from collections.abc import Iterable
from dataclasses import dataclass, replace

from reports.models import Pejabat, PemerintahDaerah
from reports.tabel import Tabel

log = logging.getLogger(__name__)

HURUF = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Pengesahan:
    """A signature block: the title above it and the official who signs."""

    jabatan: str
    pejabat: Pejabat | None


def huruf_bagian(daftar: Iterable[tuple[str, str, bool]]) -> dict[str, str]:
    """The sections of a BAB that have something to print, lettered in print
    order: (key, title, present) -> {key: "A. Title"}. A section with nothing in
    it is left out, and the next one takes its letter."""
    ada = [(kunci, judul) for kunci, judul, berisi in daftar if berisi]
    return {kunci: f"{HURUF[n]}. {judul}" for n, (kunci, judul) in enumerate(ada)}


class Penomoran:
    """Numbers a report's tables and figures per BAB in print order: Tabel 2.1,
    2.2 ... A table with nothing in it gets no number: it is left out."""

    def __init__(self, bab: int = 1) -> None:
        self._bab, self._tabel, self._gambar = bab, 0, 0

    @property
    def nomor_bab(self) -> int:
        return self._bab

    def bab(self, n: int) -> None:
        self._bab, self._tabel, self._gambar = n, 0, 0

    def tabel(
        self, tabel: Tabel, *, seperti: tuple[int, int] | None = None
    ) -> Tabel | None:
        """``tabel`` with its number, or None when it is empty. ``seperti`` is the
        number a seed gives the table (e.g. (2, 6) for seed 001's Tabel 2.6): it
        takes that number when it prints in the same BAB and no earlier table
        has taken it, so the report's numbers follow the documents offices know."""
        if not tabel.berisi:
            return None
        self._tabel += 1
        if seperti is not None and seperti[0] == self._bab:
            self._tabel = max(self._tabel, seperti[1])
        return replace(tabel, nomor=f"Tabel {self._bab}.{self._tabel}")

    def gambar(self) -> str:
        self._gambar += 1
        return f"Gambar {self._bab}.{self._gambar}"


def lambang_uri(pemda: PemerintahDaerah) -> str:
    """The pemda's lambang as a data: URI for a cover, "" when it has none (or
    its file cannot be read: the cover is then printed without it)."""
    if not pemda.lambang:
        return ""
    jenis = "png" if pemda.lambang.name.lower().endswith(".png") else "jpeg"
    try:
        with pemda.lambang.open("rb") as berkas:
            isi = berkas.read()
    except OSError:
        log.warning("Lambang %s tidak dapat dibaca.", pemda.lambang.name)
        return ""
    return f"data:image/{jenis};base64,{b64encode(isi).decode('ascii')}"
