"""Benchmark of the alerts' matcher: postings matched per second against 100,000 saved
searches, for the presearcher, for naive evaluation and for SQLite FTS5, in one run.

    .venv/bin/python bench/alerts.py [--searches 100000] [--postings 10000] [--seed 7]

Generated data with realistic term distributions: descriptions of ~250 words drawn from a
Zipf law over a 20,000-word vocabulary; each posting is in one of 17 fields (data, backend,
marketing...) and names 3 to 8 skills of that field's 25 (Zipf); titles are seniority +
field + role; 2,000 companies, 60 places. Saved searches are in the shapes people write, in
one field each (Zipf over fields and skills, so many are the same search): a skill (10%); a
title phrase and a place (30%); two skills and a role (25%); (a OR b) c -d (15%); a title
group, a skill and an exclusion (10%); a prefix and a field word (10%); filters (work mode,
salary floor) on 40% of them.

- matcher: `Matcher` built once over every search (with term frequencies from the first
  1,000 postings), then every posting: tokenised and matched, filters included
  (`Matcher.match_many`, in batches of 256 postings).
- naive: every search evaluated against each posting of a sample, extrapolated.
- FTS5: the postings in an in-memory FTS5 table; a sample of searches, each run as a
  forward MATCH over all postings (filters not applied: to FTS5's advantage), extrapolated
  to every search.
Targets: >= 1,000 postings/s on one core, >= 100x naive.

Each row gives postings/s in the process's CPU time (`time.process_time`: what one core
spends, even on a machine shared with other work) and in wall time; the ratios and targets
use CPU time. The load average is printed with them.
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(ModuleNotFoundError):  # bench/ is off sys.path: python -P, or a test
    import benchpath  # noqa: F401  (first: see bench/benchpath.py)

import argparse
import os
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from followup.alerts.evaluate import doc_of, evaluate
from followup.alerts.filters import Filters, passes
from followup.alerts.matcher import Matcher, Search
from followup.alerts.model import Posting, Salary, WorkMode
from followup.alerts.query import And, Node, Not, Or, Phrase, Prefix, Term, parse_query

NOW_EPOCH = 1_764_547_200
SKILLS = [
    "python",
    "java",
    "javascript",
    "typescript",
    "go",
    "golang",
    "rust",
    "c++",
    "c#",
    "ruby",
    "php",
    "scala",
    "kotlin",
    "swift",
    "react",
    "vue",
    "angular",
    "node.js",
    "django",
    "flask",
    "fastapi",
    "spring",
    "rails",
    "laravel",
    "graphql",
    "rest",
    "kubernetes",
    "docker",
    "terraform",
    "ansible",
    "aws",
    "gcp",
    "azure",
    "linux",
    "bash",
    "sql",
    "postgresql",
    "mysql",
    "mongodb",
    "redis",
    "kafka",
    "spark",
    "airflow",
    "dbt",
    "snowflake",
    "bigquery",
    "hadoop",
    "flink",
    "pandas",
    "numpy",
    "pytorch",
    "tensorflow",
    "sklearn",
    "llm",
    "nlp",
    "vision",
    "statistics",
    "tableau",
    "looker",
    "excel",
    "figma",
    "sketch",
    "selenium",
    "playwright",
    "cypress",
    "jest",
    "pytest",
    "junit",
    "ci",
    "cd",
    "jenkins",
    "github",
    "gitlab",
    "grafana",
    "prometheus",
    "datadog",
    "elasticsearch",
    "opensearch",
    "nginx",
    "envoy",
    "istio",
    "grpc",
    "protobuf",
    "websocket",
    "oauth",
    "saml",
    "security",
    "soc2",
    "gdpr",
    "hipaa",
    "pci",
    "embedded",
    "firmware",
    "fpga",
    "verilog",
    "rtos",
    "arm",
    "android",
    "ios",
    "flutter",
    "unity",
    "unreal",
    "blender",
    "salesforce",
    "sap",
    "netsuite",
    "hubspot",
    "marketo",
    "seo",
    "sem",
    "copywriting",
    "accounting",
    "payroll",
    "recruiting",
    "sourcing",
    "agile",
    "scrum",
    "jira",
    "confluence",
    "leadership",
    "mentoring",
    "stakeholder",
    "roadmap",
    "okr",
    "budgeting",
    "forecasting",
    "negotiation",
    "sales",
    "b2b",
    "saas",
    "fintech",
    "healthtech",
    "edtech",
    "ecommerce",
    "marketplace",
    "payments",
    "crypto",
    "blockchain",
    "solidity",
    "web3",
    "robotics",
    "ros",
    "lidar",
    "cuda",
    "triton",
    "mlops",
    "feature",
    "store",
    "vector",
    "rag",
]
ROLES = [
    "engineer",
    "developer",
    "manager",
    "analyst",
    "designer",
    "scientist",
    "architect",
    "administrator",
    "consultant",
    "specialist",
    "coordinator",
    "director",
    "recruiter",
    "writer",
]
DOMAINS = [
    "data",
    "software",
    "backend",
    "frontend",
    "fullstack",
    "platform",
    "devops",
    "security",
    "machine-learning",
    "product",
    "marketing",
    "sales",
    "finance",
    "people",
    "site-reliability",
    "mobile",
    "qa",
    "cloud",
]
LEVELS = ["", "", "junior", "senior", "senior", "lead", "staff", "principal"]
PLACES = [f"city{n}" for n in range(55)] + ["remote", "remote", "remote", "london", "berlin"]


def zipf_picker(rng: random.Random, items: list[str], s: float = 1.1):  # type: ignore[no-untyped-def]
    weights = [1 / (rank + 1) ** s for rank in range(len(items))]
    return lambda k=1: rng.choices(items, weights, k=k)


def fields_of(rng: random.Random) -> dict[str, list[str]]:
    """Each field's skills: 25 of the list, the same in postings and searches."""
    return {domain: rng.sample(SKILLS, 25) for domain in DOMAINS}


