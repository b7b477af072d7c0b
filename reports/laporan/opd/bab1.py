"""BAB I Pendahuluan of the office report: the organisation chart and the staff
tables (sumber daya aparatur)."""

from __future__ import annotations

from decimal import Decimal

from reports import grafik, kinerja, pdf, selectors
from reports.laporan.bagian import Penomoran
from reports.laporan.opd.umum import Gambar
from reports.models import KomposisiPegawai, TahunAnggaran
from reports.tabel import Format, JenisBaris, Kolom, Sel, Tabel, baris

Pendidikan = KomposisiPegawai.Pendidikan
JenisKelamin = KomposisiPegawai.JenisKelamin


def bagan(
    urut: list[selectors.UnitBertingkat], nomor: Penomoran, kertas: str
) -> Gambar | None:
    """The organisation chart, each box with its unit and the name of its head;
    on a landscape page when the units side by side do not fit a portrait one.
    None for an office of one unit: there is nothing to chart."""
    if len(urut) < 2:
        return None
    simpul = [
        grafik.SimpulBagan(
            kunci=b.unit.pk,
            induk=b.unit.atasan_id,
            judul=b.unit.nama,
            nama=b.unit.kepala.nama if b.unit.kepala else "",
        )
        for b in urut
    ]
    lanskap = grafik.kolom_bagan(simpul) * (
        grafik.LEBAR_KOTAK_MIN + grafik.JARAK_X
    ) > pdf.lebar_isi_pt(kertas)
    return Gambar(
        kunci="gambar-struktur",
        nomor=nomor.gambar(),
        judul="Struktur Organisasi",
        bagan=grafik.bagan_organisasi(
            simpul, lebar_maks=pdf.lebar_isi_pt(kertas, lanskap=lanskap)
        ),
        lanskap=lanskap,
    )


def tabel_pegawai(ta: TahunAnggaran) -> list[Tabel]:
    """The staff tables (seed 001 Tabel 1.1, 1.2), only for the groups with data."""
    sel = list(KomposisiPegawai.objects.filter(tahun_anggaran=ta))
    hasil = []
    for jenis, judul, kolom_kelompok in (
        (
            KomposisiPegawai.Tabel.GOLONGAN,
            "Jumlah Pegawai Berdasarkan Kualifikasi Pendidikan, Pangkat dan Golongan",
            "Golongan",
        ),
        (
            KomposisiPegawai.Tabel.ESELON,
            "Jumlah Pejabat Struktural Berdasarkan Kualifikasi Pendidikan dan Jenis "
            "Kelamin",
            "Pejabat Struktural / Eselon",
        ),
    ):
        milik = [s for s in sel if s.tabel == jenis]
        if not milik:
            continue
        kelompok: dict[str, dict[tuple[str, str], int]] = {}
        for s in sorted(milik, key=lambda s: (s.urutan, s.kelompok)):
            kelompok.setdefault(s.kelompok, {})[(s.pendidikan, s.jenis_kelamin)] = (
                s.jumlah
            )
        jenjang = [*Pendidikan.choices, ("total", "Total")]
        rows = []
        for n, (nama, isi) in enumerate(kelompok.items(), start=1):
            nilai = []
            for kode, _ in jenjang:
                for jk in JenisKelamin.values:
                    if kode == "total":
                        nilai.append(
                            kinerja.jumlah(
                                Decimal(v) for (_, j), v in isi.items() if j == jk
                            )
                        )
                    else:
                        v = isi.get((kode, jk))
                        nilai.append(None if v is None else Decimal(v))
            rows.append(baris(str(n), nama, *nilai))
        total = [
            kinerja.jumlah(
                Decimal(0) if r.sel[k].nilai is None else Decimal(r.sel[k].nilai)
                for r in rows
            )
            for k in range(2, 2 + 2 * len(jenjang))
        ]
        hasil.append(
            Tabel(
                kunci=f"pegawai-{jenis}",
                nomor="",
                judul=f"{judul} Tahun {ta.tahun}",
                kolom=(
                    Kolom("No", lebar=4),
                    Kolom(kolom_kelompok, lebar=14),
                    *(
                        Kolom(
                            label,
                            anak=(
                                Kolom("L", Format.ANGKA, lebar=4),
                                Kolom("P", Format.ANGKA, lebar=4),
                            ),
                        )
                        for _, label in jenjang
                    ),
                ),
                baris=tuple(rows),
                kaki=(
                    baris(Sel("Jumlah", rentang=2), *total, jenis=JenisBaris.JUMLAH),
                ),
                nomor_kolom=True,
                catatan=f"Sumber: data kepegawaian {ta.opd.nama}, {ta.tahun}.",
            )
        )
    return hasil
