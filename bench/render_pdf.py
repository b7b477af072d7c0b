"""Time and memory to make the big report PDFs, phase by phase.

    .venv/bin/python bench/render_pdf.py [--repeat N] [--kasus NAME]

Each case runs in a fresh subprocess (so its peak RSS is its own) through the real
path, ``ekspor.berkas_pdf``; the phases are told apart by the progress callback it
calls as each slow step begins:

    data      ekspor.dokumen(p): reading the year and building the report objects
    template  render_to_string of the PDF template (and parsing the two stylesheets)
    layout    WeasyPrint: HTML(...).render(stylesheets=...)
    write     WeasyPrint: document.write_pdf()

The timed runs go without tracemalloc (it slows Python down); one more run with
tracemalloc then gives the Python-level peak of each phase.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.dont_write_bytecode = True

import _siap  # noqa: E402  (puts the repository on sys.path)

KASUS = {
    "kalaena-opd": {"opd": "kalaena", "tahun": 2023, "triwulan": 4, "jenis": "opd"},
    "lumajang-bundel": {
        "opd": "satpolpp-lumajang",
        "tahun": 2022,
        "triwulan": 2,
        "jenis": "bundel",
    },
    "sintetis-opd": {
        "opd": "kab-sintetis",
        "tahun": 2024,
        "triwulan": 4,
        "jenis": "opd",
    },
    "sintetis-bundel": {
        "opd": "kab-sintetis",
        "tahun": 2024,
        "triwulan": 4,
        "jenis": "bundel",
    },
}
SINTETIS = {"slug": "kab-sintetis", "nama": "Dinas Sintetis Kabupaten"}

FASE = ("data", "template", "layout", "write")
# The percentages ekspor.berkas_pdf / pdf.render_pdf report as each phase begins.
AWAL_FASE = (10, 20, 30, 85)
MB = 1024 * 1024


def _rss_puncak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sekali(p, *, jejak: bool) -> dict:
    """One PDF of request ``p``: seconds, queries and (with ``jejak``) the
    tracemalloc peak of each phase."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports import ekspor

    tanda: list[tuple[int, float, int, int]] = []

    def puncak() -> int:
        if not jejak:
            return 0
        nilai = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        return nilai

    if jejak:
        tracemalloc.start()
    with CaptureQueriesContext(connection) as kueri:

        def progres(persen: int, tahap: str) -> None:
            tanda.append(
                (persen, time.perf_counter(), len(kueri.captured_queries), puncak())
            )

        isi = ekspor.berkas_pdf(p, progres=progres)
        tanda.append((100, time.perf_counter(), len(kueri.captured_queries), puncak()))
    if jejak:
        tracemalloc.stop()
    if tuple(t[0] for t in tanda[:-1]) != AWAL_FASE:
        raise RuntimeError(f"unexpected progress steps {[t[0] for t in tanda]}")

    from pypdf import PdfReader

    hasil: dict = {
        "halaman": len(PdfReader(io.BytesIO(isi)).pages),
        "ukuran_mb": len(isi) / MB,
    }
    for i, fase in enumerate(FASE):
        awal, akhir = tanda[i], tanda[i + 1]
        hasil[f"detik_{fase}"] = akhir[1] - awal[1]
        hasil[f"kueri_{fase}"] = akhir[2] - awal[2]
        hasil[f"py_mb_{fase}"] = akhir[3] / MB
    hasil["detik_total"] = tanda[-1][1] - tanda[0][1]
    return hasil


def ukur_kasus(nama: str, ulang: int, *, jejak: bool = True) -> dict:
    """Measure one case in this process: ``ulang`` timed runs, then (with
    ``jejak``) one traced by tracemalloc."""
    import weasyprint  # noqa: F401  (its import belongs to the baseline)

    from reports import ekspor

    p = ekspor.permintaan(**KASUS[nama])
    rss_awal = _rss_puncak_mb()
    jalan = [_sekali(p, jejak=False) for _ in range(ulang)]
    rss_puncak = _rss_puncak_mb()
    dilacak = _sekali(p, jejak=True) if jejak else None
    hasil = {
        "kasus": nama,
        "ulang": ulang,
        "halaman": jalan[-1]["halaman"],
        "ukuran_mb": jalan[-1]["ukuran_mb"],
        "kueri": {f: jalan[0][f"kueri_{f}"] for f in FASE},
        "rss_awal_mb": rss_awal,
        "rss_puncak_mb": rss_puncak,
        "py_mb": {f: dilacak and dilacak[f"py_mb_{f}"] for f in FASE},
        "detik_min": {},
        "detik_median": {},
    }
    for f in (*FASE, "total"):
        nilai = [j[f"detik_{f}"] for j in jalan]
        hasil["detik_min"][f] = min(nilai)
        hasil["detik_median"][f] = statistics.median(nilai)
    return hasil


