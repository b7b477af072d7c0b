from django.db import migrations, models


def salin_dasar(apps, schema_editor):
    TahunAnggaran = apps.get_model("reports", "TahunAnggaran")
    TahunAnggaran.objects.update(dasar_keuangan=models.F("dasar_kinerja"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_nip_tmp")]

    operations = [
        migrations.RenameField("tahunanggaran", "dasar_capaian", "dasar_kinerja"),
        migrations.AddField(
            model_name="tahunanggaran",
            name="dasar_keuangan",
            field=models.CharField(default="triwulan", max_length=20),
        ),
        migrations.RunPython(salin_dasar, migrations.RunPython.noop),
    ]
