"""The course glossary: every stage, dimension, level, scenario and criterion name in zh and en,
with a one-line definition.

Each kind of name has ONE table, and the glossary reads it: stages from the report's stage table
(``datasets/report2024/stages.csv``), dimensions and levels from the kit's questionnaire, scenarios
from figure 3.1.2.1, criteria from the kit's criteria table. Surfaces ask the glossary
(:func:`name`, :func:`names`) or read the same table; ``tests/test_glossary_names.py`` fails on any
data label, model table or app option that spells a term differently. Stage and level definitions
are the report's and MIIT's own descriptors; the other definitions are written by the kit and
labelled so.

    >>> from smedx import glossary
    >>> glossary.name("stage", "local_build", "en")
    'Local build-out stage'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from smedx import data
from smedx.errors import KitError
from smedx.typography import space_cjk

KINDS = ("stage", "dimension", "level", "scenario", "criterion")

KIND_NAMES = {
    "stage": ("转型阶段", "Transformation stage"),
    "dimension": ("评测维度", "Assessment dimension"),
    "level": ("数字化水平等级", "Digital level"),
    "scenario": ("数字化场景", "Digital scenario"),
    "criterion": ("服务商选择准则", "Vendor criterion"),
}

# The report is in Chinese only, so the kit chose one English name per stage; earlier drafts used
# two, and these retired spellings must not come back anywhere (tests/test_glossary_names.py).
# local_build: "local", not "partial": the report sets 局部 (one business line at a time, "为每一条
#   业务线建设数据中台") against the company-wide (全面) digital foundation that follows; MIIT's level-2
#   descriptor is likewise "digital management of a single business".
# innovation: "innovation-driven": the report's descriptor is a company that "智能化驱动形成创新的
#   业务模式", i.e. driven by intelligence into innovation, not merely led by it.
RETIRED_NAMES = {
    ("stage", "local_build"): ("Partial build-out",),
    ("stage", "innovation"): ("Innovation-led",),
}

# Where a definition comes from (zh, en): shown beside the glossary so kit text is labelled.
SOURCES = {
    "report": ("报告原文", "the report's wording"),
    "miit": ("评测指标等级描述", "MIIT level descriptor"),
    "kit": ("课程编写", "written by the kit"),
}

# Kit-written one-line definitions for the names the report gives without one.
SCENARIO_DEFINITIONS = {
    "it_ops": (
        "服务器、网络、终端和信息系统的日常运行、维护与安全管理。",
        "Running, maintaining and securing servers, networks, devices and information systems.",
    ),
    "enterprise_mgmt": (
        "财务、人事、法务等企业内部管理工作的数字化。",
        "Digital finance, HR, legal and other internal management work.",
    ),
    "collaboration": (
        "用在线文档、即时通讯、审批流等工具协同办公。",
        "Working together with online documents, messaging and approval workflows.",
    ),
    "manufacturing": (
        "生产计划、设备、质量和车间数据的数字化管控。",
        "Digital control of production planning, equipment, quality and shop-floor data.",
    ),
    "supply_chain": (
        "采购、库存、物流和供应商协同的数字化。",
        "Digital purchasing, inventory, logistics and supplier collaboration.",
    ),
    "rnd": (
        "硬件研发、软件开发和产品设计中使用数字化工具。",
        "Digital tools in hardware R&D, software development and product design.",
    ),
}

CRITERION_DEFINITIONS = {
    "hw_sw_integration": (
        "服务商能否把硬件、软件和服务作为一个整体交付。",
        "Whether the provider delivers hardware, software and service as one whole.",
    ),
    "need_match": (
        "方案与企业实际业务需求的贴合程度。",
        "How closely the offer fits the firm's actual business needs.",
    ),
    "cost_benefit": (
        "投入与可获得收益之比，即性价比。",
        "What the firm gets for what it pays: value for money.",
    ),
    "hardware_range": (
        "服务商可提供的硬件产品种类是否齐全。",
        "How complete the provider's range of hardware products is.",
    ),
    "after_sales": (
        "上线后的培训、维护、故障响应和持续支持能力。",
        "Training, maintenance, incident response and ongoing support after go-live.",
    ),
    "fast_deploy": (
        "产品能否快速上线并随业务迭代。",
        "How quickly the product goes live and keeps up with the business.",
    ),
    "light_ops": (
        "日常运行和维护所需的人力与投入少。",
        "Little staff time and money needed to run and maintain it.",
    ),
    "simple_precise": (
        "功能聚焦关键需求，员工容易上手。",
        "Features aimed at the key needs, easy for staff to learn.",
    ),
    "low_complexity": (
        "系统规模小、占用的计算和人员资源少。",
        "A small system that uses few computing and staff resources.",
    ),
    "integration": (
        "能否与企业已有的系统和数据对接。",
        "Whether it connects with the firm's existing systems and data.",
    ),
    "security": (
        "数据与系统的安全保障，包括访问控制和备份。",
        "Protection of data and systems, including access control and backups.",
    ),
}


@dataclass(frozen=True)
class Term:
    kind: str
    key: str
    zh: str
    en: str
    definition_zh: str
    definition_en: str
    source: str  # a key of SOURCES
    # The report's own wording where its figure labels the term at length (criteria): figure
    # labels keep it, apps and charts use the short name.
    report_zh: str = ""
    report_en: str = ""

    def name(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def definition(self, lang: str = "zh") -> str:
        return self.definition_en if lang == "en" else self.definition_zh


RADICALS = {"\u2ed3": "长"}  # CJK radicals-supplement forms the report's PDF text uses


def _plain(text: str) -> str:
    """The report's PDF text uses Kangxi radicals (⾏ U+2F8F) for common characters: map them."""
    return "".join(
        RADICALS.get(ch)
        or (unicodedata.normalize("NFKC", ch) if "\u2f00" <= ch <= "\u2fdf" else ch)
        for ch in str(text)
    )


