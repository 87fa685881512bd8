"""Stance on the parse: which sentences speak to a question, whose position they give, which way.

Pure functions from a spaCy Doc and a question's terms to ``Statement`` records; nothing
here touches the database (``dossier.stance`` resolves holders to stored entities).

How a statement is read (cue lexicons in ``data/stance.toml``):

* **Relevance.** A *target* is a word of the question's topic (its terms and their
  synonym group: "dialogue" also finds "talks", "talk to", "engagement"), or a named
  target when the question has no topic words. A topic word with a "with X"/"to X"
  partner counts only when the partner is a named target or a pronoun ("contacts with
  democratic forces" is not dialogue with Lukashenka).
* **Polarity.** From each target we walk up the dependency tree to the holder. Support
  cues on the way mark the statement as evaluative; oppose cues flip it ("opposes ending
  the talks" is support); negation flips; hedges and conditionals lower the weight;
  embedded questions ("whether", "which approach") zero it. When the target *does*
  something ("dialogue liberates people", "the dam will ruin the valley") the verb's own
  effect counts, and a reducer counts through its object ("dialogue ends repression").
* **Holder.** The subject of the lowest reporting or attitude predicate on the way up
  ("X said", "X supports"), the owner of a position noun ("X's approach", "the position
  of figures, including X"), else the subject of a reporting verb at the top of the
  sentence. A holder further up who judges that position gets a reading of their own
  ("X criticized Y's call for talks": Y for, X against); one who only reports it does not.
  A sentence opening with "This" continues the previous holder's statement.

Declines rather than guesses: a statement with no evaluative cue is "neutral"; a holder
that is neither a name, a pronoun nor a group with named members is left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..data import load as load_data

PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
            "they": None, "them": None, "their": None, "it": None, "its": None}
PERSONAL = {"he", "him", "his", "she", "her", "hers", "they", "them", "their"}
SUBJ = {"nsubj", "csubj"}
CHILD_CUE_DEPS = {"aux", "auxpass", "neg", "acomp", "attr", "oprd", "advmod", "det", "mark",
                  "npadvmod", "preconj"}


@dataclass(frozen=True)
class Lexicon:
    synonyms: dict
    partnered: frozenset
    support: frozenset
    oppose: frozenset
    reducers: frozenset
    bad_things: frozenset
    emotive: frozenset
    effects_good: frozenset
    effects_bad: frozenset
    negators: frozenset
    hedges: frozenset
    questions: frozenset
    contrast_after: frozenset
    contrast_before: frozenset
    reporting: frozenset
    position_nouns: frozenset
    members: frozenset
    continuation: frozenset
    weights: dict


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    d = load_data("stance")
    c, h = d["cues"], d["holders"]
    fs = frozenset
    return Lexicon(
        synonyms={k: tuple(v) for k, v in d["synonyms"].items() if k != "partnered"},
        partnered=fs(d["synonyms"].get("partnered", ())),
        support=fs(c["support"]), oppose=fs(c["oppose"]), reducers=fs(c["reducers"]),
        bad_things=fs(c["bad_things"]), emotive=fs(c["emotive"]),
        effects_good=fs(c["effects_good"]),
        effects_bad=fs(c["effects_bad"]),
        negators=fs(c["negators"]), hedges=fs(c["hedges"]), questions=fs(c["questions"]),
        contrast_after=fs(c["contrast_after"]), contrast_before=fs(c["contrast_before"]),
        reporting=fs(h["reporting"]), position_nouns=fs(h["position_nouns"]),
        members=fs(h["members"]), continuation=fs(h["continuation"]),
        weights=dict(d["weights"]))


@dataclass(frozen=True)
class Terms:
    """A question's targets: topic lemmas (single words and phrases) and target names."""

    topic: tuple[tuple[str, ...], ...]  # each a sequence of lower-case lemmas/words
    names: tuple[tuple[str, ...], ...]  # each a sequence of lower-case words

    @property
    def partner_words(self) -> set[str]:
        return {w for n in self.names for w in n}


