"""Optional AI drafting through the `llm` library (the `ai` extra); off by default.

The prompt carries the facts of the action and the rules of the voice. The answer
must pass the linter: when it does not, the findings are fed back for at most two
repair rounds; after that (or when the model cannot be reached) the template draft
is used and the user is told why. The template draft is always made first, so the
AI can only ever replace a complete, checked draft.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from followup.drafts.model import Draft, DraftProblem, split_subject

MAX_REPAIR_ROUNDS = 2

SYSTEM = (
    "You write follow-up messages for a job seeker after an interview. Write as the "
    "candidate, in plain text, ready to send. Keep it short (about two paragraphs), "
    "address the person by name, reinforce interest in the company and the role, stay "
    "patient and polite: interviewers have many candidates. Never mention pay, salary, "
    "benefits or vacation; never complain, make excuses, demand or sound desperate. "
    "Use only the facts given; do not invent names, titles, dates or companies, and keep "
    "the recipient's name, the company, the role and every date exactly as given."
)

KIND_GUIDANCE: dict[str, str] = {
    "thank-you": (
        "Thank them for their time, recall the highlight of the conversation and tie it "
        "to the candidate's qualifications, and invite any further questions. Do not ask "
        "about the status or the timeline. The highlight is a topic the candidate noted "
        "in a few words (e.g. 'their move to streaming'): write it as your own sentence "
        "addressed to this person ('your move to streaming'), never quote it word for "
        "word, and leave out anything unflattering about them."
    ),
    "estimate-request": "Ask politely when the candidate might expect to hear about next steps.",
    "status-check": "Name the role and the interview date, and ask politely about the timeline.",
    "final-note": "One short paragraph: still interested, open to any update.",
    "rejection-reply": "Thank them graciously for considering the candidate; keep the door open.",
    "stay-in-touch": "A friendly note to stay in touch; ask for nothing.",
    "withdrawal": "Withdraw the application politely, with thanks and no criticism.",
    "offer-ack": "Thank them for the offer and say the candidate will reply after reviewing it.",
    "offer-decline": (
        "Decline the offer courteously and briefly, with thanks; no reasons about pay, and "
        "no criticism."
    ),
    "competing-offer": (
        "Say another offer must be answered by the given date and ask about their timing; "
        "never quote the other offer's terms, and never say which company the candidate "
        "prefers (they have not said so)."
    ),
    "voicemail": (
        "A voicemail of at most 75 words: name and phone number at the start, the number "
        "repeated at the end, enjoyed the conversation, would like to know next steps."
    ),
    "call-script": "A short phone call script with an opening, the question and a close.",
    "linkedin-note": (
        "A LinkedIn connection note of at most 200 characters that mentions the interview "
        "and asks for nothing."
    ),
    "linkedin-message": "A LinkedIn message of at most 100 words.",
}

FACT_KEYS: tuple[str, ...] = (
    "company",
    "role",
    "interview_phrase",
    "interview_date",
    "highlight",
    "qualifications",
    "decision_by",
    "offer_deadline",
)

# Checks a candidate draft; returns the error findings as one-line messages.
Checker = Callable[[Draft], Sequence[str]]


@dataclass(frozen=True, slots=True)
class AiResult:
    draft: Draft  # the AI's draft when it passed, else the template draft
    used_ai: bool
    prompts: tuple[str, ...]  # what was asked, in order (shown with --verbose, tested)
    message: str  # what the user is told


def _facts_text(template: Draft, facts: Mapping[str, object]) -> str:
    me = facts.get("me")
    person = facts.get("person")
    lines = [f"Message kind: {template.message_kind}"]
    if person is not None:
        name, first = getattr(person, "name", ""), getattr(person, "first_name", "")
        lines.append(f"Recipient: {name} (greet as {first})")
    for key in FACT_KEYS:
        value = facts.get(key)
        if value:
            lines.append(f"{key.replace('_', ' ').capitalize()}: {value}")
    if me is not None:
        lines.append(f"Candidate: {getattr(me, 'name', '')}")
        if getattr(me, "phone", ""):
            lines.append(f"Candidate phone: {getattr(me, 'phone', '')}")
    lines.append(f"Sign-off: {facts.get('signoff', 'Best regards')}")
    return "\n".join(lines)


PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")


def rules_text(message_kind: str, facts: Mapping[str, object]) -> str:
    """The linter's rules for this kind of message, as the hints a writer can follow."""
    from followup.lint import load_rules

    person, me = facts.get("person"), facts.get("me")
    values = {
        "role": str(facts.get("role", "")),
        "company": str(facts.get("company", "")),
        "first_name": str(getattr(person, "first_name", "")),
        "expected": str(getattr(person, "name", "")),
        "candidate": str(getattr(me, "name", "")),
        "phone": str(getattr(me, "phone", "")),
        "date": str(facts.get("interview_day", "")),
        "examples": '"Best regards", "Sincerely" or "Yours truly"',
    }
    lines = []
    for rule in load_rules().rules:
        if message_kind not in rule.kinds or rule.check.startswith("panel_"):
            continue
        hint = PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1)) or m.group(0), rule.hint)
        lines.append(f"- {rule.id} ({rule.severity.value}): {hint}")
    return "\n".join(lines)


