"""What happened to whom: detentions, sentences, releases and the like.

``extract_events(article, doc, entities)`` finds triggers (data/events.toml: verbs, nouns
and a few patterns read from the parse: "serving prison sentences", "remains in prison",
"forced to leave for Lithuania"), then for each one reads

- who it happened to and who did it (extract/participants.py: conjunctions, pronouns,
  "All are serving ..." after a list of names),
- its own date: a date expression hanging from the trigger in the parse, else one of
  the sentence's dates no other trigger claims; never the article's date. A definite
  noun ("The release of X") with no date takes the date of the same kind of event
  reported earlier in the article about the same people,
- its modality (extract/modality.py), its place and, for sentences, the term.

Leaves out triggers with nobody they happened to (except elections and protests) and
whatever sits in boilerplate lines.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load
from ..records import Article, DateRef, Entity, Event, Participant
from .common import entity_at, evidence, skipped
from .dates import find_dates
from .modality import modality
from .participants import agent, people, person_at

_GRAN_RANK = {"year": 0, "month": 1, "day": 2}
_TERM = re.compile(r"^(?:to|for)\s+(.+?)(?=\s+(?:in|at|on|for|under|over|after|by|behind)\b"
                   r"|[,;.:)]|$)", re.S)
_UNIT = re.compile(r"\b(years?|months?|weeks?|days?)\b")


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    """Trigger maps built once from data/events.toml."""
    data = load("events")
    verbs, nouns = {}, {}
    for etype, cfg in data["types"].items():
        for v in cfg.get("verbs", []) + cfg.get("actor_verbs", []):
            verbs[v] = etype
        for n in cfg.get("nouns", []):
            nouns[n] = etype
    return {"verbs": verbs, "nouns": nouns, "types": data["types"],
            "patterns": data["patterns"], "term": data["term"]}


# --- triggers ---------------------------------------------------------------------------

class _Trigger:
    """One trigger: its token, type, how its participants are read, the evidence span."""

    def __init__(self, tok, etype: str, kind: str, start: int, end: int, actor: bool):
        self.tok, self.type, self.kind = tok, etype, kind
        self.start, self.end, self.actor = start, end, actor


def _find_triggers(article: Article, doc) -> list[_Trigger]:
    lex = _lexicon()
    pat = lex["patterns"]
    out: list[_Trigger] = []
    taken: set[int] = set()
    for tok in doc:
        if skipped(article, tok.idx, tok.idx + len(tok)) or tok.i in taken:
            continue
        lemma = tok.lemma_.lower()
        # "serve (a) sentence": imprisonment of the subject
        if lemma == pat["serve"]["verb"] and tok.pos_ == "VERB":
            obj = next((c for c in tok.children if c.dep_ == "dobj"
                        and c.lemma_.lower() in pat["serve"]["objects"]), None)
            if obj is not None:
                out.append(_Trigger(tok, pat["serve"]["type"], "verb", tok.idx,
                                    obj.idx + len(obj), True))
                taken.update((tok.i, obj.i))
                continue
        # "remains in prison", "was held in custody"
        if lemma in pat["confinement"] and tok.dep_ == "pobj":
            prep = tok.head
            verb = prep.head
            if prep.lower_ in ("in", "behind", "into") and verb.lemma_.lower() in \
                    pat["confinement_verbs"] and verb.pos_ in ("VERB", "AUX") \
                    and verb.i not in taken and lemma not in lex["verbs"]:
                actor = verb.lemma_.lower() in ("be", "remain", "stay", "languish", "spend")
                out.append(_Trigger(verb, pat["confinement"][lemma], "verb", verb.idx,
                                    tok.idx + len(tok), actor))
                taken.add(verb.i)
                continue
        # "forced to leave for Lithuania"
        if lemma in pat["leave"] and tok.dep_ == "xcomp" and \
                tok.head.lemma_.lower() in pat["forced"]:
            head = tok.head
            out.append(_Trigger(tok, "exile", "forced", head.idx, tok.idx + len(tok), False))
            taken.update((tok.i, head.i))
            continue
        if tok.pos_ == "VERB" and lemma in lex["verbs"]:
            etype = lex["verbs"][lemma]
            cfg = lex["types"][etype]
            actor = cfg["affected"] == "actor" or lemma in cfg.get("actor_verbs", [])
            out.append(_Trigger(tok, etype, "verb", tok.idx, tok.idx + len(tok), actor))
        elif tok.pos_ == "NOUN" and lemma in lex["nouns"]:
            etype = lex["nouns"][lemma]
            out.append(_Trigger(tok, etype, "noun", tok.idx, tok.idx + len(tok),
                                lex["types"][etype]["affected"] == "actor"))
    return out


# --- participants -----------------------------------------------------------------------

def _passive(tok) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _child(tok, *deps):
    return [c for c in tok.children if c.dep_ in deps]


def _pobjs(tok, preps) -> list:
    return [p for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def _verb_participants(ctx, trig: _Trigger) -> list[Participant]:
    tok = trig.tok
    subj_tok, agent_toks = [], []
    if trig.kind == "forced":
        head = tok.head  # "was forced" / "forced X"
        subj_tok = _child(head, "nsubjpass") or _child(head, "dobj")
        agent_toks = _child(head, "nsubj") + _pobjs(head, ("by",))
    elif trig.actor:
        subj_tok = _child(tok, "nsubj", "nsubjpass")
    else:
        # a name the parser hung off the verb oddly ("pardoned the blogger X" as ccomp)
        subj_tok = _child(tok, "dobj", "nsubjpass") or [
            c for c in tok.children if c.dep_ in ("ccomp", "oprd", "attr") and c.pos_ == "PROPN"]
        agent_toks = _child(tok, "nsubj") + _pobjs(tok, ("by",))
    # "the people detained for ...", "Yana Drozd, detained in May"
    if not subj_tok and tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN":
        subj_tok = [tok.head]
    # "arrested and sentenced": the sibling shares the first verb's subject
    if not subj_tok and tok.dep_ == "conj":
        first = tok
        while first.dep_ == "conj":
            first = first.head
        if trig.actor:
            subj_tok = _child(first, "nsubj", "nsubjpass")
        else:
            subj_tok = _child(first, "nsubjpass") if _passive(tok) or _passive(first) \
                else _child(tok, "dobj")
            if not agent_toks and not _passive(first):
                agent_toks = _child(first, "nsubj")
    # "attempted to deport X", "is expected to be released"
    if tok.dep_ in ("xcomp", "ccomp") and trig.kind != "forced":
        head = tok.head
        if not subj_tok and (trig.actor or _passive(tok)):
            subj_tok = _child(head, "nsubj", "nsubjpass")
        elif not agent_toks and not _passive(tok):
            agent_toks = _child(head, "nsubj")
    parts: list[Participant] = []
    for s in subj_tok:
        parts += people(ctx.article, ctx.doc, ctx.entities, s, "subject")
    if trig.type in ("meeting", "interview"):
        for s in _child(tok, "dobj"):
            parts += people(ctx.article, ctx.doc, ctx.entities, s, "counterpart")
        parts += _counterparts(ctx, tok)[0]
    for a in agent_toks:
        parts += agent(ctx.article, ctx.doc, ctx.entities, a)
    return parts


def _clause_subjects(tok) -> list:
    """For "in an interview with X, she said": the subjects of the verb the noun hangs from."""
    node = tok
    for _ in range(4):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return _child(node, "nsubj", "nsubjpass")
        if node.head == node:
            break
    return []


def _appended_name(ctx, tok):
    """ "a journalist in exile, Yury Dud," : the name the parser split off a noun phrase."""
    nxt = tok.right_edge.i + 1
    doc = ctx.doc
    if nxt + 1 < len(doc) and doc[nxt].text == "," and doc[nxt + 1].pos_ == "PROPN":
        name = doc[nxt + 1]
        while name.dep_ == "compound" and name.head.i > name.i:
            name = name.head
        after = name.i + 1
        closed = after < len(doc) and doc[after].text == ","
        if closed and person_at(ctx.entities, name) is not None:
            return name
    return None


def _counterparts(ctx, tok) -> tuple[list[Participant], set[int]]:
    """Who the interview or meeting was with ("with the Financial Times")."""
    a, d, e = ctx.article, ctx.doc, ctx.entities
    parts, used = [], set()
    targets = _pobjs(tok, ("with", "to"))
    if not targets and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("give", "grant"):
        targets = _pobjs(tok.head, ("to",))  # "gave an interview to Radio Svaboda"
    for s in targets:
        found = people(a, d, e, s, "counterpart")
        if not found and s.pos_ != "PROPN":
            name = _appended_name(ctx, s)
            if name is not None:
                found = people(a, d, e, name, "counterpart")
                used.add(name.i)
        if not found:
            found = [Participant(p.key, p.name, "counterpart") for p in agent(a, d, e, s)]
        parts += found
    return parts, used


def _noun_participants(ctx, trig: _Trigger) -> list[Participant]:
    tok = trig.tok
    a, d, e = ctx.article, ctx.doc, ctx.entities
    subj = _pobjs(tok, ("of",)) + _child(tok, "poss")
    parts: list[Participant] = []
    for s in subj:
        parts += people(a, d, e, s, "subject")
    # "The release ... included ..., and among them, Maria Kalesnikava"
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in ("include", "involve", "cover"):
        for s in _child(tok.head, "dobj") + _pobjs(tok.head, ("among",)):
            parts += people(a, d, e, s, "subject")
    if trig.type in ("meeting", "interview"):
        others, used = _counterparts(ctx, tok)
        if not parts:
            for speaker in _clause_subjects(tok):
                if speaker.i not in used:
                    parts += people(a, d, e, speaker, "subject")
        parts += others
    for s in _pobjs(tok, ("by",)):
        parts += agent(a, d, e, s)
    return parts


def _dedupe(parts: list[Participant]) -> tuple[Participant, ...]:
    out, seen = [], set()
    for p in parts:
        k = (p.key or p.name, p.role)
        if k not in seen and not (p.role != "subject" and (p.key or p.name) in
                                  {q.key or q.name for q in out if q.role == "subject"}):
            seen.add(k)
            out.append(p)
    return tuple(out)


# --- dates, place, term -----------------------------------------------------------------

def _date_owners(doc, dates: list[DateRef], trigger_ids: set[int]) -> dict[int, int | None]:
    """For each date (by index), the trigger token it hangs from in the parse, if any."""
    owners = {}
    for i, d in enumerate(dates):
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        owner = None
        if span is not None:
            node = span.root
            for _ in range(8):
                if node.i in trigger_ids:
                    owner = node.i
                    break
                if node.head == node:
                    break
                node = node.head
        owners[i] = owner
    return owners


def _boundary(article: Article, d: DateRef) -> bool:
    """True for "before 2020", "after August 9": a limit, not the event's date."""
    words = load("dates")["boundary"]
    before = article.text[max(0, d.start - 12):d.start].lower().split()
    return bool(before) and before[-1] in words


