"""Progress bar and closing summary of an ingest (rich), fed by the flow's observer hooks."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from schemas.model import ExtractedDocument


class IngestProgress:
    """Documents done of those to extract, pages seen, ETA; silent when disabled (--quiet, pipes)."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        self.console = console
        self.enabled = enabled
        self.pages = 0
        self.done = 0  # documents loaded so far (what an interrupted run keeps)
        self._progress = Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
            TextColumn("{task.fields[pages]} pages"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), console=console, disable=not enabled, transient=False,
        )
        self._task = None

    def __enter__(self) -> "IngestProgress":
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(*exc)

    def start(self, documents: int, size: int) -> None:
        self._task = self._progress.add_task("ingest", total=documents, pages=0)

    def advance(self, doc: ExtractedDocument) -> None:
        self.pages += doc.n_pages or 0
        self.done += 1
        if self._task is not None:
            self._progress.update(self._task, advance=1, pages=self.pages)

    def print_summary(self, summary) -> None:
        c = self.console
        table = Table(title="lkjip ingest", show_header=False, title_justify="left")
        table.add_column(style="bold")
        table.add_column(justify="right")
        for status in ("ok", "partial", "needs_ocr", "failed", "unsupported"):
            if summary.statuses.get(status):
                table.add_row(f"documents {status}", str(summary.statuses[status]))
        if summary.skipped_known:
            table.add_row("already loaded (skipped)", str(summary.skipped_known))
        if summary.duplicates:
            table.add_row("duplicates (same bytes)", str(summary.duplicates))
        if summary.other_files:
            table.add_row("other files ignored", str(summary.other_files))
        table.add_row("pages", str(summary.pages))
        table.add_row("budget lines", str(summary.budget_lines))
        table.add_row("indicators", str(summary.indicators))
        table.add_row("flags", str(summary.flags))
        if summary.figures_printed:
            share = summary.figures_captured / summary.figures_printed
            tables = f", {summary.figures_in_tables} as table figures" if summary.figures_in_tables else ""
            table.add_row("money figures captured",
                          f"{summary.figures_captured}/{summary.figures_printed} ({share:.0%}{tables})")
        table.add_row("seconds", f"{summary.seconds:.1f}")
        c.print(table)
        for path, reason in summary.failures[:20]:
            c.print(f"[red]failed[/red] {escape(path)}: {escape(reason)}", markup=True, highlight=False)
        if len(summary.failures) > 20:
            c.print(f"... and {len(summary.failures) - 20} more; see `lkjip sql \"SELECT source_path, error "
                    f"FROM documents WHERE status = 'failed'\"`")
