"""The Rencana Aksi workbook: the instructions, the data sheets with their
validations, and the lists they draw on; blank or with the year's stored plan.
"""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from reports.excel import tambah_baris
from reports.models import (
    Anggaran,
    Indikator,
    Kegiatan,
    Program,
    Sasaran,
    SubKegiatan,
    TahunAnggaran,
    UnitKerja,
)
from reports.rencana_aksi.kolom import (
    ANGGARAN,
    BARIS_VALIDASI,
    DAFTAR,
    INDIKATOR,
    KEGIATAN,
    KOLOM,
    LEMBAR_DATA,
    PETUNJUK,
    PROGRAM,
    SUB_KEGIATAN,
    TIDAK,
    YA,
    Kolom,
    Tahap,
    sasaran_tahun,
)

TEBAL = Font(bold=True)
ISI_JUDUL = PatternFill("solid", fgColor="DDEBF7")
FORMAT = {"rupiah": "#,##0", "target": "General", "desimal": "0", "kode": "@"}


def _rujukan(obj: Program | Kegiatan | SubKegiatan) -> str:
    return obj.kode or obj.nama


def _baris_tersimpan(ta: TahunAnggaran, tahap: str) -> dict[str, list[list[Any]]]:
    """The year's plan at stage ``tahap`` (murni or Perubahan) as the rows of the
    data sheets, in plan order: the items of that stage and its targets; as budget,
    for the murni every stored row (murni and perubahan, as stored), for the
    Perubahan one row per sub kegiatan (a budget it left unchanged written as its
    own), ready to be imported as the DPA Perubahan."""
    program = list(
        Program.objects.filter(tahun_anggaran=ta)
        .select_related("unit_kerja", "sasaran")
        .order_by("urutan", "pk")
    )
    kegiatan = list(
        Kegiatan.objects.filter(program__tahun_anggaran=ta)
        .select_related("unit_kerja", "program")
        .order_by("program__urutan", "program_id", "urutan", "pk")
    )
    sub = list(
        SubKegiatan.objects.filter(kegiatan__program__tahun_anggaran=ta)
        .select_related("unit_kerja", "kegiatan__program")
        .order_by(
            "kegiatan__program__urutan",
            "kegiatan__program_id",
            "kegiatan__urutan",
            "kegiatan_id",
            "urutan",
            "pk",
        )
    )
    indikator = list(
        Indikator.objects.filter(tahun_anggaran=ta, iku__isnull=True)
        .select_related(
            "unit_kerja",
            "program__unit_kerja",
            "kegiatan__program",
            "kegiatan__unit_kerja",
            "sub_kegiatan__kegiatan__program",
            "sub_kegiatan__unit_kerja",
            "target_perubahan",
        )
        .order_by("urutan", "pk")
    )
    program = [p for p in program if p.ada_di(tahap)]
    kegiatan = [k for k in kegiatan if k.ada_di(tahap)]
    sub = [s for s in sub if s.ada_di(tahap)]
    indikator = [i for i in indikator if i.ada_di(tahap) and i.induk.ada_di(tahap)]
    urut_sub = {s.pk: n for n, s in enumerate(sub)}
    per_sub: dict[int, dict[str, Anggaran]] = {}
    for a in Anggaran.objects.filter(sub_kegiatan__in=list(urut_sub)).select_related(
        "sub_kegiatan__kegiatan__program"
    ):
        per_sub.setdefault(a.sub_kegiatan_id, {})[a.tahap] = a
    anggaran: list[tuple[str, Anggaran]] = []
    for sub_id in sorted(per_sub, key=urut_sub.__getitem__):
        baris_sub = per_sub[sub_id]
        if tahap == Tahap.PERUBAHAN:
            # The whole Perubahan, each budget as that stage holds it.
            a = baris_sub.get(Tahap.PERUBAHAN) or baris_sub.get(Tahap.MURNI)
            anggaran.append((Tahap.PERUBAHAN, a))
        else:
            # Every stored row, as stored: the round trip of the whole year.
            anggaran.extend((t, baris_sub[t]) for t in Tahap.values if t in baris_sub)

    def jalur(obj) -> list[str]:
        if isinstance(obj, SubKegiatan):
            return [*jalur(obj.kegiatan), _rujukan(obj)]
        if isinstance(obj, Kegiatan):
            return [_rujukan(obj.program), _rujukan(obj)]
        return [_rujukan(obj)]

    def angka(nilai: Decimal | None) -> Decimal | int | None:
        if nilai is None:
            return None
        return int(nilai) if nilai == nilai.to_integral_value() else nilai.normalize()

    baris_indikator = []
    for i in indikator:
        pemilik = i.induk
        ref = jalur(pemilik) + [None] * (3 - len(jalur(pemilik)))
        target_tahunan, target = i.target_tahap(tahap)
        baris_indikator.append(
            [
                i.tingkat,
                *ref,
                i.nama,
                i.satuan,
                angka(target_tahunan),
                *(angka(t) for t in target),
                i.polaritas,
                i.cara_akumulasi,
                i.desimal,
                None if i.unit_kerja_id == pemilik.unit_kerja_id else i.unit_kerja.slug,
                YA if i.dari_turunan else TIDAK,
                i.rumus_pembilang or None,
                i.rumus_penyebut or None,
                angka(i.rumus_pengali),
            ]
        )
    return {
        PROGRAM: [
            [
                p.kode or None,
                p.nama,
                p.unit_kerja.slug,
                p.sasaran.uraian if p.sasaran else None,
            ]
            for p in program
        ],
        KEGIATAN: [
            [_rujukan(k.program), k.kode or None, k.nama, k.unit_kerja.slug]
            for k in kegiatan
        ],
        SUB_KEGIATAN: [
            [*jalur(s.kegiatan), s.kode or None, s.nama, s.unit_kerja.slug] for s in sub
        ],
        INDIKATOR: baris_indikator,
        ANGGARAN: [
            [
                *jalur(a.sub_kegiatan),
                t,
                angka(a.pagu),
                a.sumber_dana,
                *(angka(k) for k in a.kas_triwulan),
            ]
            for t, a in anggaran
        ],
    }


