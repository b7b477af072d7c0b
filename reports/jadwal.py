"""Reporting deadlines: when a quarter ends and when its report is due.

Pure date arithmetic, no Django: a report is due a number of working days after
the quarter ends (seed 003: five), where Saturdays, Sundays and the listed holidays
are not working days.
"""

from __future__ import annotations

import calendar
from collections.abc import Container
from datetime import date, datetime, timedelta
from enum import StrEnum


class Ketepatan(StrEnum):
    """How a report stands against its deadline."""

    BELUM_JATUH_TEMPO = "belum_jatuh_tempo"  # not yet due, not yet submitted
    TEPAT_WAKTU = "tepat_waktu"
    TERLAMBAT = "terlambat"  # submitted after the deadline
    LEWAT_TENGGAT = "lewat_tenggat"  # due, and still not submitted


def akhir_triwulan(tahun: int, triwulan: int) -> date:
    if not 1 <= triwulan <= 4:
        raise ValueError(f"triwulan must be 1..4, got {triwulan}")
    bulan = triwulan * 3
    return date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def hari_kerja(tanggal: date, libur: Container[date] = ()) -> bool:
    return tanggal.weekday() < 5 and tanggal not in libur


def tenggat(
    *, tahun: int, triwulan: int, hari: int, libur: Container[date] = ()
) -> date:
    """The last day to submit: the ``hari``-th working day after the quarter ends
    (the quarter's last day itself when ``hari`` is 0)."""
    tanggal = akhir_triwulan(tahun, triwulan)
    sisa = hari
    while sisa > 0:
        tanggal += timedelta(days=1)
        if hari_kerja(tanggal, libur):
            sisa -= 1
    return tanggal


def ketepatan(
    *, batas: date, diajukan_pada: datetime | date | None, hari_ini: date
) -> Ketepatan:
    """Judge a report by its first submission (a date in the office's time zone)."""
    if diajukan_pada is None:
        return (
            Ketepatan.LEWAT_TENGGAT if hari_ini > batas else Ketepatan.BELUM_JATUH_TEMPO
        )
    tanggal = (
        diajukan_pada.date() if isinstance(diajukan_pada, datetime) else diajukan_pada
    )
    return Ketepatan.TERLAMBAT if tanggal > batas else Ketepatan.TEPAT_WAKTU
