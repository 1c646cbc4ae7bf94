"""The glossary: terms through the UI and CSV, and their effect on machine drafts."""

from __future__ import annotations

import csv
import io

import pytest

from newsdesk.extensions import db
from newsdesk.glossary import service as glossary
from newsdesk.models import GlossaryTerm, TermKind

CSV = (
    "en,ru,kind,note\n"
    "Lomonosov University,МГУ,preferred,official short name\n"
    "ArXiv,arXiv,do_not_translate,\n"
)


def test_csv_import_and_export_round_trip(ctx):
    assert glossary.import_csv(CSV) == 2
    terms = {(t.en, t.ru, t.kind) for t in glossary.list_terms()}
    assert terms == {
        ("Lomonosov University", "МГУ", TermKind.PREFERRED),
        ("ArXiv", "arXiv", TermKind.DO_NOT_TRANSLATE),
    }
    exported = glossary.export_csv()
    db.session.execute(db.delete(GlossaryTerm))
    db.session.commit()
    assert glossary.import_csv(exported) == 2
    assert {(t.en, t.ru, t.kind) for t in glossary.list_terms()} == terms


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("english,russian\nA,Б\n", "header line"),
        ("en,ru,kind\nGood,Хорошо,preferred\nBad,Плохо,sometimes\n", "Line 3"),
        ("en,ru,kind\nGood,Хорошо,preferred\n,Пусто,preferred\n", "Line 3"),
    ],
)
def test_bad_csv_imports_nothing_and_says_where(ctx, text, message):
    with pytest.raises(glossary.GlossaryError, match=message):
        glossary.import_csv(text)
    assert glossary.list_terms() == []


def test_glossary_page_add_upload_delete(app, client, login, make_user):
    login(make_user("ed"))
    response = client.post(
        "/editor/glossary", data={"en": "Rector", "ru": "ректор", "kind": "preferred"}
    )
    assert response.status_code == 302
    upload = {"file": (io.BytesIO(CSV.encode("utf-8")), "terms.csv")}
    response = client.post(
        "/editor/glossary/import", data=upload, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    page = client.get("/editor/glossary").get_data(as_text=True)
    assert "Rector" in page and "МГУ" in page and "2 terms imported." in page
    with app.app_context():
        term_id = db.session.scalar(db.select(GlossaryTerm.id).where(GlossaryTerm.en == "Rector"))
    client.post(f"/editor/glossary/{term_id}/delete")
    assert "Rector" not in client.get("/editor/glossary").get_data(as_text=True)
    csv_text = client.get("/editor/glossary.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0] == "en,ru,kind,note" and "МГУ" in csv_text


def test_translator_sees_but_cannot_change_the_glossary(client, login, make_user):
    login(make_user("tr", role="translator", languages="ru"))
    assert client.get("/editor/glossary").status_code == 200
    response = client.post("/editor/glossary", data={"en": "X", "ru": "Х", "kind": "preferred"})
    assert response.status_code == 403


def test_glossary_cli_import(app, runner, tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text(CSV, encoding="utf-8")
    result = runner.invoke(args=["glossary", "import", str(path)])
    assert result.exit_code == 0 and "Imported 2 terms." in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("en,ru,kind\nA,Б,maybe\n", encoding="utf-8")
    result = runner.invoke(args=["glossary", "import", str(bad)])
    assert result.exit_code != 0 and "Line 2" in result.output


FORMULA_TERMS = [
    ("=SUM(A1)", "=СУММ(A1)", "do_not_translate", '=HYPERLINK("http://x")'),
    ("-5 °C", "-5 °C", "preferred", "-note"),
    ("+7 812", "+7 812", "do_not_translate", "+1"),
    ("@handle", "@handle", "do_not_translate", "@SUM(1)"),
    ("'=quoted", "'quoted", "preferred", "'"),
]


def test_csv_export_neutralises_formulas_and_reads_them_back(ctx):
    for en, ru, kind, note in FORMULA_TERMS:
        glossary.add_term(en, ru, kind, note)
    exported = glossary.export_csv()
    rows = list(csv.reader(io.StringIO(exported)))[1:]
    assert len(rows) == len(FORMULA_TERMS)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert ["'=SUM(A1)", "'=СУММ(A1)", "do_not_translate", '\'=HYPERLINK("http://x")'] in rows
    db.session.execute(db.delete(GlossaryTerm))
    db.session.commit()
    assert glossary.import_csv(exported) == len(FORMULA_TERMS)
    back = {(t.en, t.ru, t.kind.value, t.note) for t in glossary.list_terms()}
    assert back == set(FORMULA_TERMS)
    assert glossary.export_csv() == exported


def test_hand_written_quote_before_plain_text_is_kept(ctx):
    assert glossary.import_csv("en,ru,kind\n'n Sync,'n Sync,do_not_translate\n") == 1
    assert [(t.en, t.ru) for t in glossary.list_terms()] == [("'n Sync", "'n Sync")]
