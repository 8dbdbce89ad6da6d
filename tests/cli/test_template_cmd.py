"""`followup template`: show a built-in template, keep your own, refuse a broken one with
nothing kept, go back to the built-in one."""

from __future__ import annotations

from pathlib import Path

from cli_support import Run, database_rows


def test_keep_your_own_template_then_go_back(run: Run, followup_home: Path, tmp_path: Path) -> None:
    listed = run("template", "list").output
    assert "thank-you.email.j2" in listed and "yours" not in listed
    built_in = run("template", "show", "final-note.email.j2").output
    assert built_in.startswith("{#-") and "Subject:" in built_in
    mine = tmp_path / "mine.j2"
    mine.write_text("Subject: Still keen\n\nDear {{ person.salutation }},\n\nStill keen.\n")
    saved = run("template", "set", "final-note.email.j2", str(mine)).output
    assert "saved" in saved and "followup template reset final-note.email.j2" in saved
    sources = dict(line.split() for line in run("template", "list").output.splitlines())
    assert sources["final-note.email.j2"] == "yours"
    assert sources["thank-you.email.j2"] == "built-in"
    assert run("template", "show", "final-note.email.j2").output == mine.read_text()
    assert run("template", "reset", "final-note.email.j2", "--json").output.count('"reset": true')
    assert run("template", "show", "final-note.email.j2").output == built_in


def test_a_broken_template_is_refused_and_nothing_is_written(
    run: Run, followup_home: Path, tmp_path: Path
) -> None:
    run("template", "list")
    before = database_rows(followup_home)
    broken = tmp_path / "broken.j2"
    broken.write_text("Subject: {{ oops\n\nhello\n")
    refused = run("template", "set", "thank-you.email.j2", str(broken), code=2)
    assert "broken" not in refused.output
    line = refused.stderr.strip()
    assert line.startswith("error: thank-you.email.j2:")
    assert "template syntax error" in line and "followup template reset" in line
    unknown = run("template", "show", "nope.j2", code=2).stderr
    assert "no template 'nope.j2'" in unknown and "followup template list" in unknown
    assert database_rows(followup_home) == before
