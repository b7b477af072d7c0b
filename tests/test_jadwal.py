"""Report deadlines, without a database."""

from datetime import date, datetime

import pytest

from reports.jadwal import Ketepatan, akhir_triwulan, ketepatan, tenggat


def test_quarters_end_on_their_last_day():
    assert [akhir_triwulan(2024, tw) for tw in (1, 2, 3, 4)] == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
    ]
    with pytest.raises(ValueError):
        akhir_triwulan(2024, 5)


def test_five_working_days_skip_weekends_and_holidays():
    # 30 June 2024 is a Sunday: 1-5 July are the five working days.
    assert tenggat(tahun=2024, triwulan=2, hari=5) == date(2024, 7, 5)
    # 30 September 2024 is a Monday; the weekend of 5-6 October is skipped.
    assert tenggat(tahun=2024, triwulan=3, hari=5) == date(2024, 10, 7)
    assert tenggat(tahun=2024, triwulan=3, hari=5, libur={date(2024, 10, 2)}) == date(
        2024, 10, 8
    )
    # Across the new year, with 1 January off.
    assert tenggat(tahun=2024, triwulan=4, hari=5, libur={date(2025, 1, 1)}) == date(
        2025, 1, 8
    )
    assert tenggat(tahun=2024, triwulan=3, hari=0) == date(2024, 9, 30)


def test_a_report_is_judged_by_its_first_submission():
    batas = date(2024, 7, 5)
    assert ketepatan(batas=batas, diajukan_pada=None, hari_ini=batas) == (
        Ketepatan.BELUM_JATUH_TEMPO
    )
    assert ketepatan(batas=batas, diajukan_pada=None, hari_ini=date(2024, 7, 6)) == (
        Ketepatan.LEWAT_TENGGAT
    )
    assert (
        ketepatan(
            batas=batas, diajukan_pada=datetime(2024, 7, 5, 23, 59), hari_ini=batas
        )
        == Ketepatan.TEPAT_WAKTU
    )
    assert (
        ketepatan(
            batas=batas, diajukan_pada=date(2024, 7, 8), hari_ini=date(2024, 7, 8)
        )
        == Ketepatan.TERLAMBAT
    )
