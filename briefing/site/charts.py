"""Small charts drawn at build time: inline SVG, no script, readable in both themes.

Shapes take Material's primary colour and text takes the page's text colour
(`currentColor`), so a chart follows the light and the dark scheme.
"""

from __future__ import annotations

import html

from ..records import plural_form

WIDTH, HEIGHT = 560, 200
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 24, 36


def _number(value: float) -> str:
    """«4,1 млрд», «600 тыс.», «7,1»: the Russian way, three significant digits at most."""
    for scale, word in ((1e12, " трлн"), (1e9, " млрд"), (1e6, " млн"), (1e3, " тыс.")):
        if abs(value) >= scale:
            value, suffix = value / scale, word
            break
    else:
        suffix = ""
    text = f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"
    return text.replace(".", ",") + suffix


def _with_unit(value: float, unit: str | tuple[str, str, str]) -> str:
    """The value as written above its bar, with its unit: a symbol as it is («7,1 %»), a
    counted noun in the form the number takes («21 турист», «2,5 туриста», «600 тыс. туристов»)."""
    text = _number(value)
    if isinstance(unit, str):
        return text + unit
    one, few, many = unit
    if not text[-1].isdigit():  # «тыс.», «млн»: the noun agrees with them
        return f"{text} {many}"
    return f"{text} {plural_form(float(text.replace(',', '.')), one, few, many)}"


def bar_chart(title: str, points: list[tuple[str, float]], unit: str | tuple[str, str, str],
              faint: frozenset[int] = frozenset()) -> str:
    """One bar per (label, value), oldest first, each value written above its bar; `unit` is
    a suffix (« %», « км», "" for money, whose title names the currency) or a counted
    noun's (one, few, many) forms. The bars at the indexes in `faint` are drawn lighter
    (a part of a year beside whole years: not to be compared at a glance)."""
    n = len(points)
    top = max(v for _, v in points) or 1.0
    slot = (WIDTH - LEFT - RIGHT) / n
    bar = min(slot * 0.6, 60)
    parts = [
        f'<svg class="briefing-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'style="max-width:{WIDTH}px;color:var(--md-typeset-color)" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{html.escape(title)}</title>",
    ]
    base = HEIGHT - BOTTOM
    for i, (label, value) in enumerate(points):
        h = (base - TOP) * max(value, 0) / top
        x = LEFT + i * slot + (slot - bar) / 2
        cx = x + bar / 2
        opacity = ";fill-opacity:0.4" if i in faint else ""
        parts.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                     f'style="fill:var(--md-primary-fg-color){opacity}"/>')
        parts.append(f'<text x="{cx:.1f}" y="{base - h - 6:.1f}" text-anchor="middle" font-size="13" '
                     f'fill="currentColor">{html.escape(_with_unit(value, unit))}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{base + 18:.1f}" text-anchor="middle" font-size="12" '
                     f'fill="currentColor">{html.escape(label)}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="currentColor" stroke-width="1"/>')
    parts.append("</svg>")
    return "".join(parts)