def _choose_date(own: list[DateRef], free: list[DateRef], pos: int) -> DateRef | None:
    if own:
        best = max(own, key=lambda d: _GRAN_RANK[d.granularity])
        # "election 2020 ... took place on August 9": the sentence's finer date refines it
        for f in free:
            if f.value.startswith(best.value) and _GRAN_RANK[f.granularity] > \
                    _GRAN_RANK[best.granularity]:
                return f
        return best
    if free:
        return min(free, key=lambda d: abs(d.start - pos))
    return None


def _place(ctx, tok) -> str | None:
    for node in [tok, *[c for c in tok.children if c.dep_ in ("prep", "agent")]]:
        for c in node.children:
            if c.dep_ in ("pobj", "compound") or (node == tok and c.dep_ == "prep"):
                targets = [c] + ([p for p in c.children if p.dep_ == "pobj"]
                                 if c.dep_ == "prep" else [])
                for t in targets:
                    ent = entity_at(ctx.entities, t.idx, t.idx + len(t))
                    if ent is not None and ent.kind == "place" and t.pos_ == "PROPN":
                        return ent.name
    return None


def _term(ctx, tok) -> str | None:
    """The sentence's term from the "to"/"for" phrase after the trigger."""
    words = _lexicon()["term"]["words"]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "for"):
            text = ctx.doc[c.i:c.right_edge.i + 1].text
            m = _TERM.match(text)
            if not m:
                continue
            term = m[1].strip()
            if len(term.split()) > _lexicon()["term"]["max_words"]:
                continue
            if _UNIT.search(term) or term.split()[0].lower() in words:
                return term.split()[0].lower() if term.split()[0].lower() in words else term
    return None


