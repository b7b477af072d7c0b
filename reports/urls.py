from django.urls import include, path

from reports import views

app_name = "reports"

laporan = [
    path("", views.unit_triwulan, name="unit_triwulan"),
    path("isi/", views.isian, name="isian"),
    path("isi/hitung/", views.hitung, name="hitung"),
    path("reviu/", views.reviu, name="reviu"),
    path("riwayat/", views.riwayat, name="riwayat"),
    path("laporan/", views.laporan_unit, name="laporan_unit"),
    path("laporan/pdf/", views.laporan_unit_pdf, name="laporan_unit_pdf"),
    path("laporan/xlsx/", views.laporan_unit_xlsx, name="laporan_unit_xlsx"),
]

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("bukti/<int:pk>/", views.bukti, name="bukti"),
    path("<slug:opd>/<slug:unit>/<int:tahun>/tw<int:triwulan>/", include(laporan)),
]
