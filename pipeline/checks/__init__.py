"""Consistency checks that fill the `flags` table (SCHEMA.md).

One module per rule or family of rules; this package exposes the three entry points the pipeline
wires in:

- `detect_tw_cumulative(lines)`: records per table whether quarterly columns are cumulative;
- `check_document(lines, indicators, page_texts)`: every rule within one document;
- `check_across_documents(doc, others)`: `cross_document_mismatch` against documents of the same
  region + unit + year (`DocLines`).
"""

from .cross_document import DocLines, check_across_documents
from .document import check_document
from .quarters import detect_tw_cumulative

__all__ = ["DocLines", "check_across_documents", "check_document", "detect_tw_cumulative"]
