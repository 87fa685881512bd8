"""People, organisations and places named in one article, each spelling merged.

Decides which NER spans are entities (after stripping title words, fixing labels that
flip within the article, and overruling the model on known organisations), and which
mentions in the article are the same entity. Leaves identity across articles to
``resolve``; pronouns are resolved by the extractors that need them.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..data import load
from ..records import Article, Entity, Mention, Role
from .common import evidence, skipped

KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
         "FAC": "place"}


@dataclass
class _Raw:
    start: int
    end: int
    text: str
    kind: str
    role: tuple[int, int] | None = None  # span of a stripped title


@dataclass
class _Cluster:
    kind: str
    raws: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return max((r.text for r in self.raws), key=lambda t: (len(t.split()), len(t)))


def _lex():
    lx = load("entities")
    titles = sorted(lx["titles"], key=len, reverse=True)
    orgs = {o.lower() for o in lx["organizations"]}
    stop = {s.lower() for s in lx["stop"]}
    return titles, orgs, stop


def _strip(text: str, start: int, titles) -> tuple[str, int, tuple[int, int] | None]:
    """Drop a leading "the", title words and a trailing possessive from a name span."""
    role = None
    changed = True
    while changed:
        changed = False
        low = text.lower()
        for t in titles:
            if low.startswith(t + " ") and len(text) > len(t) + 1:
                cut = len(t) + 1
                role = (start, start + len(t)) if role is None else (role[0], start + len(t))
                text, start = text[cut:], start + cut
                changed = True
                break
    for art in ("the ", "The "):
        if text.startswith(art):
            text, start = text[len(art):], start + len(art)
    for poss in ("'s", "’s", "'", "’"):
        if text.endswith(poss):
            text = text[: -len(poss)]
            break
    return text, start, role


def _raw_mentions(article: Article, doc) -> list[_Raw]:
    titles, orgs, stop = _lex()
    raws = []
    for ent in doc.ents:
        kind = KINDS.get(ent.label_)
        if kind is None or skipped(article, ent.start_char, ent.end_char):
            continue
        text, start, role = _strip(ent.text, ent.start_char, titles)
        text = text.strip()
        if len(text) < 2 or text.lower() in stop or not any(c.isupper() for c in text):
            continue
        if "\n" in text:
            continue
        raws.append(_Raw(start, start + len(text), text, kind, role))
    # an organisation the lexicon knows is an organisation, whatever the model said
    # (also when the model tagged "BelPol Vladimir Zhigar" as one person)
    out = []
    for r in raws:
        low = r.text.lower()
        if low in orgs:
            r.kind = "organization"
            out.append(r)
            continue
        first, _, rest = r.text.partition(" ")
        if r.kind == "person" and first.lower() in orgs and rest:
            out.append(_Raw(r.start, r.start + len(first), first, "organization"))
            r = _Raw(r.start + len(first) + 1, r.end, rest, "person", r.role)
        out.append(r)
    # label consistency: a form tagged as a person most of the time is a person everywhere
    votes = defaultdict(Counter)
    for r in out:
        votes[_norm(r.text)][r.kind] += 1
        if " " in r.text and r.kind == "person":
            votes[_norm(r.text.split()[-1])]["person"] += 1
    for r in out:
        if _norm(r.text) in orgs:
            continue
        best = votes[_norm(r.text)].most_common()
        if best and best[0][1] > sum(c for _, c in best) / 2:
            r.kind = best[0][0]
    return out


def _norm(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def _same_word(a: str, b: str) -> bool:
    """Two spellings of one surname: Kalesnikava / Kalesnikova, Lukashenka / Lukashenko."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or a[:4] != b[:4]:
        return False
    return fuzz.ratio(a, b) >= 85


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-]+", name) if t]


def _cluster(raws: list[_Raw]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    persons = [r for r in raws if r.kind == "person"]
    # full names first, so bare surnames can attach to them
    for r in sorted(persons, key=lambda r: (-len(_tokens(r.text)), r.start)):
        toks = _tokens(r.text)
        cands = []
        for c in clusters:
            ctoks = _tokens(c.name)
            if len(toks) >= 2 and len(ctoks) >= 2:
                if _same_word(toks[-1], ctoks[-1]) and _same_word(toks[0], ctoks[0]):
                    cands.append(c)
            elif len(toks) == 1 and any(_same_word(toks[0], t) for t in ctoks):
                cands.append(c)
        if len(cands) == 1:
            cands[0].raws.append(r)
        else:
            # none, or a bare name shared by several people: its own (ambiguous) entity
            clusters.append(_Cluster("person", [r]))
    by_text: dict[tuple[str, str], _Cluster] = {}
    for r in raws:
        if r.kind == "person":
            continue
        key = (r.kind, _norm(r.text))
        if key not in by_text:
            by_text[key] = _Cluster(r.kind)
            clusters.append(by_text[key])
        by_text[key].raws.append(r)
    return clusters


def guess_gender(name: str) -> str | None:
    """'f' or 'm' from a given name or a surname ending, else None."""
    g = load("entities")["gender"]
    toks = [t.lower() for t in _tokens(name)]
    if not toks:
        return None
    if toks[0] in g["female_given"] and len(toks) > 1:
        return "f"
    if toks[0] in g["male_given"] and len(toks) > 1:
        return "m"
    last = toks[-1]
    if any(last.endswith(e) for e in sorted(g["female_endings"], key=len, reverse=True)):
        if not any(last.endswith(e) for e in ("enka", "shka")):
            return "f"
    if any(last.endswith(e) for e in g["male_endings"]):
        return "m"
    if toks[0] in g["female_given"]:
        return "f"
    if toks[0] in g["male_given"]:
        return "m"
    return None


def extract_entities(article: Article, doc) -> list[Entity]:
    raws = _raw_mentions(article, doc)
    clusters = sorted(_cluster(raws), key=lambda c: min(r.start for r in c.raws))
    out = []
    for i, c in enumerate(clusters, 1):
        c.raws.sort(key=lambda r: r.start)
        name = c.name
        mentions = tuple(Mention(r.start, r.end, r.text, evidence(article, doc, r.start, r.end))
                         for r in c.raws)
        roles = []
        seen = set()
        for r in c.raws:
            if r.role:
                title = article.text[r.role[0]:r.role[1]]
                if title.lower() not in seen:
                    seen.add(title.lower())
                    roles.append(Role(title.lower(), evidence(article, doc, *r.role)))
        aliases = tuple(sorted({r.text for r in c.raws} - {name}))
        out.append(Entity(key=f"e{i}", name=name, kind=c.kind, aliases=aliases,
                          mentions=mentions, roles=tuple(roles),
                          gender=guess_gender(name) if c.kind == "person" else None))
    return out
