"""One error type for everything a learner or trainer can get wrong, in zh-CN and en."""

from __future__ import annotations


class KitError(ValueError):
    """A bad input, explained in both languages: what is wrong and what is expected.

    ``str(err)`` gives Chinese first, then English, so a message printed anywhere (CLI, notebook,
    Voila app) is readable by every user; ``err.message(lang)`` gives one language.
    """

    def __init__(self, zh: str, en: str, *, field: str | None = None):
        self.zh = zh
        self.en = en
        self.field = field
        super().__init__(f"{zh}\n{en}")

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def to_dict(self) -> dict:
        return {"zh": self.zh, "en": self.en, "field": self.field}
