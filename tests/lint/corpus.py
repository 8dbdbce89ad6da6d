# ruff: noqa: E501  (messages keep one line per paragraph, as people write them)
"""A corpus of follow-up messages for measuring the linter's false alarms.

Written for these tests (not produced by the templates), in many voices: formal and plain,
short and long, British and American dates, with the sign-offs people really use. Whole
messages are put together from hand-written paragraphs of each kind: a first paragraph from
one list and a second from another, so that no two messages are the same, and each message
goes to one of several situations (company, role, person, date). `BAD_CORPUS` holds messages
that must fail, each with the error rule it breaks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from followup.lint import LintContext


@dataclass(frozen=True, slots=True)
class Situation:
    company: str
    role: str
    first: str  # how the greeting names the person
    name: str  # as the records have it
    title: str
    day: date
    us: bool  # US dates ("March 3") or British ("3 March")
    me: str = "Jordan Ellis"
    phone: str = "+1 (555) 010-0177"

    @property
    def date(self) -> str:
        return f"{self.day:%B} {self.day.day}" if self.us else f"{self.day.day} {self.day:%B}"

    @property
    def weekday(self) -> str:
        return f"{self.day:%A}"

    def context(self, kind: str) -> LintContext:
        return LintContext(
            kind=kind,
            recipient_name=self.name,
            recipient_title=self.title,
            people_names=(self.name, "Morgan Hale"),
            company=self.company,
            role=self.role,
            interview_date=self.day,
            candidate_name=self.me,
            candidate_phone=self.phone,
            has_offer=kind in ("offer-ack", "offer-decline"),
        )

    def fill(self, text: str) -> str:
        return text.format(
            company=self.company,
            role=self.role,
            first=self.first,
            date=self.date,
            weekday=self.weekday,
            me=self.me,
            phone=self.phone,
            me_first=self.me.split()[0],
        )


SITUATIONS = (
    Situation(
        "Lumen Pay",
        "Data Engineer",
        "Dana",
        "Dana Whitfield",
        "Engineering Manager",
        date(2026, 3, 3),
        True,
    ),
    Situation(
        "Brightwater Health",
        "Product Designer",
        "Ms. Okafor",
        "Ngozi Okafor",
        "Head of Design",
        date(2026, 4, 14),
        False,
        "Priya Raman",
        "+44 20 7946 0321",
    ),
    Situation(
        "Copperline Logistics",
        "Operations Analyst",
        "Luis",
        "Luis Ferreira",
        "Operations Director",
        date(2026, 5, 20),
        True,
        "Sam Ortega",
        "(555) 010-0190",
    ),
    Situation(
        "Northgate Robotics",
        "Firmware Engineer",
        "Dr. Lindqvist",
        "Dr. Karin Lindqvist",
        "VP of Engineering",
        date(2026, 2, 11),
        False,
        "Tomás Reyes",
        "+44 161 496 0754",
    ),
    Situation(
        "Fernhill Books",
        "Marketing Coordinator",
        "Amy",
        "Amy Tran",
        "Marketing Manager",
        date(2026, 6, 2),
        True,
        "Chris Baptiste",
        "(555) 010-0135",
    ),
)

SIGNOFFS = (
    "Best regards", "Kind regards", "Thanks", "Many thanks", "Best", "Sincerely", "All the best",
    "Thank you", "Warm regards", "Best wishes", "Regards", "With thanks",
)  # fmt: skip


def letter(subject: str, greeting: str, paragraphs: list[str], signoff: str, sig: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"Subject: {subject}\n\n{greeting}\n\n{body}\n\n{signoff},\n{sig}\n"


# ---------------------------------------------------------------- thank-you notes

THANKS_FIRST = [
    "Thank you for meeting with me on {weekday} about the {role} role. I especially enjoyed hearing how your team decides which problems to take on each quarter; in my current job I run a similar planning session, and I have seen how much it helps a small team focus.",
    "Thanks again for your time on {date}. Our conversation about the first ninety days in the {role} position stayed with me, because I have spent the last two years doing exactly that kind of groundwork for a new team.",
    "I appreciated the chance to talk with you on {weekday}. You described the gap between what customers ask for and what the team can ship, and I have worked on that gap for most of my career, first in support and then as an analyst.",
    "Thank you for your time on {date}; it was a pleasure to speak with you. I particularly liked learning about the way {company} reviews its work in the open, which matches how I like to work: I wrote and ran the review process at my last company.",
    "Thank you for taking the time to walk me through the {role} role. Hearing about the plans for the next year was the highlight of my day, and my experience leading two similar launches fits well with what you described.",
    "Thank you for the interview on {weekday}. I enjoyed our discussion of how the team measures success, and it made me think of the reporting I built for my current manager, which is now used by three departments.",
    "I want to thank you for our conversation on {date}. What stood out for me was your point about small, steady improvements over big rewrites; I have delivered most of my best work that way.",
    "Many thanks for meeting with me about the {role} opening. I valued hearing how the team supports new people in their first months, since mentoring is something I have done for several years alongside my main work.",
    "Thank you for your time on {weekday}. You mentioned that the team wants someone who can explain technical choices to non-specialists, and that is a large part of my current role.",
    "I really appreciated our talk on {date} about the {role} position. Learning how closely the team works with customers made the role even more appealing, because I spent three years in a customer-facing job before moving into my current field.",
    "Thank you for speaking with me on {weekday}. I enjoyed learning about the project to simplify the onboarding flow; I led a similar project last year and reduced drop-off by about a fifth.",
    "Thanks so much for the conversation on {date}. I especially liked hearing about the way your team pairs on difficult problems, which fits how I work best and how I helped my current team get through a hard release.",
    "I am grateful for the time you spent with me on {weekday}. Our discussion about balancing speed and quality was the most useful interview conversation I have had in a while, and it matches my experience of shipping regulated products.",
    "Thank you for meeting me on {date} to discuss the {role} role. I enjoyed hearing about the changes the team made after last year's busy season, since I managed a similar change in my current position.",
    "Thank you for a really thoughtful conversation on {weekday}. When you talked about the backlog of small requests, I recognised the problem at once; my background in process improvement is built on exactly that kind of work.",
    "I appreciated your time on {date} and your honest picture of the {role} role. I especially valued hearing about the tools the team is moving to, as I have used two of them in production for several years.",
    "Thank you for the call on {weekday}. It was great to learn how the team shares knowledge across offices, and I bring experience setting up a documentation habit that a distributed team actually kept.",
    "Thanks for taking the time to meet on {date}. I enjoyed our conversation about the next product release, and I think my years of running launch checklists would help the team get there calmly.",
    "Thank you for showing me around on {weekday} and for explaining how the different teams fit together. It helped me see where the {role} role makes a difference, and it is close to the work I do today.",
    "Thank you for speaking with me about the {role} position on {date}. You explained the main challenge of the role very clearly, and I have handled a similar challenge in my current job, where I rebuilt our weekly planning from scratch.",
]

THANKS_SECOND = [
    "I am very interested in joining {company}. If you have any further questions about my background, I would be happy to answer them.",
    "The conversation left me more excited about the role than before. Please let me know if there is anything else I can share.",
    "I would love to contribute to the team's work. If anything else would help your decision, please let me know.",
    "I remain enthusiastic about the opportunity at {company}. Feel free to reach out with any other questions.",
    "I am keen to bring this experience to {company}. I am happy to provide references or more detail on any of my projects.",
    "Thank you again; I am excited about what the team is building. Do not hesitate to contact me if you need anything else.",
    "It all made me eager to join. If any questions came up after we spoke, I am glad to answer them.",
    "I hope to have the chance to work with you. Let me know if you would like more information about my work.",
    "I am genuinely interested in the role and the team. Please feel free to ask me anything else.",
    "I look forward to hearing from you, and I am happy to answer any further questions in the meantime.",
    "I am very interested in the position. Should you need any additional information, I am happy to send it.",
    "Our conversation confirmed my interest in {company}. If there is anything else you would like to know, please let me know.",
]

THANKS_SUBJECTS = [
    "Thank you - {role} interview",
    "Thank you for the {role} interview",
    "Thanks - {role} interview",
    "{role} interview - thank you",
]


def _thank_yous() -> list[tuple[str, LintContext]]:
    found = []
    for i in range(40):
        s = SITUATIONS[i % len(SITUATIONS)]
        first = THANKS_FIRST[i % len(THANKS_FIRST)]
        second = THANKS_SECOND[(i * 7 + i // len(THANKS_FIRST)) % len(THANKS_SECOND)]
        greeting = ("Dear {first},", "Hi {first},", "Hello {first},")[i % 3]
        text = letter(
            THANKS_SUBJECTS[i % len(THANKS_SUBJECTS)], greeting, [first, second],
            SIGNOFFS[i % len(SIGNOFFS)], "{me}",
        )  # fmt: skip
        found.append((s.fill(text), s.context("thank-you")))
    return found


# ---------------------------------------------------------------- status checks and estimates

STATUS_FIRST = [
    "I hope your week is going well. I am following up on my interview on {date} for the {role} position, which I enjoyed very much; I remain very interested in the role.",
    "I wanted to check in after our conversation on {weekday}, {date} about the {role} role. I am still very keen on the position and on joining {company}.",
    "I hope all is well. It has been about a week since my interview on {date}, and I remain excited about the {role} opening at {company}.",
    "I am writing to follow up on the {role} interview on {date}. Our conversation made me even more interested in the team's work.",
    "Thank you again for meeting with me on {date}. I continue to be very interested in the {role} position and in what the team is building.",
    "I hope you had a good week. I interviewed for the {role} role on {date}, and I wanted to say that I am still very enthusiastic about it.",
    "A quick note after my interview on {date} for the {role} role: I am still very interested, and I have kept thinking about the projects we discussed.",
    "I hope things are going well at {company}. Following my interview on {date}, I wanted to confirm that I remain very interested in the {role} role.",
    "Following up on our conversation on {date} about the {role} position, I wanted to let you know that my interest has only grown since then.",
    "I enjoyed our interview on {date} for the {role} role and I remain very interested in joining {company}.",
]

STATUS_SECOND = [
    "Could you share when you expect to make a decision? I am happy to provide anything else that would help.",
    "Is there an updated timeline for the next steps? Please let me know if you need anything further from me.",
    "I would be grateful for any update on the timing when you have a moment.",
    "Do you have a sense of when I might hear about the next steps? Thank you for your time.",
    "When you have a chance, could you let me know where things stand in the process?",
    "I understand these decisions take time. Would you be able to tell me roughly when you expect to decide?",
    "Could you let me know if there is any news on the timeline? I appreciate your help.",
    "If you are able to share the expected timing of a decision, I would appreciate it.",
    "May I ask whether there is an update on the next steps? Thank you for keeping me in mind.",
    "Please let me know when you expect to have an update; in the meantime I am happy to answer any questions.",
]

STATUS_SUBJECTS = [
    "Following up: {role} interview on {date}",
    "Following up on my {role} interview",
    "Following up: {role} interview",
    "{role} interview - following up",
    "Checking in - {role} role",
]


def _status(kind: str, count: int, offset: int) -> list[tuple[str, LintContext]]:
    found = []
    for n in range(count):
        i = n + offset
        s = SITUATIONS[(i * 3) % len(SITUATIONS)]
        first = STATUS_FIRST[i % len(STATUS_FIRST)]
        second = STATUS_SECOND[(i * 3 + i // len(STATUS_FIRST)) % len(STATUS_SECOND)]
        greeting = ("Dear {first},", "Hi {first},")[i % 2]
        text = letter(
            STATUS_SUBJECTS[i % len(STATUS_SUBJECTS)], greeting, [first, second],
            SIGNOFFS[(i + 5) % len(SIGNOFFS)], "{me}\n{phone}",
        )  # fmt: skip
        found.append((s.fill(text), s.context(kind)))
    return found


# ---------------------------------------------------------------- short notes

FINAL_NOTES = [
    "I wanted to send a short note to say that I am still very interested in the {role} role. If there is any news, I would be glad to hear it.",
    "Just a brief note to confirm my continued interest in the {role} position at {company}. I am happy to answer any questions in the meantime.",
    "I remain very interested in the {role} role after my interview on {date}, and I would welcome any update whenever you have one.",
    "I know you are busy, so I will keep this short: I am still excited about the {role} opening and would be glad to hear about any next steps.",
    "I wanted to let you know that the {role} role is still my first choice. If anything else would help, please let me know.",
    "A short note to say I am still keen on the {role} position. Thank you again for your time on {date}.",
    "I continue to be very interested in the {role} role and in the team's work. I am glad to share anything else that would be useful.",
    "This is just a quick note to say I remain enthusiastic about the {role} position. I hope the process is going smoothly on your side.",
    "I am still very interested in joining the team as {role}, and I would be delighted to hear about any news when there is some.",
    "I wanted to close the loop on my side: I am still interested in the {role} role and happy to help with anything you need.",
]

REJECTION_FIRST = [
    "Thank you for letting me know, and for taking the time to consider me for the {role} role.",
    "Thanks for the update, and for being so clear about the decision on the {role} position.",
    "I appreciate you telling me personally, and I am grateful for the time you spent with me during the process.",
    "Thank you for your message. While I am disappointed, I understand, and I valued learning about {company}.",
    "Thank you for the news and for the care you took throughout the interviews for the {role} role.",
    "I appreciate the update on the {role} position, and thank you for your honesty.",
    "Thank you for getting back to me. I enjoyed our conversation and learning about the team.",
    "Thanks for letting me know about the decision, and for the kind words in your message.",
]

REJECTION_SECOND = [
    "I would be glad to stay in touch, and I hope our paths cross again if another role fits my background. I wish you and the team all the best.",
    "If a similar opening comes up in the future, I would welcome the chance to be considered. Best of luck with the rest of the search.",
    "I would be happy to stay connected, and I wish the team every success with the projects ahead.",
    "Please keep me in mind for future roles; I would be delighted to talk again. All the best to you and the team.",
    "I hope we can keep in touch, and I wish you a smooth finish to the hiring process.",
    "Should anything suitable open up later, I would be glad to hear from you. Thank you again, and good luck with the coming year.",
]

WITHDRAWALS = [
    "Thank you for your time and for considering me for the {role} role. After careful thought, I have decided to withdraw my application, as I have accepted another position.",
    "I wanted to let you know that I am withdrawing from the process for the {role} position. I have accepted an offer elsewhere, and it would not be fair to take up more of your time.",
    "Thank you for the interviews so far. After a lot of thought I have decided to withdraw my application for the {role} role, for personal reasons that affect my timing.",
    "I am writing to withdraw my application for the {role} position. I have decided to stay in my current role for now, and I am grateful for your understanding.",
    "Thank you for everything during the process. I have accepted another offer, so I would like to withdraw from consideration for the {role} role.",
    "After reflecting on the last few weeks, I have decided to withdraw from the {role} process. It was not an easy decision, and I appreciate the time you have given me.",
    "I wanted to tell you myself that I am withdrawing my application for the {role} role. A change in my family's plans means I cannot relocate this year.",
    "Thank you for considering me. I have decided to take my search in a different direction, so I am withdrawing my application for the {role} position.",
]

WITHDRAWAL_SECOND = [
    "I enjoyed meeting the team and I hope we can stay in touch. I wish you every success in filling the role.",
    "It was a pleasure getting to know {company}, and I hope our paths cross again.",
    "I have great respect for the team's work and would be glad to stay connected.",
    "Thank you again for your kindness throughout, and best of luck with the search.",
]

OFFER_ACKS = [
    "Thank you very much for the offer for the {role} role. I am delighted, and I appreciate the confidence you have shown in me. I will review the details carefully and come back to you by {weekday}.",
    "Thank you for the call today and for the written offer for the {role} position. I am excited to read through it, and I will get back to you with my answer within the week you mentioned.",
    "I was thrilled to receive the offer for the {role} role. Thank you for all your help during the process. I am reviewing the details now and will reply by the date you gave.",
    "Thank you so much for the offer. I am very pleased, and I would like a couple of days to go through the details with my family. I will confirm my decision by {weekday}.",
    "Thanks for sending over the offer for the {role} position. I am grateful and excited, and I will review everything carefully before I reply later this week.",
    "Thank you for the good news about the {role} role. I appreciate the offer and the kind words from the team, and I will come back to you soon with my decision.",
    "I am delighted to receive your offer for the {role} position, and I want to thank you and the team for it. I will look at the details closely and answer by {weekday}.",
    "Thank you for the offer and for walking me through it on the phone. I am very happy about it, and I will give you my answer as soon as I have read the paperwork.",
]

OFFER_SECOND = [
    "If you need anything from me in the meantime, please let me know.",
    "In the meantime, I am happy to answer any questions you may have.",
    "Please let me know if there is anything you need from me before then.",
    "Thank you again; I am looking forward to the next step.",
]

OFFER_DECLINES = [
    "Thank you again for offering me the {role} role and for the time the team gave me. After a lot of thought, I have decided to decline the offer.",
    "I am grateful for the offer for the {role} position and for how welcoming everyone was. I have accepted another role, so I must respectfully decline.",
    "Thank you for the offer and for your patience while I thought it over. I have decided not to accept it, which was a hard choice to make.",
    "I appreciate the offer for the {role} role very much. After weighing it carefully, I have chosen a position that fits my plans a little better, and I will decline.",
    "Thank you for your generous offer and for everything you did during the process. I have decided to turn it down, and I wanted you to hear it from me promptly.",
    "It was a pleasure to get to know the team, and I am thankful for the {role} offer. I have decided to decline it after careful consideration.",
]

OFFER_DECLINE_SECOND = [
    "I hope our paths cross again, and I wish you and the team every success.",
    "I have enjoyed every conversation with you and hope we can stay in touch.",
    "Thank you again for your kindness; I wish the team all the best.",
]

COMPETING = [
    "{company} remains my first choice for the {role} role, and I am still very enthusiastic about the position. I have received another offer, which I need to answer by {date}.",
    "I wanted to let you know that I have received another offer with a deadline of {date}. The {role} role at {company} is still the one I am most excited about.",
    "I am still very interested in the {role} position. In the meantime another company has made me an offer, and they have asked for my answer by {date}.",
    "I remain very keen on joining {company} as {role}. I have an offer from another company that I need to accept or decline by {date}.",
    "The {role} role is still my strong preference. I wanted to be open with you that I have another offer, due for an answer by {date}.",
    "I have really enjoyed the process for the {role} role and it is still my first choice. I have now received an offer elsewhere, with a reply needed by {date}.",
    "I wanted to give you a heads-up: I have received another offer, which expires on {date}, but {company} is still where I most want to work.",
    "I continue to be very interested in the {role} position. I have a competing offer that I need to respond to by {date}.",
]

COMPETING_SECOND = [
    "Would you be able to tell me whether you expect to reach a decision before then?",
    "Is there any chance of knowing where I stand before that date? I would much prefer to decide with the full picture.",
    "Could you let me know whether a decision before then is possible? I understand if it is not.",
    "If it is possible to share your expected timing, I would be very grateful.",
]

STAY_IN_TOUCH = [
    "I hope you are doing well. I interviewed for the {role} role earlier this year, and I have kept following {company}'s work with interest since then.",
    "I saw the news about {company}'s new product launch and thought of our conversation about the {role} role. Congratulations to the whole team.",
    "It has been a few months since we spoke about the {role} position, and I wanted to say hello and share that I have just finished a course in the area we discussed.",
    "I hope the year is going well for you and the team. I still think often about our conversation about the {role} role.",
    "I read the article about {company}'s expansion and wanted to send my congratulations. I enjoyed our conversation about the {role} role in the spring.",
    "I hope all is well. Since we last spoke about the {role} position, I have taken on a larger project at work, and I thought you might like to hear how it went.",
    "I wanted to reach out and say hello. Our conversation about the {role} role stayed with me, and I have kept up with the team's blog since.",
    "I hope you had a good summer. I am still very interested in {company}, and I enjoyed our conversation about the {role} role.",
]

STAY_SECOND = [
    "If a role that fits my background opens up, I would welcome the chance to talk again.",
    "I would be glad to stay in touch.",
    "I would love to keep in touch and hear how the team is doing.",
    "Please keep me in mind if anything suitable comes up.",
]


def _paired(
    kind: str, firsts: list[str], seconds: list[str], subjects: list[str], count: int, offset: int
) -> list[tuple[str, LintContext]]:
    found = []
    for n in range(count):
        i = n + offset
        s = SITUATIONS[(i * 2 + 1) % len(SITUATIONS)]
        paragraphs = [firsts[n % len(firsts)]]
        if seconds:
            paragraphs.append(seconds[(n * 3 + n // len(firsts)) % len(seconds)])
        greeting = ("Dear {first},", "Hi {first},")[i % 2]
        text = letter(
            subjects[n % len(subjects)], greeting, paragraphs,
            SIGNOFFS[(i + 3) % len(SIGNOFFS)], "{me}",
        )  # fmt: skip
        found.append((s.fill(text), s.context(kind)))
    return found


# ---------------------------------------------------------------- LinkedIn, phone

LINKEDIN_NOTES = [
    "Hi {first}, thank you for the {role} interview on {weekday}. I enjoyed our conversation and would be glad to stay connected. {me_first}",
    "Hi {first}, it was a pleasure to meet you on {date}. Thanks for the thoughtful conversation about the {role} role. {me_first}",
    "{first}, thanks for speaking with me about the {role} position. I enjoyed it and would like to stay in touch. {me_first}",
    "Hello {first}, thank you for your time in the interview on {weekday}. I would be glad to connect. Best, {me_first}",
    "Hi {first}, great to meet you on {date}, and thanks for the conversation about {company}'s plans. {me_first}",
    "Hi {first}, thank you for the chat about the {role} role this week. I would be happy to keep in touch. {me_first}",
    "Hi {first}, I enjoyed talking with you on {weekday} about the team's work. Thanks again for your time. {me_first}",
    "Hello {first}, thanks for meeting with me about the {role} opening. It was a pleasure, and I would like to stay connected. {me_first}",
    "Hi {first}, thank you for interviewing me on {date}. I learned a lot about {company} and hope to stay in touch. {me_first}",
    "Hi {first}, thanks for the conversation on {weekday}. I enjoyed hearing about your team and would be glad to connect. {me_first}",
]

LINKEDIN_MESSAGES = [
    "Thank you for our interview on {date} about the {role} role. I especially enjoyed hearing about the team's plans for the year, which match my own experience. Please let me know if you have any questions for me.",
    "I hope you are well. I am following up on my interview on {date} for the {role} role. I remain very interested, and I would be grateful for any update on the timeline when you have a moment.",
    "Thanks again for your time on {weekday}. I really enjoyed learning about the {role} position and I am still very keen on it. Is there any news on the next steps?",
    "I hope you are doing well. We spoke on {date} about the {role} role, and I would be glad to stay in touch.",
    "Thank you for the conversation about the {role} role on {weekday}. I enjoyed it a lot, and I am happy to answer any further questions you may have.",
    "Just a short message to say thanks for the interview on {date}. I remain very interested in the {role} role and would welcome any update when there is one.",
    "I hope your week is going well. I enjoyed our conversation on {date} and I am still excited about the {role} position. Could you share when you expect to make a decision?",
    "Thanks for taking the time to speak with me about the {role} role. I left the conversation even more interested in the team. If anything else would help, please let me know.",
]

VOICEMAILS = [
    "Hi {first}, this is {me}, at {phone}. I interviewed on {date} for the {role} role and I really enjoyed our conversation. I would love to hear about the next steps whenever it suits you. Again, this is {me}, at {phone}. Thank you.",
    "Hello {first}, it's {me} calling, my number is {phone}. I am following up on my interview for the {role} position. I am still very interested and would be glad to hear about any update. Again, that's {phone}. Thanks, and have a good day.",
    "Hi {first}, {me} here, on {phone}. Thanks again for meeting with me about the {role} role. I wanted to ask whether there is any news on the timeline. You can reach me at {phone}. Thank you.",
    "Good morning {first}, this is {me} at {phone}. I am calling about the {role} interview on {date}. I remain very interested and would love to know about the next steps. My number again is {phone}. Have a great day.",
    "Hi {first}, this is {me}, phone {phone}. I enjoyed speaking with you about the {role} role, and I am calling to ask about the decision timeline. Once more, my number is {phone}. Thank you very much.",
    "Hello {first}, {me} calling from {phone}. I interviewed for the {role} position and wanted to check in on the next steps. I am still very keen. Again, it's {me} at {phone}. Thanks.",
    "Hi {first}, it's {me}, at {phone}. A quick call to thank you for the interview and to ask whether there is an update on the {role} role. Again, {phone}. Thank you, and speak soon.",
    "Hi {first}, this is {me}, {phone}. I am following up on the {role} interview from {weekday}. I would be grateful for any update on the decision. My number is {phone}. Thanks so much.",
]

CALL_SCRIPTS = [
    "Hello {first}, this is {me}. I interviewed on {date} for the {role} role. Do you have a moment? I wanted to thank you for your time and ask whether there is any news on the next steps.",
    "Hi {first}, it's {me}, calling about the {role} position. Is now a good time? I really enjoyed our conversation and wanted to ask about the timeline.",
    "Good afternoon {first}, this is {me}. We spoke on {weekday} about the {role} role. I am still very interested, and I wanted to ask whether there is anything else I can send you.",
    "Hello {first}, this is {me}. Thank you again for the interview. I am calling to ask whether you expect a decision soon, and whether you need anything else from me.",
]


def _plain(kind: str, texts: list[str], offset: int) -> list[tuple[str, LintContext]]:
    found = []
    for n, raw in enumerate(texts):
        s = SITUATIONS[(n + offset) % len(SITUATIONS)]
        text = raw
        if kind == "linkedin-message":
            text = "Hi {first},\n\n" + raw + f"\n\n{SIGNOFFS[n % len(SIGNOFFS)]},\n{{me}}"
        found.append((s.fill(text) + "\n", s.context(kind)))
    return found


def _corpus() -> list[tuple[str, LintContext]]:
    return [
        *_thank_yous(),
        *_status("status-check", 25, 0),
        *_status("estimate-request", 12, 25),
        *_paired(
            "final-note",
            FINAL_NOTES,
            [],
            ["Following up: {role} interview", "Still interested - {role} role"],
            10,
            0,
        ),
        *_paired(
            "rejection-reply",
            REJECTION_FIRST,
            REJECTION_SECOND,
            ["Thank you - {role} position", "Re: Your application"],
            12,
            1,
        ),
        *_paired(
            "withdrawal",
            WITHDRAWALS,
            WITHDRAWAL_SECOND,
            ["Withdrawing my application - {role}", "{role} application"],
            8,
            2,
        ),
        *_paired(
            "offer-ack",
            OFFER_ACKS,
            OFFER_SECOND,
            ["Thank you - {role} offer", "Re: Your offer"],
            8,
            3,
        ),
        *_paired(
            "offer-decline",
            OFFER_DECLINES,
            OFFER_DECLINE_SECOND,
            ["Your offer - {role}", "Re: Your offer"],
            6,
            5,
        ),
        *_paired(
            "competing-offer",
            COMPETING,
            COMPETING_SECOND,
            ["Question about timing - {role} role", "{role} role - timing"],
            8,
            4,
        ),
        *_paired(
            "stay-in-touch",
            STAY_IN_TOUCH,
            STAY_SECOND,
            ["Staying in touch", "Hello from {me}"],
            8,
            0,
        ),
        *_plain("linkedin-note", LINKEDIN_NOTES, 0),
        *_plain("linkedin-message", LINKEDIN_MESSAGES, 1),
        *_plain("voicemail", VOICEMAILS, 2),
        *_plain("call-script", CALL_SCRIPTS, 3),
    ]


GOOD_CORPUS: list[tuple[str, LintContext]] = _corpus()

# Messages that must fail: (rule, text, context).


def _bad(rule: str, old: str, new: str, source: int = 0) -> tuple[str, str, LintContext]:
    text, ctx = GOOD_CORPUS[source]
    assert old in text, (old, text)
    return rule, text.replace(old, new, 1), ctx


BAD_CORPUS: list[tuple[str, str, LintContext]] = [
    _bad(
        "LINT-PAY-TALK",
        "I am very interested in joining Lumen Pay.",
        "I am very interested in joining Lumen Pay, and I would like to know the salary range.",
    ),
    _bad(
        "LINT-PAY-TALK",
        "I am very interested in joining Lumen Pay.",
        "Could you tell me how much vacation the role has?",
    ),
    _bad(
        "LINT-DESPERATION",
        "I am very interested in joining Lumen Pay.",
        "I really need this job, so please hire me.",
    ),
    _bad(
        "LINT-COMPLAINT",
        "I am very interested in joining Lumen Pay.",
        "I am still waiting to hear anything from anyone.",
    ),
    _bad(
        "LINT-DEMAND", "I am very interested in joining Lumen Pay.", "Please respond by end of day."
    ),
    _bad(
        "LINT-EXCUSE",
        "Thank you for meeting with me",
        "Sorry for the delay, I was busy. Thank you for meeting with me",
    ),
    _bad("LINT-GREETING", "Dear Dana,", "Dear Hiring Manager,"),
    _bad("LINT-GREETING-NAME", "Dear Dana,", "Dear Priya,"),
    _bad("LINT-SIGNOFF", "Best regards,", "Later,"),
    _bad(
        "LINT-COMPANY",
        "I am very interested in joining Lumen Pay.",
        "I am very interested in joining Lumen Pey.",
    ),
    _bad("LINT-ROLE-MISMATCH", "about the Data Engineer role", "about the Data Scientist role"),
    _bad(
        "LINT-EXCLAMATION",
        "I am very interested in joining Lumen Pay.",
        "I am very interested in joining Lumen Pay! Truly!",
    ),
    _bad(
        "LINT-SUBJECT-URGENT",
        "Subject: Thank you - Data Engineer interview",
        "Subject: URGENT - Data Engineer interview",
    ),
    _bad(
        "LINT-THANKS",
        "Thank you for meeting with me on Tuesday about the Data Engineer role.",
        "We met on Tuesday about the Data Engineer role.",
    ),
    _bad("LINT-ROLE", "Subject: Thank you - Data Engineer interview", "Subject: Hello", 0),
]
BAD_CORPUS = [
    (r, t.replace("about the Data Engineer role", "about the role") if r == "LINT-ROLE" else t, c)
    for r, t, c in BAD_CORPUS
]
BAD_CORPUS.append(
    (
        "LINT-TIMING-QUESTION",
        GOOD_CORPUS[40][0].split("\n\n")[0]
        + "\n\nDear Dana,\n\nI hope your week is going well. I remain very interested in the Data Engineer role after my interview on March 3.\n\nBest regards,\nJordan Ellis\n",
        replace(GOOD_CORPUS[40][1], recipient_name="Dana Whitfield"),
    )
)
