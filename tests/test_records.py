"""The record model and its cleaning rules: text repair, numbers, titles, references, coercion."""

from __future__ import annotations

import math

import pytest

from pathfig.records import (
    PAGE_KEYS,
    SIDECAR_KEYS,
    FigureMeta,
    JsonLd,
    clean_title,
    figure_number,
    figure_title,
    first_sentence,
    format_reftext,
    is_missing,
    normalize_figlink,
    repair_metadata,
    repair_text,
)

# -- text repair -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Lingâ€™ao Meng", "Ling’ao Meng"),                      # UTF-8 read as Windows-1252 (seed)
        ("the NF-Œ∫B pathway", "the NF-κB pathway"),              # UTF-8 read as Mac Roman (shared/)
        ("W√º ts38", "Wü ts38"),
        ("interferon-Œ≤ and IFN-Œ±/Œ≤", "interferon-β and IFN-α/β"),
        ("Virus‚ÄìHost", "Virus–Host"),
        ("5‚Ä≤ to 3‚Ä≤", "5′ to 3′"),
        ("TNF &amp; IL-6 &lt;i&gt;x&lt;/i&gt;", "TNF & IL-6 x"),  # escaped markup is still markup
        ("&lt;10 µm", "<10 µm"),
        ("TNF &amp;amp; IL-6", "TNF & IL-6"),                       # double-escaped
        ("<i>Drosophila</i> Tor <sup>+</sup>", "Drosophila Tor +"),  # inline markup leaks
        ("p < 0.05 and <10 µm", "p < 0.05 and <10 µm"),             # not markup: kept
        ("a\x00b\u200bc\x07d\ufeff", "abcd"),                       # control and format characters
        ("line\x0bbreak\u2028here", "line break here"),            # breaks become spaces
        ("  many   spaces\n\tand lines  ", "many spaces and lines"),
        ("café κB — “quoted”", "café κB — “quoted”"),              # correct text is left alone
    ],
)
def test_repair_text(raw: str, fixed: str) -> None:
    assert repair_text(raw) == fixed


@pytest.mark.parametrize("value", [None, "", "  ", "NA", ".na.character", ".na.real", "NaN", "nan", "NULL",
                                   "<NA>", float("nan"), [], {}])
def test_missing_values(value: object) -> None:
    assert is_missing(value)


@pytest.mark.parametrize("value", ["NAD", "NA+", "na", "0", 0, 0.0, False, ["NA"], "None"])
def test_not_missing(value: object) -> None:
    assert not is_missing(value)


def test_repair_metadata_keeps_keys_and_drops_missing() -> None:
    got = repair_metadata({"figid": "F1", "doi": ".na.character", "organisms": ["NA", "Homo sapiens"],
                           "year": 2005, "nested": {"a": "NF-Œ∫B", "b": "NA"}, "score": float("nan")})
    assert got == {"figid": "F1", "organisms": ["Homo sapiens"], "year": 2005, "nested": {"a": "NF-κB"}}


# -- numbers and types -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "graphic", "number", "figtype"),
    [
        ("Figure 3", "", "F3", "Figure"),
        ("Fig. 3", "", "F3", "Figure"),
        ("FIGURE 3", "", "F3", "Figure"),
        ("FIG\u00a06", "", "F6", "Figure"),
        ("Fig 3A", "", "F3A", "Figure"),
        ("Fig. (1)", "", "F1", "Figure"),
        ("Fig. 003", "", "F3", "Figure"),
        ("Scheme 1", "", "S1", "Scheme"),
        ("Scheme II", "", "S2", "Scheme"),
        ("Supplementary Figure S2", "", "SF2", "Supplemental figure"),
        ("Supplemental Fig. 4", "", "SF4", "Supplemental figure"),
        ("Figure S2", "", "SF2", "Supplemental figure"),
        ("Figure 1—figure supplement 2", "", "SF1_2", "Supplemental figure"),
        ("Graphical abstract", "", "GA", "Graphical abstract"),
        ("Appendix Figure A1", "", "AF1", "Appendix figure"),
        ("Figure EV3", "", "EV3", "Extended view"),
        ("Figure IV", "", "F4", "Figure"),
        ("Fig. II", "", "F2", "Figure"),
        ("F3", "", "F3", "Figure"),                        # already normalised: unchanged
        ("SF1_2", "", "SF1_2", "Supplemental figure"),
        # no usable label: the graphic name decides
        ("", "gr3", "F3", "Figure"),
        ("", "gr3_lrg.jpg", "F3", "Figure"),
        ("", "41467_2023_37310_Fig7_HTML", "F7", "Figure"),
        ("", "Fig5_HTML", "F5", "Figure"),
        ("", "g003", "F3", "Figure"),
        ("", "cells-09-01450-g003", "F3", "Figure"),
        ("", "ppat.0010039.g007.jpg", "F7", "Figure"),
        ("", "1465-9921-7-97-2", "F2", "Figure"),
        ("", "JCB.14658f1", "F1", "Figure"),
        ("", "zjw0101037020005", "F5", "Figure"),
        ("", "fx1", "GA", "Graphical abstract"),
        ("", "sc1", "S1", "Scheme"),
        ("Figure 1.2", "gr4", "F4", "Figure"),             # decimals are ambiguous: graphic wins
        ("Box 1", "", "", "Figure"),                       # nothing to go on
    ],
)
def test_figure_number(label: str, graphic: str, number: str, figtype: str) -> None:
    assert figure_number(label, graphic=graphic) == (number, figtype)