def _first_sentence(text: str, lang: str) -> str:
    """One line: the text up to its first full stop (the report's descriptors run long)."""
    text = _plain(text).strip()
    found = re.search(r"[。；]" if lang == "zh" else r"[.;](\s|$)", text)
    line = text[: found.start() + 1] if found else text
    if lang == "zh":
        return (
            line[:-1] + "。"
            if line.endswith("；")
            else line
            if line.endswith("。")
            else line + "。"
        )
    return line[:-1] + "." if line.endswith(";") else line if line.endswith(".") else line + "."


def _stages() -> list[Term]:
    terms = []
    for row in data.stages().sort_values("order").to_dict("records"):
        zh_text, en_text = row["descriptor_zh"] or row["detail_zh"], row["descriptor_en"]
        en_text = en_text or row["detail_en"]
        terms.append(
            Term(
                "stage",
                row["stage_id"],
                row["name_zh"],
                row["name_en"],
                _first_sentence(zh_text, "zh"),
                _first_sentence(en_text, "en"),
                "report",
            )
        )
    return terms


def _dimensions() -> list[Term]:
    from smedx.models import assessment  # the models read names from here: import late

    return [
        Term(
            "dimension",
            d.key,
            d.label_zh,
            d.label_en,
            _first_sentence(d.why_zh, "zh"),
            _first_sentence(d.why_en, "en"),
            "kit",
        )
        for d in assessment.questionnaire().dimensions
    ]


def _levels() -> list[Term]:
    from smedx.models import assessment

    return [
        Term(
            "level",
            str(lv.level),
            lv.label_zh,
            lv.label_en,
            _first_sentence(lv.descriptor_zh, "zh"),
            _first_sentence(lv.descriptor_en, "en"),
            "miit" if lv.level else "kit",
        )
        for lv in assessment.questionnaire().levels
    ]


def _scenarios() -> list[Term]:
    from smedx.models import scenarios

    return [
        Term("scenario", key, zh, en, *SCENARIO_DEFINITIONS[key], "kit")
        for key, (zh, en) in scenarios.scenario_catalogue().items()
    ]


