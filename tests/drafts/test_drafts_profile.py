"""Profile values: checked on the way in, and what a missing profile makes drafts say."""

from __future__ import annotations

import pytest

from followup.drafts.model import Profile
from followup.drafts.profile import (
    ProfileProblem,
    check_profile_values,
    missing_profile_message,
)


def test_values_are_tidied() -> None:
    clean = check_profile_values(
        {"name": "  Sam   Rivera ", "signoff": "best regards,", "phone": None}
    )
    assert clean == {"name": "Sam Rivera", "signoff": "Best regards"}


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"email": "sam at example"}, "the email 'sam at example' is not an email address"),
        ({"signoff": "Cheers"}, '"Best regards", "Sincerely", "Yours truly"'),
        ({"name": "   "}, "your name is empty"),
        ({"linkedin": "sam rivera"}, "is not a profile URL"),
    ],
)
def test_bad_values_are_refused(changes: dict[str, str | None], fragment: str) -> None:
    with pytest.raises(ProfileProblem) as info:
        check_profile_values(changes)
    assert fragment in str(info.value)
    assert info.value.code.startswith("profile.")  # the front end words the fix


def test_linkedin_urls_are_accepted() -> None:
    for url in ("https://www.linkedin.com/in/sam-rivera", "linkedin.com/in/sam"):
        assert check_profile_values({"linkedin": url}) == {"linkedin": url}


def test_a_configured_signoff_list_is_honoured() -> None:
    assert check_profile_values({"signoff": "kind regards"}, ("Kind regards",)) == {
        "signoff": "Kind regards"
    }


def test_no_profile_names_every_option() -> None:
    message = missing_profile_message(None)
    assert message is not None
    assert message.startswith("no profile yet")
    for option in ("--name", "--email", "--phone", "--qualifications"):
        assert option in message


def test_partial_profile_names_only_the_gaps() -> None:
    message = missing_profile_message(Profile(name="Sam", email="s@example.org"))
    assert message is not None
    assert "--phone" in message and "--qualifications" in message
    assert "--name" not in message and "--email" not in message
    full = Profile(name="Sam", email="s@example.org", phone="1", qualifications="x")
    assert missing_profile_message(full) is None


def test_qualification_lines_are_kept_apart() -> None:
    clean = check_profile_values({"qualifications": " led a  team of four ;\n\n Kafka at scale\n"})
    assert clean == {"qualifications": "led a team of four\nKafka at scale"}