def expand_terms(terms: list[str], names: list[str] = (), lex: Lexicon | None = None) -> Terms:
    """Topic terms plus their synonym groups; ``names`` are target names (entities, aliases).

    A term that is also among ``names`` (or is capitalised) counts as a name, not a topic.
    """
    lex = lex or lexicon()
    name_set = {n.lower() for n in names}
    topic: list[tuple[str, ...]] = []
    out_names: list[tuple[str, ...]] = [tuple(n.lower().split()) for n in names]
    for t in terms:
        t = t.strip()
        if not t:
            continue
        if t.lower() in name_set or t[:1].isupper():
            out_names.append(tuple(t.lower().split()))
            continue
        words = tuple(t.lower().split())
        topic.append(words)
        for key, group in lex.synonyms.items():
            group_words = [tuple(g.split()) for g in group]
            if words == (key,) or words in group_words or (len(words) == 1 and
                                                             _singular(words[0]) == key):
                topic.extend(group_words)
    return Terms(topic=tuple(dict.fromkeys(topic)), names=tuple(dict.fromkeys(out_names)))


def _singular(w: str) -> str:
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


@dataclass(frozen=True)
class Holder:
    """Who holds a position, as the text names them: a name, a pronoun or a group member."""

    start: int
    end: int
    text: str
    kind: str  # "name" | "pronoun"
    gender: str | None = None
    via: str = ""  # "subject of 'said'", "owner of 'approach'", "member of 'figures'"


@dataclass(frozen=True)
class Reading:
    """One target word read in context: its direction, weight and the cues that decided."""

    start: int
    end: int
    text: str
    sign: int  # +1 support, -1 oppose, 0 no evaluation
    weight: float
    cues: tuple[str, ...] = ()
    # lemmas on the way from the target to its holder (and their predicate words): what
    # the learned model sees beyond the cues, so a label can teach it a missing cue
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    """A sentence (within one paragraph) that speaks to the question."""

    start: int
    end: int
    sentence: str
    readings: tuple[Reading, ...]
    holders: tuple[Holder, ...] = ()
    continued: bool = False  # opens with "This ..." and carries the previous holders
    lemmas: tuple[str, ...] = field(default=(), repr=False)

    @property
    def score(self) -> float:
        return sum(r.sign * r.weight for r in self.readings)

    @property
    def polarity(self) -> str:
        s = self.score
        return "support" if s > 1e-9 else "oppose" if s < -1e-9 else "neutral"

    @property
    def why(self) -> str:
        parts = []
        for r in self.readings:
            if r.sign:
                d = "for" if r.sign > 0 else "against"
                parts.append(f"'{r.text}' {d}: {', '.join(r.cues)}" +
                             (f" (weight {r.weight:g})" if r.weight != 1 else ""))
        if not parts:
            return "mentions " + ", ".join(sorted({f"'{r.text}'" for r in self.readings})) + \
                "; no cue for or against"
        return "; ".join(parts)


# -- segments --------------------------------------------------------------------------

def segments(doc) -> list:
    """The sentences of ``doc`` that hold words (``nlp.load``'s pipeline already ends a
    sentence at every line break), without their trailing line-break tokens."""
    out = []
    for sent in doc.sents:
        end = sent.end
        while end > sent.start and doc[end - 1].is_space:
            end -= 1
        if end > sent.start and doc[sent.start:end].text.strip():
            out.append(doc[sent.start:end])
    return out


def _trim(span) -> tuple[int, int]:
    text = span.text
    lead = len(text) - len(text.lstrip())
    return span.start_char + lead, span.start_char + len(text.rstrip())


# -- targets ---------------------------------------------------------------------------

def _matches(tokens, i: int, words: tuple[str, ...], lemma: bool) -> bool:
    if i + len(words) > len(tokens):
        return False
    for k, w in enumerate(words):
        t = tokens[i + k]
        if t.lower_ != w and not (lemma and t.lemma_.lower() == w):
            return False
    return True


def find_targets(seg, terms: Terms, lex: Lexicon) -> list:
    """Head tokens of target mentions in ``seg`` (topic words, else names)."""
    toks = list(seg)
    found = []
    seqs = [(w, True) for w in terms.topic] or [(w, False) for w in terms.names]
    for i in range(len(toks)):
        for words, lemma in seqs:
            if _matches(toks, i, words, lemma):
                head = toks[i + len(words) - 1]
                if terms.topic and not _partner_ok(head, terms, lex):
                    continue
                if head not in found:
                    found.append(head)
                break
    return found


