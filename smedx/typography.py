"""Chinese typography: one spacing rule and one way to cite the report, for every surface.

The rule (the common convention of Chinese technical writing): a space between a Chinese character
and a Latin letter or digit ("2023 年", "AI 应用", "15% 的企业"), and no space next to full-width
punctuation ("（报告第 2.1 节）", "ERP、CRM"). Report citations read as Chinese: "报告第 2.1 节",
"报告前言", "报告附录 1.1", "报告图 2-3" — "§" is for the English edition only.

Some spans are left exactly as written: inline code, URLs, link targets, math, HTML, file names
and quoted text in “…” (report quotes stay verbatim).
"""

from __future__ import annotations

import re
import unicodedata

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A Latin run ends in a letter, digit or "%" ("15% 的"); it starts with a letter or digit.
_LATIN_END = r"A-Za-z0-9%"
_LATIN_START = r"A-Za-z0-9"
_FULLWIDTH = "，。：；！？、（）《》“”‘’【】"

_PROTECTED = re.compile(
    r"```.*?```"  # fenced code
    r"|`[^`\n]*`"  # inline code
    r"|<!--.*?-->|<[^<>\n]+>"  # HTML comments and tags
    r"|\]\([^)\n]*\)"  # markdown link targets
    r"|https?://\S+"  # URLs
    r"|\$[^$\n]+\$"  # inline math
    r"|[\w./-]*\w\.(?:ipynb|md|py|json|csv|html|pdf|zip|txt|xlsx|pptx|docx)\b"  # file names
    r"|〔\d{4}〕\d+号"  # official document numbers (工信厅企业〔2022〕32号)
    r"|“[^“”]*”|‘[^‘’]*’",  # quoted text (report quotes stay verbatim)
    re.DOTALL,
)
_MISSING = re.compile(rf"(?<=[{_HAN}])(?=[{_LATIN_START}])|(?<=[{_LATIN_END}])(?=[{_HAN}])")
# a space between full-width punctuation and a letter or digit ("） 30%"); symbols such as
# "|", "·", ">" or "=" keep their spaces
_WORD = rf"{_HAN}A-Za-z0-9%"
_AROUND_FULLWIDTH = re.compile(
    rf"(?<=[{_FULLWIDTH}])[ \t]+(?=[{_WORD}])|(?<=[{_WORD}])[ \t]+(?=[{_FULLWIDTH}])"
)


def _pieces(text: str):
    """(is_protected, piece) in order; the pieces join back to ``text``."""
    at = 0
    for match in _PROTECTED.finditer(text):
        yield False, text[at : match.start()]
        yield True, match.group()
        at = match.end()
    yield False, text[at:]


def _fix(piece: str) -> str:
    piece = _MISSING.sub(" ", piece)
    return _AROUND_FULLWIDTH.sub(
        lambda m: m.group() if _line_start(piece, m.start()) else "", piece
    )


def space_cjk(text: str) -> str:
    """``text`` with the spacing rule applied outside protected spans (idempotent)."""
    return "".join(piece if protected else _fix(piece) for protected, piece in _pieces(text))


def unspace_cjk(text: str) -> str:
    """``text`` without the spaces the rule puts between Chinese and Latin letters or digits, to
    accept labels typed either way ("101—300人" and "101—300 人")."""
    return re.sub(
        rf"(?<=[{_HAN}])[ \t]+(?=[{_LATIN_START}])|(?<=[{_LATIN_END}])[ \t]+(?=[{_HAN}])", "", text
    )


def _line_start(piece: str, at: int) -> bool:
    """A space at the start of a line (indentation, markdown list/heading marker) is layout."""
    before = piece[:at].rsplit("\n", 1)[-1]
    return not before.strip(" \t#>*-+|0123456789.")


def spacing_errors(text: str) -> list[str]:
    """Each place where ``text`` breaks the rule, shown with a little context; [] if it holds."""
    errors = []
    for protected, piece in _pieces(text):
        if protected:
            continue
        for match in _MISSING.finditer(piece):
            errors.append(
                f"missing space: {piece[max(0, match.start() - 8) : match.start() + 8]!r}"
            )
        for match in _AROUND_FULLWIDTH.finditer(piece):
            if not _line_start(piece, match.start()):
                where = piece[max(0, match.start() - 8) : match.end() + 8]
                errors.append(f"space next to full-width punctuation: {where!r}")
    return errors


# --- citations ----------------------------------------------------------------------------------

_SECTION = r"(?:\d+(?:\.\d+)*|前言|结语|附录\s*\d+(?:\.\d+)*)"


def section_zh(section: str) -> str:
    """A report section named in Chinese: "第 2.1 节", "前言", "附录 1.1"."""
    section = section.strip()
    if section.startswith("附录"):
        return f"附录 {section[2:].strip()}"
    if section in ("前言", "结语"):
        return section
    return f"第 {section} 章" if section.isdigit() else f"第 {section} 节"