def _anak(nama: str, direktori: Path, ulang: int, jejak: bool) -> None:
    _siap.sambung(direktori)
    print(json.dumps(ukur_kasus(nama, ulang, jejak=jejak)))


def _tabel(judul: str, kepala: list[str], baris: list[list[str]]) -> None:
    lebar = [
        max(len(str(x)) for x in kolom) for kolom in zip(kepala, *baris, strict=True)
    ]

    def garis(sel: list[str]) -> str:
        return "  ".join(
            str(x).ljust(w) if i == 0 else str(x).rjust(w)
            for i, (x, w) in enumerate(zip(sel, lebar, strict=True))
        )

    print(f"\n{judul}")
    print(garis(kepala))
    print("  ".join("-" * w for w in lebar))
    for b in baris:
        print(garis(b))


def _mb(nilai: float | None) -> str:
    return "-" if nilai is None else f"{nilai:.1f}"


def cetak(hasil: list[dict], ulang: int) -> None:
    statistik = ["min", "median"] if ulang > 1 else ["min"]
    waktu = []
    for h in hasil:
        for s in statistik:
            d = h[f"detik_{s}"]
            waktu.append(
                [h["kasus"], s if ulang > 1 else "-"]
                + [f"{d[f]:.2f}" for f in (*FASE, "total")]
            )
    _tabel(
        f"Time, seconds ({ulang} run{'s' if ulang > 1 else ''} per case)",
        ["case", "stat", *FASE, "total"],
        waktu,
    )
    _tabel(
        "Output and SQL queries (per phase)",
        ["case", "pages", "PDF MB", *(f"q {f}" for f in FASE)],
        [
            [
                h["kasus"],
                str(h["halaman"]),
                f"{h['ukuran_mb']:.1f}",
                *(str(h["kueri"][f]) for f in FASE),
            ]
            for h in hasil
        ],
    )
    _tabel(
        "Memory, MB (Python peak per phase from tracemalloc; process max RSS)",
        ["case", *(f"py {f}" for f in FASE), "RSS before", "RSS peak"],
        [
            [
                h["kasus"],
                *(_mb(h["py_mb"][f]) for f in FASE),
                f"{h['rss_awal_mb']:.1f}",
                f"{h['rss_puncak_mb']:.1f}",
            ]
            for h in hasil
        ],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per case")
    parser.add_argument("--kasus", choices=sorted(KASUS), help="run only this case")
    parser.add_argument(
        "--no-tracemalloc",
        action="store_true",
        help="skip the traced run (it takes several times longer than a timed one)",
    )
    parser.add_argument("--anak", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.anak:
        _anak(args.anak, args.db, args.repeat, not args.no_tracemalloc)
        return

    import weasyprint

    kasus = [args.kasus] if args.kasus else list(KASUS)
    print(
        f"render_pdf.py  {date.today().isoformat()}  Python {platform.python_version()}"
        f"  WeasyPrint {weasyprint.__version__}  {os.cpu_count()} CPUs"
        f"  {platform.machine()}"
    )
    with _siap.basis_data() as direktori:
        if any(KASUS[k]["opd"] == SINTETIS["slug"] for k in kasus):
            _siap.kantor_sintetis(**SINTETIS)
        from django.db import connections

        connections.close_all()
        hasil = []
        for nama in kasus:
            mulai = time.perf_counter()
            keluar = subprocess.run(
                [
                    sys.executable,
                    "-B",
                    __file__,
                    "--anak",
                    nama,
                    "--db",
                    str(direktori),
                    "--repeat",
                    str(args.repeat),
                    *(["--no-tracemalloc"] if args.no_tracemalloc else []),
                ],
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
            hasil.append(json.loads(keluar.stdout.strip().splitlines()[-1]))
            print(f"  {nama}: {time.perf_counter() - mulai:.0f} s in all", flush=True)
    cetak(hasil, args.repeat)


if __name__ == "__main__":
    main()
