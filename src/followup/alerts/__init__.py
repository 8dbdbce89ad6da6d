"""Job alerts: saved searches over public job feeds, de-duplicated, delivered as a digest.

The pure parts (no I/O, no clock): the sources' parsers (`sources/`, functions of the response
bytes), normalised postings (`model`, `salary`, `text`), the query language (`query`), the
evaluation of one search against one posting (`evaluate`), the presearcher that matches many
searches at once (`matcher`), de-duplication (`dedup`) and the digest (`digest`). The one
adapter is `fetch` (HTTP, through httpx); the store keeps postings, searches and digests
(followup.store.alert_repos) and the use cases are in followup.app.alerts.
"""
