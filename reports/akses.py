"""Who may see what.

A user belongs to one office (OPD) and never sees another office's data. Within it,
a planner (perencana) and an examiner (pemeriksa) see every unit; an operator or a
superior (atasan) sees their own unit and the units below it. The site administrator
sees all.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from reports.models import Pengguna, PerangkatDaerah, UnitKerja

User = AbstractBaseUser | AnonymousUser

PERAN_SELURUH_OPD = {Pengguna.Peran.PERENCANA, Pengguna.Peran.PEMERIKSA}


def pengguna_dari(user: User) -> Pengguna | None:
    if not user.is_authenticated:
        return None
    try:
        return user.pengguna
    except Pengguna.DoesNotExist:
        return None


def unit_dan_bawahan(unit: UnitKerja) -> set[int]:
    """The ids of a unit and every unit below it, from one query over its office."""
    anak: dict[int | None, list[int]] = {}
    for pk, atasan_id in UnitKerja.objects.filter(opd_id=unit.opd_id).values_list(
        "pk", "atasan_id"
    ):
        anak.setdefault(atasan_id, []).append(pk)
    hasil, antrean = set(), [unit.pk]
    while antrean:
        pk = antrean.pop()
        if pk not in hasil:
            hasil.add(pk)
            antrean.extend(anak.get(pk, []))
    return hasil


def unit_terlihat(user: User) -> QuerySet[UnitKerja]:
    """The units whose reports ``user`` may read."""
    semua = UnitKerja.objects.select_related("opd__pemda", "kepala", "atasan")
    if user.is_authenticated and user.is_superuser:
        return semua
    pengguna = pengguna_dari(user)
    if pengguna is None:
        return semua.none()
    if pengguna.peran in PERAN_SELURUH_OPD:
        return semua.filter(opd_id=pengguna.opd_id)
    if pengguna.unit_kerja_id is None:
        return semua.none()
    return semua.filter(pk__in=unit_dan_bawahan(pengguna.unit_kerja))


def boleh_isi(user: User, unit: UnitKerja) -> bool:
    """Whether ``user`` enters and submits the reports of ``unit``: its own head or
    operator (an atasan is the head of their own unit too)."""
    pengguna = pengguna_dari(user)
    return (
        pengguna is not None
        and pengguna.peran in {Pengguna.Peran.OPERATOR, Pengguna.Peran.ATASAN}
        and pengguna.unit_kerja_id == unit.pk
    )


def boleh_reviu(user: User, unit: UnitKerja) -> bool:
    """Whether ``user`` reviews the reports of ``unit``: its direct superior (atasan
    langsung), who never reviews their own unit's report."""
    pengguna = pengguna_dari(user)
    return (
        pengguna is not None
        and pengguna.peran == Pengguna.Peran.ATASAN
        and unit.atasan_id is not None
        and unit.atasan_id == pengguna.unit_kerja_id
    )


def boleh_buka_kembali(user: User, unit: UnitKerja) -> bool:
    """Whether ``user`` reopens an approved report of ``unit``: its superior; for
    the office head's own report, which has no superior in the office, the head
    (whoever enters it)."""
    if unit.atasan_id is None:
        return boleh_isi(user, unit)
    return boleh_reviu(user, unit)


def boleh_lihat_opd(user: User, opd_id: int) -> bool:
    """Whether ``user`` reads the office's own report and the bundle of its unit
    reports: the planner and the examiner of the office, and its head (the unit with
    no superior, e.g. the camat)."""
    if user.is_authenticated and user.is_superuser:
        return True
    pengguna = pengguna_dari(user)
    if pengguna is None or pengguna.opd_id != opd_id:
        return False
    if pengguna.peran in PERAN_SELURUH_OPD:
        return True
    unit = pengguna.unit_kerja
    return unit is not None and unit.atasan_id is None


def boleh_kelola_kantor(user: User, opd: PerangkatDaerah) -> bool:
    """Whether ``user`` keeps the office's own data of ``opd``: imports its Rencana
    Aksi and enters what only the office report holds (IKU sources and analysis,
    the IKM survey, revenue, the follow-up matrix, the report's texts). Its
    planner, or the site administrator."""
    if user.is_authenticated and user.is_superuser:
        return True
    pengguna = pengguna_dari(user)
    return (
        pengguna is not None
        and pengguna.peran == Pengguna.Peran.PERENCANA
        and pengguna.opd_id == opd.pk
    )
