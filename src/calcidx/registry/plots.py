"""PNG plots of a case series (matplotlib, Agg backend: no display needed).

Four charts a person can read: cases by subtype, age histogram by subtype, body sites, and
treatments with the outcomes reported.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from calcidx.extract.site_names import series_sites
from calcidx.registry.series import CaseRow, display_name

__all__ = ["write_plots"]

_OUTCOME_ORDER = ("resolved", "improved", "unchanged", "worsened", "died", "not stated")
_OUTCOME_COLOURS = ("#1b7837", "#7fbf7b", "#bdbdbd", "#f4a582", "#b2182b", "#f0f0f0")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _integer_axis(ax: Any, axis: str = "x") -> None:
    from matplotlib.ticker import MaxNLocator

    (ax.xaxis if axis == "x" else ax.yaxis).set_major_locator(MaxNLocator(integer=True))


def _empty(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, transform=ax.transAxes)
    ax.set_axis_off()


def write_plots(cases: list[CaseRow], folder: Path, *, subtitle: str = "") -> list[Path]:
    """Write the four PNG charts of ``cases`` into ``folder``; returns their paths."""
    plt = _pyplot()
    folder.mkdir(parents=True, exist_ok=True)
    note = f"n = {len(cases)} cases" + (f"; {subtitle}" if subtitle else "")
    paths = []

    # 1. cases by subtype
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
    counts = Counter(display_name(c.subtype or "none") for c in cases).most_common()
    if counts:
        labels, values = zip(*counts, strict=True)
        bars = ax.barh(list(labels)[::-1], list(values)[::-1], color="#4575b4")
        ax.bar_label(bars, padding=3)
        ax.set_xlabel("cases")
        _integer_axis(ax)
    else:
        _empty(ax, "no cases")
    ax.set_title(f"Cases by subtype (pathway)\n{note}", fontsize=11)
    fig.tight_layout()
    paths.append(_save(fig, folder / "subtypes.png", plt))

    # 2. age histogram by subtype (stacked)
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
    by_subtype: dict[str, list[float]] = {}
    for c in cases:
        if c.age_years is not None:
            by_subtype.setdefault(display_name(c.subtype or "none"), []).append(c.age_years)
    if by_subtype:
        names = sorted(by_subtype, key=lambda k: -len(by_subtype[k]))
        edges = list(range(0, 101, 10))
        ax.hist([by_subtype[n] for n in names], bins=edges, stacked=True, label=names, edgecolor="white")
        ax.set_xlabel("age at report (years)")
        ax.set_ylabel("cases")
        _integer_axis(ax, "y")
        ax.set_xticks(edges)
        ax.legend(title="subtype", fontsize=8)
    else:
        _empty(ax, "no case states an age")
    unknown = sum(1 for c in cases if c.age_years is None)
    ax.set_title(f"Age by subtype\n{note}; age not stated: {unknown}", fontsize=11)
    fig.tight_layout()
    paths.append(_save(fig, folder / "age_by_subtype.png", plt))

    # 3. body sites
    fig, ax = plt.subplots(figsize=(8, 6), dpi=110)
    sites = Counter(s for c in cases for s in series_sites(c.sites)).most_common(20)
    if sites:
        labels, values = zip(*sites, strict=True)
        bars = ax.barh(list(labels)[::-1], list(values)[::-1], color="#74add1")
        ax.bar_label(bars, padding=3)
        ax.set_xlabel("cases with a lesion at the site")
        _integer_axis(ax)
    else:
        _empty(ax, "no body site recorded")
    ax.set_title(f"Body sites (top 20)\n{note}", fontsize=11)
    fig.tight_layout()
    paths.append(_save(fig, folder / "body_sites.png", plt))

    # 4. treatments and outcomes (stacked horizontal bars)
    fig, ax = plt.subplots(figsize=(9, 6), dpi=110)
    table: dict[str, Counter[str]] = {}
    for c in cases:
        for name, outcome in zip(c.treatments, c.treatment_outcomes, strict=True):
            table.setdefault(name, Counter())[outcome] += 1
    if table:
        names = sorted(table, key=lambda k: sum(table[k].values()))[-15:]
        left: list[int] = [0] * len(names)
        for outcome, colour in zip(_OUTCOME_ORDER, _OUTCOME_COLOURS, strict=True):
            widths = [table[n][outcome] for n in names]
            ax.barh(
                [display_name(n) for n in names],
                widths,
                left=left,
                color=colour,
                label=outcome,
                edgecolor="#666666",
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        ax.set_xlabel("treated cases")
        _integer_axis(ax)
        ax.legend(title="reported outcome", fontsize=8, loc="lower right")
    else:
        _empty(ax, "no treatment reported")
    ax.set_title(f"Treatments and reported outcomes\n{note}", fontsize=11)
    fig.tight_layout()
    paths.append(_save(fig, folder / "treatment_outcomes.png", plt))
    return paths


def _save(fig: Any, path: Path, plt: Any) -> Path:
    fig.savefig(path)
    plt.close(fig)
    return path
