"""Stage 4, normalise: printed text → canonical values.

In: a cell's or a title page's text. Out: typed values. `numbers` reads Indonesian and
English-style figures (`1.234.567,89`, `17,620,100`, `( 94,26 %)`, `3 Dokumen`, `-`) by the
convention of the whole column; `metadata` reads doc type, region, unit and year from the
first pages.
"""
