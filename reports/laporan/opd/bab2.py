"""BAB II Perencanaan Kinerja of the office report: tujuan and sasaran, IKU,
programs, the PK and the Rencana Aksi."""

from __future__ import annotations

from reports import selectors
from reports.laporan.opd.umum import Penomoran, nama_tahap, telusuri
from reports.models import ROMAWI, Renstra, SubKegiatan
from reports.selectors import PohonTahun
from reports.tabel import Format, JenisBaris, Kolom, Sel, Tabel, baris


def _iku(renstra: Renstra | None):
    if renstra is None:
        return
    for tujuan in renstra.tujuan.all():
        for sasaran in tujuan.sasaran.all():
            for iku in sasaran.iku.all():
                yield tujuan, sasaran, iku


def tabel_tujuan(renstra: Renstra | None, nomor: Penomoran) -> Tabel:
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
        nomor=nomor.tabel(),
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
        kosong="Belum ada Renstra untuk tahun ini.",
    )


def tabel_iku(renstra: Renstra | None, nomor: Penomoran) -> Tabel:
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
            )
        )
    return Tabel(
        kunci="iku",
        nomor=nomor.tabel(),
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
        ),
        baris=tuple(rows),
        nomor_kolom=True,
        kosong="Belum ada indikator kinerja utama.",
    )


def tabel_sasaran_program(
    pohon: PohonTahun, renstra: Renstra | None, nomor: Penomoran
) -> Tabel:
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
    tanpa = [p for p in pohon.program if p.sasaran_id is None]
    for k, p in enumerate(tanpa):
        rows.append(
            baris(
                "" if k else "-",
                "(belum dikaitkan dengan sasaran)" if k == 0 else "",
                f"{nomor_program[p.pk]}. {p.nama}",
            )
        )
    return Tabel(
        kunci="sasaran-program",
        nomor=nomor.tabel(),
        judul=f"Sasaran dan Program Tahun {pohon.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Sasaran", lebar=45),
            Kolom("Program Pendukung", lebar=45),
        ),
        baris=tuple(rows),
        kosong="Belum ada program pada tahun ini.",
    )


def tabel_pk(pohon: PohonTahun, nomor: Penomoran) -> Tabel:
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
        nomor=nomor.tabel(),
        judul=f"Perjanjian Kinerja Tahun {pohon.tahun_anggaran.tahun}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Sasaran", lebar=40),
            Kolom("Indikator Sasaran", lebar=36),
            Kolom("Target", Format.ANGKA, lebar=9),
            Kolom("Satuan", lebar=9),
        ),
        baris=tuple(rows),
        kosong="Belum ada indikator sasaran pada perjanjian kinerja tahun ini.",
    )


def tabel_pk_anggaran(pohon: PohonTahun, nomor: Penomoran) -> Tabel:
    rows = [
        baris(
            str(n),
            p.nama,
            pohon.angka_simpul(p).pagu,
            selectors.sumber_dana(pohon, p) or "-",
        )
        for n, p in enumerate(pohon.program, start=1)
    ]
    return Tabel(
        kunci="pk-anggaran",
        nomor=nomor.tabel(),
        judul=f"Program dan Anggaran Perjanjian Kinerja Tahun "
        f"{pohon.tahun_anggaran.tahun}{nama_tahap(pohon)}",
        kolom=(
            Kolom("No", lebar=4),
            Kolom("Program", lebar=50),
            Kolom("Anggaran (Rp)", Format.RUPIAH, lebar=18),
            Kolom("Sumber Dana", lebar=16),
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
        kosong="Belum ada program pada tahun ini.",
    )


def tabel_rencana_aksi(pohon: PohonTahun, nomor: Penomoran) -> Tabel:
    rows = []
    for no, simpul in telusuri(pohon):
        jenis = (
            JenisBaris.BIASA if isinstance(simpul, SubKegiatan) else JenisBaris.JUDUL
        )
        indikator = pohon.indikator_dari(simpul) or [None]
        pagu = pohon.angka_simpul(simpul).pagu
        for k, i in enumerate(indikator):
            tahunan, target = (None, [None] * 4) if i is None else pohon.target(i)
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
        nomor=nomor.tabel(),
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
                    Kolom(f"TW {ROMAWI[q]}", Format.ANGKA, lebar=6) for q in range(1, 5)
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
        kosong="Belum ada rencana aksi pada tahun ini.",
    )
