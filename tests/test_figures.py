"""Figures: cited counts, what they count, who cites them."""
from dossier.extract.entities import extract_entities
from dossier.extract.figures import extract_figures


def _figures(parse, text):
    art, doc = parse(text, published="2026-02-13")
    figs = extract_figures(art, doc, extract_entities(art, doc))
    for f in figs:
        assert art.text[f.evidence.start:f.evidence.end] == f.text
    return art, figs


def test_count_with_qualifier_and_source(parse):
    art, figs = _figures(parse, "The Assistance Association for Political Prisoners says more "
                                "than 2,100 people have been killed since the coup.")
    assert [(f.value, f.text, f.qualifier, f.counts, f.source_name) for f in figs] == [
        (2100.0, "more than 2,100", "more than", "people killed since the coup",
         "Assistance Association for Political Prisoners")]
    assert figs[0].source is not None


def test_reporting_verb_after_an_aside(parse):
    _, figs = _figures(parse, "Human Rights Watch, while welcoming the move, notes that over "
                              "1,100 people are still imprisoned for their views in Belarus.")
    assert [(f.value, f.text, f.qualifier, f.counts, f.source_name) for f in figs] == [
        (1100.0, "over 1,100", "over", "people still imprisoned for their views",
         "Human Rights Watch")]


def test_according_to(parse):
    _, figs = _figures(parse, "According to Amnesty International, at least 35 journalists "
                              "remain behind bars.")
    assert [(f.value, f.qualifier, f.counts, f.source_name) for f in figs] == [
        (35.0, "at least", "journalists remain behind bars", "Amnesty International")]


def test_not_counts(parse):
    _, figs = _figures(parse, "He served 11 years and wrote 3 books in 2019.")
    assert figs == []


def test_seed_figure(parse, seed_dir):
    path = next(iter(sorted(seed_dir.glob("*.txt"))))
    art, figs = _figures(parse, path.read_text(encoding="utf-8"))
    (hrw,) = [f for f in figs if f.value == 1100]
    assert (hrw.text, hrw.qualifier, hrw.source_name) == ("over 1,100", "over",
                                                          "Human Rights Watch")
    assert hrw.counts == "people still imprisoned for peacefully exercising their rights"
