"""BAB II Perencanaan Kinerja of the office report: tujuan and sasaran, IKU,
programs, the PK and the Rencana Aksi."""

from __future__ import annotations

from reports import kinerja, selectors
from reports.laporan.opd.umum import nama_tahap, telusuri
from reports.models import (
    ROMAWI,
    Pendapatan,
    Renstra,
    RingkasanAnggaran,
    SubKegiatan,
)
from reports.selectors import PohonTahun
from reports.selectors_kantor import BarisPendapatan, dokumen_ringkasan
from reports.tabel import Format, JenisBaris, Kolom, Sel, Tabel, baris


def _iku(renstra: Renstra | None):
    if renstra is None:
        return
    for tujuan in renstra.tujuan.all():
        for sasaran in tujuan.sasaran.all():
            for iku in sasaran.iku.all():
                yield tujuan, sasaran, iku


def tabel_tujuan(renstra: Renstra | None) -> Tabel:
    rows = []
    if renstra is not None:
        for n, tujuan in enumerate(renstra.tujuan.all(), start=1):
            sasaran = list(tujuan.sasaran.all()) or [None]
            for k, s in enumerate(sasaran):
                rows.append(
                    baris(
                        str(n) if k == 0 else "",
                        tujuan.uraian if k == 0 else "",
                        "" if s is None else s.uraian,
                    )
                )
    return Tabel(
        kunci="tujuan",
        nomor="",
        judul="Tujuan dan Sasaran Strategis",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Tujuan", lebar=45),
            Kolom("Sasaran Strategis", lebar=45),
        ),
        baris=tuple(rows),
        catatan=f"Sumber: {renstra.dasar_hukum}."
        if renstra and renstra.dasar_hukum
        else "",
    )


def tabel_iku(renstra: Renstra | None) -> Tabel:
    tahun = (
        list(range(renstra.tahun_awal + 1, renstra.tahun_akhir + 1)) if renstra else []
    )
    rows = []
    for n, (_, sasaran, iku) in enumerate(_iku(renstra), start=1):
        target = {t.tahun: t.target for t in iku.target.all()}
        rows.append(
            baris(
                str(n),
                sasaran.uraian,
                iku.nama,
                iku.satuan,
                iku.kondisi_awal,
                *(target.get(t) for t in tahun),
                iku.kondisi_akhir,
            )
        )
    return Tabel(
        kunci="iku",
        nomor="",
        judul="Indikator Kinerja Utama"
        + (f" Tahun {renstra.tahun_awal}-{renstra.tahun_akhir}" if renstra else ""),
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Sasaran Renstra", lebar=30),
            Kolom("Indikator Kinerja Utama", lebar=28),
            Kolom("Satuan", lebar=8),
            Kolom("Kondisi Awal", Format.ANGKA, lebar=8),
            *(
                (
                    Kolom(
                        "Target",
                        anak=tuple(Kolom(str(t), Format.ANGKA, lebar=7) for t in tahun),
                    ),
                )
                if tahun
                else ()
            ),
            Kolom("Kondisi Akhir", Format.ANGKA, lebar=8),
        ),
        baris=tuple(rows),
        nomor_kolom=True,
    )


def tabel_sasaran_program(pohon: PohonTahun, renstra: Renstra | None) -> Tabel:
    unik = (
        []
        if renstra is None
        else [s for t in renstra.tujuan.all() for s in t.sasaran.all()]
    )
    rows = []
    nomor_program = {p.pk: n for n, p in enumerate(pohon.program, start=1)}
    n = 0
    for s in unik:
        program = [p for p in pohon.program if p.sasaran_id == s.pk]
        if not program:
            continue
        n += 1
        for k, p in enumerate(program):
            rows.append(
                baris(
                    str(n) if k == 0 else "",
                    s.uraian if k == 0 else "",
                    f"{nomor_program[p.pk]}. {p.nama}",
                )
            )
    # A program not tied to a sasaran of the Renstra is still one of the year's.
    for p in pohon.program:
        if p.sasaran_id is None:
            rows.append(baris("", "", f"{nomor_program[p.pk]}. {p.nama}"))
    return Tabel(
        kunci="sasaran-program",
        nomor="",
        judul=f"Sasaran dan Program Tahun {pohon.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Sasaran", lebar=45),
            Kolom("Program Pendukung", lebar=45),
        ),
        baris=tuple(rows),
    )


def tabel_pk(pohon: PohonTahun) -> Tabel:
    rows = [
        baris(
            str(n),
            i.iku.sasaran.uraian,
            i.nama,
            pohon.target(i)[0],
            i.satuan,
        )
        for n, i in enumerate(pohon.indikator_iku(), start=1)
    ]
    return Tabel(
        kunci="pk",
        nomor="",
        judul=f"Perjanjian Kinerja Tahun {pohon.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Sasaran", lebar=40),
            Kolom("Indikator Sasaran", lebar=36),
            Kolom("Target", Format.ANGKA, lebar=9),
            Kolom("Satuan", lebar=9),
        ),
        baris=tuple(rows),
    )


def tabel_pk_anggaran(pohon: PohonTahun) -> Tabel:
    rows = [
        baris(
            str(n),
            p.nama,
            pohon.angka_simpul(p).pagu,
            selectors.sumber_dana(pohon, p),
        )
        for n, p in enumerate(pohon.program, start=1)
    ]
    return Tabel(
        kunci="pk-anggaran",
        nomor="",
        judul=f"Program dan Anggaran Perjanjian Kinerja Tahun "
        f"{pohon.tahun_anggaran.tahun}{nama_tahap(pohon)}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Program", lebar=50),
            Kolom("Anggaran (Rp)", Format.RUPIAH, lebar=18),
            Kolom("Sumber Dana", lebar=16, opsional=True),
        ),
        baris=tuple(rows),
        kaki=(
            baris(
                Sel("Total", rentang=2),
                pohon.total_keuangan().pagu,
                "",
                jenis=JenisBaris.JUMLAH,
            ),
        )
        if rows
        else (),
    )