def _validasi(
    ws: Worksheet, huruf: str, akhir: int, k: Kolom, rentang: dict[str, str]
) -> None:
    sel = f"{huruf}2:{huruf}{akhir}"
    pesan = {"showErrorMessage": True, "showInputMessage": True}
    if k.jenis == "pilihan":
        dv = DataValidation(
            type="list",
            formula1=f'"{",".join(k.pilihan)}"',
            allow_blank=True,
            errorTitle="Pilihan tidak sah",
            error=f"Pilih salah satu: {', '.join(k.pilihan)}.",
            **pesan,
        )
    elif k.jenis in rentang:
        dv = DataValidation(
            type="list",
            formula1=rentang[k.jenis],
            allow_blank=True,
            errorTitle="Tidak ada di daftar",
            error='Pilih dari daftar (lembar "Daftar").',
            **pesan,
        )
    elif k.jenis in {"rupiah", "target"}:
        dv = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            errorTitle="Bukan angka yang sah",
            error="Isi dengan angka 0 atau lebih, tanpa teks atau satuan.",
            **pesan,
        )
    elif k.jenis == "desimal":
        dv = DataValidation(
            type="whole",
            operator="between",
            formula1="0",
            formula2="4",
            allow_blank=True,
            errorTitle="Bukan angka yang sah",
            error="Isi dengan bilangan bulat 0 sampai 4.",
            **pesan,
        )
    else:
        dv = DataValidation(type=None, allow_blank=True, **pesan)
    dv.promptTitle = k.judul[:32]
    dv.prompt = k.keterangan[:250]
    dv.add(sel)
    ws.add_data_validation(dv)


def _lembar_data(
    wb: Workbook, nama: str, baris: list[list[Any]], rentang: dict[str, str]
) -> None:
    ws = wb.create_sheet(nama)
    kolom = KOLOM[nama]
    tambah_baris(ws, [k.judul for k in kolom])
    for sel in ws[1]:
        sel.font = TEBAL
        sel.fill = ISI_JUDUL
        sel.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A2"
    for isi in baris:
        tambah_baris(ws, isi)
    akhir = max(BARIS_VALIDASI, len(baris) + 200)
    for i, k in enumerate(kolom, start=1):
        huruf = get_column_letter(i)
        ws.column_dimensions[huruf].width = k.lebar
        fmt = FORMAT.get(k.jenis)
        if fmt:
            ws.column_dimensions[huruf].number_format = fmt
            for (sel,) in ws.iter_rows(
                min_row=2, max_row=len(baris) + 1, min_col=i, max_col=i
            ):
                sel.number_format = fmt
        if k.jenis in {"teks", "kode", "unit", "sasaran"} and k.lebar >= 50:
            for (sel,) in ws.iter_rows(
                min_row=2, max_row=len(baris) + 1, min_col=i, max_col=i
            ):
                sel.alignment = Alignment(wrap_text=True, vertical="top")
        _validasi(ws, huruf, akhir, k, rentang)


