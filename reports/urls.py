from django.urls import include, path

from reports import views, views_kantor

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

OPD, BUNDEL = {"jenis": "opd"}, {"jenis": "bundel"}
kantor = [
    path("", views.laporan_opd, name="laporan_opd"),
    path("xlsx/", views.laporan_opd_xlsx, OPD, name="laporan_opd_xlsx"),
    path("pdf/", views.ekspor_buat, OPD, name="laporan_opd_pdf"),
    path("bundel/xlsx/", views.laporan_opd_xlsx, BUNDEL, name="bundel_xlsx"),
    path("bundel/pdf/", views.ekspor_buat, BUNDEL, name="bundel_pdf"),
    path("isian/", views_kantor.kantor_isian, name="kantor_isian"),
    path("iku/", views_kantor.kantor_iku, name="kantor_iku"),
    path("ikm/", views_kantor.kantor_ikm, name="kantor_ikm"),
    path("pendapatan/", views_kantor.kantor_pendapatan, name="kantor_pendapatan"),
    path(
        "tindak-lanjut/",
        views_kantor.kantor_tindak_lanjut,
        name="kantor_tindak_lanjut",
    ),
]

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("ekspor/<int:pk>/", views.ekspor_status, name="ekspor_status"),
    path("ekspor/<int:pk>/unduh/", views.ekspor_unduh, name="ekspor_unduh"),
    path("<slug:opd>/<int:tahun>/tw<int:triwulan>/laporan/", include(kantor)),
    path("bukti/<int:pk>/", views.bukti, name="bukti"),
    path("<slug:opd>/<slug:unit>/<int:tahun>/tw<int:triwulan>/", include(laporan)),
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
