"""Measuring the product: accuracy against truth, detector comparison, benchmarks.

In: truth files, corpus documents, a warehouse. Out: scores and figures printed for people.
`evaluate` scores cells against hand-checked truth (`lkjip eval`), `detector_eval` compares our
detectors with pdfplumber and camelot, `bench` times whole ingests (`lkjip bench`) on batches
made by `batchgen`, `bench_detect` times the PDF reader against bare PyMuPDF.
"""