def make_postings(rng: random.Random, count: int, fields: dict[str, list[str]]) -> list[Posting]:
    words = zipf_picker(rng, [f"w{n}" for n in range(20_000)], 1.05)
    by_field = {d: zipf_picker(rng, skills) for d, skills in fields.items()}
    pick_field = zipf_picker(rng, DOMAINS, 0.6)
    companies = [f"company{n}" for n in range(2_000)]
    postings = []
    for n in range(count):
        domain = pick_field()[0]
        level, role = rng.choice(LEVELS), rng.choice(ROLES)
        title = " ".join(x for x in (level, domain.replace("-", " "), role) if x).title()
        chosen = by_field[domain](rng.randint(3, 8))
        body = words(250) + chosen * 2 + [domain, role]
        rng.shuffle(body)
        salary = None
        if rng.random() < 0.5:
            low = rng.randrange(40, 200) * 1000
            salary = Salary("USD", low, low + 30_000)
        postings.append(
            Posting(
                source="bench",
                source_id=str(n),
                title=title,
                company=rng.choice(companies),
                url=f"https://jobs.example/{n}",
                description=" ".join(body),
                locations=(rng.choice(PLACES),),
                work_mode=rng.choice([None, *WorkMode]),
                salary=salary,
            )
        )
    return postings


