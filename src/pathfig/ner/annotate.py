"""Annotate one figure: organisms, genes (in the organisms' lexicons), chemicals and diseases.

:class:`Annotator` runs every recogniser over a figure's text fields (``figtitle``, ``caption``,
``papertitle``, ``text``) and, inside ``pathfig run``, the words read from its image. It is what
``pathfig annotate-text`` and the run worker call.

Genes are looked up in the lexicon of each organism the figure is about: the bundled human
lexicon (exactly as before organism inference existed), the bundled mouse and rat lexicons, or
a lexicon ``pathfig lexicon update --organism ...`` put in the cache. A figure about an organism
with no lexicon gets no genes (never human genes for a plant) and says which lexicon is missing.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pathfig.errors import InputFileError, LexiconError
from pathfig.models import Mention, Word
from pathfig.ner import glossary
from pathfig.ner import transforms as T
from pathfig.ner.entities import EntityMention, EntityRecognizer
from pathfig.ner.genecase import human_case_genes, is_human_case, own_case_genes
from pathfig.ner.organisms import (
    HUMAN,
    OrganismOptions,
    OrganismResult,
    conjoined_pairs,
    context_mentions,
    infer_organisms,
)
from pathfig.ner.species import FIELDS, OrganismMention, SpeciesFinder

__all__ = [
    "Annotator",
    "FigureAnnotation",
    "TEXT_FIELDS",
    "annotate_figure",
    "annotate_file",
    "annotation_version",
    "default_annotator",
    "read_records",
]

logger = logging.getLogger(__name__)

#: Record fields read as text, in this order (``text``: any further text, e.g. labels).
TEXT_FIELDS = FIELDS
#: Weight of one gene printed in an organism's own case, and the cap of that evidence.
GENE_WEIGHT = 0.15


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureAnnotation:
    """Everything recognised in one figure."""

    figid: str
    organisms: OrganismResult
    genes: tuple[Mention, ...] = ()
    chemicals: tuple[EntityMention, ...] = ()
    diseases: tuple[EntityMention, ...] = ()
    #: Taxon → the lexicon its genes were mapped in (a path or ``bundled:<name>``), or why not.
    lexicons: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record ``annotate-text`` writes (without the input fields)."""
        org = self.organisms.to_dict()
        return {
            "figid": self.figid,
            "organisms": org["organisms"],
            "organism_candidates": org["candidates"],
            "organism_default": org["default"],
            "organism_notes": org["notes"],
            "lexicons": dict(self.lexicons),
            "genes": [m.to_dict() for m in self.genes],
            "chemicals": [m.to_dict() for m in self.chemicals],
            "diseases": [m.to_dict() for m in self.diseases],
        }


def _text_fields(record: Mapping[str, Any]) -> dict[str, str]:
    """A record's non-empty text fields, as strings."""
    return {k: str(record.get(k) or "") for k in TEXT_FIELDS if record.get(k)}


def _field_words(fields: Mapping[str, str]) -> dict[str, list[Word]]:
    """Words of each text field, one line per text line."""
    out: dict[str, list[Word]] = {}
    for name, text in fields.items():
        out[name] = [Word(text=w, line=i) for i, line in enumerate((text or "").splitlines()) for w in line.split()]
    return out


def _lines(words: Sequence[Word]) -> str:
    """OCR words as text, one line per OCR line (species names span words)."""
    lines: dict[int, list[str]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w.text)
    return "\n".join(" ".join(ws) for _, ws in sorted(lines.items()))


