"""SQL queries of each report page, at a small and a large size of data.

    .venv/bin/python bench/kueri.py [--repeat N]

Synthetic offices in a throwaway database. Small: a head and one unit with one sub
kegiatan and 3 indicators. Large: for the unit pages, a unit with 40 sub kegiatan
and 120 indicators; for the office pages, a kabupaten-size office (20 units, 40
sub kegiatan, 120 indicators). Each page is requested through the Django test client,
once to warm up and then ``N`` times; the queries of the first measured request are
counted with CaptureQueriesContext. A page whose count differs between the sizes
reads something per row: the queries whose number differs are printed.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from datetime import date

sys.dont_write_bytecode = True

import _siap  # noqa: E402  (puts the repository on sys.path)

KECIL = {"slug": "kueri-kecil", "nama": "Kantor Kecil", "unit": 2, "sub_kegiatan": 1}
BESAR = {
    # for the unit pages: all 120 indicators in one unit
    "unit": {"slug": "kueri-unit", "nama": "Kantor Satu Unit", "unit": 2},
    # for the office pages: a kabupaten-size office
    "opd": {"slug": "kueri-besar", "nama": "Dinas Besar"},
}
TAHUN, TRIWULAN = 2024, 4

# (url name, level, who asks): "admin" is a superuser, "operator" the unit's own.
HALAMAN = [
    ("unit_triwulan", "unit", "admin"),
    ("isian", "unit", "operator"),
    ("laporan_unit", "unit", "admin"),
    ("laporan_unit_xlsx", "unit", "admin"),
    ("laporan_opd", "opd", "admin"),
    ("laporan_opd_xlsx", "opd", "admin"),
    ("bundel_xlsx", "opd", "admin"),
]


def _siapkan(spesifikasi: dict, admin) -> dict:
    """An office, the unit with the most indicators, and clients for both users."""
    from django.db.models import Count
    from django.test import Client

    from reports.models import UnitKerja
    from tests.conftest import make_user

    ta = _siap.kantor_sintetis(**spesifikasi)
    unit = (
        UnitKerja.objects.filter(opd=ta.opd)
        .annotate(n=Count("indikator"))
        .order_by("-n", "urutan")
        .first()
    )
    operator = make_user(
        f"operator-{ta.opd.slug}", opd=ta.opd, unit=unit, peran="operator"
    )
    klien = {"admin": Client(), "operator": Client()}
    klien["admin"].force_login(admin)
    klien["operator"].force_login(operator)
    return {
        "ta": ta,
        "unit": unit,
        "indikator_unit": unit.n,
        "indikator": ta.indikator.count(),
        "jumlah_unit": ta.opd.unit_kerja.count(),
        "klien": klien,
    }


def _url(nama: str, tingkat: str, data: dict) -> str:
    from django.urls import reverse

    kw = {"opd": data["ta"].opd.slug, "tahun": TAHUN, "triwulan": TRIWULAN}
    if tingkat == "unit":
        kw["unit"] = data["unit"].slug
    return reverse(f"reports:{nama}", kwargs=kw)


def _minta(klien, url: str, ulang: int) -> tuple[list[str], float]:
    """The SQL of one request of ``url`` (after a warm-up) and the median
    seconds of ``ulang`` requests."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    respons = klien.get(url)
    if respons.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {respons.status_code}")
    detik = []
    sql: list[str] = []
    for n in range(ulang):
        with CaptureQueriesContext(connection) as kueri:
            mulai = time.perf_counter()
            klien.get(url)
            detik.append(time.perf_counter() - mulai)
        if n == 0:
            sql = [q["sql"] for q in kueri.captured_queries]
    return sql, statistics.median(detik)


def _bentuk(sql: str) -> str:
    """A query with its values taken out, so that one query per row shows as the
    same shape repeated."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(?:\.\d+)?\b", "?", sql)
    return re.sub(r"IN \((?:\?, )*\?\)", "IN (...)", sql)


def _tabel(kepala: list[str], baris: list[list[str]]) -> None:
    lebar = [max(len(x) for x in kolom) for kolom in zip(kepala, *baris, strict=True)]
    for i, b in enumerate([kepala, ["-" * w for w in lebar], *baris]):
        print(
            "  ".join(
                x.ljust(w) if k == 0 or i == 1 else x.rjust(w)
                for k, (x, w) in enumerate(zip(b, lebar, strict=True))
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed requests")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    print(f"kueri.py  {date.today().isoformat()}  TW {TRIWULAN} {TAHUN}")
    with _siap.basis_data():
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser(
            "bench-admin", password="bench-only"
        )
        kecil = _siapkan(KECIL, admin)
        ukuran = {
            "small": {"unit": kecil, "opd": kecil},
            "large": {t: _siapkan(s, admin) for t, s in BESAR.items()},
        }
        for label, d in ukuran.items():
            print(
                f"  {label}: unit pages {d['unit']['indikator_unit']} indicators "
                f"(unit '{d['unit']['unit'].slug}'); office pages "
                f"{d['opd']['jumlah_unit']} units, {d['opd']['indikator']} indicators"
            )

        baris, tumbuh = [], []
        for nama, tingkat, siapa in HALAMAN:
            hasil = {}
            for label, d in ukuran.items():
                data = d[tingkat]
                hasil[label] = _minta(
                    data["klien"][siapa], _url(nama, tingkat, data), args.repeat
                )
            (sql_k, dt_k), (sql_b, dt_b) = hasil["small"], hasil["large"]
            beda = len(sql_k) != len(sql_b)
            baris.append(
                [
                    nama,
                    str(len(sql_k)),
                    str(len(sql_b)),
                    "YES" if beda else "no",
                    f"{dt_k * 1000:.0f}",
                    f"{dt_b * 1000:.0f}",
                ]
            )
            if beda:
                tumbuh.append((nama, Counter(map(_bentuk, sql_k)), sql_b))

    print(f"\nQueries per request (time: median of {args.repeat} requests)")
    _tabel(
        ["page", "q small", "q large", "differs", "ms small", "ms large"],
        baris,
    )
    for nama, bentuk_kecil, sql_besar in tumbuh:
        bentuk_besar = Counter(map(_bentuk, sql_besar))
        print(f"\n{nama}: queries whose number grows with the data")
        for bentuk, n in bentuk_besar.most_common():
            if n != bentuk_kecil.get(bentuk, 0):
                contoh = next(q for q in sql_besar if _bentuk(q) == bentuk)
                print(f"  {bentuk_kecil.get(bentuk, 0)} -> {n} times: {contoh}")


if __name__ == "__main__":
    main()