def make_query(rng: random.Random, skills, roles, domain: str) -> Node:  # type: ignore[no-untyped-def]
    shape = rng.random()
    word = domain.split("-", maxsplit=1)[0]
    if shape < 0.10:
        return Term(None, skills()[0])
    if shape < 0.40:
        place = rng.choice(PLACES)
        return And((Phrase("title", (word, roles()[0])), Term("location", place)))
    if shape < 0.65:
        a, b = skills(2)
        return And((Term(None, a), Term(None, b), Term("title", roles()[0])))
    if shape < 0.80:
        a, b, c, d = skills(4)
        return And((Or((Term(None, a), Term(None, b))), Term(None, c), Not(Term(None, d))))
    if shape < 0.90:
        group = Or((Term("title", roles()[0]), Term("title", roles()[0])))
        return And((group, Term(None, skills()[0]), Not(Term("title", "senior"))))
    return And((Prefix(None, skills()[0][:4]), Term(None, word)))


def make_searches(rng: random.Random, count: int, fields: dict[str, list[str]]) -> list[Search]:
    by_field = {d: zipf_picker(rng, skills) for d, skills in fields.items()}
    pick_field = zipf_picker(rng, DOMAINS, 0.6)
    roles = zipf_picker(rng, ROLES)
    searches = []
    for n in range(count):
        domain = pick_field()[0]
        filters = Filters()
        if rng.random() < 0.4:
            filters = Filters(
                work_modes=(WorkMode.REMOTE,) if rng.random() < 0.6 else (),
                min_salary=rng.choice([None, 100_000, 150_000]),
            )
        query = make_query(rng, by_field[domain], roles, domain)
        searches.append(Search(n + 1, query, filters))
    return searches


def to_text(node: Node) -> str:
    """The query as a user types it (the bench parses what it generated: parsing counts)."""
    field = (node.field + ":") if isinstance(node, Term | Phrase | Prefix) and node.field else ""
    if isinstance(node, Term):
        return field + node.word
    if isinstance(node, Phrase):
        return field + '"' + " ".join(node.words) + '"'
    if isinstance(node, Prefix):
        return field + node.stem + "*"
    if isinstance(node, Not):
        return "-" + to_text(node.child)
    joiner = " " if isinstance(node, And) else " OR "
    return "(" + joiner.join(to_text(c) for c in node.children) + ")"


def to_fts(node: Node) -> str | None:
    """The query in FTS5's syntax (None where FTS5 has no form for it)."""
    scope = (node.field + " : ") if isinstance(node, Term | Phrase | Prefix) and node.field else ""
    if isinstance(node, Term):
        return f'{scope}"{node.word}"'
    if isinstance(node, Phrase):
        return f'{scope}"{" ".join(node.words)}"'
    if isinstance(node, Prefix):
        return f'{scope}"{node.stem}" *'
    if isinstance(node, Or):
        parts = [to_fts(c) for c in node.children]
        return None if None in parts else "(" + " OR ".join(parts) + ")"  # type: ignore[arg-type]
    if isinstance(node, And):
        positive = [to_fts(c) for c in node.children if not isinstance(c, Not)]
        negative = [to_fts(c.child) for c in node.children if isinstance(c, Not)]
        if not positive or None in positive or None in negative:
            return None
        text = "(" + " AND ".join(positive) + ")"  # type: ignore[arg-type]
        return text + "".join(f" NOT {n}" for n in negative)
    return None


@dataclass
class Spent:
    cpu: float = 0.0
    wall: float = 0.0

    def rates(self, count: float) -> str:
        """`count` postings done in this time, a second of CPU and of wall time."""
        return f"{_rate(count / self.cpu)} postings/s CPU, {_rate(count / self.wall)} wall"


def _rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


