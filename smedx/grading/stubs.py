"""nbgrader's ClearSolutions with a written answer's stub in the notebook's own language.

``generate_assignment`` replaces a manually graded markdown cell (a reflection, a question's
reasons) by ``ClearSolutions.text_stub``, one text for every notebook. An assignment notebook
says its language in ``metadata.smedx.lang`` (:mod:`smedx.grading.build`), so the Chinese
edition starts the answer cell in Chinese and the English edition in English; a notebook that
does not say keeps the configured stub.
"""

from __future__ import annotations

from nbgrader.preprocessors import ClearSolutions

from smedx.i18n import LANGS, Bilingual

TEXT_STUB = Bilingual(
    "（请双击本单元格，在此作答。）", "(Double-click this cell and write your answer here.)"
)


class ClearSolutionsInItsLanguage(ClearSolutions):
    def preprocess(self, nb, resources):
        lang = (nb.metadata.get("smedx") or {}).get("lang")
        configured = self.text_stub
        if lang in LANGS:
            self.text_stub = TEXT_STUB.text(lang)
        try:
            return super().preprocess(nb, resources)
        finally:
            self.text_stub = configured  # the next notebook decides for itself
