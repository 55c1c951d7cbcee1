"""Questions grounded in the candidate's resume and the job description.

Three kinds, as a real interviewer who read both would ask them:
- a **claim** on the resume, walked through ("You cut tracking latency from 6 hours to 40
  seconds: walk me through how");
- a **must-have** of the job that the resume also lists: the bank's own question about that
  skill when there is one (its key points are about the technology), else how they used it;
- a **gap**: a must-have the resume does not mention, and how they would close it.

Key points, hints and model answers come from what the two documents say plus general
practice; nothing here invents a fact about the person. Each question's `extra` says what it
was grounded in (`grounded`: claim | must_have | gap, and `skill` or `claim`), which the report
reads to say how the job's must-haves went.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence

from interbot_tui.core.documents.facts import Claim, Grounding, ResumeFacts
from interbot_tui.core.documents.skills import SKILLS, mentions
from interbot_tui.core.profile import Difficulty, InterviewType, Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.dedupe import is_near_duplicate
from interbot_tui.core.questions.question import Kind, Question, Source

MAX_CLAIM_CHARS = 180
# Past-tense verbs that resume bullets start with and that do not end in "-ed".
_IRREGULAR_PAST = frozenset(
    """built led cut ran wrote drove made won grew set took brought taught began chose found held
    kept lost met paid sold spent stood understood oversaw rebuilt rewrote shipped split sped
    beat bought caught cost dealt fed flew got gave hired hit laid lit put read rode saw sent
    shut sat shot spun struck swept thought threw told upheld withdrew""".split()
)


def _id(kind: str, text: str) -> str:
    return f"grounded-{kind}-{hashlib.sha1(text.lower().encode()).hexdigest()[:10]}"


def _claim_text(claim: Claim) -> str:
    text = re.sub(r"\s+", " ", claim.text).strip().rstrip(".;:,")
    if len(text) > MAX_CLAIM_CHARS:
        text = text[:MAX_CLAIM_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _starts_with_past_verb(text: str) -> bool:
    first = text.split(" ", 1)[0].lower()
    return first.endswith("ed") or first in _IRREGULAR_PAST


def _as_person(text: str, pronoun: str) -> str | None:
    """ "Cut latency by 40%" -> "You cut latency by 40%"; None when it is no verb phrase."""
    if text.startswith("I "):
        return f"{pronoun} {text[2:]}"
    if _starts_with_past_verb(text):
        return f"{pronoun} {text[0].lower()}{text[1:]}"
    return None


_DATES = re.compile(r"\(.*?\)|\b(19|20)\d\d\b.*$|\b(present|current)\b.*$", re.I)
_SEPARATORS = re.compile(r"\s+(?:at|@|—|–|-|\|)\s+|,\s*")


def company(role: str) -> str:
    """ "Senior Data Engineer — Acme Corp (2021-2024)" -> "Acme Corp"; "" when unclear."""
    parts = [p.strip(" ,;·") for p in _SEPARATORS.split(_DATES.sub("", role)) if p.strip(" ,;·")]
    return parts[1] if len(parts) >= 2 and len(parts[1]) <= 60 else ""


def claim_question(claim: Claim, difficulty: Difficulty) -> Question:
    text = _claim_text(claim)
    said = _as_person(text, "you")
    at = company(claim.role)
    if said:
        lead = f"At {at} {said}" if at else said[0].upper() + said[1:]
        question = f"{lead}. Walk me through how you did that."
    else:
        where = f" about your time at {at}" if at else ""
        question = f'Your resume says{where}: "{text}". Walk me through it.'
    tools = ", ".join(claim.skills[:3])
    key_points = [
        "Describes the situation before: what was slow, broken or missing, and why it mattered",
        "Says what you did yourself, as opposed to the team: your design, decisions or changes",
    ]
    if tools:
        key_points.append(f"Explains how {tools} was used and why it fit the problem")
    key_points.append(
        "Gives the result and how it was measured"
        if claim.has_figure
        else "Gives a concrete result: a number, a before and after, or who it helped"
    )
    key_points.append("Says what was hard or what you would do differently")
    first_person = _as_person(text, "I") or f"I worked on this: {text}"
    model_answer = (
        "Walk through it in order. Start with where things stood before and why it mattered. "
        f"Then what you did yourself: {first_person}"
        + (f", using {tools}, and why those tools fit" if tools else "")
        + ". Give the result and how you measured it, and close with what was hardest or "
        "what you would do differently."
    )
    return Question(
        id=_id("claim", text),
        text=question,
        kind=Kind.BEHAVIOURAL,
        difficulty=difficulty,
        key_points=tuple(key_points),
        hint="Tell it as a story in order: where things stood, what you did yourself, "
        "and how you knew it worked.",
        model_answer=model_answer,
        terms=tuple(claim.skills),
        domain="resume",
        source=Source.GROUNDED,
        extra={"grounded": "claim", "claim": text, "skills": list(claim.skills)},
    )


def must_have_question(skill: str, role: str, difficulty: Difficulty) -> Question:
    at = company(role)
    where = f" Your resume lists it at {at}." if at else " Your resume lists it."
    return Question(
        id=_id("must_have", skill),
        text=f"This role needs {skill}.{where} Tell me about the hardest problem you "
        f"solved with {skill}.",
        kind=Kind.TECHNICAL,
        difficulty=difficulty,
        key_points=(
            f"Names a specific project where you used {skill}, and your part in it",
            f"Describes one concrete problem you hit with {skill} and how you solved it",
            f"Explains why {skill} behaved that way: how it works underneath",
            "States the result, and a trade-off or limit of the fix",
        ),
        hint=f"Pick one project and one problem: what went wrong with {skill}, why, and what "
        "you changed.",
        model_answer=f"Name the project and what you built with {skill}. Describe the problem "
        f"that came up, explain why {skill} behaved that way, then the fix you chose, the "
        "result, and the trade-off you accepted.",
        terms=(skill,),
        domain="job",
        source=Source.GROUNDED,
        extra={"grounded": "must_have", "skill": skill},
    )


def gap_question(skill: str, related: Sequence[str], difficulty: Difficulty) -> Question:
    near = ", ".join(related[:2])
    # The point stays general: feedback repeats a point made, and the candidate may bridge
    # from something else than the skills the resume suggests.
    carry = "Connects it to related experience of yours that carries over"
    return Question(
        id=_id("gap", skill),
        text=f"The role needs {skill}, which isn't on your resume. What do you know about it, "
        "and how would you get productive with it in your first months?",
        kind=Kind.TECHNICAL,
        difficulty=difficulty,
        key_points=(
            f"Is honest about how much you have used {skill}",
            f"Explains what {skill} is for: the problem it solves",
            carry,
            "Gives a concrete plan to learn it: what to build or read first, and how to "
            "check it works",
        ),
        hint="Be honest about the gap, then bridge it: what it solves, what you already know "
        + (f"that is close (your {near}?)" if near else "that is close")
        + ", and your first concrete step.",
        model_answer=f"Say plainly that you have not used {skill} in production. Explain the "
        "problem it solves and where it sits in a stack like this team's, connect it to "
        + (f"your work with {near}" if near else "the closest thing you have done")
        + ", and give a plan: a small project with it in the first weeks, the official "
        "documentation, and pairing with someone on the team who knows it.",
        terms=(skill,),
        domain="job",
        source=Source.GROUNDED,
        extra={"grounded": "gap", "skill": skill},
    )


def related_skills(
    skill: str, resume: ResumeFacts | None, job_skills: Sequence[str] = ()
) -> list[str]:
    """The resume's skills of the same field as `skill` (Terraform: Kubernetes, Docker), those
    the job also names first."""
    wanted = SKILLS.get(skill)
    if resume is None or wanted is None:
        return []
    same = [s for s in resume.skills if s in SKILLS and SKILLS[s].category == wanted.category]
    return sorted(same, key=lambda s: s not in job_skills)


def _bank_question(banks: Sequence[Bank], skill: str, asked: list[str]) -> Question | None:
    """A bank question about `skill` (its terms or text name it), to ask as the must-have's."""
    for bank in banks:
        if bank.kind is not Kind.TECHNICAL:
            continue
        for question in bank.questions:
            named = mentions(question.text, skill) or any(
                mentions(term, skill) for term in question.terms
            )
            if named and not is_near_duplicate(question.text, asked):
                extra = dict(question.extra, grounded="must_have", skill=skill)
                return Question.from_dict(dict(question.to_dict(), extra=extra))
    return None