def _report_wording(figure_id: str, key: str) -> tuple[str, str]:
    if not figure_id:
        return "", ""
    stat = data.stat(figure_id, key)
    return stat.label_zh, stat.label_en


def _criteria() -> list[Term]:
    from smedx.models import vendors

    return [
        Term(
            "criterion",
            c.key,
            c.label_zh,
            c.label_en,
            *CRITERION_DEFINITIONS[c.key],
            "kit",
            *_report_wording(c.figure_id, c.report_key),
        )
        for c in vendors.criteria()
    ]


@cache
def _all_terms() -> tuple[Term, ...]:
    return tuple(_stages() + _dimensions() + _levels() + _scenarios() + _criteria())


def terms() -> list[Term]:
    """Every glossary term, grouped by kind in the order of :data:`KINDS`."""
    return list(_all_terms())


@cache
def _index() -> dict[tuple[str, str], Term]:
    return {(t.kind, t.key): t for t in _all_terms()}


def term(kind: str, key: str) -> Term:
    try:
        return _index()[(kind, str(key))]
    except KeyError:
        known = ", ".join(t.key for t in _all_terms() if t.kind == kind)
        raise KitError(
            f"术语表中没有{kind_name(kind)} {key!r}；已有：{known}",
            f"the glossary has no {kind_name(kind, 'en').lower()} {key!r}; known: {known}",
        ) from None


def name(kind: str, key: str, lang: str = "zh") -> str:
    """The one name of a stage, dimension, level, scenario or criterion in one language."""
    return term(kind, key).name(lang)


def names(kind: str, lang: str = "zh") -> dict[str, str]:
    """key -> name of every term of one kind, in the glossary's order."""
    return {t.key: t.name(lang) for t in _all_terms() if t.kind == kind}


def kind_name(kind: str, lang: str = "zh") -> str:
    return KIND_NAMES[kind][1 if lang == "en" else 0]


def source_name(source: str, lang: str = "zh") -> str:
    return SOURCES[source][1 if lang == "en" else 0]


# ---------------------------------------------------------------------------------------------
# The learners' glossary page, one language per page (`smedx glossary`)
# ---------------------------------------------------------------------------------------------

PAGE_FILES = {"zh": "glossary.zh.md", "en": "glossary.en.md"}

PAGE_TEXT = {
    "zh": {
        "title": "术语表",
        "intro": "课程中各应用、图表、练习和行动计划使用的阶段、维度、等级、场景和准则名称，"
        "都以本表为准。释义来源为“课程编写”的，由本课程撰写，不是报告原文。",
        "generated": "本页由 `smedx glossary --out docs` 从课程术语表生成，请勿手工修改。",
        "head": ("名称", "释义", "释义来源"),
        "report_wording": "报告原文：“{}”",
    },
    "en": {
        "title": "Glossary",
        "intro": "The names of stages, dimensions, levels, scenarios and criteria used in the "
        "course's apps, charts, exercises and action plan are the ones in this table. "
        "Definitions marked 'written by the kit' are the kit's own, not the report's text.",
        "generated": "This page is generated from the course glossary by "
        "`smedx glossary --out docs`; do not edit it by hand.",
        "head": ("Name", "Definition", "Definition from"),
        "report_wording": "The report's wording: '{}'",
    },
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def page_markdown(lang: str = "zh") -> str:
    """The glossary as a Markdown page in one language."""
    text = PAGE_TEXT["en" if lang == "en" else "zh"]
    lines = [f"# {text['title']}", "", text["intro"], "", f"*{text['generated']}*"]
    for kind in KINDS:
        lines += ["", f"## {kind_name(kind, lang)}", "", "| " + " | ".join(text["head"]) + " |"]
        lines.append("|---|---|---|")
        for t in (t for t in _all_terms() if t.kind == kind):
            definition = t.definition(lang)
            wording = t.report_en if lang == "en" else t.report_zh
            if wording:
                definition += " " + text["report_wording"].format(wording)
            row = (t.name(lang), definition, source_name(t.source, lang))
            lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    page = "\n".join(lines) + "\n"
    return page if lang == "en" else space_cjk(page)  # the kit's one spacing rule
