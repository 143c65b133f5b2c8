"""The stage self-assessment on paper: the questionnaire of smedx.models.assessment as an A4 page.

For a classroom whose network fails: learners tick one box per item, add up the points per
dimension, and read their level (and the stage thresholds) from the tables at the end. The same
items, points and rules as the app, so a paper answer can be typed into the app later.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from smedx.i18n import Bilingual, _, using
from smedx.models.assessment import Questionnaire, questionnaire, stage_label

CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       font-size: 10pt; color: #222; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 10pt 0 4pt; break-after: avoid; }
.notice { font-size: 8.5pt; color: #555; border-left: 3px solid #E69F00; padding-left: 6pt; }
.who { margin: 6pt 0; } .who span { display: inline-block; width: 32%; border-bottom: 1px solid #999; }
.item { break-inside: avoid; margin: 5pt 0 7pt; }
.item p { margin: 0 0 2pt; font-weight: bold; }
ol.options { list-style: none; margin: 0; padding-left: 8pt; }
ol.options li { margin: 1pt 0; } .box { display: inline-block; width: 9pt; height: 9pt;
  border: 1px solid #333; margin-right: 5pt; vertical-align: -1pt; }
.points { color: #0072B2; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; break-inside: avoid; }
th, td { border: 1px solid #999; padding: 3pt 5pt; text-align: left; vertical-align: top; }
td.blank { width: 22mm; }
"""


def form_words(lang: str) -> dict[str, str]:
    """The paper form's fixed wording in ``lang``."""
    with using(lang):
        return {
            "title": _("Digital maturity self-assessment (paper form)"),
            "company": _("Company:"),
            "filled_by": _("Filled in by:"),
            "date": _("Date:"),
            "how": _(
                "Tick one box per item; the number after each option is its points. When done, add up the points per dimension."
            ),
            "points": _("pt"),
            "dimension": _("Dimension"),
            "max": _("Max"),
            "score": _("Your score"),
            "total": _("Total"),
            "levels": _("Level (from the total)"),
            "from": _("Total from"),
            "stages": _("Stage thresholds and gates (designed by the course)"),
            "stage": _("Stage"),
            "gates": _("Gates (option chosen at least)"),
            "none": _("none"),
            "option": _("option"),
            "colon": _(": "),
        }


def _pick(obj, name: str, lang: str) -> str:
    return Bilingual(getattr(obj, f"{name}_zh"), getattr(obj, f"{name}_en")).text(lang)


def _items(q: Questionnaire, lang: str) -> list[str]:
    w, parts = form_words(lang), []
    for dim in q.dimensions:
        parts.append(
            f"<h2>{escape(_pick(dim, 'label', lang))} ({dim.max_points} {w['points']})</h2>"
        )
        for item in (i for i in q.items if i.dimension == dim.key):
            options = "".join(
                f"<li><span class='box'></span>{escape(o.id)}. {escape(_pick(o, 'text', lang))} "
                f"<span class='points'>({o.points} {w['points']})</span></li>"
                for o in item.options
            )
            parts.append(
                f"<div class='item'><p>{escape(item.id)} {escape(_pick(item, 'label', lang))}{w['colon']}"
                f"{escape(_pick(item, 'text', lang))}</p><ol class='options'>{options}</ol></div>"
            )
    return parts


def _score_table(q: Questionnaire, lang: str) -> str:
    w = form_words(lang)
    rows = "".join(
        f"<tr><td>{escape(_pick(d, 'label', lang))}</td><td>{d.max_points}</td><td class='blank'></td></tr>"
        for d in q.dimensions
    )
    return (
        f"<table><tr><th>{w['dimension']}</th><th>{w['max']}</th><th>{w['score']}</th></tr>{rows}"
        f"<tr><th>{w['total']}</th><th>{q.max_total}</th><td class='blank'></td></tr></table>"
    )


def _levels(q: Questionnaire, lang: str) -> str:
    w = form_words(lang)
    rows = "".join(
        f"<tr><td>{escape(_pick(lv, 'label', lang))}</td><td>{lv.min_total}</td>"
        f"<td>{escape(_pick(lv, 'descriptor', lang))}</td></tr>"
        for lv in q.levels
    )
    return f"<h2>{w['levels']}</h2><table><tr><th></th><th>{w['from']}</th><th></th></tr>{rows}</table>"


def _stages(q: Questionnaire, lang: str) -> str:
    w = form_words(lang)
    rows = []
    for rule in q.stage_rules:
        gates = "; ".join(
            f"{g.item} {escape(_pick(q.item(g.item), 'label', lang))} ≥ {w['option']} {g.min_option}"
            for g in rule.gates
        )
        rows.append(
            f"<tr><td>{escape(stage_label(rule.stage, lang))}</td><td>{rule.min_total}</td>"
            f"<td>{gates or w['none']}</td></tr>"
        )
    head = f"<tr><th>{w['stage']}</th><th>{w['from']}</th><th>{w['gates']}</th></tr>"
    return f"<h2>{w['stages']}</h2><table>{head}{''.join(rows)}</table>"


def form_html(lang: str = "zh") -> str:
    """The whole questionnaire as one printable HTML document in ``lang``."""
    q, w = questionnaire(), form_words(lang)
    who = "".join(
        f"<span>{escape(label)}</span> " for label in (w["company"], w["filled_by"], w["date"])
    )
    body = [
        f"<h1>{w['title']}</h1>",
        f"<p class='notice'>{escape(_pick(q, 'notice', lang))} {escape(_pick(q, 'scale', lang))}</p>",
        f"<div class='who'>{who}</div><p>{escape(w['how'])}</p>",
        *_items(q, lang),
        _score_table(q, lang),
        _levels(q, lang),
        _stages(q, lang),
    ]
    html_lang = {"zh": "zh-CN", "en": "en"}[lang]
    return (
        f"<!DOCTYPE html><html lang='{html_lang}'><head><meta charset='utf-8'>"
        f"<title>{w['title']}</title><style>{CSS}</style></head><body>{''.join(body)}</body></html>"
    )


def write_form(out: Path, lang: str = "zh") -> Path:
    from smedx.printing import html_to_pdf

    return html_to_pdf(form_html(lang), out)
