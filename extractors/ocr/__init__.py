"""Read scans (stage 1 for images): page images → the same words and rulings a text PDF gives.

In: PyMuPDF pages without a usable text layer. Out: words with boxes and confidences, and
rulings found in the image, for the ruled and borderless detectors of `extractors.pdf`.
`pages` chooses the pages and runs the rest, `engine` reads a page with the `recognisers`
(`tesseract`, `paddle`: PP-OCR, whose lines `paddle_words` cuts into words), `image`
renders, binarises and finds rulings, `tokens` re-splits glued words, `vote` decides figures
by several readings, `cells` and `numbers` repair figures by their column, `flags` raises
`low_confidence_amount`.
"""
