"""The words the reports' table headers are printed with.

One list for two stages: the structure stage scores a row as a header by its share of these
words (`pipeline.structure.roles`), and the OCR stage counts them as words of the reports
(`extractors.ocr.lexicon.printed`), so that no OCR respelling turns a header word the text
corpus never prints into a frequent one (a scanned Renja's `Pagu Indikatif` read as
`Pagu Indikator` names a second indikator column and no pagu).
"""

from __future__ import annotations

# Header words of these reports, their abbreviations included (`thd`, `kd`, `ket`, `dlm`).
HEADER_WORDS = frozenset("""
no nomor kode kd sasaran strategis indikator kinerja target realisasi capaian tingkat triwulan tw
trw program kegiatan sub uraian pagu anggaran murni perubahan induk satuan keterangan ket sumber
data dana cara pengukuran formula formulasi tahun tahunan urusan bidang perangkat daerah penanggung
jawab penjelasan kriteria interval nilai predikat kategori rp k fisik keuangan output outcome input
tujuan misi iku utama akhir renstra alokasi serapan persen bobot hasil kondisi rencana pendukung
pelaksana unit kerja s/d sd dan atau per dengan pada terhadap yang thd i ii iii iv rata rata-rata
asisten kepala bagian kasubbag ketua lokasi volume pendanaan indikatif prioritas rpjmd rkpd apbd
definisi operasional jumlah total spj perencanaan kerangka periode dpa dppa penyerapan
kebutuhan catatan penting prakiraan maju dlm juta ribuan sisa rekening rincian perhitungan keluaran
dievaluasi penanggungjawab renja
""".split())
