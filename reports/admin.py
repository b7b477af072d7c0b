"""The Django admin, in Indonesian: every entity editable by the site administrator."""

from django.contrib import admin

from reports import models


class HanyaLihat:
    """Realisations, reports and their trail change only through the entry and
    review pages, which check the workflow and record every change; the admin
    shows them read-only."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PitaPredikatInline(admin.TabularInline):
    model = models.PitaPredikat
    extra = 0


@admin.register(models.PemerintahDaerah)
class PemerintahDaerahAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "batasi_capaian_rata_rata"]
    prepopulated_fields = {"slug": ["nama"]}
    inlines = [PitaPredikatInline]


@admin.register(models.PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["nama", "pemda", "tempat", "ukuran_kertas"]
    list_filter = ["pemda"]
    search_fields = ["nama", "singkatan"]
    prepopulated_fields = {"slug": ["nama"]}


@admin.register(models.Pejabat)
class PejabatAdmin(admin.ModelAdmin):
    list_display = ["nama", "nip_tampil", "pangkat_golongan", "jabatan", "opd"]
    list_filter = ["opd"]
    search_fields = ["nama", "nip", "jabatan"]

    @admin.display(description="NIP")
    def nip_tampil(self, obj: models.Pejabat) -> str:
        return obj.nip_tampil

    @admin.display(description="pangkat/golongan")
    def pangkat_golongan(self, obj: models.Pejabat) -> str:
        return obj.pangkat_golongan


@admin.register(models.UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "atasan", "kepala", "opd"]
    list_filter = ["opd", "jenis"]
    search_fields = ["nama", "jabatan_kepala"]
    list_select_related = ["atasan", "kepala", "opd"]
    autocomplete_fields = ["atasan", "kepala"]
    prepopulated_fields = {"slug": ["nama"]}


class LaporanOpdInline(admin.StackedInline):
    model = models.LaporanOpd
    extra = 0


class KomposisiPegawaiInline(admin.TabularInline):
    model = models.KomposisiPegawai
    extra = 0
    fields = ["tabel", "urutan", "kelompok", "pendidikan", "jenis_kelamin", "jumlah"]


@admin.register(models.TahunAnggaran)
class TahunAnggaranAdmin(admin.ModelAdmin):
    list_display = [
        "opd",
        "tahun",
        "dasar_kinerja",
        "dasar_keuangan",
        "tenggat_hari_kerja",
    ]
    list_filter = ["opd", "tahun"]
    inlines = [LaporanOpdInline, KomposisiPegawaiInline]


class TargetIKUInline(admin.TabularInline):
    model = models.TargetIKU
    extra = 0


@admin.register(models.IndikatorKinerjaUtama)
class IndikatorKinerjaUtamaAdmin(admin.ModelAdmin):
    list_display = ["nama", "satuan", "sasaran"]
    search_fields = ["nama"]
    inlines = [TargetIKUInline]


class SasaranInline(admin.StackedInline):
    model = models.Sasaran
    extra = 0


@admin.register(models.Tujuan)
class TujuanAdmin(admin.ModelAdmin):
    list_display = ["uraian", "renstra"]
    inlines = [SasaranInline]


class TujuanInline(admin.StackedInline):
    model = models.Tujuan
    extra = 0


@admin.register(models.Renstra)
class RenstraAdmin(admin.ModelAdmin):
    list_display = ["__str__", "dasar_hukum"]
    inlines = [TujuanInline]


@admin.register(models.Sasaran)
class SasaranAdmin(admin.ModelAdmin):
    list_display = ["uraian", "tujuan"]
    search_fields = ["uraian"]


class IndikatorInline(admin.StackedInline):
    model = models.Indikator
    extra = 0
    fields = [
        "nama",
        "satuan",
        "unit_kerja",
        "polaritas",
        "cara_akumulasi",
        "desimal",
        "dari_turunan",
        ("rumus_pembilang", "rumus_penyebut", "rumus_pengali"),
        "target_tahunan",
        ("target_tw1", "target_tw2", "target_tw3", "target_tw4"),
        "urutan",
        ("di_murni", "di_perubahan"),
    ]
    autocomplete_fields = ["unit_kerja"]


class KegiatanInline(admin.TabularInline):
    model = models.Kegiatan
    extra = 0
    fields = ["kode", "nama", "unit_kerja", "urutan", "di_murni", "di_perubahan"]
    show_change_link = True


@admin.register(models.Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "unit_kerja", "tahun_anggaran"]
    list_filter = ["tahun_anggaran"]
    search_fields = ["kode", "nama"]
    list_select_related = ["unit_kerja", "tahun_anggaran__opd"]
    autocomplete_fields = ["unit_kerja", "sasaran"]
    inlines = [KegiatanInline]


class SubKegiatanInline(admin.TabularInline):
    model = models.SubKegiatan
    extra = 0
    fields = ["kode", "nama", "unit_kerja", "urutan", "di_murni", "di_perubahan"]
    show_change_link = True


@admin.register(models.Kegiatan)
class KegiatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "unit_kerja", "program"]
    list_filter = ["program__tahun_anggaran"]
    search_fields = ["kode", "nama"]
    list_select_related = ["unit_kerja", "program"]
    autocomplete_fields = ["unit_kerja", "program"]
    inlines = [SubKegiatanInline]


class AnggaranInline(admin.TabularInline):
    model = models.Anggaran
    extra = 0


class RealisasiAnggaranInline(HanyaLihat, admin.TabularInline):
    model = models.RealisasiAnggaran
    extra = 0
    exclude = ["diubah_oleh", "versi"]


@admin.register(models.SubKegiatan)
class SubKegiatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "unit_kerja", "kegiatan"]
    list_filter = ["kegiatan__program__tahun_anggaran", "unit_kerja"]
    search_fields = ["kode", "nama"]
    list_select_related = ["unit_kerja", "kegiatan"]
    autocomplete_fields = ["unit_kerja", "kegiatan"]
    inlines = [AnggaranInline, RealisasiAnggaranInline]


class TargetPerubahanInline(admin.StackedInline):
    model = models.TargetPerubahan
    extra = 0
    fields = [
        "target_tahunan",
        ("target_tw1", "target_tw2", "target_tw3", "target_tw4"),
    ]


class SumberIKUInline(admin.TabularInline):
    model = models.SumberIKU
    fk_name = "iku"
    extra = 0
    autocomplete_fields = ["program", "kegiatan", "indikator"]


class AnalisisIKUInline(admin.StackedInline):
    model = models.AnalisisIKU
    extra = 0


class RealisasiInline(HanyaLihat, admin.StackedInline):
    model = models.Realisasi
    extra = 0
    exclude = ["diubah_oleh", "versi"]


@admin.register(models.Indikator)
class IndikatorAdmin(admin.ModelAdmin):
    list_display = ["nama", "satuan", "target_tahunan", "unit_kerja", "tahun_anggaran"]
    list_filter = ["tahun_anggaran", "unit_kerja"]
    search_fields = ["nama"]
    list_select_related = ["unit_kerja", "tahun_anggaran__opd"]
    autocomplete_fields = ["unit_kerja", "program", "kegiatan", "sub_kegiatan", "iku"]
    inlines = [
        TargetPerubahanInline,
        SumberIKUInline,
        AnalisisIKUInline,
        RealisasiInline,
    ]


class BuktiDukungInline(HanyaLihat, admin.TabularInline):
    model = models.BuktiDukung
    extra = 0
    exclude = ["diunggah_oleh"]


@admin.register(models.Realisasi)
class RealisasiAdmin(HanyaLihat, admin.ModelAdmin):
    list_display = ["indikator", "triwulan", "nilai", "kumulatif", "diubah_pada"]
    list_filter = ["triwulan", "indikator__tahun_anggaran"]
    search_fields = ["indikator__nama"]
    list_select_related = ["indikator"]
    autocomplete_fields = ["indikator"]
    exclude = ["diubah_oleh", "versi"]
    inlines = [BuktiDukungInline]


@admin.register(models.LaporanTriwulan)
class LaporanTriwulanAdmin(HanyaLihat, admin.ModelAdmin):
    list_display = ["unit_kerja", "tahun_anggaran", "triwulan", "status", "tanggal"]
    list_filter = ["status", "triwulan", "tahun_anggaran"]
    list_select_related = ["unit_kerja", "tahun_anggaran__opd"]
    exclude = ["versi"]


@admin.register(models.Pengguna)
class PenggunaAdmin(admin.ModelAdmin):
    list_display = ["user", "peran", "opd", "unit_kerja"]
    list_filter = ["peran", "opd"]
    list_select_related = ["user", "opd", "unit_kerja"]
    autocomplete_fields = ["unit_kerja"]


admin.site.site_header = "Administrasi LAKIP"
admin.site.site_title = "LAKIP"
admin.site.index_title = "Data laporan kinerja"


@admin.register(models.Riwayat)
class RiwayatAdmin(HanyaLihat, admin.ModelAdmin):
    list_display = ["waktu", "laporan", "oleh", "jenis", "objek", "kolom"]
    list_filter = ["jenis"]
    search_fields = ["objek", "alasan"]
    list_select_related = ["laporan__unit_kerja", "laporan__tahun_anggaran", "oleh"]


@admin.register(models.HariLibur)
class HariLiburAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "keterangan"]
    date_hierarchy = "tanggal"


@admin.register(models.Ekspor)
class EksporAdmin(HanyaLihat, admin.ModelAdmin):
    """The background exports, to see what failed and why (the traceback is in the
    worker's log)."""

    list_display = [
        "dibuat_pada",
        "jenis",
        "opd",
        "tahun",
        "triwulan",
        "status",
        "progres",
        "percobaan",
        "diminta_oleh",
        "selesai_pada",
    ]
    list_filter = ["status", "jenis", "opd"]
    list_select_related = ["opd", "diminta_oleh"]


@admin.register(models.PekerjaLatar)
class PekerjaLatarAdmin(HanyaLihat, admin.ModelAdmin):
    """The task workers running now, and when each was last seen."""

    list_display = ["host", "pid", "nama", "mulai", "terakhir_terlihat"]


# --- the office's own data (also on the planner's pages) ---


class UnsurIKMInline(admin.TabularInline):
    model = models.UnsurIKM
    extra = 0


@admin.register(models.SurveiIKM)
class SurveiIKMAdmin(admin.ModelAdmin):
    list_display = ["tahun_anggaran", "triwulan", "jumlah_responden"]
    list_filter = ["tahun_anggaran__opd", "triwulan"]
    list_select_related = ["tahun_anggaran__opd"]
    inlines = [UnsurIKMInline]


class RincianPendapatanInline(admin.TabularInline):
    model = models.Pendapatan
    fk_name = "induk"
    extra = 0
    fields = ["kode", "uraian", "anggaran", "anggaran_perubahan", "urutan"]


class RealisasiPendapatanInline(HanyaLihat, admin.TabularInline):
    """Receipts are entered on the planner's revenue page, which records them."""

    model = models.RealisasiPendapatan
    extra = 0


@admin.register(models.Pendapatan)
class PendapatanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "induk", "anggaran", "tahun_anggaran"]
    list_filter = ["tahun_anggaran__opd", "tahun_anggaran__tahun"]
    list_select_related = ["induk", "tahun_anggaran__opd"]
    inlines = [RincianPendapatanInline, RealisasiPendapatanInline]


@admin.register(models.RingkasanAnggaran)
class RingkasanAnggaranAdmin(admin.ModelAdmin):
    list_display = ["tahun_anggaran", "dokumen", "jumlah_program", "belanja"]
    list_filter = ["dokumen", "tahun_anggaran__opd"]
    list_select_related = ["tahun_anggaran__opd"]


class ProgresTindakLanjutInline(admin.TabularInline):
    model = models.ProgresTindakLanjut
    extra = 0


@admin.register(models.RekomendasiEvaluasi)
class RekomendasiEvaluasiAdmin(admin.ModelAdmin):
    list_display = ["__str__", "opd", "tahun", "triwulan", "sumber", "selesai_tahun"]
    list_filter = ["opd", "tahun"]
    search_fields = ["rekomendasi", "sumber"]
    list_select_related = ["opd"]
    inlines = [ProgresTindakLanjutInline]
