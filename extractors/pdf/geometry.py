"""Plain page objects shared by the detectors: words and ruling segments, in points,
origin top-left, in the page's displayed orientation (rotation already applied)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Word:
    """One word as PyMuPDF splits it; `bold` comes from the span's font."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    bold: bool = False

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def h(self) -> float:
        return self.y1 - self.y0


@dataclass(slots=True)
class Segment:
    """A straight ruling: horizontal (`pos` = y, `start..end` = x) or vertical (`pos` = x)."""

    pos: float
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


def cluster_values(values: list[float], tol: float) -> list[float]:
    """Collapse sorted-able coordinates closer than `tol` into their mean (chain-linked)."""
    out: list[float] = []
    group: list[float] = []
    for v in sorted(values):
        if group and v - group[-1] > tol:
            out.append(sum(group) / len(group))
            group = []
        group.append(v)
    if group:
        out.append(sum(group) / len(group))
    return out


def merge_intervals(intervals: list[tuple[float, float]], join: float = 0.0) -> list[tuple[float, float]]:
    """Union of intervals; pieces closer than `join` are fused."""
    out: list[tuple[float, float]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1] + join:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


SPECK = 0.5  # a word boxed under this share of the typical word height is a speck: `-`, `.`, a rule's bit


def median(values: list[float], default: float = 0.0) -> float:
    if not values:
        return default
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
