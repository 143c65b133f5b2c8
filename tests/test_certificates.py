"""Certificates: one real PDF per learner (Chromium), read back with pypdf and rendered with
pypdfium2; the verification code is genuine for the printed details and for nothing else."""

from __future__ import annotations

import secrets
import unicodedata

import pypdf
import pypdfium2
import pytest

from smedx.certificates import code_for, learner, load_secret, normalise_code
from smedx.certificates.roster import read_roster
from smedx.cli import main

HEADER = "name,course,association,start_date,end_date,modules,results\n"
ZHANG = (
    "张三,数字化转型实务,杭州市中小企业协会,2024-05-06,2024/5/7,00;01;m02;3,自评：局部建设阶段\n"
)
JANE = "Jane Smith,SME DX basics,Hangzhou SME Association,2024-05-06,2024-05-07,0 1 2 3 4 5 6,\n"
ZHANG_FIELDS = [
    "--name", "张三", "--course", "数字化转型实务", "--association", "杭州市中小企业协会",
    "--start-date", "2024-05-06", "--end-date", "2024-05-07", "--modules", "00;01;02;03",
    "--results", "自评：局部建设阶段",
]  # fmt: skip


def _text(path) -> str:
    """The PDF's text without white space (letter-spacing splits words); Noto CJK maps some
    glyphs to Kangxi radicals (⼩ for 小): undo that."""
    text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("certificates")
    secret = secrets.token_urlsafe(32)
    (folder / "secret.txt").write_text(secret + "\n", encoding="utf-8")
    (folder / "roster.csv").write_text(HEADER + ZHANG + JANE, encoding="utf-8")
    (folder / "roster-en.csv").write_text(HEADER + JANE, encoding="utf-8")
    args = ["certificates", "make", str(folder / "roster.csv"), "--secret-file"]
    assert main([*args, str(folder / "secret.txt"), "--out", str(folder / "zh")]) == 0
    args = ["certificates", "make", str(folder / "roster-en.csv"), "--lang", "en"]
    assert (
        main([*args, "--secret-file", str(folder / "secret.txt"), "--out", str(folder / "en")]) == 0
    )
    return folder, secret


def _zhang(folder, secret):
    person = read_roster(folder / "roster.csv")[0]
    return person, code_for(person, secret.encode())


def test_one_pdf_per_learner_with_name_course_modules_and_code(made):
    folder, secret = made
    pdfs = sorted((folder / "zh").glob("*.pdf"))
    assert [p.name for p in pdfs] == ["001_张三.pdf", "002_Jane_Smith.pdf"]
    person, code = _zhang(folder, secret)
    text = _text(pdfs[0])
    for expected in (
        "结业证书",
        "张三",
        "数字化转型实务",
        "杭州市中小企业协会",
        "2024-05-07",
        code,
    ):
        assert expected in text
    assert "模块02" in text and "模块04" not in text  # only the modules completed
    raw = "".join(pypdf.PdfReader(pdfs[0]).pages[0].extract_text().split())
    assert "评：局部建设阶段" in raw  # printed as written: Chinese punctuation kept
    assert len(pypdf.PdfReader(pdfs[0]).pages) == 1
    for pdf in pdfs:  # the secret is in no certificate
        assert secret.encode() not in pdf.read_bytes() and secret not in _text(pdf)


def test_english_edition_shows_one_language(made):
    folder, _ = made
    text = _text(next((folder / "en").glob("*.pdf")))
    assert "CertificateofCompletion" in text and "JaneSmith" in text and "Module06" in text
    assert "结业证书" not in text and "模块" not in text


