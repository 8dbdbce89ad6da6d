"""The CLI's words for the refusals of an application's details and an offer's terms."""

from __future__ import annotations

PIPELINE_FIXES: dict[str, str] = {
    "url.invalid": "give the posting's full address, such as https://jobs.example.com/123",
    "currency.format": "use a three-letter ISO 4217 code such as EUR, USD or SGD",
    "salary.range": "give --salary-min no larger than --salary-max",
    "choice.unknown": "use one of {allowed}",
    "amount.invalid": "give a whole number such as 85000",
}
