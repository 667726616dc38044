"""Stage 3, structure: grids → tables with column roles → typed records → hierarchy.

In: `schemas.model.Grid` (cells as text, from any reader). Out: `BudgetLine` and `IndicatorRow`
records with levels and parents. `tables` splits header from data rows and stitches tables
continued over pages, `roles` maps header paths to column roles, `cellkinds` says what a cell
holds, `headerless` gives roles to bare numbered lists, `records` turns rows into typed records
(numbers read by `pipeline.normalise.numbers`), `hierarchy` assigns levels and parents.
"""