def test_page_one_renders_with_ink_in_the_name_area(made):
    folder, _ = made
    page = pypdfium2.PdfDocument(folder / "zh" / "001_张三.pdf")[0]
    image = page.render(scale=1).to_pil().convert("L")
    width, height = image.size
    assert width > height  # A4 landscape
    name_band = image.crop((width // 3, height // 3, 2 * width // 3, height // 2))
    dark = sum(1 for v in name_band.tobytes() if v < 128)
    assert dark > 200, "the name area is blank"


def _verify(*args) -> int:
    return main(["certificates", "verify", *args])


def test_verify_genuine_from_details_and_from_roster(made, capsys):
    folder, secret = made
    _, code = _zhang(folder, secret)
    key = ["--secret-file", str(folder / "secret.txt")]
    assert _verify(code, *key, *ZHANG_FIELDS) == 0
    assert "真实" in capsys.readouterr().out
    typed = code.lower().replace("-", " ").replace("0", "o")  # read aloud, typed sloppily
    assert _verify(typed, *key, "--roster", str(folder / "roster.csv"), "--lang", "en") == 0
    out = capsys.readouterr().out
    assert "GENUINE" in out and "roster line 2" in out


def test_tampered_code_name_or_modules_is_refused(made, capsys):
    folder, secret = made
    _, code = _zhang(folder, secret)
    key = ["--secret-file", str(folder / "secret.txt")]
    last = code[-1]
    forged = code[:-1] + ("1" if last != "1" else "2")
    assert _verify(forged, *key, *ZHANG_FIELDS) == 1
    assert "不符" in capsys.readouterr().out
    renamed = [("李四" if v == "张三" else v) for v in ZHANG_FIELDS]
    assert _verify(code, *key, *renamed) == 1
    more = [("00;01;02;03;04" if v == "00;01;02;03" else v) for v in ZHANG_FIELDS]
    assert _verify(code, *key, *more) == 1
    assert _verify(forged, *key, "--roster", str(folder / "roster.csv")) == 1
    other = folder / "other-secret.txt"
    other.write_text(secrets.token_urlsafe(32), encoding="utf-8")
    assert _verify(code, "--secret-file", str(other), *ZHANG_FIELDS) == 1


def test_code_is_100_bits_of_crockford_base32_and_binds_every_field():
    secret = secrets.token_bytes(32)
    fields = dict(
        name="张三", course="C", association="A", start_date="2024-05-06",
        end_date="2024-05-07", modules="01;02", results="",
    )  # fmt: skip
    code = code_for(learner(fields), secret)
    assert len(code) == 24 and code.count("-") == 4 and normalise_code(code) == code
    assert len(code.replace("-", "")) * 5 >= 80
    for key, other in [
        ("name", "张 三"), ("course", "D"), ("association", "B"), ("start_date", "2024-05-05"),
        ("end_date", "2024-05-08"), ("modules", "01"), ("results", "90/100"),
    ]:  # fmt: skip
        assert code_for(learner({**fields, key: other}), secret) != code, key
    # the same details written differently give the same code
    same = {
        **fields,
        "name": " 张三 ",
        "course": "Ｃ",
        "modules": "m02、1",
        "start_date": "2024/5/6",
    }
    assert code_for(learner(same), secret) == code


def _error(capsys, *args) -> str:
    assert main(list(args)) == 2
    return capsys.readouterr().err


def test_missing_or_weak_secret_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SMEDX_CERT_SECRET", raising=False)
    (tmp_path / "roster.csv").write_text(HEADER + JANE, encoding="utf-8")
    make = ["certificates", "make", str(tmp_path / "roster.csv"), "--out", str(tmp_path / "o")]
    err = _error(capsys, *make)
    assert "缺少证书密钥" in err and "Error" not in err and "Traceback" not in err
    assert "no certificate secret" in _error(capsys, *make, "--lang", "en")
    (tmp_path / "weak.txt").write_text("password", encoding="utf-8")
    err = _error(capsys, *make, "--secret-file", str(tmp_path / "weak.txt"))
    assert "太弱" in err and "too weak" not in err
    monkeypatch.setenv("SMEDX_CERT_SECRET", "a" * 40)
    assert "too weak" in _error(capsys, "--lang", "en", *make)
    assert not (tmp_path / "o").exists()
    monkeypatch.setenv("SMEDX_CERT_SECRET", secrets.token_urlsafe(32))
    assert load_secret()  # the environment variable is a valid source


def test_secret_file_inside_the_repository_is_refused(capsys):
    from smedx.course_folder import course_folder

    ROOT = course_folder()

    err = _error(capsys, "certificates", "verify", "0" * 20, "--roster", "x.csv",
                 "--secret-file", str(ROOT / "cert-secret.txt"))  # fmt: skip
    assert "仓库内" in err and "inside the kit's repository" not in err


@pytest.mark.parametrize(
    "row, expected",
    [
        ("王五,课程,协会,2024-05-06,2024-05-07,00;09,\n", "第 3 行：没有模块 '09'"),
        ("王五,课程,协会,2024-13-06,2024-05-07,00,\n", "第 3 行：开始日期"),
        (",课程,协会,2024-05-06,2024-05-07,00,\n", "第 3 行：姓名（name）为空"),
        ("王五,课程,协会,2024-05-08,2024-05-07,00,\n", "第 3 行：结束日期 2024-05-07 早于"),
        ("王五,课程,协会,2024-05-06\n", "第 3 行有 4 列"),
    ],
)
def test_bad_roster_row_is_named(tmp_path, capsys, row, expected):
    roster = tmp_path / "roster.csv"
    roster.write_text(HEADER + JANE + row, encoding="utf-8")
    err = _error(capsys, "certificates", "make", str(roster), "--out", str(tmp_path / "o"))
    assert expected in err and "line 3" not in err and "Traceback" not in err


def test_roster_in_gbk_with_a_chinese_header_is_read(tmp_path):
    roster = tmp_path / "excel.csv"
    text = "姓名,课程,协会,开始日期,结束日期,完成模块,成绩\r\n" + ZHANG.replace("\n", "\r\n")
    roster.write_bytes(text.encode("gbk"))
    (person,) = read_roster(roster)
    assert (person.name, person.modules, person.end) == (
        "张三",
        ("00", "01", "02", "03"),
        "2024-05-07",
    )
    roster.write_text("姓名,课程\n张三,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="缺少列"):
        read_roster(roster)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_longest_allowed_details_stay_inside_the_frame(tmp_path, lang):
    from smedx.certificates import MAX_FIELD_CHARS
    from smedx.cli.certificates import certificate_html
    from smedx.printing import html_to_pdf

    word = "数字化转型" if lang == "zh" else "digital "
    fields = {
        name: (word * limit)[:limit].strip()
        for name, limit in MAX_FIELD_CHARS.items()
        if name != "name"
    }
    fields |= {"name": "欧阳·娜娜" if lang == "zh" else "Jane Smith-Whitaker"}
    fields |= {"start_date": "2024-05-06", "end_date": "2024-05-07", "modules": "0 1 2 3 4 5 6"}
    html = certificate_html(learner(fields), "ABCD-EFGH-JKMN-PQRS-TVWX", lang)
    document = pypdfium2.PdfDocument(html_to_pdf(html, tmp_path / "long.pdf"))
    assert len(document) == 1
    page = document[0]
    text = page.get_textpage()
    frame_bottom = (14 + 3) / 25.4 * 72  # page padding + the double border, in points
    lowest = min(text.get_charbox(i)[1] for i in range(text.count_chars()))
    # the code and "verify with the association" ran over the border and off the frame
    assert lowest > frame_bottom, lowest


def test_dates_read_as_a_span_in_each_language():
    from smedx.cli.certificates import certificate_html

    fields = dict(zip(HEADER.strip().split(","), ZHANG.strip().split(","), strict=True))
    person = learner(fields)
    assert "2024-05-06 至 2024-05-07" in certificate_html(person, "X", "zh")
    assert "2024-05-06 – 2024-05-07" in certificate_html(person, "X", "en")
