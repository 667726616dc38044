"""Stages 1-2, read and detect: a file → `schemas.model.SourceDocument` with its grids.

`text` reads text conversions (tab-separated and pipe tables), `pdf` reads PDFs and finds ruled
and borderless tables, `ocr` reads scanned pages into the same words and rulings.
"""