def test_figure_number_from_link_and_fig_type() -> None:
    assert figure_number("", figlink="/pmc/articles/PMC1/figure/F2/").number == "F2"
    assert figure_number("", figlink="pmc/articles/PMC3/figure/f1-viruses-02-02436/").number == "F1"
    assert figure_number("", figlink="pmc/articles/PMC5/figure/ijc30043-fig-0002/").number == "F2"
    assert figure_number("2", fig_type="scheme").number == "S2"
    assert figure_number("", graphic="d3sc00173c-f1", fig_type="scheme").number == "S1"   # no label: type speaks
    assert figure_number("Figure 2", fig_type="scheme").number == "F2"                   # the label says Figure
    assert figure_number("", graphic="fig1", fig_type="graphical-abstract").number == "GA"


# -- titles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("Figure 2. Schematic representation of the mTOR signalling pathway.", "mTOR signalling pathway"),
        ("Fig. 2: (A) Proposed model of TNF signalling", "TNF signalling"),
        ("FIGURE 3 | Overview of the p53 network", "p53 network"),
        ("Schematic diagram of insulin signalling.", "Insulin signalling"),     # plain word capitalised
        ("Schematic of how TNF activates NF-κB.", "Schematic of how TNF activates NF-κB"),  # no proper title left
        ("Model of it", "Model of it"),                                          # too short once stripped
        ("Recognition of pathogens by cytosolic PRRs.", "Recognition of pathogens by cytosolic PRRs"),
        ("Ellipsis stays...", "Ellipsis stays..."),
    ],
)
def test_clean_title(raw: str, title: str) -> None:
    assert clean_title(raw) == title


def test_first_sentence_skips_abbreviations_and_initials() -> None:
    assert first_sentence("A model (e.g. in cells, Smith et al. 2005). Next.") == "A model (e.g. in cells, Smith et al. 2005)."
    assert first_sentence("Role of the S. cerevisiae Tor kinase. Text.") == "Role of the S. cerevisiae Tor kinase."
    assert first_sentence("No period at all") == "No period at all"


def test_figure_title_order_and_limits() -> None:
    caption = "Figure 1. Sphingolipid synthesis pathway. The steps inhibited by drugs are indicated."
    assert figure_title(caption=caption, papertitle="Paper.") == "Sphingolipid synthesis pathway"
    assert figure_title(caption_title="The caption's own title", caption=caption) == "The caption's own title"
    assert figure_title(figtitle="Given title here", caption_title="Other title here") == "Given title here"
    # too short (< 10), then too long (> 250): the paper title, without its period
    assert figure_title(caption_title="Pathway", caption="Pathway. " + "x" * 300, papertitle="The paper title.") == (
        "The paper title")
    # no usable candidate at all: the paper title whatever its length, else a cut caption
    assert figure_title(caption="Short.", papertitle="Tiny") == "Tiny"
    long = figure_title(caption="word " * 80)
    assert len(long) <= 250 and long.endswith("…")


# -- references --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        ({"first_author": "Patrick Santos", "author_count": 5, "journal": "Cells", "year": "2020", "month": "6",
          "volume": "9", "issue": "6", "pages": "1450"}, "Patrick Santos, et al. Cells. 2020 Jun;9(6):1450."),
        ({"first_author": "Michael Maceyka", "author_count": 2, "journal": "J Cell Biol", "year": "1997",
          "month": "Dec", "day": "15", "volume": "139", "issue": "6", "pages": "1411-1418"},
         "Michael Maceyka, et al. J Cell Biol. 1997 Dec 15;139(6):1411-1418."),
        ({"first_author": "Peter Olofsson", "author_count": 9, "journal": "BMC Biol", "year": "2007",
          "volume": "5", "pages": "19-19"}, "Peter Olofsson, et al. BMC Biol. 2007;5:19-19."),
        ({"first_author": "Solo Author", "author_count": 1, "journal": "PLoS Pathog.", "year": "2005",
          "month": "Winter", "pages": "e39"}, "Solo Author. PLoS Pathog. 2005 Winter;e39."),
        ({}, ""),
    ],
)
def test_reftext(parts: dict[str, object], text: str) -> None:
    assert format_reftext(**parts) == text  # type: ignore[arg-type]


# -- the model ---------------------------------------------------------------------------------------


