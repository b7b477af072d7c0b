"""The NIP of a civil servant (Nomor Induk Pegawai, PP 11/2017 and BKN rules).

Printed in groups, "19671114 199003 1 004"; stored as its 18 digits:

- 1-8: date of birth, YYYYMMDD;
- 9-14: the month of appointment as CPNS (TMT), YYYYMM;
- 15: sex, 1 (laki-laki) or 2 (perempuan);
- 16-18: a serial number, 001-999.

Pure Python, no Django: the model field and every form use it, so the admin, the
planner pages and the demo data accept and refuse the same NIPs with the same
Indonesian messages.
"""

from __future__ import annotations

import datetime as dt

PANJANG = 18
# Nobody in service was born before this year; an earlier year is a typing slip.
TAHUN_LAHIR_PALING_AWAL = 1920
# The youngest age at which one is appointed CPNS.
USIA_MINIMAL_CPNS = 18


def normalkan(teks: str) -> str:
    """The NIP without the spaces it is printed with."""
    return "".join(teks.split())


def _tanggal(tahun: int, bulan: int, hari: int) -> dt.date | None:
    try:
        return dt.date(tahun, bulan, hari)
    except ValueError:
        return None


def periksa(nip: str, *, hari_ini: dt.date) -> None:
    """Raise ``ValueError`` with the message to show when ``nip`` (already without
    spaces) cannot be a NIP: a wrong length, a letter, an impossible birth date or
    TMT, a TMT before the age of 18 or after ``hari_ini``, or a wrong sex digit."""
    if not nip.isdigit():
        raise ValueError(
            "NIP hanya berisi angka (boleh dipisah spasi, mis. 19671114 199003 1 004)."
        )
    if len(nip) != PANJANG:
        raise ValueError(
            f"NIP terdiri atas {PANJANG} angka; yang diisi {len(nip)} angka."
        )
    lahir = _tanggal(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    if lahir is None or not TAHUN_LAHIR_PALING_AWAL <= lahir.year <= hari_ini.year:
        raise ValueError(
            f"Delapan angka pertama NIP adalah tanggal lahir (tahun, bulan, tanggal); "
            f"{nip[0:8]} bukan tanggal lahir yang mungkin."
        )
    tmt = _tanggal(int(nip[8:12]), int(nip[12:14]), 1)
    if tmt is None or tmt > hari_ini:
        raise ValueError(
            f"Angka ke-9 sampai ke-14 NIP adalah bulan pengangkatan CPNS (tahun, "
            f"bulan); {nip[8:14]} bukan bulan yang mungkin."
        )
    if (tmt.year, tmt.month) < (lahir.year + USIA_MINIMAL_CPNS, lahir.month):
        raise ValueError(
            f"Menurut NIP, pengangkatan CPNS ({nip[12:14]}/{nip[8:12]}) terjadi "
            f"sebelum usia {USIA_MINIMAL_CPNS} tahun (lahir {lahir:%d/%m/%Y}); "
            "periksa kembali NIP."
        )
    if nip[14] not in "12":
        raise ValueError(
            "Angka ke-15 NIP adalah jenis kelamin: 1 (laki-laki) atau 2 (perempuan)."
        )
    if nip[15:] == "000":
        raise ValueError("Tiga angka terakhir NIP adalah nomor urut, 001 sampai 999.")


def tampil(nip: str) -> str:
    """The NIP in its printed groups: 19710502 201410 1 002."""
    if len(nip) != PANJANG:
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
