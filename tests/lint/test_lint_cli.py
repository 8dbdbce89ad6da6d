"""`followup lint`: exit codes, JSON, human output and bad input, driven in-process."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from followup.cli.lint_cmd import lint

from .examples import BAD, GOOD, THANK_YOU

RECORDS = ["--recipient", "Dana Chen", "--company", "Acme Analytics", "--role", "Data Engineer"]


def run(args: list[str], stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(lint, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_good_draft_exits_0_with_json() -> None:
    code, out, _ = run(["--kind", "thank-you", "--json", *RECORDS, "-"], THANK_YOU)
    assert code == 0
    data = json.loads(out)
    assert data["ok"] is True
    assert data["findings"] == []
    assert data["stats"]["words"] == 88


def test_error_finding_exits_1_and_json_points_at_the_text(tmp_path: Path) -> None:
    bad = next(b for b in BAD if b.rule == "LINT-PAY-TALK")
    draft = tmp_path / "draft.txt"
    draft.write_text(bad.text, encoding="utf-8")
    code, out, _ = run(["--kind", bad.kind, "--json", *RECORDS, str(draft)])
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False
    pay = [f for f in data["findings"] if f["rule"] == "LINT-PAY-TALK"]
    assert len(pay) == 1
    assert {"rule", "severity", "message", "start", "end"} <= set(pay[0])
    assert pay[0]["severity"] == "error"
    assert bad.text[pay[0]["start"] : pay[0]["end"]] == "salary"


def test_warnings_only_exit_0() -> None:
    bad = next(b for b in BAD if b.rule == "LINT-ATTACHMENT")
    code, out, _ = run(["--kind", bad.kind, "--json", *RECORDS, "-"], bad.text)
    data = json.loads(out)
    assert [f["rule"] for f in data["findings"]] == ["LINT-ATTACHMENT"]
    assert data["findings"][0]["severity"] == "warning"
    assert code == 0


def test_offer_flag_allows_pay_talk() -> None:
    bad = next(b for b in BAD if b.rule == "LINT-PAY-TALK")
    code, out, _ = run(["--kind", bad.kind, "--json", "--offer", *RECORDS, "-"], bad.text)
    assert code == 0
    assert "LINT-PAY-TALK" not in out


def test_human_output_names_rule_position_and_fix() -> None:
    bad = next(b for b in BAD if b.rule == "LINT-DEMAND")
    code, out, _ = run(["--kind", bad.kind, *RECORDS, "-"], bad.text)
    assert code == 1
    assert "LINT-DEMAND" in out
    assert "makes a demand" in out
    assert "fix:" in out
    line = bad.text[: bad.text.index("need to hear by")].count("\n") + 1
    assert f"error {line}:" in out


def test_voicemail_reports_spoken_seconds() -> None:
    code, out, _ = run(["--kind", "voicemail", "--json", "-"], GOOD["voicemail"][0])
    assert code == 0
    stats = json.loads(out)["stats"]
    assert stats["spoken_seconds"] == round(stats["words"] * 60 / 150, 1)


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--kind", "thankyou", "-"], THANK_YOU, "unknown message kind 'thankyou'"),
        (["--kind", "thank-you", "-"], "  \n\n", "is empty"),
        (["--kind", "thank-you", "-"], b"Dear Dana,\n\xff\xfe thanks", "not UTF-8 text"),
        (["--kind", "thank-you", "no/such/draft.txt"], None, "cannot read no/such/draft.txt"),
        (["--kind", "thank-you", "--person", "3", "-"], THANK_YOU, "--person needs --app"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    args: list[str], stdin: str | bytes | None, message: str
) -> None:
    code, out, err = run(args, stdin)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in out + err


@pytest.fixture
def store_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'followup.db'}"
    monkeypatch.setenv("FOLLOWUP_HOME", str(tmp_path))
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", url)
    return url


def _records(url: str) -> tuple[int, int, int]:
    from followup.domain.model import InterviewKind
    from followup.store import open_store

    store = open_store(url)
    try:
        app = store.add_application(
            "Acme Analytics", "Data Engineer", created_at=datetime(2026, 2, 20, tzinfo=UTC)
        )
        other = store.add_application(
            "Globex", "Data Engineer", created_at=datetime(2026, 2, 21, tzinfo=UTC)
        )
        dana = store.add_person(app.id, "Dana Chen", title="Engineering Manager")
        store.add_interview(
            app.id,
            datetime(2026, 3, 3, 15, tzinfo=UTC),
            InterviewKind.ON_SITE,
            person_ids=[dana.id],
        )
        store.set_setting("profile.name", "Alex Kim")
        return app.id, dana.id, other.id
    finally:
        store.close()


def test_app_and_person_read_the_records(store_url: str) -> None:
    app_id, dana_id, _ = _records(store_url)
    args = ["--kind", "thank-you", "--app", str(app_id), "--person", str(dana_id), "--json", "-"]
    code, out, err = run(args, THANK_YOU)
    assert (code, err) == (0, ""), out
    assert json.loads(out)["findings"] == []
    wrong = THANK_YOU.replace("joining Acme Analytics", "joining Globex")
    code, out, _ = run(args, wrong)
    assert code == 1
    [company] = [f for f in json.loads(out)["findings"] if f["rule"] == "LINT-COMPANY"]
    assert "another company you applied to" in company["message"]


@pytest.mark.parametrize(
    ("app", "person", "message"),
    [("99", None, "no application with id 99"), (None, "99", "no person with id 99")],
)
def test_unknown_ids_exit_2(
    store_url: str, app: str | None, person: str | None, message: str
) -> None:
    app_id, _, _ = _records(store_url)
    args = ["--kind", "thank-you", "--app", app or str(app_id), "-"]
    if person:
        args[-1:-1] = ["--person", person]
    code, _, err = run(args, THANK_YOU)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_registered_in_the_followup_group(store_url: str) -> None:
    """Through `followup` itself: the lazy group finds the command, exit codes hold."""
    from followup.cli.main import cli

    runner = CliRunner()
    bad = next(b for b in BAD if b.rule == "LINT-DEMAND")
    result = runner.invoke(
        cli, ["lint", "--kind", bad.kind, "--json", *RECORDS, "-"], input=bad.text
    )
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["ok"] is False
    result = runner.invoke(cli, ["lint", "--kind", "memo", "-"], input="Hi")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown message kind 'memo' (fix: use one of:")


def test_own_rules_file_is_validated(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parents[2] / "src/followup/lint/data/rules.yaml"
    mine = tmp_path / "rules.yaml"
    mine.write_text(
        shipped.read_text(encoding="utf-8").replace("{min: 40, max: 200}", "{min: 40, max: 50}"),
        encoding="utf-8",
    )
    code, out, _ = run(
        ["--kind", "thank-you", "--json", "--rules", str(mine), *RECORDS, "-"], THANK_YOU
    )
    assert code == 0  # a warning only
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["LINT-LENGTH-THANKS"]
    mine.write_text(
        shipped.read_text(encoding="utf-8").replace("check: word_count", "check: words", 1),
        encoding="utf-8",
    )
    code, _, err = run(["--kind", "thank-you", "--rules", str(mine), "-"], THANK_YOU)
    assert code == 2
    assert f"{mine}:" in err and "rules[0].check: unknown check 'words'" in err


def test_human_output_shows_brackets_in_the_draft_as_they_are() -> None:
    text = THANK_YOU.replace("Thank you - Data Engineer interview", "[/b] Checking in [red]")
    code, out, err = run(["--kind", "thank-you", *RECORDS, "-"], text)
    assert (code, err) == (0, "")
    assert 'the subject "[/b] Checking in [red]" does not follow' in out


def _as_rich_printed(text: str, result: Any) -> str:
    """The human output as rich printed it without a terminal (before click's styles)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=io.StringIO(), highlight=False, soft_wrap=True)
    console.print(Text(text.rstrip("\n")))
    console.print()
    for f in result.findings:
        line = text.count("\n", 0, f.start) + 1
        column = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        console.print(
            Text.assemble(f.severity.value, f" {line}:{column} ", f.rule, f" {f.message}")
        )
        console.print(Text(f"    fix: {f.hint}"))
    errors, s = len(result.errors), result.stats
    spoken = f", about {s.spoken_seconds:.0f} s spoken" if s.spoken_seconds is not None else ""
    console.print(
        f"{errors} error(s), {len(result.findings) - errors} warning(s); {s.words} words in "
        f"{s.paragraphs} paragraph(s){spoken}"
    )
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


CONTROLS = "Dear Dana,\n\n\tThank you\r for the\x07 chat.\tI need to hear by Friday.\x0c\n\nSam\n"


@pytest.mark.parametrize("kind_text", [(b.kind, b.text) for b in BAD] + [("thank-you", CONTROLS)])
def test_human_output_without_a_terminal_is_what_rich_printed(
    kind_text: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from followup.cli.lint_cmd import show_human
    from followup.lint import LintContext, lint_text

    kind, text = kind_text
    result = lint_text(text, LintContext(kind=kind))
    show_human(text, result)
    assert capsys.readouterr().out == _as_rich_printed(text, result)
