"""Species named in text: NCBI Taxonomy binomials, abbreviations, common names, cell lines.

:class:`SpeciesFinder` turns the text fields of a figure (title, caption, paper title, words
read from the image) into :class:`OrganismMention` objects, each with the taxon, how it was
named and where. Deciding what the figure is about is :mod:`pathfig.ner.organisms`' job.

>>> finder = SpeciesFinder.default()
>>> [(m.text, m.taxon_id, m.kind) for m in finder.find("Wnt signalling in D. melanogaster and mice")]
[('D. melanogaster', '7227', 'abbreviation'), ('mice', '10090', 'common')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from pathfig.lexicon.taxonomy import Group, OrganismName, Taxonomy, load_organism_names, load_taxonomy

__all__ = ["FIELDS", "OrganismMention", "SpeciesFinder"]

#: Text fields of a figure, in the order they are read.
FIELDS = ("figtitle", "caption", "papertitle", "text")

# "Homo sapiens"; a title-cased "Saccharomyces Cerevisiae" too (paper titles are title case); an
# authority glued on ("Solanum viarumDunal"). A lookahead, so "Chinese Narcissus tazetta" is tried
# from each capitalised word.
_BINOMIAL = re.compile(r"(?<![A-Za-z])(?=(([A-Z][a-z]{2,})\s+([a-z]{3,}|[A-Z][a-z]{3,})(?:(?![A-Za-z])|(?=[A-Z][a-z]))))")
# "D. melanogaster", "C.elegans", "M. Musculus"
_ABBREV = re.compile(r"(?<![A-Za-z])([A-Z])\.\s?([a-z]{3,}|[A-Z][a-z]{3,})(?![A-Za-z])")
# Words after a common name that make it food, a reagent or an antibody, not an organism:
# "soybean oil", "fetal bovine serum", "rabbit anti-", "yeast two-hybrid", "chicken ovalbumin".
_NOT_ORGANISM_AFTER = re.compile(
    r"^[\s-]*(?:oils?|extracts?|bran|flour|starch|juice|polyphenols?|peptides?|serum|albumin|"
    r"anti\b|anti-|antibod|IgG|two[\s-]hybrid|2[\s-]hybrid|extract|ovalbumin|smoke|germ|"
    r"seed oil|sauce|milk|protein hydrolysate|derived|-derived|based|sterols?|compounds?|metabolites)",
    re.IGNORECASE,
)
# A species named as the source of a material is context: "Moringa oleifera leaves extract",
# "extract of Gelidium elegans", "isolated from Streptomyces".
_SOURCE_AFTER = re.compile(
    r"^[\s-]*(?:[A-Za-z]+[\s-]+){0,2}?(?:extracts?|oils?|polysaccharides?|saponins?|flavonoids?|alkaloids?|"
    r"powder|derived|-derived)(?![A-Za-z])", re.IGNORECASE)
_SOURCE_BEFORE = re.compile(r"(?:extracts?\s+(?:of|from)|derived\s+from|isolated\s+from|produced\s+by)\s+$",
                            re.IGNORECASE)
# Epithets that follow a capitalised word in ordinary prose and happen to complete a taxon name.
_PROSE_EPITHETS = frozenset({
    "cells", "cell", "signaling", "signalling", "pathway", "pathways", "protein", "proteins",
    "and", "the", "with", "from", "into", "activation", "inhibition", "receptor", "receptors",
    "factor", "factors", "kinase", "response", "responses", "model", "models",
})


@dataclass(frozen=True, slots=True, kw_only=True)
class OrganismMention:
    """One place where text names (or gene spelling suggests) an organism."""

    text: str                # as written
    taxon_id: str
    name: str                # scientific name of the taxon
    kind: str                # scientific | common | adjective | abbreviation | genus | cell_line | group | gene
    group: Group
    field: str               # figtitle | caption | papertitle | text
    weight: float = 1.0
    start: int = -1          # character offset in the field

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# A token of running text: letters, digits and the punctuation inside names (C57BL/6, MCF-7, RAW264.7).
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9/.+'’-]*")


def _norm(text: str) -> str:
    """Spacing and hyphens made uniform, for comparing multi-word names: "fruit-flies" = "fruit flies"."""
    return re.sub(r"[\s-]+", " ", text).strip()


@dataclass(slots=True)
class SpeciesFinder:
    """Find species mentions with the bundled taxonomy and curated names (or the ones given)."""

    taxonomy: Taxonomy
    names: Sequence[OrganismName]
    _by_text: dict[str, OrganismName] | None = None
    _max_words: int = 1
    _genus_group: dict[str, Group] | None = None
    _taxon_group: dict[str, Group] | None = None

    def __post_init__(self) -> None:
        self._by_text = {}
        self._genus_group = {}
        self._taxon_group = {}
        for n in self.names:
            if n.kind == "genus_group":
                self._genus_group[n.name] = n.group
                continue
            if n.kind == "genus":
                self._genus_group.setdefault(n.name, n.group)
            if n.kind != "group":
                # ``Bombyx mori`` is an invertebrate because ``silkworm`` (taxon 7091) is one.
                self._taxon_group.setdefault(n.taxon_id, n.group)
            name = _norm(n.name)
            self._by_text[name if n.case_sensitive else name.lower()] = n
            self._max_words = max(self._max_words, len(name.split(" ")))

    @classmethod
    @functools.cache
    def default(cls) -> SpeciesFinder:
        """The finder over the bundled taxonomy names and curated table (built once per process)."""
        return cls(load_taxonomy(), load_organism_names())

    # -- lookups --------------------------------------------------------------------------------

    def group_of(self, genus: str) -> Group:
        """The broad group of a genus from the curated table, else ``unknown``."""
        assert self._genus_group is not None
        return self._genus_group.get(genus, "unknown")

    def _group_of_taxon(self, taxid: str, genus: str) -> Group:
        """The group of a curated name of this taxon (any kind), else of its genus."""
        assert self._taxon_group is not None
        return self._taxon_group.get(taxid) or self.group_of(genus)

    def _curated(self, text: str) -> OrganismName | None:
        """The curated name ``text`` is: exactly as written, else case-insensitively (if allowed)."""
        assert self._by_text is not None
        text = _norm(text)
        got = self._by_text.get(text)
        if got is None:
            got = self._by_text.get(text.lower())
            if got is not None and got.case_sensitive:
                return None
        return got

    # -- finding --------------------------------------------------------------------------------

    def find(self, text: str, field: str = "text", genera: Iterable[str] = ()) -> list[OrganismMention]:
        """Mentions in one text, in order. ``genera`` (named elsewhere in the figure) resolve abbreviations."""
        if not text:
            return []
        found: dict[tuple[int, int], OrganismMention] = {}
        known_genera = set(genera)
        for m in _BINOMIAL.finditer(text):
            genus, epithet = m.group(2), m.group(3).lower()
            if epithet in _PROSE_EPITHETS or epithet.endswith("virus"):
                continue
            taxid = self.taxonomy.lookup(genus, epithet)
            if taxid is None:
                continue
            span = m.span(1)
            if any(a < span[1] and span[0] < b for a, b in found):
                continue
            known_genera.add(genus)
            cur = self._curated(f"{genus} {epithet}")
            group = cur.group if cur is not None else self._group_of_taxon(taxid, genus)
            sci = cur.scientific_name if cur is not None else f"{genus} {epithet}"
            found[span] = OrganismMention(text=m.group(1), taxon_id=cur.taxon_id if cur else taxid, name=sci,
                                          kind="scientific", group=group, field=field, weight=1.0,
                                          start=span[0])
        for m in _ABBREV.finditer(text):
            if any(a <= m.start() < b for a, b in found):
                continue
            hit = self._abbreviation(m.group(1), m.group(2).lower(), known_genera)
            if hit is not None:
                taxid, sci, group = hit
                found[m.span()] = OrganismMention(text=m.group(0), taxon_id=taxid, name=sci, kind="abbreviation",
                                                  group=group, field=field, weight=1.0, start=m.start())
        # Curated names: runs of up to _max_words tokens, longest first ("fruit flies" before "flies").
        toks = [(m.start(), m.end(), m.group(0).rstrip(".")) for m in _TOKEN.finditer(text)]
        i = 0
        while i < len(toks):
            hit = None
            for k in range(min(self._max_words, len(toks) - i), 0, -1):
                a, b = toks[i][0], toks[i + k - 1][0] + len(toks[i + k - 1][2])
                cur = self._curated(text[a:b])
                if cur is not None and cur.weight > 0 and not any(x < b and a < y for x, y in found):
                    hit = (a, b, cur, k)
                    break
            if hit is None:
                i += 1
                continue
            a, b, cur, k = hit
            i += k
            if cur.kind in ("common", "adjective") and _NOT_ORGANISM_AFTER.match(text[b:b + 20]):
                continue
            found[(a, b)] = OrganismMention(text=text[a:b], taxon_id=cur.taxon_id, name=cur.scientific_name,
                                            kind=cur.kind, group=cur.group, field=field, weight=cur.weight, start=a)
        out = []
        for (a, b), m in sorted(found.items()):
            if _SOURCE_AFTER.match(text[b:b + 40]) or _SOURCE_BEFORE.search(text[max(0, a - 30):a]):
                m = OrganismMention(text=m.text, taxon_id=m.taxon_id, name=m.name, kind="source", group=m.group,
                                    field=m.field, weight=0.0, start=m.start)
            out.append(m)
        return out

    def _abbreviation(self, initial: str, epithet: str, genera: set[str]) -> tuple[str, str, Group] | None:
        cur = self._curated(f"{initial}. {epithet}")
        if cur is not None:
            return cur.taxon_id, cur.scientific_name, cur.group
        # "D. mojavensis" after "Drosophila": a genus named in the same figure, with this epithet.
        for genus in sorted(genera):
            if genus[0] == initial:
                taxid = self.taxonomy.lookup(genus, epithet)
                if taxid is not None:
                    return taxid, f"{genus} {epithet}", self._group_of_taxon(taxid, genus)
        # Else the one genus of that initial with this epithet, if only one has it ("C. reinhardtii").
        if len(epithet) >= 6:
            genera_with = self.taxonomy.genera_with(initial, epithet)
            if len(genera_with) == 1:
                genus = genera_with[0]
                taxid = self.taxonomy.lookup(genus, epithet) or ""
                return taxid, f"{genus} {epithet}", self._group_of_taxon(taxid, genus)
        return None

    def find_fields(self, fields: dict[str, str]) -> list[OrganismMention]:
        """Mentions in every field of a figure (``figtitle``, ``caption``, ``papertitle``, ``text``)."""
        # Genera written in full anywhere resolve abbreviations everywhere ("Drosophila ... D. virilis").
        genera: set[str] = set()
        for text in fields.values():
            for m in _BINOMIAL.finditer(text or ""):
                if self.taxonomy.has_genus(m.group(2)):
                    genera.add(m.group(2))
            for n in self.names:
                if n.kind == "genus" and n.name in (text or ""):
                    genera.add(n.name)
        out: list[OrganismMention] = []
        for field, text in fields.items():
            out.extend(self.find(text or "", field, genera))
        return _inherit_group(out)


def _inherit_group(mentions: list[OrganismMention]) -> list[OrganismMention]:
    """A species of unknown group takes the animal group the figure's group words name.

    ``Manila clam Ruditapes philippinarum``, ``the giant triton snail (Charonia tritonis)``: the
    taxonomy names the species but not its lineage, and the word beside it says it is an
    animal, whose figures name genes by their human orthologues. Only when every group word
    (virus words aside) names one animal group; a plant or microbe word is no lineage (``rice
    plants infected with Xanthomonas oryzae``).
    """
    words = {m.group for m in mentions if m.kind == "group" and m.group != "virus"}
    if len(words) != 1 or not words <= {"invertebrate", "vertebrate"}:
        return mentions
    (group,) = words
    return [replace(m, group=group) if m.group == "unknown" and m.kind in ("scientific", "abbreviation", "source")
            else m for m in mentions]
