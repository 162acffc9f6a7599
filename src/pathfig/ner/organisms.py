"""Which organisms a figure is about, from the species its text names and how its genes are spelled.

Evidence (:class:`~pathfig.ner.species.OrganismMention`) comes from the figure title, caption,
paper title and the words read from the image: scientific names and abbreviations, common
names, cell lines and strains, group words (``plants``), human-disease context (``patients``,
``cancer``), and gene names written in one organism's own case (human ``FOXO3``, mouse
``Foxo3``, fly ``foxo``; see :func:`gene_case_evidence`). A case-insensitive gene hit is never
evidence: ``mTOR`` matches the mouse symbol ``Mtor`` only if case is ignored.

:func:`infer_organisms` scores each taxon (mention weight × field weight, the best mention of
each field plus a little for repeats) and decides:

- viruses are context, never subjects; a pathogen or a plant named in a figure about a human
  (or animal) host is context unless it scores higher than the host (a plant named as the
  source of an extract in a pharmacology figure is not what the figure is about);
- lab rodents (mouse, rat, hamster, guinea pig) stand for human by default
  (``lab_mammals="human"``), as in the curation of the reference system (WikiPathways
  Pathway Figure OCR), whose mouse- and rat-study figures are human pathway figures with human
  gene sets; ``lab_mammals="own"`` reports them as themselves. Both human and a rodent are
  subjects when human is named explicitly as well ("in human and mouse cells");
- subjects are the taxa scoring at least ``min_score`` and ``relative`` × the best score;
- human joins an animal subject when the figure prints at least ``human_genes`` human symbols
  in human case (worm and zebrafish figures draw the human orthologues), and joins a bacterium
  as its host when a host word is there too (bacterial genes are written ``lacZ``, proteins
  ``LacZ``; yeast and parasite genes are written in capitals, so fungi and protists never do);
- human is the default only when nothing points elsewhere.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from pathfig.lexicon.taxonomy import load_organism_names
from pathfig.ner.species import FIELDS, OrganismMention, SpeciesFinder

__all__ = [
    "HUMAN",
    "LAB_ANIMALS",
    "OrganismCall",
    "OrganismOptions",
    "OrganismResult",
    "conjoined_pairs",
    "context_mentions",
    "infer_organisms",
]

HUMAN = "9606"
#: Lab animals studied as models of human biology: mouse, rat, Chinese and golden hamster,
#: guinea pig, and the frogs Xenopus laevis and tropicalis.
LAB_ANIMALS = frozenset({"10090", "10116", "10029", "10036", "10141", "8355", "8364"})
# A group word chosen alone is reported as the group's model organism.
_GROUP_MODELS = {"33090": ("3702", "Arabidopsis thaliana")}
_MICROBE_GROUPS = frozenset({"bacterium", "fungus", "protist"})
_ANIMAL_GROUPS = frozenset({"human", "mammal", "vertebrate", "invertebrate"})
_GUEST_GROUPS = frozenset({"bacterium", "fungus", "protist", "plant", "unknown"})

# Words of human disease and the clinic: a figure about cancer or patients is about human
# biology, whatever microbe, plant extract or model organism it also names.
_HUMAN_CONTEXT = re.compile(
    r"(?<![A-Za-z])(?:(?P<strong>cancers?|tumou?rs?|tumou?rigenesis|carcinomas?|leukemia|leukaemia|lymphoma|"
    r"melanoma|glioma|glioblastoma|metastasis|chemoprevention|clinical|diabetes|diabetic|obesity|"
    r"Alzheimer'?s?|Parkinson'?s?|COVID-19|atherosclerosis|hospital|neurodegeneration|neurodegenerative)"
    r"|therapy|therapies|therapeutic|diseases?|disorders?|syndrome|inflammation|inflammatory|drugs?)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
#: Weight of a strong human-disease word (cancer, diabetes) relative to a weak one (disease, drug).
_STRONG = 2.0
# Words of a host meeting a microbe, by strength: the microbe is context of a figure about the
# host when they add up (a macrophage response; not "host glycans" a bacterium eats).
_HOST_WORDS = (
    (1.0, r"macrophages?|phagocyt\w*|immune|immunity|PBMCs?|neutrophils?|dendritic|vaccines?|vaccination|"
          r"patients?|inflammasome|interferons?"),
    (0.6, r"infections?|infected|infecting|microbiota|gut|intestinal|colitis"),
    (0.3, r"hosts?|virulence|pathogens?|pathogenic|pathogenesis|probiotics?"),
)
_HOST_CONTEXT = re.compile(
    "|".join(f"(?P<w{i}>(?<![A-Za-z])(?:{p})(?![A-Za-z]))" for i, (_, p) in enumerate(_HOST_WORDS)),
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class OrganismOptions:
    """Settings of organism inference; each rule can be switched or weighted."""

    figtitle_weight: float = 1.5
    papertitle_weight: float = 1.2
    caption_weight: float = 1.0
    text_weight: float = 1.0
    #: Extra score for each further mention of a taxon in the same field.
    repeat_bonus: float = 0.2
    #: ``human``: lab animals (:data:`LAB_ANIMALS`) stand for human (the reference curation);
    #: ``own``: report them as themselves.
    lab_animals: Literal["human", "own"] = "human"
    #: A subject scores at least this ...
    min_score: float = 0.9
    #: Host words (macrophage, infection...) adding up to this make a named microbe context.
    host_context: float = 1.0
    #: This many strong human-disease words (cancer, diabetes) make a named plant or microbe a source.
    disease_context: int = 2
    #: ... and at least this fraction of the best score.
    relative: float = 0.3
    #: More subjects than this make a comparison figure: only species named in titles stay.
    max_subjects: int = 4
    #: Organisms whose figures draw human orthologue names: human is reported beside them.
    with_human: frozenset[str] = frozenset({"6239", "7955"})
    #: Mammals other than lab animals are reported with human beside them.
    mammals_with_human: bool = True
    #: Human joins an animal subject when this many distinct human symbols are printed in human case.
    human_genes: int = 6
    #: Weight of one human-disease word (cancer, patients...) as human evidence, and its cap.
    context_weight: float = 0.25
    context_cap: float = 0.75
    #: Cap of the evidence from genes printed in an organism's own case (each gene adds its weight).
    gene_cap: float = 0.6


@dataclass(frozen=True, slots=True, kw_only=True)
class OrganismCall:
    """One organism with its score and the evidence for it."""

    taxon_id: str
    name: str
    score: float
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence"] = list(self.evidence)
        return d


@dataclass(frozen=True, slots=True, kw_only=True)
class OrganismResult:
    """What a figure is about (``organisms``, ranked) and every organism it mentions (``candidates``)."""

    organisms: tuple[OrganismCall, ...]
    candidates: tuple[OrganismCall, ...] = ()
    mentions: tuple[OrganismMention, ...] = ()
    #: True when human was chosen only because nothing pointed elsewhere.
    default: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def taxa(self) -> list[str]:
        return [o.taxon_id for o in self.organisms]

    def to_dict(self) -> dict[str, Any]:
        return {
            "organisms": [o.to_dict() for o in self.organisms],
            "candidates": [o.to_dict() for o in self.candidates],
            "default": self.default,
            "notes": list(self.notes),
        }


def context_mentions(fields: dict[str, str]) -> list[OrganismMention]:
    """Human-disease words (``cancer``...) as weak human evidence, and host words (``infection``,
    ``macrophages``) that make a named microbe context; one mention per word."""
    out = []
    for fname, text in fields.items():
        for m in _HUMAN_CONTEXT.finditer(text or ""):
            out.append(OrganismMention(text=m.group(0), taxon_id=HUMAN, name="Homo sapiens", kind="context",
                                       group="human", field=fname, weight=_STRONG if m.group("strong") else 1.0,
                                       start=m.start()))
        for m in _HOST_CONTEXT.finditer(text or ""):
            weight = next(w for i, (w, _) in enumerate(_HOST_WORDS) if m.group(f"w{i}"))
            out.append(OrganismMention(text=m.group(0), taxon_id=HUMAN, name="Homo sapiens", kind="host",
                                       group="human", field=fname, weight=weight, start=m.start()))
    return out


_CONJUNCTION = re.compile(r"^\W{0,3}(?:and|or|versus|vs\.?|to|,|/|&)\W{0,3}$", re.IGNORECASE)


def conjoined_pairs(fields: dict[str, str], mentions: Sequence[OrganismMention]) -> set[frozenset[str]]:
    """Pairs of taxa named side by side in one field: "human and mouse", "mice versus humans"."""
    out: set[frozenset[str]] = set()
    by_field: dict[str, list[OrganismMention]] = {}
    for m in mentions:
        if m.start >= 0 and m.kind not in ("context", "host", "gene"):
            by_field.setdefault(m.field, []).append(m)
    for fname, ms in by_field.items():
        text = fields.get(fname) or ""
        ms.sort(key=lambda m: m.start)
        for a, b in zip(ms, ms[1:]):
            between = text[a.start + len(a.text):b.start]
            if a.taxon_id != b.taxon_id and _CONJUNCTION.match(between):
                out.add(frozenset({a.taxon_id, b.taxon_id}))
    return out


def _field_weight(o: OrganismOptions, fname: str) -> float:
    return {"figtitle": o.figtitle_weight, "papertitle": o.papertitle_weight,
            "caption": o.caption_weight}.get(fname, o.text_weight)


def _score(mentions: Sequence[OrganismMention], o: OrganismOptions) -> tuple[dict[str, float], dict[str, list[str]]]:
    best: dict[tuple[str, str], float] = {}
    count: dict[tuple[str, str], int] = {}
    context: dict[str, float] = {}
    genes: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    for m in mentions:
        ev = evidence.setdefault(m.taxon_id, [])
        label = f"{m.field}: {m.text} ({m.kind})"
        if label not in ev:
            ev.append(label)
        if m.kind == "context":
            context[m.taxon_id] = min(o.context_cap, context.get(m.taxon_id, 0.0) + o.context_weight * m.weight)
            continue
        if m.kind == "gene":
            genes[m.taxon_id] = min(o.gene_cap, genes.get(m.taxon_id, 0.0) + m.weight)
            continue
        if m.kind in ("host", "source"):
            continue  # evidence that decides roles, not scores
        k = (m.taxon_id, m.field)
        w = m.weight * _field_weight(o, m.field)
        best[k] = max(best.get(k, 0.0), w)
        count[k] = count.get(k, 0) + 1
    scores: dict[str, float] = dict(context)
    for taxon, w in genes.items():
        scores[taxon] = scores.get(taxon, 0.0) + w
    for (taxon, _), w in best.items():
        scores[taxon] = scores.get(taxon, 0.0) + w + o.repeat_bonus * (count[(taxon, _)] - 1)
    return scores, evidence


def infer_organisms(
    mentions: Iterable[OrganismMention],
    options: OrganismOptions | None = None,
    *,
    human_case_genes: int = 0,
    conjoined: Iterable[frozenset[str]] = (),
) -> OrganismResult:
    """Decide the figure's organisms from its mentions (see the module docstring for the rules).

    ``human_case_genes`` is the number of distinct human symbols printed in human case;
    ``conjoined`` holds pairs of taxa named together ("human and mouse cells").
    """
    o = options or OrganismOptions()
    mentions = tuple(mentions)
    scores, evidence = _score(mentions, o)
    names: dict[str, str] = {HUMAN: "Homo sapiens"}
    groups: dict[str, str] = {HUMAN: "human"}
    explicit_human = False
    host_words = disease_words = 0.0
    titled: set[str] = set()
    for m in mentions:
        names.setdefault(m.taxon_id, m.name)
        groups.setdefault(m.taxon_id, m.group)
        if m.taxon_id == HUMAN and m.kind not in ("context", "gene", "host", "source"):
            explicit_human = True
        if m.kind == "host":
            host_words += m.weight * _field_weight(o, m.field)
        if m.kind == "context" and m.weight >= _STRONG:
            disease_words += 1
        if m.field in ("figtitle", "papertitle") and m.kind not in ("context", "host", "source", "gene"):
            titled.add(m.taxon_id)
    candidates = tuple(sorted(
        (OrganismCall(taxon_id=t, name=names.get(t, ""), score=round(s, 3), evidence=tuple(evidence.get(t, ())))
         for t, s in scores.items() if s > 0 or t in evidence),
        key=lambda c: (-c.score, c.taxon_id)))
    notes: list[str] = []
    subj = {t: s for t, s in scores.items() if s > 0}
    pairs = {frozenset(p) for p in conjoined}
    # Group words (plants, bacteria) give way to any named member of their group.
    for taxon, group in _group_taxa().items():
        if taxon in subj and any(groups.get(t) == group and t != taxon for t in subj):
            del subj[taxon]
    # Viruses are context.
    for taxon in [t for t in subj if groups.get(t) == "virus"]:
        del subj[taxon]
        notes.append(f"{names.get(taxon, taxon)}: a virus, context")
    # Lab animals stand for human, unless named together with human ("human and mouse cells"); beside
    # another species that outscores them they are only context (the rat host of a parasite).
    if o.lab_animals == "human":
        for t in [t for t in subj if t in LAB_ANIMALS]:
            if explicit_human and frozenset({t, HUMAN}) in pairs:
                continue
            score = subj.pop(t)
            if any(sc >= score and u != HUMAN and u not in LAB_ANIMALS and groups.get(u) != "virus"
                   for u, sc in subj.items()):
                notes.append(f"{names.get(t, t)}: a lab animal beside another species, context")
                continue
            subj[HUMAN] = subj.get(HUMAN, 0.0) + score
            notes.append(f"{names.get(t, t)}: a lab animal, represented by Homo sapiens")
    # Microbes in a host (infection, immunity) and anything named beside an animal host are context
    # unless they outscore the host.
    host = max((sc for t, sc in subj.items() if groups.get(t) in _ANIMAL_GROUPS), default=0.0)
    host_context = host_words >= o.host_context
    if host > 0 or host_context:
        for taxon in [t for t in subj if groups.get(t) in _GUEST_GROUPS]:
            microbe = groups.get(taxon) in _MICROBE_GROUPS
            if (microbe and host_context) or (host > 0 and subj[taxon] <= host and groups.get(taxon) != "unknown"):
                del subj[taxon]
                notes.append(f"{names.get(taxon, taxon)}: named beside a host, context")
    # A plant or microbe in a figure about human disease is a source (a medicinal plant, a probiotic).
    if disease_words >= o.disease_context:
        for taxon in [t for t in subj if groups.get(t) in ("plant", "unknown") or groups.get(t) in _MICROBE_GROUPS]:
            del subj[taxon]
            notes.append(f"{names.get(taxon, taxon)}: named in a figure about human disease, a source")
    top = max(subj.values(), default=0.0)
    chosen = [t for t, sc in subj.items() if sc >= o.min_score and sc >= o.relative * top]
    # A human score made of disease words alone does not make human a subject beside a named species.
    if HUMAN in chosen and len(chosen) > 1 and not explicit_human and subj.get(HUMAN, 0.0) <= o.context_cap:
        chosen.remove(HUMAN)
    # A figure naming many species compares them; it is about those in its titles, else human.
    if len(chosen) > o.max_subjects:
        kept = [t for t in chosen if t in titled]
        notes.append(f"{len(chosen)} species named: a comparison; kept {len(kept)} named in titles")
        chosen = kept
    if chosen and HUMAN not in chosen:
        companion = [t for t in chosen if t in o.with_human or (
            o.mammals_with_human and groups.get(t) == "mammal" and t not in LAB_ANIMALS)]
        if companion:
            chosen.append(HUMAN)
            notes.append(f"Homo sapiens: beside {', '.join(names.get(t, t) for t in companion)}")
        elif human_case_genes >= o.human_genes and any(groups.get(t) in _ANIMAL_GROUPS for t in chosen):
            chosen.append(HUMAN)
            notes.append(f"Homo sapiens: {human_case_genes} human symbols printed in human case")
        elif (human_case_genes >= o.human_genes and host_words > 0
              and all(groups.get(t) == "bacterium" for t in chosen)):
            # Bacterial genes are written lacZ / LacZ; capitals beside a host word are the host's.
            chosen.append(HUMAN)
            notes.append(f"Homo sapiens: the host, {human_case_genes} human symbols printed in human case")
    # A group word chosen alone is reported as the group's model organism ("plants" → Arabidopsis).
    for taxon, model in _GROUP_MODELS.items():
        if taxon in chosen and not any(groups.get(t) == groups.get(taxon) and t != taxon for t in chosen):
            chosen[chosen.index(taxon)] = model[0]
            subj[model[0]] = subj.get(model[0], 0.0) + subj.get(taxon, 0.0)
            names[model[0]] = model[1]
            evidence.setdefault(model[0], []).extend(evidence.get(taxon, ()))
            notes.append(f"{names.get(taxon, taxon)}: reported as the model organism {model[1]}")
    default = False
    if not chosen:
        chosen = [HUMAN]
        subj.setdefault(HUMAN, 0.0)
        default = True
    organisms = tuple(sorted(
        (OrganismCall(taxon_id=t, name=names.get(t, ""), score=round(subj.get(t, 0.0), 3),
                      evidence=tuple(evidence.get(t, ())))
         for t in dict.fromkeys(chosen)),
        key=lambda c: (-c.score, c.taxon_id)))
    return OrganismResult(organisms=organisms, candidates=candidates, mentions=mentions, default=default,
                          notes=tuple(notes))


@functools.cache
def _group_taxa() -> dict[str, str]:
    """The taxa of the curated group words (``plants``, ``insects``, ``snails``) and their group."""
    return {n.taxon_id: n.group for n in load_organism_names() if n.kind == "group"}


def organism_mentions(fields: dict[str, str], finder: SpeciesFinder | None = None) -> list[OrganismMention]:
    """Species and human-context mentions in the text fields of a figure."""
    finder = finder or SpeciesFinder.default()
    known = {k: v for k, v in fields.items() if k in FIELDS}
    return finder.find_fields(known) + context_mentions(known)