def test_page_keys_are_the_seeds_in_order() -> None:
    assert PAGE_KEYS == (
        "figid", "figtitle", "organisms", "organisms_ner", "pmcid", "filename", "figlink", "number", "caption",
        "papertitle", "reftext", "year", "doi", "journal_title", "journal_nlm_ta", "publisher_name", "keywords",
        "automl_pathway", "figid_alias", "figtype", "redirect_from", "ndex", "seo", "schema-jsonld")
    # derived keys are never read from or written to sidecars
    assert not {"figid_alias", "figtype", "redirect_from", "seo", "schema-jsonld"} & set(SIDECAR_KEYS)


def test_from_mapping_cleans_coerces_and_derives() -> None:
    meta = FigureMeta.from_mapping({
        "figid": "PMC1884140__1741-7007-5-19-11", "filename": "1741-7007-5-19-11.jpg", "pmcid": 1884140,
        "number": "Figure 11", "year": 2007, "organisms": "Rattus norvegicus",
        "caption": "Schematic representation of the genes induced by (A) pristane. The Ifn-Œ≤ pathway.",
        "papertitle": "Arthritis suppression operates through an interferon-Œ≤ pathway.",
        "doi": "https://doi.org/10.1186/1741-7007-5-19", "keywords": "a | NA | b", "automl_pathway": "0.5",
        "figlink": "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1884140/figure/F11/",
        "expected_genes": ["IRF7"],
    })
    assert (meta.pmcid, meta.number, meta.figtype, meta.figid_alias, meta.redirect_from) == (
        "PMC1884140", "F11", "Figure", "PMC1884140__F11", "/figures/PMC1884140__F11")
    assert meta.label == "Figure 11"          # the label as printed is kept
    assert meta.year == "2007" and meta.organisms == ("Rattus norvegicus",) and meta.keywords == ("a", "b")
    assert meta.doi == "10.1186/1741-7007-5-19" and meta.automl_pathway == 0.5
    assert meta.figlink == "pmc/articles/PMC1884140/figure/F11/"
    assert meta.papertitle == "Arthritis suppression operates through an interferon-β pathway."
    assert meta.figtitle == "Genes induced by (A) pristane"
    assert meta.extra == {"expected_genes": ["IRF7"]}
    side = meta.to_mapping()
    assert side["keywords"] == "a | b" and side["expected_genes"] == ["IRF7"] and "figid_alias" not in side
    assert FigureMeta.from_mapping(side) == meta   # sidecar → model → sidecar is stable


def test_from_mapping_never_raises_on_odd_values() -> None:
    meta = FigureMeta.from_mapping({"figid": "x", "year": {"a": 1}, "automl_pathway": "high", "organisms": 7,
                                    "author_count": "many", "caption": ["a", "b"], "number": True})
    assert (meta.year, meta.automl_pathway, meta.organisms, meta.author_count, meta.caption) == (
        "", None, (), 0, "a; b")


def test_reftext_built_from_article_parts_when_missing() -> None:
    meta = FigureMeta.from_mapping({"figid": "PMC1__gr1", "first_author": "Ann Lee", "author_count": 3,
                                    "journal_nlm_ta": "Cells", "year": "2021", "month": "03", "volume": "10",
                                    "issue": "3", "pages": "e5"})
    assert meta.reftext == "Ann Lee, et al. Cells. 2021 Mar;10(3):e5."


def test_ner_organisms_from_input_need_the_articles_organisms() -> None:
    meta = FigureMeta.from_mapping({"figid": "f", "organisms": ["Homo sapiens"],
                                    "organisms_ner": ["Homo sapiens", "Drosophila melanogaster"]})
    assert meta.organisms_ner == ("Homo sapiens",)
    ours = meta.with_annotations(organisms_ner=["Mus musculus"])   # pathfig's own NER is trusted
    assert ours.organisms_ner == ("Mus musculus",)


def test_page_has_every_key_with_the_seed_types() -> None:
    page = FigureMeta.from_mapping({"figid": "F1"}).to_page(JsonLd(keywords=("TP53",)))
    assert tuple(page) == PAGE_KEYS
    assert page["organisms"] == [] and page["keywords"] == "" and page["automl_pathway"] is None
    assert page["ndex"] == "" and page["seo"] == "CreativeWork" and page["figid_alias"] == "F1"
    ld = page["schema-jsonld"]
    assert ld["@id"] == "/figures/F1.html" and ld["keywords"] == ["TP53"] and ld["@type"] == "Dataset"


@pytest.mark.parametrize("score", [float("nan"), "NaN", ".na.character"])
def test_missing_score_is_none_never_nan(score: object) -> None:
    # A NaN (R's missing value, or a float NaN) would print as ``.nan`` in the page.
    page = FigureMeta.from_mapping({"figid": "F1", "automl_pathway": score}).to_page(JsonLd())
    assert page["automl_pathway"] is None
    assert not any(isinstance(v, float) and math.isnan(v) for v in page.values())