@dataclass(slots=True)
class Annotator:
    """Runs the recognisers over figures; recognisers and lexicons load once and are reused.

    ``gene_lexicons`` maps a taxon to a lexicon spec (a path, an organism name, or a
    :class:`~pathfig.lexicon.Lexicon`); by default human is the bundled lexicon and every other
    organism is looked up among the bundled and cached lexicons when a figure needs it.
    ``evidence_taxa`` are the non-human lexicons whose own-case gene names count as evidence
    (default: mouse and rat when ``lab_animals="own"``, plus any organism lexicon in the cache).
    """

    finder: SpeciesFinder
    organism_options: OrganismOptions = field(default_factory=OrganismOptions)
    gene_evidence: bool = True
    chemicals: EntityRecognizer | None = None
    diseases: EntityRecognizer | None = None
    gene_lexicons: dict[str, Any] = field(default_factory=dict)
    evidence_taxa: tuple[str, ...] | None = None
    _genes: dict[str, Any] = field(default_factory=dict)
    _missing: dict[str, str] = field(default_factory=dict)

    @classmethod
    def default(cls, *, organism_options: OrganismOptions | None = None, gene_evidence: bool = True,
                entities: bool = True) -> Annotator:
        """An annotator over the bundled data (taxonomy, curated names, chemical and disease lexicons)."""
        chem = dis = None
        if entities:
            from pathfig.ner.entities import default_chemical_recognizer, default_disease_recognizer

            chem, dis = default_chemical_recognizer(), default_disease_recognizer()
        return cls(SpeciesFinder.default(), organism_options or OrganismOptions(), gene_evidence, chem, dis)

    # -- gene recognisers --------------------------------------------------------------------------

    def recognizer(self, taxon: str) -> Any | None:
        """The gene recogniser of ``taxon``, or None when no lexicon of it is available."""
        if taxon in self._genes:
            return self._genes[taxon]
        if taxon in self._missing:
            return None
        from pathfig.ner import GeneRecognizer, Options, default_recognizer

        spec = self.gene_lexicons.get(taxon)
        rec = None
        try:
            if spec is None and taxon == HUMAN:
                rec = default_recognizer()
            elif spec is not None and not isinstance(spec, str):
                rec = GeneRecognizer(spec, _options_for(taxon) if taxon != HUMAN else Options())
            else:
                from pathfig.lexicon.available import organism_lexicon_spec

                path = spec or organism_lexicon_spec(taxon)
                if path is not None:
                    rec = GeneRecognizer.from_path(str(path), _options_for(taxon))
        except LexiconError as exc:
            self._missing[taxon] = str(exc)
            return None
        if rec is None:
            from pathfig.lexicon.available import missing_lexicon_message

            self._missing[taxon] = missing_lexicon_message(taxon)
            return None
        self._genes[taxon] = rec
        return rec

    def lexicon_label(self, taxon: str) -> str:
        rec = self.recognizer(taxon)
        if rec is None:
            return f"missing: {self._missing.get(taxon, 'no lexicon')}"
        prov = rec.lexicon.provenance or {}
        return str(prov.get("path") or prov.get("organism") or "in memory")

    def _evidence_taxa(self) -> tuple[str, ...]:
        if self.evidence_taxa is not None:
            return self.evidence_taxa
        from pathfig.lexicon.available import cached_taxa

        taxa = list(cached_taxa())
        if self.organism_options.lab_animals == "own":
            taxa += ["10090", "10116"]
        return tuple(dict.fromkeys(t for t in taxa if t != HUMAN))

    # -- organisms ---------------------------------------------------------------------------------

    def organisms(self, fields: Mapping[str, str], words: Sequence[Word] = ()) -> OrganismResult:
        """Organism inference for a figure's text fields and image words."""
        return self._organisms(fields, words)[0]

    def _organisms(self, fields: Mapping[str, str], words: Sequence[Word]) -> tuple[OrganismResult, dict[str, list[Word]]]:
        texts = {k: fields.get(k) or "" for k in TEXT_FIELDS if fields.get(k)}
        if words:
            texts["text"] = (texts.get("text", "") + "\n" + _lines(words)).strip()
        mentions: list[OrganismMention] = self.finder.find_fields(texts) + context_mentions(texts)
        field_words = _field_words(texts)
        n_human = 0
        if self.gene_evidence:
            human = self.recognizer(HUMAN)
            human_mentions: dict[str, list[Mention]] = {
                f: human.recognize_words(ws) for f, ws in field_words.items()} if human else {}
            ids = set()
            human_words = set()
            for ms in human_mentions.values():
                ids |= human_case_genes(ms)
                human_words |= {m.word for m in ms if is_human_case(m.word)}
            n_human = len(ids)
            for taxon in self._evidence_taxa():
                rec = self.recognizer(taxon)
                if rec is None:
                    continue
                for f, ws in field_words.items():
                    own = own_case_genes(rec.recognize_words(ws), human_words)
                    for word in own.values():
                        mentions.append(OrganismMention(
                            text=word, taxon_id=taxon, name=_taxon_name(taxon), kind="gene",
                            group=_taxon_group(taxon), field=f, weight=GENE_WEIGHT))
        pairs = conjoined_pairs(texts, mentions)
        return infer_organisms(mentions, self.organism_options, human_case_genes=n_human,
                               conjoined=pairs), field_words

    # -- whole figures -----------------------------------------------------------------------------

    def annotate(self, record: Mapping[str, Any], words: Sequence[Word] = (), *,
                 gene_words: Sequence[Word] | None = None) -> FigureAnnotation:
        """Annotate a record (``figid`` and text fields) and optionally the words read from its image.

        Genes come from ``gene_words`` (default: the image ``words`` if any, else the text fields),
        mapped in the lexicon of every organism the figure is about. Chemicals and diseases come
        from the text fields and the image words.
        """
        figid = str(record.get("figid", ""))
        fields = _text_fields(record)
        result, field_words = self._organisms(fields, words)
        if gene_words is None:
            gene_words = list(words) if words else [w for f in TEXT_FIELDS for w in field_words.get(f, ())]
        genes: list[Mention] = []
        lexicons: dict[str, str] = {}
        for taxon in self.gene_taxa(result, lexicons):
            rec = self.recognizer(taxon)
            if rec is not None:
                genes.extend(rec.recognize_words(gene_words))
        genes = self.caption_definitions(fields, genes)
        chemicals: list[EntityMention] = []
        diseases: list[EntityMention] = []
        gene_keys = self._gene_keys(field_words, words) | {m.match for m in genes}
        record_words = _field_words(fields)  # the record's own text, without the image's words
        for rec, out in ((self.chemicals, chemicals), (self.diseases, diseases)):
            if rec is None:
                continue
            for fname in TEXT_FIELDS:
                if record_words.get(fname):
                    out.extend(rec.recognize_words(record_words[fname], where=fname, gene_keys=gene_keys))
            if words:
                out.extend(rec.recognize_words(words, where="image", gene_keys=gene_keys))
        return FigureAnnotation(figid=figid, organisms=result, genes=tuple(genes), chemicals=tuple(chemicals),
                                diseases=tuple(diseases), lexicons=lexicons)

    def caption_definitions(self, fields: Mapping[str, str], genes: Sequence[Mention]) -> list[Mention]:
        """Genes after the abbreviations the figure title and caption define (:mod:`glossary`):
        a word defined as no gene (``mitochondrial membrane permeabilization (MMP)``) is dropped,
        one defined as another gene's name takes that gene."""
        text = "\n".join(str(fields.get(f) or "") for f in ("figtitle", "caption"))
        if not genes or ("(" not in text and "," not in text):
            return list(genes)
        out: list[Mention] = []
        for taxon in dict.fromkeys(m.organism_id for m in genes):
            mentions = [m for m in genes if m.organism_id == taxon]
            rec = self.recognizer(taxon)
            if rec is not None and rec.options.abbreviations:
                found = glossary.verdicts(text, rec.recognize_text, {T.strip_punct(m.word) for m in mentions},
                                         rec.lexicon.names_of)
                mentions = glossary.apply(mentions, found) if found else mentions
            out.extend(mentions)
        return out

    def gene_taxa(self, result: OrganismResult, lexicons: dict[str, str]) -> list[str]:
        """The lexicons a figure's genes are mapped in, one per organism it is about (filling ``lexicons``).

        An animal with no lexicon of its own (mosquito, pig, chicken; fly or zebrafish before
        ``pathfig lexicon update``) has its genes mapped in the human lexicon: animal pathway
        figures name genes by their human orthologues. Plants, fungi, microbes and organisms of
        unknown group without a lexicon get no genes.
        """
        groups = {m.taxon_id: m.group for m in result.mentions}
        taxa: list[str] = []
        for call in result.organisms:
            t = call.taxon_id
            if self.recognizer(t) is not None:
                lexicons[t] = self.lexicon_label(t)
                taxa.append(t)
            elif groups.get(t) in ("mammal", "vertebrate", "invertebrate"):
                lexicons[t] = (f"{self.lexicon_label(HUMAN)} (human orthologue names; "
                               f"{self._missing.get(t, 'no lexicon')})")
                taxa.append(HUMAN)
            else:
                lexicons[t] = self.lexicon_label(t)
        return list(dict.fromkeys(taxa))

    def _gene_keys(self, field_words: Mapping[str, Sequence[Word]], words: Sequence[Word]) -> set[str]:
        """Keys of the gene names anywhere in the figure, to settle clashes (APC, NANOG are genes)."""
        if self.chemicals is None and self.diseases is None:
            return set()
        human = self.recognizer(HUMAN)
        if human is None:
            return set()
        keys: set[str] = set()
        for ws in (*field_words.values(), words):
            keys |= {m.match for m in human.recognize_words(ws)}
        return keys

    def annotate_many(self, records: Iterable[Mapping[str, Any]]) -> Iterable[FigureAnnotation]:
        for r in records:
            yield self.annotate(r)


