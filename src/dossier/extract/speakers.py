"""Speakers: from the words naming who speaks to entity keys.

Names map to the entity one of whose mentions covers them; coordinated subjects ("A, B
and C noted") give every conjunct; pronouns go back through the preceding sentence
pieces to the nearest person of the right gender (a subject before other mentions);
definite nominals ("the prime minister", "the department") go to the entity the text gave
that title or whose name holds that noun. When nothing fits, the speaker is None and the
mention is kept.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..records import Entity, Span
from .common import entity_at

_NP_LEFT = ("compound", "flat", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case")
_NP_RIGHT = ("compound", "flat", "case")


@dataclass(frozen=True)
class Who:
    speaker: str | None
    speakers: tuple[str, ...]
    mention: Span | None


@dataclass(frozen=True)
class _Ment:
    start: int
    end: int
    ent: Entity
    is_subject: bool


def mention_span(tok) -> tuple[int, int]:
    """The noun phrase core of a subject: 'Politician Pavel Latushko', 'the department'."""
    lo, hi = tok.i, tok.i
    for c in tok.children:
        if c.dep_ in _NP_LEFT and c.i < tok.i:
            lo = min(lo, c.left_edge.i)
        if c.dep_ in _NP_RIGHT and c.i > tok.i:
            hi = max(hi, c.right_edge.i)
    doc = tok.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


class Speakers:
    """Resolves subject tokens of one article; built once per article."""

    def __init__(self, article, doc, entities: list[Entity], lay, lex: dict, quoted):
        self.text = article.text
        self.doc = doc
        self.entities = entities
        self.lay = lay
        self.lex = lex
        self.quoted = quoted  # spans of direct quote contents: names there never speak
        pr = lex["pronouns"]
        self.gender = {**{w: "f" for w in pr["female"]}, **{w: "m" for w in pr["male"]},
                       **{w: "pl" for w in pr["plural"]}}
        self.mentions = sorted(self._mentions(), key=lambda m: m.start)

    def _mentions(self):
        for ent in self.entities:
            if ent.kind == "place":
                continue
            for m in ent.mentions:
                if any(s <= m.start < e for s, e in self.quoted):
                    continue
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                subj = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
                yield _Ment(m.start, m.end, ent, subj)

    def _entity_of(self, tok) -> Entity | None:
        return entity_at(self.entities, tok.idx, tok.idx + len(tok))

    def resolve(self, tok, cue=None) -> Who:
        """Who a subject token names (``cue``: the verb it is the subject of)."""
        if tok is None:
            return Who(None, (), None)
        who = self._resolve(tok)
        rel = []
        if cue is not None and cue.dep_ == "relcl" and cue.head.i == tok.i:
            rel = [c for c in cue.children
                   if c.dep_ == "nsubj" and c.lower_ in self.lex["pronouns"]["relative"]]
        if rel and who.mention is not None and 0 <= rel[0].idx - who.mention.end < 80:
            # "Chris Christie, who said ...": the name and the pronoun standing for it
            s, e = who.mention.start, rel[0].idx + len(rel[0])
            return Who(who.speaker, who.speakers, Span(s, e, self.text[s:e]))
        return who

    def _resolve(self, tok) -> Who:
        low = tok.lower_
        if low in self.gender and tok.pos_ == "PRON":
            ent = self.pronoun(low, tok.idx)
            return Who(ent.key if ent else None, (ent.key,) if ent else (),
                       Span(tok.idx, tok.idx + len(tok), tok.text))
        conj = _conjuncts(tok)
        s, e = mention_span(tok)
        ent = self._entity_of(tok)
        if ent is not None and ent.kind != "person" and tok.pos_ == "PROPN":
            person = self.by_name(tok.text)
            if person is not None and person.kind == "person":
                ent = person
        if ent is None:  # "The group Free Voices": the name next to the noun
            for c in tok.children:
                if c.dep_ in ("appos", "compound", "flat") and c.pos_ == "PROPN":
                    ent = self._entity_of(c)
                    if ent is not None:
                        r = c.right_edge
                        e = max(e, r.idx + len(r))
                        break
        if ent is None:  # "the Viasna human rights centre": the one name inside
            inside = {m.ent.key: m.ent for m in self.mentions if s <= m.start and m.end <= e}
            if len(inside) == 1:
                ent = next(iter(inside.values()))
        if ent is not None:
            for m in ent.mentions:  # the whole name, when the parse split it
                if m.start <= tok.idx < m.end:
                    s, e = min(s, m.start), max(e, m.end)
        if len(conj) > 1:
            # the whole coordinated subject: appositions may hold the other names
            r = tok.right_edge
            s, e = tok.left_edge.idx, r.idx + len(r)
            keys = self._people_in(s, e)
            if keys:
                main = ent.key if ent is not None and ent.key in keys else keys[0]
                return Who(main, tuple(keys), Span(s, e, self.text[s:e]))
        if ent is None and tok.pos_ == "PROPN":
            ent = self.by_name(self.text[s:e])
        if ent is None:
            ent = self.nominal(tok, s, e)
        return Who(ent.key if ent else None, (ent.key,) if ent else (),
                   Span(s, e, self.text[s:e]))

    def by_name(self, words: str) -> Entity | None:
        """The one entity that goes by these words (a mention the NER model missed)."""
        low = words.lower().removeprefix("the ").strip()
        hits = [ent for ent in self.entities if ent.kind != "place" and any(
            low == n.lower() or (ent.kind == "person" and n.lower().split()[-1:] == [low])
            for n in (ent.name, *ent.aliases))]
        people = [h for h in hits if h.kind == "person"]
        if len(people) == 1:
            return people[0]
        return hits[0] if len(hits) == 1 else None

    def _people_in(self, s: int, e: int) -> list[str]:
        found = [m for m in self.mentions if s <= m.start and m.end <= e]
        people = [m.ent.key for m in found if m.ent.kind == "person"] or [
            m.ent.key for m in found]
        return list(dict.fromkeys(people))

    def pronoun(self, word: str, pos: int) -> Entity | None:
        """The antecedent of a third-person pronoun at ``pos``, or None."""
        want = self.gender[word]
        p0 = self.lay.piece(pos)
        if p0 < 0:
            return None
        fallback = None
        for pi in range(p0, max(-1, p0 - self.lex["pronouns"]["window"]), -1):
            ps, pe = self.lay.pieces[pi]
            cands = [m for m in self.mentions if ps <= m.start and m.end <= pe
                     and (pi != p0 or m.end <= pos)]
            if want == "pl":
                exact = [m for m in cands if m.ent.kind == "organization"]
                loose = []
            else:
                people = [m for m in cands if m.ent.kind == "person"]
                exact = [m for m in people if m.ent.gender == want]
                loose = [m for m in people if m.ent.gender is None]
            if exact:
                return _salient(exact).ent
            if loose and fallback is None:
                fallback = _salient(loose).ent
        return fallback

    def nominal(self, tok, s: int, e: int) -> Entity | None:
        """'the prime minister' -> the entity titled so; 'the department' -> its organisation."""
        dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
        if not dets or dets[0] not in ("the", "this", "that"):
            return None
        words = [t.lower_ for t in self.doc.char_span(s, e, alignment_mode="expand")
                 if t.dep_ not in ("det", "poss", "case")]
        phrase = " ".join(words)
        best = None
        for ent in self.entities:
            for r in ent.roles:
                if phrase == r.title or phrase.endswith(" " + r.title):
                    best = self._nearest(best, ent, tok.idx)
        if best is not None:
            return best
        head = tok.lemma_.lower()
        if head in self.lex["nominals"]["org_nouns"]:
            for ent in self.entities:
                if ent.kind == "organization" and head in ent.name.lower().split():
                    best = self._nearest(best, ent, tok.idx)
        if best is None and head in self.lex["nominals"]["generic_org_nouns"]:
            best = self.recent("organization", tok.idx)
        return best

    def recent(self, kind: str, pos: int) -> Entity | None:
        """The nearest entity of ``kind`` named in the pieces before ``pos`` (subjects first)."""
        p0 = self.lay.piece(pos)
        for pi in range(p0, max(-1, p0 - self.lex["pronouns"]["window"]), -1):
            ps, pe = self.lay.pieces[pi]
            cands = [m for m in self.mentions if ps <= m.start and m.end <= min(pe, pos)
                     and m.ent.kind == kind]
            if cands:
                return _salient(cands).ent
        return None

    def _nearest(self, best, ent, pos):
        def dist(en):
            before = [pos - m.end for m in en.mentions if m.end <= pos]
            return min(before) if before else 10**9 + min(m.start - pos for m in en.mentions)
        if best is None or dist(ent) < dist(best):
            return ent
        return best


def _salient(ms):
    subj = [m for m in ms if m.is_subject]
    return subj[0] if subj else ms[0]


def _conjuncts(tok):
    """The subject and its coordinated names ("A, B and C"; the parser may make B an
    apposition of A); just the subject when no 'and' joins them."""
    out = [tok]
    stack = [tok]
    has_conj = False
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" or (c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN")):
                # "A and B" joins names; "a month and a half" does not
                has_conj = has_conj or (c.dep_ == "conj" and c.pos_ == "PROPN")
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i) if has_conj else [tok]
