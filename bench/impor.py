"""Reading the largest valid Rencana Aksi workbook, and refusing hostile ones.

    .venv/bin/python bench/impor.py [--baris N] [--repeat N] [--tulis [--profil]]

A throwaway database with the demo data and an office of one unit. The valid case
is a plan of ``--baris`` rows (default 5.000) on each data sheet: as many programs,
each with a kegiatan, a sub kegiatan, an indicator and a budget line. The hostile
cases are the probe's: a plan of 300 rows per sheet declaring the full sheet
(A1:XFD1048576) as its size, 1.000.000 empty rows, a shared-strings bomb
(5.000.000 empty strings), the billion laughs and an external entity. Each case
runs in a fresh subprocess, so its peak RSS is its own:

- ``openpyxl``: load_workbook (read-only) and iterating every row of the data
  sheets, nothing else: the floor under our reading;
- ``baca``: ``baca_rencana_aksi``, the whole reading and checking, which writes
  nothing (median of ``--repeat`` runs);
- ``RSS``: the process's peak, in MB, after the runs (about 110 MB is Django and
  openpyxl loaded).

With ``--tulis`` the valid plan is also imported end to end
(``rencana_aksi_impor``: reading, checking and writing, as the upload page and
the command do), twice: into the empty year (every item created), then the same
file again (every item unchanged). Each import prints its time, the SQL queries
it ran and its counts; ``tulis`` is its time less the ``baca`` median, the part
spent inside the transaction. ``--profil`` runs the first import under cProfile
and prints the functions with the most cumulative time (cProfile slows it).
``--tulis`` also runs the ``sintetis`` case: the synthetic office of ``_siap``
(every unit's four quarters approved) imports its own plan again, which renders
every approved report before and after the write, then the plan with one target
changed, which is refused.

Run under ``tests/with_postgres.sh`` the whole benchmark uses that throwaway
PostgreSQL server instead of a SQLite file (``_siap.sambung``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.dont_write_bytecode = True

import _siap  # noqa: E402  (puts the repository on sys.path)

SLUG, UNIT, TAHUN = "impor-besar", "seksi", 2024
KASUS = ["sah", "dimensi-penuh", "sejuta-baris-kosong", "bom-teks", "bom-entitas"]
KASUS += ["entitas-luar"]
# With --tulis: the synthetic office with every quarter approved (_anak_sintetis).
KASUS_TULIS = ["sintetis"]


def _rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _berkas(nama: str, ta, baris: int) -> bytes:
    from tests import xlsx_util

    sah = xlsx_util.rencana_besar(ta, baris, UNIT)
    if nama == "sah":
        return sah
    kecil = xlsx_util.rencana_besar(ta, 3, UNIT)
    return {
        "dimensi-penuh": lambda: xlsx_util.dimensi_penuh(
            xlsx_util.rencana_besar(ta, 300, UNIT)
        ),
        "sejuta-baris-kosong": lambda: xlsx_util.baris_kosong(kecil, 1_000_000),
        "bom-teks": lambda: xlsx_util.bom_teks(kecil, 5_000_000),
        "bom-entitas": lambda: xlsx_util.bom_entitas(kecil),
        "entitas-luar": lambda: xlsx_util.entitas_luar(kecil),
    }[nama]()


def _iterasi_openpyxl(isi: bytes) -> float:
    from openpyxl import load_workbook

    from reports.rencana_aksi import LEMBAR_DATA

    mulai = time.perf_counter()
    wb = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    for nama in LEMBAR_DATA:
        for _ in wb[nama].iter_rows(values_only=True):
            pass
    wb.close()
    return time.perf_counter() - mulai


def _anak(
    nama: str, direktori: Path, baris: int, ulang: int, tulis: bool, profil: bool
) -> None:
    _siap.sambung(direktori)
    from reports.models import TahunAnggaran
    from reports.rencana_aksi import (
        RencanaAksiTidakValid,
        baca_rencana_aksi,
        rencana_aksi_impor,
    )

    ta = TahunAnggaran.objects.select_related("opd").get(opd__slug=SLUG, tahun=TAHUN)
    isi = _berkas(nama, ta, baris)
    hasil: dict = {"kasus": nama, "kb": len(isi) / 1024, "pesan": ""}
    hasil["openpyxl"] = _iterasi_openpyxl(isi) if nama == "sah" else None
    detik = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        try:
            baca_rencana_aksi(isi, tahun_anggaran=ta)
        except RencanaAksiTidakValid as salah:
            hasil["pesan"] = f"{len(salah.galat)} galat: {salah.galat[0]}"
        except Exception as exc:  # the probe's finding: a bare 500
            hasil["pesan"] = f"500: {type(exc).__name__}: {exc}"[:200]
        detik.append(time.perf_counter() - mulai)
    hasil["baca"] = statistics.median(detik)
    hasil["rss"] = _rss_mb()
    if tulis and nama == "sah":
        hasil["impor"] = [
            _impor(rencana_aksi_impor, ta, isi, "tahun kosong", profil),
            _impor(rencana_aksi_impor, ta, isi, "berkas yang sama lagi", False),
        ]
        hasil["rss"] = _rss_mb()
    print(json.dumps(hasil))


def _anak_sintetis(direktori: Path) -> None:
    """The cost of keeping approved quarters unchanged: the synthetic office, with
    every unit's four quarters approved, imports its own plan again (every
    report rendered before and after the write), then the plan with one target
    changed (refused)."""
    _siap.sambung(direktori)
    from openpyxl import load_workbook

    from reports.models import LaporanTriwulan
    from reports.rencana_aksi import (
        baca_rencana_aksi,
        rencana_aksi_impor,
        templat_rencana_aksi,
    )

    ta = _siap.kantor_sintetis(slug="impor-sintetis", nama="Dinas Impor Sintetis")
    isi = templat_rencana_aksi(ta, isi=True)
    wb = load_workbook(io.BytesIO(isi))
    for kolom in ("G", "H"):  # the yearly target and TW I's: still adding up
        wb["Indikator"][f"{kolom}2"] = wb["Indikator"][f"{kolom}2"].value + 1
    keluaran = io.BytesIO()
    wb.save(keluaran)
    mulai = time.perf_counter()
    baca_rencana_aksi(isi, tahun_anggaran=ta)
    disetujui = LaporanTriwulan.objects.filter(
        tahun_anggaran=ta, status=LaporanTriwulan.Status.DISETUJUI
    ).count()
    hasil = {
        "kasus": "sintetis",
        "kb": len(isi) / 1024,
        "openpyxl": None,
        "baca": time.perf_counter() - mulai,
        "pesan": f"{disetujui} laporan disetujui",
        "impor": [
            _impor(rencana_aksi_impor, ta, isi, "sintetis, rencana yang sama", False),
            _impor(
                rencana_aksi_impor,
                ta,
                keluaran.getvalue(),
                "sintetis, satu target diubah",
                False,
            ),
        ],
        "rss": _rss_mb(),
    }
    print(json.dumps(hasil))


def _impor(impor, ta, isi: bytes, judul: str, profil: bool) -> dict:
    """One whole import, timed, with its SQL queries counted; a refused one with
    its first error."""
    from django.db import connection

    from reports.rencana_aksi import RencanaAksiTidakValid

    kueri = 0

    def hitung(execute, sql, params, many, context):
        nonlocal kueri
        kueri += 1
        return execute(sql, params, many, context)

    profiler = cProfile.Profile() if profil else None
    with connection.execute_wrapper(hitung):
        mulai = time.perf_counter()
        if profiler:
            profiler.enable()
        try:
            hasil = impor(user=None, tahun_anggaran=ta, berkas=isi)
        except RencanaAksiTidakValid as salah:
            hasil = salah
        if profiler:
            profiler.disable()
        detik = time.perf_counter() - mulai
    keluaran = {"judul": judul, "detik": detik, "kueri": kueri}
    if isinstance(hasil, RencanaAksiTidakValid):
        keluaran["ditolak"] = f"{len(hasil.galat)} galat: {hasil.galat[0]}"[:300]
    else:
        keluaran["hitungan"] = [hasil.dibuat, hasil.diubah, hasil.tetap]
    if profiler:
        teks = io.StringIO()
        pstats.Stats(profiler, stream=teks).sort_stats("cumulative").print_stats(25)
        keluaran["profil"] = teks.getvalue()
    return keluaran


def _siapkan() -> None:
    from tests.conftest import make_opd, make_tahun, make_unit

    opd = make_opd(SLUG)
    make_unit(opd, UNIT)
    make_tahun(opd, TAHUN)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baris", type=int, default=5000, help="rows per sheet")
    parser.add_argument("--repeat", type=int, default=3, help="timed readings")
    parser.add_argument(
        "--kasus", choices=KASUS + KASUS_TULIS, help="run only this case"
    )
    parser.add_argument("--tulis", action="store_true", help="import the plan too")
    parser.add_argument(
        "--profil", action="store_true", help="profile the first import (with --tulis)"
    )
    parser.add_argument("--anak", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.anak == "sintetis":
        _anak_sintetis(args.db)
        return
    if args.anak:
        _anak(args.anak, args.db, args.baris, args.repeat, args.tulis, args.profil)
        return

    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    print(
        f"impor.py  {date.today().isoformat()}  Python {platform.python_version()}"
        f"  {os.cpu_count()} CPUs  {args.baris} rows per sheet"
        f"  {'PostgreSQL' if postgres else 'SQLite'}"
    )
    with _siap.basis_data() as direktori:
        _siapkan()
        from django.db import connections

        connections.close_all()
        hasil = []
        kasus = [args.kasus] if args.kasus else list(KASUS)
        if args.tulis and not args.kasus:
            kasus += KASUS_TULIS
        for nama in kasus:
            keluar = subprocess.run(
                [
                    sys.executable,
                    "-B",
                    __file__,
                    *("--anak", nama, "--db", str(direktori)),
                    *("--baris", str(args.baris), "--repeat", str(args.repeat)),
                    *(["--tulis"] if args.tulis else []),
                    *(["--profil"] if args.profil else []),
                ],
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
            hasil.append(json.loads(keluar.stdout.strip().splitlines()[-1]))
            print(f"  {nama}: done", flush=True)
    print(f"\n{'case':<20} {'KB':>7} {'openpyxl s':>10} {'baca s':>8} {'RSS MB':>7}")
    for h in hasil:
        floor = "-" if h["openpyxl"] is None else f"{h['openpyxl']:.2f}"
        print(
            f"{h['kasus']:<20} {h['kb']:>7.0f} {floor:>10} {h['baca']:>8.2f}"
            f" {h['rss']:>7.0f}"
        )
    print("\nWhat each case answered:")
    for h in hasil:
        print(f"  {h['kasus']}: {h['pesan'] or 'valid'}")
    for h in hasil:
        for i in h.get("impor", []):
            if "ditolak" in i:
                akhir = f"refused: {i['ditolak']}"
            else:
                akhir = "{} dibuat, {} diubah, {} tetap".format(*i["hitungan"])
            print(
                f"\nWhole import, {i['judul']}: {i['detik']:.1f} s (tulis ~"
                f"{max(i['detik'] - h['baca'], 0):.1f} s), {i['kueri']} queries; "
                + akhir
            )
            if "profil" in i:
                print(i["profil"])


if __name__ == "__main__":
    main()
