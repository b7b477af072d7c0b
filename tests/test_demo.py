"""The demo set-up that `make run` performs."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings

from reports import models
from reports.management.commands.siapkan_demo import AKUN_DEMO, KATA_SANDI
from tests.conftest import DEMO, ROOT


def test_demo_fixture_is_the_build_of_the_data_files(tmp_path):
    keluar = tmp_path / "demo.json"
    subprocess.run(
        [sys.executable, str(ROOT / "fixtures" / "build.py"), "-o", str(keluar)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    assert keluar.read_bytes() == DEMO.read_bytes(), (
        "fixtures/demo.json is stale: run `make fixtures`"
    )


@pytest.mark.django_db
def test_demo_command_refuses_to_print_passwords_without_debug():
    with pytest.raises(CommandError):
        call_command("siapkan_demo", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
@override_settings(DEBUG=True)
def test_demo_command_loads_an_empty_database_and_prints_working_accounts():
    call_command("flush", interactive=False, verbosity=0)
    out = io.StringIO()
    call_command("siapkan_demo", stdout=out)
    teks = out.getvalue()
    assert "Data demo dimuat" in teks
    assert models.PerangkatDaerah.objects.count() == 3  # Kalaena, Lumajang, Towuti
    for akun in AKUN_DEMO:
        assert akun.username in teks
        masuk = RequestFactory().post("/akun/login/")
        assert (
            authenticate(masuk, username=akun.username, password=KATA_SANDI) is not None
        )
    assert KATA_SANDI in teks

    again = io.StringIO()
    call_command("siapkan_demo", stdout=again)
    assert "tidak dimuat ulang" in again.getvalue()
    assert models.PerangkatDaerah.objects.count() == 3  # Kalaena, Lumajang, Towuti
