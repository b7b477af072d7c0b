from django.urls import include, path

from reports import views

app_name = "reports"

laporan = [
    path("", views.unit_triwulan, name="unit_triwulan"),
    path("isi/", views.isian, name="isian"),
    path("isi/hitung/", views.hitung, name="hitung"),
    path("reviu/", views.reviu, name="reviu"),
    path("riwayat/", views.riwayat, name="riwayat"),
]

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("bukti/<int:pk>/", views.bukti, name="bukti"),
    path("<slug:opd>/<slug:unit>/<int:tahun>/tw<int:triwulan>/", include(laporan)),
]

urlpatterns += [
    path(
        "<slug:opd>/<int:tahun>/rencana-aksi/",
        views.impor_rencana_aksi,
        name="rencana_aksi",
    ),
    path(
        "<slug:opd>/<int:tahun>/rencana-aksi/unduh/",
        views.unduh_rencana_aksi,
        name="rencana_aksi_unduh",
    ),
]