def first_prompt(template: Draft, facts: Mapping[str, object]) -> str:
    guidance = KIND_GUIDANCE.get(template.message_kind, "")
    layout = (
        f"Start with the line 'Subject: {template.subject}' (keep this subject), a blank line, "
        "then the greeting, the body, the sign-off and the candidate's name."
        if template.subject is not None
        else "Write only the text itself, without a subject line."
    )
    return (
        f"Write a {template.message_kind} message.\n{guidance}\n{layout}\n\n"
        f"Facts:\n{_facts_text(template, facts)}\n\n"
        f"Rules the message is checked against:\n{rules_text(template.message_kind, facts)}\n\n"
        f"A correct example to improve on, not to copy:\n{template.text()}"
    )


def repair_prompt(previous_prompt: str, answer: str, findings: Sequence[str]) -> str:
    listed = "\n".join(f"- {f}" for f in findings)
    return (
        f"{previous_prompt}\n\nYour previous answer was:\n{answer}\n\n"
        f"It failed these checks:\n{listed}\n\n"
        "Rewrite it so that every check passes. Answer with the message only."
    )


def ask_model(model_id: str, prompt: str) -> str:
    """One answer from the model named `model_id` (any model an llm plugin registers)."""
    import llm

    try:
        model = llm.get_model(model_id)
        return str(model.prompt(prompt, system=SYSTEM).text())
    except llm.UnknownModelError as exc:
        raise DraftProblem(
            str(exc),
            "run `llm models` to see the models you can use",
            code="ai.unknown-model",
            params={"model_id": model_id},
        ) from None


def candidate_draft(template: Draft, answer: str) -> Draft:
    subject, body = split_subject(answer.strip())
    if template.subject is None:
        subject = None
    elif subject is None:
        subject = template.subject
    return replace(template, subject=subject, body=body, source="ai")


def ai_draft(
    template: Draft,
    facts: Mapping[str, object],
    model_id: str,
    check: Checker,
    ask: Callable[[str, str], str] = ask_model,
) -> AiResult:
    """An AI draft that passes `check`, else the template draft with the reason."""
    if not template.complete:
        return AiResult(template, False, (), "the draft needs data first; no AI draft made")
    prompts: list[str] = []
    prompt = first_prompt(template, facts)
    findings: Sequence[str] = ()
    for round_number in range(MAX_REPAIR_ROUNDS + 1):
        prompts.append(prompt)
        try:
            answer = ask(model_id, prompt)
        except DraftProblem as exc:
            return AiResult(
                template,
                False,
                tuple(prompts),
                f"AI drafting failed ({exc}); using the template draft",
            )
        except Exception as exc:  # a plugin's network or key error must not lose the draft
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return AiResult(
                template,
                False,
                tuple(prompts),
                f"AI drafting failed ({reason}); using the template draft",
            )
        candidate = candidate_draft(template, answer)
        findings = list(check(candidate)) if candidate.body.strip() else ["the answer was empty"]
        if not findings:
            repairs = f" after {round_number} repair round(s)" if round_number else ""
            return AiResult(candidate, True, tuple(prompts), f"AI draft by {model_id}{repairs}")
        prompt = repair_prompt(prompts[0], answer, findings)
    return AiResult(
        replace(template, notes=(*template.notes, "the AI draft did not pass the checks")),
        False,
        tuple(prompts),
        f"the AI draft still failed {len(findings)} check(s) after {MAX_REPAIR_ROUNDS} "
        f"repair rounds ({findings[0]}); using the template draft",
    )