def _partner_ok(tok, terms: Terms, lex: Lexicon) -> bool:
    if tok.lemma_.lower() not in lex.partnered and tok.lower_ not in lex.partnered:
        return True
    if not terms.names:
        return True
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "to"):
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                if obj.lower_ in PRONOUNS:
                    return True
                words = {t.lower_ for t in obj.subtree}
                return any(set(n) <= words for n in terms.names)
    return True


# -- polarity --------------------------------------------------------------------------

def _phrase_cues(tok, lex: Lexicon, skip=None) -> list[tuple[str, int]]:
    """Cues the token itself carries: its lemma, or "lemma particle" with a child particle."""
    lemma = tok.lemma_.lower()
    out = []
    for child in tok.children:
        if child == skip and child.dep_ not in ("prep", "prt", "advmod"):
            continue
        phrase = f"{lemma} {child.lower_}"
        if phrase in lex.support:
            out.append((phrase, +1))
        elif phrase in lex.oppose:
            out.append((phrase, -1))
    if out:
        return out
    if lemma in lex.support or tok.lower_ in lex.support:
        out.append((lemma, +1))
    elif lemma in lex.oppose or tok.lower_ in lex.oppose:
        out.append((lemma, -1))
    return out


def _sign_cues(node, lex: Lexicon, skip=None) -> list[tuple[str, int]]:
    """Cues of a word and of its adjectives ("the only way", "a great opportunity")."""
    out = _phrase_cues(node, lex, skip)
    for child in node.children:
        if out and child.dep_ == "amod":
            continue  # "a dangerous illusion": the adjective intensifies, it does not flip
        if child.dep_ == "amod" and child != skip:
            pair = f"{child.lower_} {node.lemma_.lower()}"
            if pair in lex.support:
                out.append((pair, +1))
            elif pair in lex.oppose:
                out.append((pair, -1))
            else:
                out.extend(_phrase_cues(child, lex))
    return out


def _particle_of_phrase(node, lex: Lexicon) -> bool:
    """True for "against" in "warn against": the phrase on the head counts, not the word."""
    if node.dep_ not in ("prep", "prt", "advmod") or node.head == node:
        return False
    phrase = f"{node.head.lemma_.lower()} {node.lower_}"
    return phrase in lex.support or phrase in lex.oppose


def _effect(node, lex: Lexicon) -> tuple[str, int] | None:
    """What a verb does when the target is its subject: "lead to", "ruin", "work"."""
    lemma = node.lemma_.lower()
    for child in node.children:
        phrase = f"{lemma} {child.lower_}"
        if phrase in lex.effects_good:
            return phrase, +1
        if phrase in lex.effects_bad:
            return phrase, -1
    if lemma in lex.effects_good:
        return lemma, +1
    if lemma in lex.effects_bad:
        return lemma, -1
    return None


def _passive_fact(node, seg) -> bool:
    """'The sanctions were introduced in March': a passive at the top, no modal, no agent."""
    kids = {c.dep_ for c in node.children}
    return (node.i == seg.root.i and "auxpass" in kids and "agent" not in kids and
            not any(c.dep_ == "aux" and c.tag_ == "MD" for c in node.children))