def tabel_rencana_aksi(pohon: PohonTahun) -> Tabel:
    rows = []
    for no, simpul in telusuri(pohon):
        jenis = (
            JenisBaris.BIASA if isinstance(simpul, SubKegiatan) else JenisBaris.JUDUL
        )
        indikator = pohon.indikator_dari(simpul) or [None]
        pagu = pohon.angka_simpul(simpul).pagu
        for k, i in enumerate(indikator):
            # An item without an indicator of its own has no target: not a
            # missing one.
            tahunan, target = ("", [""] * 4) if i is None else pohon.target(i)
            rows.append(
                baris(
                    no if k == 0 else "",
                    simpul.nama if k == 0 else "",
                    "" if i is None else i.nama,
                    "" if i is None else i.satuan,
                    tahunan,
                    *target,
                    pagu if k == 0 else None,
                    jenis=jenis,
                )
            )
    return Tabel(
        kunci="rencana-aksi",
        nomor="",
        judul=f"Rencana Aksi Tahun {pohon.tahun_anggaran.tahun}{nama_tahap(pohon)}",
        kolom=(
            Kolom("No", lebar=6),
            Kolom("Program / Kegiatan / Sub Kegiatan", lebar=30),
            Kolom("Indikator Kinerja", lebar=30),
            Kolom("Satuan", lebar=8),
            Kolom("Target Tahunan", Format.ANGKA, lebar=8),
            Kolom(
                "Target per Triwulan",
                anak=tuple(
                    Kolom(f"TW {ROMAWI[q]}", Format.ANGKA, lebar=6, opsional=True)
                    for q in range(1, 5)
                ),
            ),
            Kolom("Pagu (Rp)", Format.RUPIAH, lebar=15),
        ),
        baris=tuple(rows),
        kaki=(
            baris(
                Sel("Jumlah", rentang=9),
                pohon.total_keuangan().pagu,
                jenis=JenisBaris.JUMLAH,
            ),
        )
        if rows
        else (),
    )


def tabel_program_kegiatan(
    pohon: PohonTahun,
    ringkasan: dict[str, RingkasanAnggaran],
    pendapatan: list[Pendapatan],
) -> Tabel:
    """Programs, kegiatan, revenue and spending of the planning document and of
    the DPA (seed 001 Tabel 2.6): derived from the plan and the revenue lines
    wherever LAKIP holds them, otherwise as the planner typed them."""
    ta = pohon.tahun_anggaran
    rows = []
    for n, dari in enumerate(dokumen_ringkasan(pohon, pendapatan), start=1):
        diketik = ringkasan.get(dari.dokumen) or RingkasanAnggaran(dokumen=dari.dokumen)

        def pilih(dihitung, ketikan):
            return ketikan if dihitung is None else dihitung

        belanja = pilih(dari.belanja, diketik.belanja)
        if belanja is None:
            belanja = kinerja.jumlah([diketik.belanja_operasi, diketik.belanja_modal])
        rows.append(
            baris(
                str(n),
                RingkasanAnggaran.Dokumen(dari.dokumen).label,
                pilih(dari.jumlah_program, diketik.jumlah_program),
                pilih(dari.jumlah_kegiatan, diketik.jumlah_kegiatan),
                pilih(dari.pendapatan, diketik.pendapatan),
                diketik.belanja_operasi,
                diketik.belanja_modal,
                belanja,
            )
        )
    return Tabel(
        kunci="program-kegiatan",
        nomor="",
        judul=f"Program dan Kegiatan pada Dokumen Perencanaan dan Pelaksanaan "
        f"Anggaran Tahun {ta.tahun}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Uraian", lebar=26),
            Kolom("Jumlah Program", Format.ANGKA, lebar=9),
            Kolom("Jumlah Kegiatan", Format.ANGKA, lebar=9),
            Kolom("Jumlah Anggaran Pendapatan (Rp)", Format.RUPIAH, lebar=14),
            Kolom(
                "Anggaran Belanja (Rp)",
                anak=(
                    Kolom("Operasi", Format.RUPIAH, lebar=15),
                    Kolom("Modal", Format.RUPIAH, lebar=13),
                    Kolom("Jumlah", Format.RUPIAH, lebar=15),
                ),
            ),
        ),
        baris=tuple(rows),
        catatan="Jumlah program, kegiatan, anggaran pendapatan dan anggaran belanja "
        "DPA dihitung dari Rencana Aksi dan rincian pendapatan yang tersimpan; angka "
        "yang tidak ada di sana (RKPD / Renja, belanja operasi dan modal) seperti "
        "diisi perencana.",
    )


def tabel_target_pendapatan(pendapatan: list[BarisPendapatan], tahun: int) -> Tabel:
    """The year's revenue targets (seed 001 Tabel 2.7)."""
    return Tabel(
        kunci="target-pendapatan",
        nomor="",
        judul=f"Target Pendapatan Asli Daerah Tahun {tahun}",
        kolom=(
            Kolom("No", lebar=6),
            Kolom("Uraian", lebar=60),
            Kolom("Anggaran (Rp)", Format.RUPIAH, lebar=20),
        ),
        baris=tuple(
            baris(
                b.nomor,
                b.pendapatan.uraian,
                b.angka.pagu,
                jenis=JenisBaris.JUDUL if b.kelompok else JenisBaris.BIASA,
            )
            for b in pendapatan
        ),
        lebar_penuh=False,
    )
