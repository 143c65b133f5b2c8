"""The message catalogue is whole: every _()/N_()/pgettext() message in smedx/ has one Chinese
translation in some area's .po, none is empty or fuzzy, no two areas disagree, every .po compiles;
and the loader reads the compiled .mo and the .po alike. Each rule is shown to fail on a planted
bad entry in a copy of the catalogue (never in the repository)."""

import shutil
import textwrap
from pathlib import Path

import pytest

from smedx import catalogue, i18n

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def template():
    return catalogue.extract()


@pytest.fixture
def copy(tmp_path):
    """A copy of the area files to plant bad entries in."""
    folder = tmp_path / "LC_MESSAGES"
    folder.mkdir()
    for po in i18n.CATALOGUE_DIR.glob("*.po"):
        shutil.copy(po, folder)
    return folder


def plant(folder: Path, area: str, entry: str) -> None:
    path = folder / f"{area}.po"
    text = path.read_text("utf-8") if path.exists() else ""
    path.write_text(text + "\n" + textwrap.dedent(entry), "utf-8")


def test_every_message_has_one_translation(template):
    assert len(template) > 50  # the extractor found the kit's messages
    assert catalogue.problems(template) == []


def test_the_extractor_finds_each_marker_with_its_context(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text(
        "from smedx.i18n import N_, _, pgettext\n"
        "A = N_('Marked only')\n"
        "def f(n):\n"
        "    return _('Shown {n}').format(n=n), pgettext('axis', 'Share'), _(A)\n"
    )
    found = {(m.context, m.id) for m in list(catalogue.extract(package))[1:]}
    assert found == {(None, "Marked only"), (None, "Shown {n}"), ("axis", "Share")}


def test_a_message_no_area_translates_fails(tmp_path, copy):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "new.py").write_text("from smedx.i18n import _\n_('Nobody translated this')\n")
    found = catalogue.problems(catalogue.extract(package), copy)
    assert found == ["no area translates 'Nobody translated this' (pkg/new.py:2)"]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('msgid "Check"\nmsgstr ""\n', "'Check' has no translation"),
        ('#, fuzzy\nmsgid "Check"\nmsgstr "检查"\n', "'Check' is marked fuzzy"),
        ('msgid "Check"\nmsgstr "核对"\n', "'Check' is translated twice"),
        ('msgid "Hint ({shown}/{total})"\nmsgstr "提示（{shown}）"\n', "{placeholders} differ"),
        ('msgid "Check"\nmsgstr "检查"\nmsgtsr "typo"\n', "does not parse"),
    ],
    ids=["empty", "fuzzy", "two-ways", "placeholders", "broken"],
)
def test_a_bad_entry_fails(template, copy, entry, expected):
    assert catalogue.problems(template, copy) == []  # the copy is whole before planting
    plant(copy, "planted", entry)
    found = catalogue.problems(template, copy)
    assert any(expected in line for line in found), found


def test_compiled_and_raw_catalogues_read_the_same(copy):
    raw = i18n.load(copy)
    assert catalogue.compile_all(copy)
    compiled = i18n.load(copy)
    assert {type(t).__name__ for t in chain(compiled)} == {"GNUTranslations"}
    assert {type(t).__name__ for t in chain(raw)} == {"_PoCatalogue"}
    for area in catalogue.areas(copy).values():
        for message in list(area)[1:]:
            expected = message.string
            if message.context:
                assert raw.pgettext(message.context, message.id) == expected
                assert compiled.pgettext(message.context, message.id) == expected
            else:
                assert raw.gettext(message.id) == compiled.gettext(message.id) == expected
    assert compiled.gettext("Not in any catalogue") == "Not in any catalogue"


def chain(translations):
    """The area catalogues behind the loader's NullTranslations head."""
    while translations._fallback is not None:
        translations = translations._fallback
        yield translations


def test_a_po_newer_than_its_mo_is_read_instead(copy):
    catalogue.compile_all(copy)
    plant(copy, "exercises", 'msgid "Only in the newer po"\nmsgstr "只在较新的 po 中"\n')
    assert i18n.load(copy).gettext("Only in the newer po") == "只在较新的 po 中"


def test_update_adds_missing_messages_to_one_area_only(tmp_path, copy):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("from smedx.i18n import _\n_('Check')\n_('Brand new')\n")
    (package / "b.py").write_text("from smedx.i18n import _\n_('Elsewhere')\n")
    before = {po.name: po.read_bytes() for po in copy.glob("*.po")}
    added = catalogue.update("newarea", catalogue.extract(package), ["pkg/a.py"], copy)
    assert added == 1  # "Check" is translated already, b.py was not asked for
    assert {po.name: po.read_bytes() for po in copy.glob("*.po") if po.name in before} == before
    (message,) = list(catalogue.areas(copy)["newarea"])[1:]
    assert (message.id, message.string) == ("Brand new", "")


def test_gettext_follows_the_language():
    with i18n.using("zh"):
        assert i18n._("Check") == "检查"
    with i18n.using("en"):
        assert i18n._("Check") == "Check"


def test_the_catalogue_command_lists_problems_and_fails(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(catalogue, "TEMPLATE", tmp_path / "smedx.pot")
    monkeypatch.setattr(catalogue, "CATALOGUE_DIR", tmp_path)  # no area files at all
    assert catalogue.main([]) == 1
    assert "no area translates 'Check'" in capsys.readouterr().out
    assert 'msgid "Check"' in (tmp_path / "smedx.pot").read_text("utf-8")


def test_a_message_inside_an_f_string_is_extracted(tmp_path):
    # Babel's own Python extractor skips f-string expressions before Python 3.12: such a message
    # would be missing from every area and the test above would not notice
    (tmp_path / "page.py").write_text(
        "from smedx.i18n import _, pgettext\n"
        "title = f\"<b>{_('Zebra crossing')}</b> {pgettext('road', 'Lane')} {_(name)}\"\n",
        "utf-8",
    )
    found = {(m.context, m.id) for m in list(catalogue.extract(tmp_path))[1:]}
    assert found == {(None, "Zebra crossing"), ("road", "Lane")}