# --- the extractor ----------------------------------------------------------------------

class _Ctx:
    def __init__(self, article, doc, entities):
        self.article, self.doc, self.entities = article, doc, entities


def extract_events(article: Article, doc, entities: list[Entity],
                   dates: list[DateRef] | None = None) -> list[Event]:
    """Every event the article reports, in text order (see the module docstring).

    ``dates``: the article's dates when the caller has found them already (``find_dates``).
    """
    ctx = _Ctx(article, doc, entities)
    lex = _lexicon()
    triggers = _find_triggers(article, doc)
    if dates is None:
        dates = find_dates(article, doc)
    dates = [d for d in dates if not _boundary(article, d)]
    by_tok = {t.tok.i: t for t in triggers}
    owners = _date_owners(doc, dates, set(by_tok))
    events: list[Event] = []
    seen = set()
    for trig in triggers:
        cfg = lex["types"][trig.type]
        tok = trig.tok
        parts = _verb_participants(ctx, trig) if trig.kind != "noun" else \
            _noun_participants(ctx, trig)
        parts = _dedupe(parts)
        subjects = [p for p in parts if p.role in ("subject", "counterpart")]
        if cfg.get("needs_person", True) and not [p for p in parts if p.role == "subject"]:
            continue
        sent = tok.sent
        own = [d for i, d in enumerate(dates) if owners[i] == tok.i]
        free = [d for i, d in enumerate(dates) if owners[i] is None
                and sent.start_char <= d.start < sent.end_char]
        if not own and tok.dep_ == "conj" or not own:
            # "beaten and hospitalized in October": a trailing date covers the verbs before
            for sib in tok.conjuncts:
                if sib.i > tok.i:
                    own = [d for i, d in enumerate(dates) if owners[i] == sib.i]
                    if own:
                        break
        date = _choose_date(own, free, trig.start)
        # "the election took place on August 9": the subject of its clause owns the date
        if cfg.get("needs_date") and not own and not (tok.dep_ in ("nsubj", "nsubjpass")
                                                       and free):
            continue
        if date is None and trig.kind == "noun" and any(
                c.dep_ == "poss" or c.lower_ in ("the", "this", "that", "their")
                for c in tok.children):
            date = _earlier_date(events, trig.type, subjects)
        detail = _term(ctx, tok) if trig.type in ("sentence", "imprisonment", "conviction") \
            else None
        key = (trig.type, tuple(sorted(p.key or p.name for p in subjects)), sent.start,
               date.value if date else None)
        if key in seen:
            continue
        seen.add(key)
        events.append(Event(type=trig.type, participants=parts, date=date,
                            modality=modality(tok), detail=detail, place=_place(ctx, tok),
                            evidence=evidence(article, doc, trig.start, trig.end)))
    return events


def _earlier_date(events: list[Event], etype: str, subjects) -> DateRef | None:
    """The date of the latest earlier event of ``etype`` sharing someone with ``subjects``."""
    keys = {p.key for p in subjects if p.key}
    for ev in reversed(events):
        if ev.type != etype or ev.date is None:
            continue
        prior = {p.key for p in ev.participants if p.role == "subject"}
        if keys & prior:
            return ev.date
    return None
