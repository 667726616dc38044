"""Running a year's batch: find the files, extract each in a killable process, show progress.

In: paths and a manifest. Out: one `ExtractedDocument` per file, handed to the flow's writer.
`discover` finds documents and their manifest rows, `isolation` / `worker` run one extraction
per child process under time and memory limits, `progress` draws the bar and the summary,
`plaintext` makes document-derived text safe for one-line places (task names, logs).
"""