def grounded_questions(
    grounding: Grounding, banks: Sequence[Bank], difficulty: Difficulty, rng: random.Random
) -> list[Question]:
    """Every grounded question worth asking, interleaved gap, claim, must-have, ..."""
    gaps = list(grounding.gaps())
    resume, job = grounding.resume, grounding.job
    ranked = sorted(resume.claims, key=lambda c: not c.has_figure) if resume else []
    rest = ranked[2:]
    rng.shuffle(rest)  # the two strongest claims first, then a different few each time
    claims = ranked[:2] + rest
    gap_set = {g.lower() for g in gaps}
    job_skills = (
        [*job.must_have_skills, *(s for r in job.nice_to_haves for s in r.skills)] if job else []
    )
    shared = [s for s in (job.must_have_skills if job else ()) if s.lower() not in gap_set]
    if resume is None:
        shared = []  # without a resume every must-have is asked as the bank asks it
        extra_skills = list(job.must_have_skills) if job else []
    else:
        extra_skills = []
    asked: list[str] = []
    groups: list[list[Question]] = [[], [], []]
    for skill in gaps:
        related = related_skills(skill, resume, job_skills)
        groups[0].append(gap_question(skill, related, difficulty))
    for claim in claims:
        groups[1].append(claim_question(claim, difficulty))
    latest = resume.roles[0] if resume and resume.roles else ""
    for skill in shared + extra_skills:
        bank = _bank_question(banks, skill, asked)
        if bank is not None:
            asked.append(bank.text)
            groups[2].append(bank)
        elif resume is not None:
            role = next((c.role for c in claims if skill in c.skills and c.role), latest)
            groups[2].append(must_have_question(skill, role, difficulty))
    out: list[Question] = []
    for index in range(max(map(len, groups))):
        for group in groups:
            if index < len(group):
                out.append(group[index])
    return out


def grounded_plan(
    slots: Sequence[Kind | Question],
    grounding: Grounding,
    banks: Sequence[Bank],
    profile: Profile,
    rng: random.Random,
) -> list[Kind | Question]:
    """The profile's usual slots with about half of the non-warm-up ones grounded.

    The first topic slot is grounded, then every other one, so the bank's questions and the
    grounded ones alternate. Warm-ups stay as they are.
    """
    plan = list(slots)
    candidates = grounded_questions(grounding, banks, profile.difficulty, rng)
    if profile.interview_type is InterviewType.BEHAVIOURAL:
        candidates = [q for q in candidates if q.kind is Kind.BEHAVIOURAL]
    topic = [i for i, slot in enumerate(plan) if slot is not Kind.WARMUP]
    if not candidates or not topic:
        return plan
    wanted = min(len(candidates), max(1, (len(topic) + 1) // 2))
    chosen = topic[::2][:wanted]
    if len(chosen) < wanted:
        chosen += [i for i in topic if i not in chosen][: wanted - len(chosen)]
    for index, question in zip(sorted(chosen), candidates, strict=False):
        plan[index] = question
    return plan