def _options_for(taxon: str) -> Any:
    """Recogniser options for a non-human lexicon: lower-case names count when printed exactly so."""
    from pathfig.ner import Options

    return replace(Options(), prose_exact=True)


def _taxon_name(taxon: str) -> str:
    from pathfig.store.records import organism_name

    return organism_name(taxon) or taxon


def _taxon_group(taxon: str) -> Any:
    return {"9606": "human", "10090": "mammal", "10116": "mammal", "7955": "vertebrate", "7227": "invertebrate",
            "6239": "invertebrate", "4932": "fungus", "559292": "fungus", "3702": "plant"}.get(taxon, "unknown")


# -- files -----------------------------------------------------------------------------------------


def read_records(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    """Records of a JSONL or TSV file: ``(line number, record or None, error)``.

    JSONL when the name ends in ``.jsonl``/``.json`` or the first character is ``{``; else TSV
    with a header row. A record needs a ``figid``; a line that is not a record gives an error
    naming the line, and the file goes on.
    """
    path = Path(path)
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(path, f"cannot read ({getattr(exc, 'strerror', None) or exc})") from exc
    # Records end at a newline only: str.splitlines() also breaks at U+2028 and U+0085, which
    # JSON strings may hold unescaped.
    lines = [ln.removesuffix("\r") for ln in text.split("\n")]
    is_json = path.suffix.lower() in (".jsonl", ".json") or text.lstrip().startswith("{")
    if is_json:
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"{path}: line {n}: invalid JSON ({exc.msg})"
                continue
            if not isinstance(obj, dict):
                yield n, None, f"{path}: line {n}: expected a JSON object"
            elif not str(obj.get("figid") or "").strip():
                yield n, None, f"{path}: line {n}: no figid"
            else:
                yield n, obj, ""
        return
    # One line, one record: a stray quote must not swallow the lines after it (csv's default
    # quoting would); a field quoted whole loses its quotes.
    rows = ([_unquote(c) for c in row] for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    header = next(rows, None)
    if not header or "figid" not in header:
        raise InputFileError(path, f"a TSV needs a header row with a figid column (got {header!r})")
    for n, row in enumerate(rows, start=2):
        if not any(c.strip() for c in row):
            continue
        rec = dict(zip(header, row))
        if len(row) != len(header):
            yield n, None, f"{path}: line {n}: {len(row)} columns, the header has {len(header)}"
        elif not rec.get("figid", "").strip():
            yield n, None, f"{path}: line {n}: no figid"
        else:
            yield n, rec, ""


def _unquote(field: str) -> str:
    if len(field) >= 2 and field[0] == field[-1] == '"':
        return field[1:-1].replace('""', '"')
    return field


def annotate_file(source: str | Path, out: str | Path, annotator: Annotator | None = None,
                  on_error: Any = None) -> tuple[int, int]:
    """Annotate every record of ``source`` into JSONL ``out``; returns (records written, errors).

    Each output line is the input record plus ``organisms``, ``genes``, ``chemicals``,
    ``diseases`` (lists of mention objects) and the other fields of :meth:`FigureAnnotation.to_dict`.
    """
    annotator = annotator or Annotator.default()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    written = errors = 0
    tmp = out.with_name(f".{out.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for _, rec, error in read_records(source):
            if rec is None:
                errors += 1
                if on_error is not None:
                    on_error(error)
                else:
                    logger.warning("%s", error)
                continue
            ann = annotator.annotate(rec)
            f.write(json.dumps({**rec, **ann.to_dict()}, ensure_ascii=False) + "\n")
            written += 1
    tmp.replace(out)
    return written, errors


# -- inside `pathfig run` ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def default_annotator() -> Annotator:
    """The annotator over the bundled data, built once per process (each run worker has one)."""
    return Annotator.default()


def annotate_figure(
    record: Mapping[str, Any],
    words: Sequence[Word],
    human_mentions: Sequence[Mention] | None = None,
    *,
    explicit_lexicon: bool = False,
    annotator: Annotator | None = None,
) -> FigureAnnotation:
    """Annotate a figure read by ``pathfig run``: its sidecar ``record`` and the words read from its image.

    ``human_mentions`` are the genes the run already recognised in ``words`` with the default
    (human) recogniser: a figure about human keeps exactly those. With ``explicit_lexicon`` (the
    user chose a lexicon) the given mentions are kept whatever the organisms.
    """
    annotator = annotator or default_annotator()
    given = list(human_mentions) if human_mentions is not None else None
    if explicit_lexicon and given is not None:
        ann = annotator.annotate(record, words, gene_words=[])
        return replace(ann, genes=tuple(given), lexicons={"*": "given by the user (--lexicon)"})
    ann = annotator.annotate(record, words, gene_words=[])
    genes: list[Mention] = []
    for taxon in annotator.gene_taxa(ann.organisms, {}):
        if taxon == HUMAN and given is not None:
            genes.extend(given)
            continue
        rec = annotator.recognizer(taxon)
        if rec is not None:
            genes.extend(rec.recognize_words(words))
    return replace(ann, genes=tuple(annotator.caption_definitions(_text_fields(record), genes)))


def annotation_version() -> str:
    """A short version of the organism, chemical and disease data (part of what makes a figure done)."""
    import hashlib

    from pathfig import __version__
    from pathfig.lexicon.entities import entity_lexicon_path
    from pathfig.lexicon.taxonomy import NAMES_PATH, TAXA_PATH

    h = hashlib.sha256(__version__.encode())
    for path in (TAXA_PATH, NAMES_PATH, entity_lexicon_path("chemicals"), entity_lexicon_path("diseases")):
        try:
            st = path.stat()
            h.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns}".encode())
        except OSError:
            h.update(f"{path.name}:missing".encode())
    return h.hexdigest()[:16]