def read_target(tok, seg, lex: Lexicon, contrast_at: int | None = None) -> list[tuple]:
    """Frames (sign, weight, cues, holders, path words) for one target token: the innermost holder's
    reading first, then an outer holder's when that holder judges the inner position."""
    sign, weight, evaluated, cues = 1, 1.0, False, []
    lo, hi = seg.start, seg.end
    w = lex.weights

    votes = 0

    def vote(cue: str, s: int) -> None:
        nonlocal sign, evaluated, votes
        evaluated = True
        votes += 1
        cues.append(f"'{cue}'")
        if s < 0:
            sign = -sign

    def neg(t) -> None:
        nonlocal sign, votes
        sign = -sign
        votes += 1
        cues.append(f"negated by '{t.text}'")

    # the target itself: "no dialogue", "will not talk" (its modals count as for any node)
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in ("no", "neither")):
            evaluated = True
    frames: list[list] = []  # [sign, weight, cues, holders, words], innermost first
    words: list[str] = []
    mark = 0
    prev, node = tok, tok
    path = {tok.i}
    while lo <= node.i < hi:
        path.add(node.i)
        rel = prev.dep_
        lemma = node.lemma_.lower()
        if node != tok:
            if rel == "conj":
                # a sibling ("maintaining X, minimizing Y"): its own cues are not about us
                prev, node = node, node.head
                continue
            small_clause = rel == "nsubj" and node.tag_ == "VBN" and not any(
                c.dep_ in ("aux", "auxpass") for c in node.children)  # "want X lifted"
            if rel in SUBJ and not small_clause:
                # the target does something: its effect counts, a reducer through its object
                if node.pos_ in ("VERB", "AUX") and lemma in lex.reducers:
                    obj = [c for c in node.children if c.dep_ in ("dobj", "pobj")]
                    if obj and obj[0].lemma_.lower() in lex.bad_things:
                        vote(f"{node.text} {obj[0].text}", +1)
                elif node.pos_ == "VERB":
                    effect = _effect(node, lex)
                    if effect:
                        vote(*effect)
            elif not _particle_of_phrase(node, lex) and not _passive_fact(node, seg):
                for cue, s in _phrase_cues(node, lex, skip=prev):
                    if rel == "ccomp" and cue in lex.emotive:
                        continue  # "fears that the dam will flood": the clause says it
                    vote(cue, s)
        for child in node.children:
            if child.i in path or (child.i == prev.i and node != tok):
                continue
            cl = child.lower_
            if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and cl in ("never", "no")) \
                    or (child.dep_ == "dobj" and cl in lex.negators):
                neg(child)  # "not", "never", "achieved nothing"
            elif child.dep_ == "mark" and cl in lex.questions:
                weight *= w["question"]
                cues.append(f"question '{child.text}'")
            elif cl in lex.hedges and child.dep_ in ("aux", "mark", "advmod"):
                weight *= w["hedge"]
                cues.append(f"hedged by '{child.text}'")
            elif child.dep_ == "mark" and cl in lex.contrast_before:
                weight *= w["contrast_before"]
            elif child.dep_ in CHILD_CUE_DEPS or (child.dep_ == "prep" and cl == "as"):
                targets = [g for g in child.children if g.dep_ == "pobj"] if cl == "as" \
                    else [child]
                # "safe and badly needed": the conjuncts of a predicate adjective count too
                targets += [g for t in list(targets) if t.dep_ in ("acomp", "attr", "pobj")
                            for g in t.children if g.dep_ == "conj"]
                for t in targets:
                    for cue, s in _sign_cues(t, lex):
                        vote(cue, s)
                        for g in t.children:
                            if g.dep_ == "neg":
                                neg(g)
        if node != tok:
            words.append(lemma)
        words.extend(c.lemma_.lower() for c in node.children
                     if c.dep_ in ("acomp", "attr", "oprd", "neg", "aux", "dobj", "xcomp")
                     and c.i not in path)
        if lemma in lex.questions and node.pos_ == "NOUN":
            weight *= w["question"]
            cues.append(f"question '{node.text}'")
        if any(c.lower_ in lex.questions and c.tag_ in ("WDT", "WP", "WRB")
               for c in node.children if c.dep_ in ("det", "advmod") and c.i < tok.i):
            weight *= w["question"]
            cues.append("embedded question")
        found = holders_of(node, prev, lex) if node != tok else ()
        if found:
            if not frames:
                frames.append([sign if evaluated else 0, weight, tuple(cues), found,
                               tuple(words)])
                mark = votes
            else:
                # an outer holder judging the inner position ("X criticized Y's call for
                # talks"): a frame of its own only when something was said on the way
                if votes > mark:
                    frames.append([sign, weight, tuple(cues), found, tuple(words)])
                break
        if node.head.i == node.i:
            break
        prev, node = node, node.head
    if not frames:
        frames.append([sign if evaluated else 0, weight, tuple(cues), (), tuple(words)])
    if contrast_at is not None and tok.i > contrast_at:
        for f in frames:
            f[1] *= w["contrast_after"]
    return [tuple(f) for f in frames]


# -- holders ---------------------------------------------------------------------------

