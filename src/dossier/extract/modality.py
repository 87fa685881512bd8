"""Whether an event happened: occurred, attempted, planned, denied or negated.

Read from the words governing the trigger: a negation on the trigger ("was not released"),
a verb it is the complement of ("attempted to deport", "plan to release", "denied
arresting"), a modal ("will sentence"). Denial wins over negation, negation over attempt,
attempt over plan. The word lists are closed grammatical classes, so they live here
rather than in data/.
"""
from __future__ import annotations

OCCURRED, ATTEMPTED, PLANNED, DENIED, NEGATED = (
    "occurred", "attempted", "planned", "denied", "negated")

ATTEMPT = {"attempt", "try", "seek", "fail", "endeavour", "endeavor"}
PLAN = {"plan", "intend", "threaten", "expect", "schedule", "want", "prepare", "aim",
        "propose", "promise", "set", "hope", "decide", "agree", "vow", "pledge"}
DENY = {"deny", "reject", "dispute", "refute"}
REFUSE = {"refuse", "decline"}
NEG = {"not", "n't", "never", "no"}
FUTURE_AUX = {"will", "shall", "'ll"}

# the links walked up from a trigger to the words that govern its sense
_WALK = {"xcomp", "ccomp", "pcomp", "conj", "pobj", "prep", "dobj"}
_RANK = {DENIED: 4, NEGATED: 3, ATTEMPTED: 2, PLANNED: 1, OCCURRED: 0}


def _own(tok) -> str | None:
    """Modality carried by the trigger's own children (negation, future auxiliary)."""
    for c in tok.children:
        if c.dep_ == "neg" and c.lower_ in NEG:
            return NEGATED
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in FUTURE_AUX:
            return PLANNED
        if c.dep_ == "auxpass" and c.lower_ == "be" and c.tag_ == "VB" and any(
                a.lower_ in FUTURE_AUX for a in tok.children if a.dep_ == "aux"):
            return PLANNED
    return None


def modality(trigger) -> str:
    """The modality of the event reported by ``trigger`` (a spaCy Token).

    Walks up from the trigger through complements ("attempted to deport"), clauses
    ("denied that X was beaten") and, for a noun, the preposition or verb it hangs from
    ("denied the arrest of X"), at most four steps.
    """
    found = [_own(trigger)]
    tok = trigger
    for _ in range(4):
        dep = tok.dep_
        if dep not in _WALK or tok.head == tok:
            break
        tok = tok.head
        if dep == "conj":
            continue  # "arrested and sentenced": a sibling, not a governor
        lemma = tok.lemma_.lower()
        if lemma in DENY:
            found.append(DENIED)
        elif lemma in REFUSE:
            found.append(NEGATED)
        elif lemma in ATTEMPT:
            found.append(ATTEMPTED)
        elif lemma in PLAN:
            found.append(PLANNED)
        if dep in ("xcomp", "pcomp") and tok.pos_ in ("VERB", "AUX"):
            found.append(_own(tok))
    found = [f for f in found if f]
    return max(found, key=_RANK.get) if found else OCCURRED