@contextmanager
def spending() -> Iterator[Spent]:
    spent = Spent()
    cpu, wall = time.process_time(), time.perf_counter()
    yield spent
    spent.cpu, spent.wall = time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--searches", type=int, default=100_000)
    parser.add_argument("--postings", type=int, default=10_000)
    parser.add_argument("--naive-sample", type=int, default=20)
    parser.add_argument("--fts-sample", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    fields = fields_of(rng)
    postings = make_postings(rng, args.postings, fields)
    generated = make_searches(rng, args.searches, fields)
    searches = [Search(s.id, parse_query(to_text(s.query)), s.filters) for s in generated]
    now = __import__("datetime").datetime.fromtimestamp(NOW_EPOCH, __import__("datetime").UTC)
    print(
        f"{len(searches):,} saved searches, {len(postings):,} postings "
        f"(load average {os.getloadavg()[0]:.1f})"
    )

    sample_docs = [doc_of(p) for p in postings[:1000]]
    frequency: dict[str, float] = {}
    for doc in sample_docs:
        for term in doc.terms:
            frequency[term] = frequency.get(term, 0) + 1 / len(sample_docs)
    with spending() as built:
        matcher = Matcher(searches, frequency)
    print(
        f"matcher built in {built.cpu:.1f} s CPU, {built.wall:.1f} s wall: "
        f"{matcher.distinct:,} distinct queries, "
        f"{len(matcher.filters)} distinct filter sets, {sum(map(len, matcher.always))} without "
        "an anchor"
    )

    with spending() as spent:
        results = matcher.match_many(postings, now)
    matcher_rate = len(postings) / spent.cpu
    sample = [matcher.doc_of(p) for p in postings[:500]]
    candidates = sum(len(matcher.candidates(d)) for d in sample) / len(sample)
    matched = sum(len(r) for r in results) / len(results)
    print(
        f"matcher: {spent.rates(len(postings))} ({spent.cpu:.1f} s CPU, tokenising included; "
        f"{candidates:,.0f} distinct queries checked and {matched:,.0f} saved searches "
        f"matched a posting)"
    )

    sample = postings[: args.naive_sample]
    with spending() as spent:
        for index, posting in enumerate(sample):
            doc = doc_of(posting)
            found = [
                s.id for s in searches if evaluate(s.query, doc) and passes(s.filters, posting, now)
            ]
            assert found == results[index], "the matcher and naive evaluation disagree"
    naive_rate = len(sample) / spent.cpu
    print(f"naive: {spent.rates(len(sample))} (sample of {len(sample)}, same results)")

    fts_rate = fts5(postings, searches, args.fts_sample, rng)
    print(
        f"ratios: matcher/naive {matcher_rate / naive_rate:,.0f}x, "
        f"matcher/FTS5 {matcher_rate / fts_rate:,.1f}x"
    )
    print(
        f"targets: >= 1,000 postings/s: {'met' if matcher_rate >= 1000 else 'MISSED'}; "
        f">= 100x naive: {'met' if matcher_rate >= 100 * naive_rate else 'MISSED'}"
    )


def fts5(postings: list[Posting], searches: list[Search], size: int, rng: random.Random) -> float:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE jobs USING fts5(title, company, location, text, "
        "tokenize = \"unicode61 remove_diacritics 2 tokenchars '+#.'\")"
    )
    db.executemany(
        "INSERT INTO jobs(rowid, title, company, location, text) VALUES (?, ?, ?, ?, ?)",
        [
            (n, p.title, p.company, " ".join(p.locations), p.description)
            for n, p in enumerate(postings)
        ],
    )
    usable = [(s, to_fts(s.query)) for s in rng.sample(searches, size)]
    usable = [(s, q) for s, q in usable if q is not None]
    hits = 0
    with spending() as spent:
        for _search, query in usable:
            found = db.execute("SELECT rowid FROM jobs WHERE jobs MATCH ?", (query,)).fetchall()
            hits += len(found)
    share = len(usable) / len(searches)  # every search over every posting, extrapolated
    total = spent.cpu / share
    rate = len(postings) / total
    print(
        f"FTS5: {spent.rates(len(postings) * share)} ({len(usable)} searches run as forward "
        f"MATCH over {len(postings):,} postings in {spent.cpu:.1f} s, extrapolated to "
        f"{len(searches):,} "
        f"searches: {total:.0f} s; {hits / len(usable):,.0f} hits a search)"
    )
    return rate


if __name__ == "__main__":
    main()
