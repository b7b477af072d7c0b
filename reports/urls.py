from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path(
        "<slug:opd>/<slug:unit>/<int:tahun>/tw<int:triwulan>/",
        views.unit_triwulan,
        name="unit_triwulan",
    ),
]