def _lembar_daftar(wb: Workbook, unit: list[UnitKerja], sasaran: list[Sasaran]):
    ws = wb.create_sheet(DAFTAR)
    tambah_baris(ws, ["Slug Unit Kerja", "Nama Unit Kerja", None, "Sasaran Renstra"])
    for sel in ws[1]:
        sel.font = TEBAL
    for n in range(max(len(unit), len(sasaran))):
        tambah_baris(
            ws,
            [
                unit[n].slug if n < len(unit) else None,
                unit[n].nama if n < len(unit) else None,
                None,
                sasaran[n].uraian if n < len(sasaran) else None,
            ],
        )
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["D"].width = 80
    ws.sheet_state = "hidden"
    rentang = {"unit": f"{DAFTAR}!$A$2:$A${max(len(unit), 1) + 1}"}
    if sasaran:
        rentang["sasaran"] = f"{DAFTAR}!$D$2:$D${len(sasaran) + 1}"
    return rentang


CONTOH = {
    PROGRAM: [
        [
            "1.05.002",
            "Program Peningkatan Ketenteraman dan Ketertiban Umum",
            "pimpinan",
            None,
        ],
        [
            None,
            "Program Penyelenggaraan Urusan Pemerintahan Umum",
            "pemerintahan",
            None,
        ],
    ],
    KEGIATAN: [
        [
            "1.05.002",
            "1.05.002.2.01",
            "Penanganan Gangguan Ketentraman dan Ketertiban Umum",
            "bidang-tibum",
        ],
        [
            "Program Penyelenggaraan Urusan Pemerintahan Umum",
            None,
            "Penyelenggaraan Urusan Pemerintahan Umum sesuai Penugasan Kepala Daerah",
            "pemerintahan",
        ],
    ],
    SUB_KEGIATAN: [
        [
            "1.05.002",
            "1.05.002.2.01",
            "1.05.002.2.01.01",
            "Pencegahan Gangguan Ketenteraman dan Ketertiban Umum",
            "seksi-operasi",
        ],
    ],
    INDIKATOR: [
        [
            "kegiatan",
            "1.05.002",
            "1.05.002.2.01",
            None,
            "Persentase Penanganan Gangguan Ketentraman dan Ketertiban Umum",
            "%",
            100,
            None,
            None,
            None,
            None,
            "positif",
            "nilai_akhir",
            2,
            None,
            "tidak",
            "Jumlah pengaduan yang diselesaikan",
            "Jumlah pengaduan yang masuk",
            100,
        ],
        [
            "sub_kegiatan",
            "1.05.002",
            "1.05.002.2.01",
            "1.05.002.2.01.01",
            "Jumlah Laporan Patroli",
            "Laporan",
            12,
            3,
            3,
            3,
            3,
            "positif",
            "jumlah",
            0,
            None,
            "tidak",
            None,
            None,
            None,
        ],
    ],
    ANGGARAN: [
        [
            "1.05.002",
            "1.05.002.2.01",
            "1.05.002.2.01.01",
            "murni",
            12523000,
            "APBD",
            3378000,
            3025000,
            3095000,
            3025000,
        ],
    ],
}

ATURAN = [
    "Isi lembar Program, Kegiatan, Sub Kegiatan, Indikator dan Anggaran mulai baris 2. "
    "Baris 1 adalah judul kolom: jangan diubah, jangan menyisipkan, menghapus atau "
    "memindahkan kolom, jangan mengganti nama lembar.",
    "Kunci setiap butir adalah kodenya. Butir tanpa kode nomenklatur dikenali dari "
    "namanya di bawah induk yang sama, jadi nama itu tidak boleh kembar di bawah satu "
    "induk.",
    "Baris anak menyebut induknya di kolom Program / Kegiatan / Sub Kegiatan: dengan "
    "kode induk, atau dengan nama induk jika induk tidak berkode. Induk itu harus ada "
    "di lembarnya sendiri dalam berkas yang sama.",
    "Angka diketik sebagai angka (sel berformat angka), tanpa teks, satuan atau "
    '"Rp". Teks di kolom angka, angka negatif, target dengan lebih dari 4 angka '
    "desimal dan Rupiah dengan lebih dari 2 angka desimal ditolak. Sel kosong berarti "
    "belum ada nilai (bukan nol); isi 0 bila memang nol.",
    'Indikator dengan cara akumulasi "jumlah": bila target tahunan dan target TW I-IV '
    "terisi semua, jumlah target TW I-IV harus sama dengan target tahunan. Target TW "
    "adalah target triwulan itu saja, bukan s/d triwulan.",
    "Anggaran: satu baris per sub kegiatan per tahap (murni, perubahan). Bila anggaran "
    "kas TW I-IV terisi semua, jumlahnya harus sama dengan pagu.",
    "Kode dan unit kerja: kode berupa angka atau huruf kapital yang dipisahkan titik "
    '(mis. 1.05.002.2.01.01). Unit kerja diisi slug unit dari lembar "Daftar" '
    "(pilih dari daftar di sel).",
    "Impor membuat butir baru dan memperbarui butir yang sudah ada (dikenali dari "
    "kunci di atas). Butir yang sudah ada tetapi tidak tercantum di berkas tidak "
    "dihapus, karena realisasinya tetap disimpan.",
    "Bila ada satu saja kesalahan, tidak ada yang disimpan: LAKIP menampilkan setiap "
    "kesalahan dengan lembar, baris dan kolomnya. Perbaiki semuanya, lalu unggah lagi.",
]


