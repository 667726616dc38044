"""PDF reading and table detection (stages 1-2, read and detect): a PDF file →
`schemas.model.SourceDocument` (pages of words and rulings, and the grids found on them).

Modules, one job each: `reader` (open, words with bold, rotation, plain text, image cover),
`rulings` (ruling segments from drawings), `textlines` (words → lines → chunks), `cells`
(cell text, number tests), `margins` (running headers/footers, page numbers), `ruled`
(tables from drawn lines), `listrows` (numbered items sharing one ruled row), `rowjoin`
(borderless lines → rows), `aligned` (borderless tables from word alignment), `boxedheader`
(a ruled header over a borderless body), `document` (the whole file), `library_finders`
(camelot/pdfplumber, for evaluation only). Scanned pages are read by `extractors.ocr`.
"""

__all__ = ["read_pdf"]


def __getattr__(name: str):
    """`read_pdf` on first use: `extractors.ocr` imports this package's geometry and readers
    while `document` imports `extractors.ocr`, so the package itself must not import `document`."""
    if name == "read_pdf":
        from extractors.pdf.document import read_pdf

        return read_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
