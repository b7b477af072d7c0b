"""The NIP rules, without a database: ``pytest -p no:django tests/test_nip.py``."""

import datetime as dt

import pytest

from reports import nip

HARI_INI = dt.date(2024, 7, 1)


def salah(teks: str) -> str:
    with pytest.raises(ValueError) as exc:
        nip.periksa(nip.normalkan(teks), hari_ini=HARI_INI)
    return str(exc.value)


def test_a_printed_nip_loses_its_spaces_and_passes():
    teks = nip.normalkan(" 19671114 199003 1 004 ")
    assert teks == "196711141990031004"
    nip.periksa(teks, hari_ini=HARI_INI)
    assert nip.tampil(teks) == "19671114 199003 1 004"


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("19671114 199003 1 0O4", "hanya berisi angka"),
        ("191025 199802 1 004", "18 angka; yang diisi 16"),
        ("19649949 198703 1 010", "19649949 bukan tanggal lahir"),
        ("19670230 199003 1 004", "19670230 bukan tanggal lahir"),
        ("18991114 199003 1 004", "18991114 bukan tanggal lahir"),
        ("19671114 199013 1 004", "199013 bukan bulan yang mungkin"),
        ("19671114 202408 1 004", "202408 bukan bulan yang mungkin"),
        ("19671114 198411 1 004", "sebelum usia 18 tahun"),
        ("19671114 199003 3 004", "jenis kelamin"),
        ("19671114 199003 1 000", "nomor urut"),
    ],
)
def test_an_impossible_nip_says_why(teks, pesan):
    assert pesan in salah(teks)


def test_appointment_in_the_month_of_the_eighteenth_birthday_is_possible():
    nip.periksa("196711141985111004", hari_ini=HARI_INI)
