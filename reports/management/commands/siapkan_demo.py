"""Load the demo data (once) and create the demo accounts; print the accounts.

Used by ``make run``. Refuses to run with DEBUG off: demo passwords are printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reports.models import Pengguna, PerangkatDaerah, UnitKerja

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo.json"
KATA_SANDI = "lakip-demo"


@dataclass(frozen=True)
class AkunDemo:
    username: str
    nama: str
    opd: str
    unit: str | None
    peran: str
    admin: bool = False


AKUN_DEMO = [
    AkunDemo(
        "admin", "Administrator LAKIP", "kalaena", None, Pengguna.Peran.PERENCANA, True
    ),
    AkunDemo(
        "kasi.trantib", "Sumange Rukka", "kalaena", "trantib", Pengguna.Peran.OPERATOR
    ),
    AkunDemo("camat.kalaena", "Marsuki", "kalaena", "camat", Pengguna.Peran.ATASAN),
    # The office's planner: the Rencana Aksi import and the office report's own data.
    AkunDemo(
        "perencana.kalaena",
        "Perencana Kecamatan Kalaena",
        "kalaena",
        None,
        Pengguna.Peran.PERENCANA,
    ),
    AkunDemo(
        "sekretaris.satpolpp",
        "Agus Dwi Koranto",
        "satpolpp-lumajang",
        "sekretariat",
        Pengguna.Peran.ATASAN,
    ),
    AkunDemo(
        "kasubag.umum.satpolpp",
        "Agus Triastutik",
        "satpolpp-lumajang",
        "subbag-umum-kepegawaian",
        Pengguna.Peran.OPERATOR,
    ),
]


class Command(BaseCommand):
    help = "Memuat data demo (sekali) dan membuat akun demo, lalu mencetak daftar akun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--paksa",
            action="store_true",
            help="Jalankan walaupun DEBUG mati (jangan di server produksi).",
        )

    def handle(self, *args, paksa: bool = False, **options) -> None:
        if not settings.DEBUG and not paksa:
            raise CommandError(
                "Akun demo memakai kata sandi yang dicetak; perintah ini hanya untuk "
                "pengembangan (DEBUG menyala)."
            )
        if PerangkatDaerah.objects.exists():
            self.stdout.write("Data sudah ada; data demo tidak dimuat ulang.")
        else:
            call_command("loaddata", str(FIXTURE), verbosity=0)
            self.stdout.write(f"Data demo dimuat dari {FIXTURE.name}.")
        with transaction.atomic():
            for akun in AKUN_DEMO:
                self._siapkan(akun)
        self._cetak()

    def _siapkan(self, akun: AkunDemo) -> None:
        User = get_user_model()
        user, dibuat = User.objects.get_or_create(username=akun.username)
        if dibuat:
            user.first_name = akun.nama
            user.is_staff = user.is_superuser = akun.admin
            user.set_password(KATA_SANDI)
            user.save()
        opd = PerangkatDaerah.objects.get(slug=akun.opd)
        unit = UnitKerja.objects.get(opd=opd, slug=akun.unit) if akun.unit else None
        Pengguna.objects.update_or_create(
            user=user, defaults={"opd": opd, "unit_kerja": unit, "peran": akun.peran}
        )

    def _cetak(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Akun demo (kata sandi semua akun: {KATA_SANDI})")
        for akun in AKUN_DEMO:
            pengguna = Pengguna.objects.select_related("opd", "unit_kerja").get(
                user__username=akun.username
            )
            if akun.admin:
                peran, tempat = "Administrator", "semua perangkat daerah"
            else:
                peran = pengguna.get_peran_display()
                tempat = pengguna.opd.nama
                if pengguna.unit_kerja is not None:
                    tempat = f"{pengguna.unit_kerja.nama}, {tempat}"
            self.stdout.write(f"  {akun.username:<24} {peran:<24} {tempat}")
        self.stdout.write("")