def sections_zh(sections: str) -> str:
    """Sections as the kit's tables list them ("1.3; 2.1; appendix 1.2") named in Chinese:
    "第 1.3、2.1 节、附录 1.2"."""
    parts = [re.sub(r"^appendix\s*", "附录", p.strip()) for p in re.split(r"[;,]", sections)]
    numbered = [p for p in parts if re.fullmatch(r"\d+(?:\.\d+)+", p)]
    names = [f"第 {'、'.join(numbered)} 节"] if numbered else []
    return "、".join(names + [section_zh(p) for p in parts if p and p not in numbered])


def section_en(section: str) -> str:
    """A report section named in English: "§2.1", "Preface", "Appendix 1.1"."""
    section = section.strip()
    if section.startswith("附录"):
        return f"Appendix {section[2:].strip()}"
    return {"前言": "Preface", "结语": "Conclusion"}.get(section, f"§{section}")


def section_ref(section: str, lang: str = "zh") -> str:
    return section_en(section) if lang == "en" else section_zh(section)


# "§2.1", "§4.1–§4.6", "§5.1、§5.2、§5.3" (and the numbered parts run together: "第 4.1–4.6 节")
_CITATION = re.compile(rf"§\s*({_SECTION})((?:\s*[–-]\s*§?\s*{_SECTION}|、§\s*{_SECTION})*)")
_CHINESE = rf"[{_HAN}{_FULLWIDTH}]"


def _in_chinese(text: str, start: int, end: int) -> bool:
    """Whether the citation text[start:end] stands in Chinese text (next to a Chinese character
    or full-width punctuation) rather than in an English sentence."""
    before, after = text[:start].rstrip(" \t"), text[end:].lstrip(" \t")
    return bool(re.search(f"{_CHINESE}$", before) or re.match(_CHINESE, after))


def natural_citations(text: str) -> str:
    """``text`` with its "§" citations written as the language around them reads them.

    In Chinese: "报告第 2.1 节", "第 4.1–4.6 节", "第 5.1、5.2 节", "报告前言", "附录 1.1", with
    no space left between the citation and the Chinese around it. In English, "§2.1" stays and
    the Chinese-only names become English: "Appendix 1.1", "Preface", "Conclusion".
    """
    text = re.sub(r"附录\s*(?=§\s*附录)", "", text)  # "附录 §附录1.2" says appendix twice

    def natural(match: re.Match) -> str:
        parts = re.split(r"(\s*[–-]\s*|、)", match.group(1) + match.group(2))
        sections = [p.replace("§", "").strip() for p in parts[::2]]
        joins = [j.strip() for j in parts[1::2]]
        if not _in_chinese(match.string, match.start(), match.end()):
            if all(re.fullmatch(r"\d+(?:\.\d+)*", s) for s in sections):
                return match.group()
            names = [section_en(s) for s in sections]
            return "".join(n + j for n, j in zip(names, [*joins, ""], strict=True))
        if all(re.fullmatch(r"\d+(?:\.\d+)*", s) for s in sections):
            body = "".join(s + j for s, j in zip(sections, [*joins, ""], strict=True))
            return f"\0第 {body} 节\0"
        names = [section_zh(s) for s in sections]
        if names[0] in ("前言", "结语") and not match.string[: match.start()].rstrip().endswith(
            "报告"
        ):
            names[0] = "报告" + names[0]
        return "\0" + "".join(n + j for n, j in zip(names, [*joins, ""], strict=True)) + "\0"

    text = _CITATION.sub(natural, text)
    # no space between a Chinese citation and the Chinese around it ("报告第 2.1 节指出"); a
    # citation that ends in a digit ("附录 1.3") keeps the space the spacing rule wants
    text = re.sub(rf"(?<=[{_HAN}])\0[ \t]+(?={_CHINESE})", "\0", text)
    text = re.sub(rf"(?<={_CHINESE})[ \t]+\0(?=[{_HAN}])", "\0", text)
    return text.replace("\0", "")


def chinese(text: str) -> str:
    """Chinese learner text as the kit shows it: natural citations and the spacing rule."""
    return space_cjk(natural_citations(text))


def cited_sections_zh(text: str) -> set[str]:
    """The report sections a Chinese text cites: "第 2.1 节", "第 4.1–4.6 节" (every one of
    4.1..4.6), "第 5.1、5.2 节", "报告前言", "附录 1.1"."""
    found: set[str] = set()
    for match in re.finditer(r"第\s*(\d+(?:\.\d+)*(?:\s*(?:[–-]|、)\s*\d+(?:\.\d+)*)*)\s*节", text):
        parts = re.split(r"\s*([–-]|、)\s*", match.group(1))
        numbers, joins = parts[::2], parts[1::2]
        found.update(numbers)
        for low, join, high in zip(numbers, joins, numbers[1:], strict=False):
            if join != "、" and low.rsplit(".", 1)[0] == high.rsplit(".", 1)[0]:
                head, first = low.rsplit(".", 1)
                last = high.rsplit(".", 1)[1]
                found.update(f"{head}.{k}" for k in range(int(first), int(last) + 1))
    found.update(f"附录{m}" for m in re.findall(r"(?<!图)附录\s*(\d+(?:\.\d+)*)", text))
    found.update(re.findall(r"报告(前言|结语)", text))
    return found


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a Chinese character or full-width form takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
