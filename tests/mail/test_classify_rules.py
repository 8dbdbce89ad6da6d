"""The classification rules file is checked against its schema with precise errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.mail.reading.rules import DEFAULT_RULES_PATH, RulesError, load_rules, read_rules_data

SHIPPED = DEFAULT_RULES_PATH.read_text(encoding="utf-8")


def test_shipped_rules_load_and_are_compiled_once() -> None:
    assert load_rules() is load_rules()
    rules = load_rules()
    assert "greenhouse" in rules.ats_vendors
    assert "gmail.com" in rules.free_mail_domains


def test_a_wrong_type_names_file_line_field_and_fix() -> None:
    broken = SHIPPED.replace("    lever: [lever.co]", "    lever: lever.co")
    line = SHIPPED.splitlines().index("    lever: [lever.co]") + 1
    with pytest.raises(RulesError) as caught:
        read_rules_data(broken, "classify.yaml")
    message = str(caught.value)
    assert message.startswith(f"classify.yaml:{line}: ats.vendors.lever: expected a list")
    assert "write [a, b]" in message
    assert "\n" not in message


def test_an_unknown_field_lists_the_known_ones() -> None:
    broken = SHIPPED.replace("rejection_phrases:", "rejection_phrase:")
    with pytest.raises(RulesError, match=r"unknown field 'rejection_phrase'; use one of: .*"):
        read_rules_data(broken, "classify.yaml")


def test_a_missing_field_says_what_to_add() -> None:
    broken = SHIPPED.replace("offer_phrases:", "offer_phrasez:")
    with pytest.raises(RulesError, match="unknown field 'offer_phrasez'"):
        read_rules_data(broken, "classify.yaml")
    without = SHIPPED.split("offer_phrases:")[0] + "return_date:" + SHIPPED.split("return_date:")[1]
    with pytest.raises(RulesError, match=r"missing field 'offer_phrases'; add 'offer_phrases:'"):
        read_rules_data(without, "classify.yaml")


def test_bad_yaml_and_wrong_version() -> None:
    with pytest.raises(RulesError, match=r"^x.yaml:\d+: not valid YAML"):
        read_rules_data("version: [1\n", "x.yaml")
    with pytest.raises(RulesError, match="version: 2 is not supported; write 'version: 1'"):
        read_rules_data(SHIPPED.replace("version: 1", "version: 2"), "classify.yaml")
    with pytest.raises(RulesError, match="empty"):
        read_rules_data("", "classify.yaml")


def test_a_custom_rules_file_changes_the_classification(tmp_path: Path) -> None:
    from followup.mail.reading.classify import MessageClass, classify_message

    custom = tmp_path / "classify.yaml"
    custom.write_text(
        SHIPPED.replace("    pinpoint: [pinpointhq.com]", "    acmehire: [acmehire.example]")
    )
    raw = b"From: Jobs <jobs@acmehire.example>\r\nSubject: Hello\r\n\r\nHi\r\n"
    assert classify_message(raw).kind is MessageClass.REPLY
    info = classify_message(raw, rules=load_rules(custom))
    assert (info.kind, info.ats_vendor) == (MessageClass.ATS, "acmehire")


def test_unreadable_file_is_a_rules_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot read the rules file"):
        load_rules(tmp_path / "missing.yaml")
