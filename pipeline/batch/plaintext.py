"""Document-derived text (file paths, reasons) made safe for one-line places: Prefect task
names and logs, error messages. The terminal's own escaping of table cells is `cli._terminal_safe`."""

from __future__ import annotations


def printable(text: str, limit: int) -> str:
    """One line of printable characters (control characters, newlines and escape sequences
    become `?`), at most `limit` long with the middle elided: what Prefect names, logs and prints."""
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    if len(text) > limit:
        head = (limit - 1) // 2
        text = text[:head] + "…" + text[len(text) - (limit - 1 - head):]
    return text
