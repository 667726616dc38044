"""PDF reading and table detection: a PDF file → `schemas.model.SourceDocument`.

Modules, one job each: `reader` (open, words with bold, rotation, plain text, image cover),
`rulings` (ruling segments from drawings), `textlines` (words → lines → chunks), `cells`
(cell text, number tests), `margins` (running headers/footers, page numbers), `ruled`
(tables from drawn lines), `listrows` (numbered items sharing one ruled row), `aligned` (borderless tables from word alignment), `document`
(the whole file), `crosscheck` (camelot/pdfplumber, for evaluation only). Scanned pages:
`ocr_pages` (which pages), `ocr` (Tesseract words), `ocr_image` (rulings found in the image),
`ocr_cells` / `ocr_numbers` (cell confidence, number repair), `ocr_flags` (low_confidence_amount).
"""

from extractors.pdf.document import read_pdf

__all__ = ["read_pdf"]