def _lembar_petunjuk(ws: Worksheet, ta: TahunAnggaran, isi: bool) -> None:
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["C"].width = 10
    ws.column_dimensions["D"].width = 100
    bungkus = Alignment(wrap_text=True, vertical="top")

    def tulis(*nilai: Any, tebal: bool = False, besar: bool = False) -> None:
        tambah_baris(ws, list(nilai))
        for sel in ws[ws.max_row]:
            sel.alignment = bungkus
            if tebal or besar:
                sel.font = Font(bold=True, size=14 if besar else 11)

    tulis(f"Rencana Aksi {ta.opd.nama} Tahun {ta.tahun}", besar=True)
    tulis(
        "Berkas ini berisi Rencana Aksi tahun ini yang tersimpan di LAKIP; ubah lalu "
        "unggah kembali."
        if isi
        else "Templat kosong: isi lembar data, lalu unggah di halaman Impor Rencana "
        "Aksi LAKIP."
    )
    tulis()
    tulis("Aturan", tebal=True)
    for n, aturan in enumerate(ATURAN, start=1):
        tulis(f"{n}.", aturan)
        ws.merge_cells(
            start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=4
        )
        ws.row_dimensions[ws.max_row].height = 45
    for nama in LEMBAR_DATA:
        tulis()
        tulis(f'Lembar "{nama}"', tebal=True)
        tulis("Kolom", "Judul", "Wajib", "Isi", tebal=True)
        for i, k in enumerate(KOLOM[nama], start=1):
            tulis(
                get_column_letter(i), k.judul, "wajib" if k.wajib else "", k.keterangan
            )
    tulis()
    tulis("Contoh (hanya contoh, tidak ikut diimpor)", tebal=True)
    tulis(
        "",
        "Program pertama berkode, program kedua tidak berkode sehingga kegiatannya "
        "menyebut program itu dengan namanya. Slug unit kerja pada contoh hanya "
        'ilustrasi: pakai slug dari lembar "Daftar".',
    )
    ws.merge_cells(
        start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=4
    )
    ws.row_dimensions[ws.max_row].height = 30
    for nama, baris in CONTOH.items():
        tulis()
        tulis(f'Lembar "{nama}"', tebal=True)
        tulis(*[k.judul for k in KOLOM[nama]], tebal=True)
        for b in baris:
            tulis(*b)


def templat_rencana_aksi(
    tahun_anggaran: TahunAnggaran, *, isi: bool, tahap: str = Tahap.MURNI
) -> bytes:
    """The Rencana Aksi workbook of an office's year: instructions, the data sheets
    with their validations, and the lists they draw on. With ``isi`` the data sheets
    hold the year's stored plan at stage ``tahap`` (the export of the round trip,
    and the starting point of a DPA Perubahan); without it they are empty and the
    example is in the instructions only."""
    wb = Workbook()
    _lembar_petunjuk(wb.active, tahun_anggaran, isi)
    wb.active.title = PETUNJUK
    unit = list(
        UnitKerja.objects.filter(opd_id=tahun_anggaran.opd_id).order_by(
            "urutan", "nama"
        )
    )
    rentang = _lembar_daftar(wb, unit, list(sasaran_tahun(tahun_anggaran)))
    baris = _baris_tersimpan(tahun_anggaran, tahap) if isi else {}
    for nama in LEMBAR_DATA:
        _lembar_data(wb, nama, baris.get(nama, []), rentang)
    wb.move_sheet(DAFTAR, offset=len(wb.sheetnames))
    wb.active = 0
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


NAMA_BERKAS = re.compile(r"[^a-z0-9-]+")


def nama_berkas(
    tahun_anggaran: TahunAnggaran, *, isi: bool, tahap: str = Tahap.MURNI
) -> str:
    """A download's filename: rencana-aksi-kalaena-2023.xlsx, ...-perubahan.xlsx, or
    ...-templat.xlsx."""
    slug = NAMA_BERKAS.sub("-", tahun_anggaran.opd.slug.lower())
    akhiran = ("-perubahan" if tahap == Tahap.PERUBAHAN else "") if isi else "-templat"
    return f"rencana-aksi-{slug}-{tahun_anggaran.tahun}{akhiran}.xlsx"