def _is_attitude(node, lex: Lexicon) -> bool:
    lemma = node.lemma_.lower()
    if node.pos_ in ("VERB", "AUX"):
        return (lemma in lex.reporting or lemma == "be" or bool(_phrase_cues(node, lex)))
    return False


def holders_of(node, came_from, lex: Lexicon) -> tuple[Holder, ...]:
    """Holders of the position ``node`` expresses, if it is an attitude predicate."""
    lemma = node.lemma_.lower()
    if node.pos_ in ("NOUN", "PROPN") and (lemma in lex.position_nouns):
        return _owners(node, lex, via=f"owner of '{node.text}'")
    if not _is_attitude(node, lex):
        return ()
    if came_from.dep_ in SUBJ:
        return ()
    for child in node.children:
        if child.dep_ == "nsubj":
            return expand_holder(child, lex, via=f"subject of '{node.text}'")
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return expand_holder(obj, lex, via=f"agent of '{node.text}'")
    return ()


def _owners(noun, lex: Lexicon, via: str) -> tuple[Holder, ...]:
    for child in noun.children:
        if child.dep_ == "poss":
            return expand_holder(child, lex, via=via)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "by", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return expand_holder(obj, lex, via=via)
    return ()


def _name_span(tok) -> tuple[int, int]:
    """The name a token heads: the named entity around it ("Pavel Latushko", not
    "Politician Pavel Latushko"), else its proper-noun compounds."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
            return ent.start_char, ent.end_char
    left = tok
    for child in tok.lefts:
        if child.dep_ in ("compound", "flat") and child.pos_ == "PROPN":
            left = child
            break
    return left.idx, tok.idx + len(tok.text)


def expand_holder(tok, lex: Lexicon, via: str = "") -> tuple[Holder, ...]:
    """The named people a subject stands for: a name (and its conjuncts), a pronoun, the
    owner of a position noun, the named members of a group ("figures, including X")."""
    out: list[Holder] = []
    low = tok.lower_
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
        return expand_holder(tok.head.head, lex, via)
    if low in PERSONAL:
        out.append(Holder(tok.idx, tok.idx + len(tok.text), tok.text, "pronoun",
                          PRONOUNS[low], via))
    elif tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        s, e = _name_span(tok)
        out.append(Holder(s, e, tok.doc.text[s:e], "name", None, via))
    elif tok.lemma_.lower() in lex.position_nouns:
        return _owners(tok, lex, via=f"owner of '{tok.text}'")
    else:
        for child in tok.children:
            label = child.lower_
            if child.dep_ == "prep" and (label in lex.members or child.lemma_ in lex.members):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        out.extend(expand_holder(obj, lex, f"member of '{tok.text}'"))
            elif child.dep_ == "appos" and child.pos_ == "PROPN":
                out.extend(expand_holder(child, lex, f"member of '{tok.text}'"))
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(expand_holder(child, lex, via))
    return tuple(out)


def reporter_of(seg, lex: Lexicon | None = None, outside: tuple[int, int] | None = None):
    """(holders, verb) of a reporting verb at the top of ``seg`` ("X said that ..."), or
    ((), None). With ``outside``, the verb must lie outside that character range (a quote)."""
    lex = lex or lexicon()
    root = seg.root
    cands = [root] + [c for c in root.children if c.dep_ in ("ccomp", "parataxis", "conj")]
    for node in cands:
        if outside and outside[0] <= node.idx < outside[1]:
            continue
        if node.pos_ == "VERB" and node.lemma_.lower() in lex.reporting:
            for child in node.children:
                if child.dep_ == "nsubj":
                    found = expand_holder(child, lex, via=f"subject of '{node.text}'")
                    if found:
                        return found, node
    return (), None


def _fallback_holders(seg, lex: Lexicon) -> tuple[Holder, ...]:
    return reporter_of(seg, lex)[0]


# -- statements ------------------------------------------------------------------------

def _contrast_index(seg, lex: Lexicon) -> int | None:
    for tok in seg:
        if tok.lower_ in lex.contrast_after and tok.dep_ in ("cc", "advmod"):
            return tok.i
    return None


def _pronoun_targets(seg, first, lex: Lexicon) -> list:
    """'it'/'they' after an explicit target in the same sentence, when not expletive."""
    out = []
    for tok in seg:
        if tok.i <= first.i or tok.lower_ not in ("it", "they", "them"):
            continue
        head = tok.head
        if tok.lower_ == "it" and any(c.dep_ in ("xcomp", "ccomp") and c.i > tok.i
                                      for c in head.children):
            continue  # "it is necessary to talk"
        out.append(tok)
    return out


def _read_segment(seg, targets, lex: Lexicon) -> list[tuple[tuple[Holder, ...], list]]:
    """Readings grouped by holders, first group first; readings with no holder join it."""
    contrast = _contrast_index(seg, lex)
    groups: dict[tuple, list] = {}
    holders_of_key: dict[tuple, tuple[Holder, ...]] = {}
    loose: list[Reading] = []
    for tok in targets:
        for sign, weight, cues, hs, words in read_target(tok, seg, lex, contrast):
            r = Reading(tok.idx, tok.idx + len(tok.text), tok.text, sign, round(weight, 3),
                        cues, words)
            if not hs:
                loose.append(r)
                continue
            key = tuple((h.start, h.end) for h in hs)
            holders_of_key.setdefault(key, hs)
            groups.setdefault(key, []).append(r)
    out = [(holders_of_key[k], rs) for k, rs in groups.items()]
    if not out:
        return [((), loose)]
    out[0][1][:0] = loose
    return out


def statements(doc, terms: Terms, lex: Lexicon | None = None,
               skip: tuple[tuple[int, int], ...] = ()) -> list[Statement]:
    """Every sentence of ``doc`` that speaks to the question, read for polarity and holder:
    one Statement per holder (a sentence can give an inner and an outer position)."""
    lex = lex or lexicon()
    out: list[Statement] = []
    prev: Statement | None = None
    for seg in segments(doc):
        start, end = _trim(seg)
        if any(s < end and start < e for s, e in skip):
            prev = None
            continue
        targets = find_targets(seg, terms, lex)
        continued = False
        if targets:
            targets += _pronoun_targets(seg, targets[0], lex)
        elif prev is not None and prev.holders and prev.end <= start and \
                doc.text[prev.end:start].count("\n") == 0:
            first = next((t for t in seg if not t.is_punct and not t.is_space), None)
            if first is not None and first.lower_ in lex.continuation and \
                    first.dep_ in ("nsubj", "nsubjpass"):
                targets, continued = [first], True
        if not targets:
            prev = None
            continue
        lemmas = tuple(t.lemma_.lower() for t in seg if not t.is_punct and not t.is_space)
        groups = _read_segment(seg, targets, lex)
        if continued:
            groups = [(prev.holders, [r for _, rs in groups for r in rs])]
        elif not groups[0][0]:
            groups[0] = (_fallback_holders(seg, lex), groups[0][1])
        for holders, readings in groups:
            st = Statement(start, end, doc.text[start:end], tuple(readings), holders,
                           continued, lemmas)
            out.append(st)
        # a following "This ..." continues the sentence's main (outermost) holder
        prev = out[-1]
    return out


def read_text(nlp, text: str, terms: Terms, lex: Lexicon | None = None) -> Statement | None:
    """A short statement read on its own (the stance set, tests): the position of each
    sentence's outermost holder, all its sentences pooled; None when nothing is relevant."""
    lex = lex or lexicon()
    doc = nlp(text)
    readings, holders, spans, lemmas = [], (), [], []
    for seg in segments(doc):
        targets = find_targets(seg, terms, lex)
        if not targets:
            continue
        targets += _pronoun_targets(seg, targets[0], lex)
        contrast = _contrast_index(seg, lex)
        for tok in targets:
            sign, weight, cues, hs, words = read_target(tok, seg, lex, contrast)[-1]
            readings.append(Reading(tok.idx, tok.idx + len(tok.text), tok.text, sign,
                                    round(weight, 3), cues, words))
            holders = holders or hs
        spans.append(_trim(seg))
        lemmas += [t.lemma_.lower() for t in seg if not t.is_punct and not t.is_space]
    if not readings:
        return None
    start, end = spans[0][0], spans[-1][1]
    return Statement(start, end, text[start:end], tuple(readings), holders, False,
                     tuple(lemmas))
