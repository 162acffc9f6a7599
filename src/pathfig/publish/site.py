"""A Jekyll site from the store: one page per figure, its gene table, and the figures as Parquet.

Layout of the site folder (the reference system's)::

    _figures/<figid>.md          front matter = the figure record (pathfig.publish.pages)
    _data/<figid>-genes.tsv      the genes recognised in the figure, reference columns
    _data/<figid>-chemicals.tsv  its chemicals and ``-diseases.tsv`` its diseases (as the run's tables)
    figures.parquet              every published figure in one table, for data users
    _config.yml, _layouts/figure.html   a minimal site, written only when absent

Only figures whose status is ``ok`` are published. Files this module wrote before and would not
write now (a figure that failed, or left the store) are removed; nothing else in the folder is
touched, so ``--site`` may point into an existing site.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pathfig.publish.entities import CHEMICALS_COLUMNS, DISEASES_COLUMNS, entity_rows
from pathfig.publish.exports import _atomic, clean_text, safe_filename
from pathfig.publish.pages import FigurePage, render_page
from pathfig.publish.parquet import write_figures_parquet
from pathfig.records import FigureMeta, JsonLd
from pathfig.store import STORE_FILENAME, FigureRecord, MentionRecord, Store, StoreError

__all__ = [
    "DEFAULT_CREATOR",
    "GENE_TABLE_COLUMNS",
    "ORGANISM_GROUPS",
    "SiteSummary",
    "figure_page",
    "gene_table_rows",
    "publish_site",
]

logger = logging.getLogger(__name__)

#: Columns of ``_data/<figid>-genes.tsv`` (the reference site's). ``count_direct``: rows matched
#: by official symbol; ``count_synonym``: by any other name; ``count_match``: distinct matched keys.
GENE_TABLE_COLUMNS = (
    "organism_id", "organism_name", "organism_group", "word", "match", "ncbigene_symbol", "ncbigene_id", "source",
    "count_direct", "count_synonym", "count_match",
)

#: Taxonomic group of the organisms pathfig lexicons cover (the reference table's column).
ORGANISM_GROUPS: dict[str, str] = {
    "9606": "Primates", "10090": "Rodents", "10116": "Rodents", "7955": "Fishes", "7227": "Insects",
    "6239": "Roundworms", "4932": "Fungi", "559292": "Fungi", "3702": "Plants", "9031": "Birds",
    "9913": "Mammals", "9823": "Mammals", "9615": "Mammals", "8364": "Amphibians", "8355": "Amphibians",
}

DEFAULT_CREATOR = "pathfig"
_MANIFEST = ".pathfig-site.json"
_GENERATED = ("_figures", "_data")


@dataclass(slots=True, kw_only=True)
class SiteSummary:
    """What :func:`publish_site` wrote."""

    site: Path
    pages: int = 0
    gene_tables: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (figid, why)
    parquet: Path | None = None


def gene_table_rows(mentions: Iterable[MentionRecord]) -> list[list[str]]:
    """Rows of one figure's gene table: one per (organism, gene, word), in reading order."""
    seen: dict[tuple[str, str, str], MentionRecord] = {}
    for m in mentions:
        seen.setdefault((m.organism_id, m.ncbigene_id, clean_text(m.word)), m)
    rows = list(seen.values())
    direct = sum(1 for m in rows if m.source == "symbol")
    synonym = len(rows) - direct
    matches = len({m.match for m in rows})
    return [
        [m.organism_id, m.organism_name, ORGANISM_GROUPS.get(m.organism_id, ""), clean_text(m.word),
         clean_text(m.match), m.ncbigene_symbol, m.ncbigene_id, m.source, str(direct), str(synonym), str(matches)]
        for m in rows
    ]


def _ner_organisms(mentions: Sequence[MentionRecord]) -> list[str]:
    # Most-mentioned organism first; names only (an unnamed taxon is no use on a page).
    counts = Counter(m.organism_name for m in mentions if m.organism_name)
    return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def figure_page(fig: FigureRecord, mentions: Sequence[MentionRecord], *, base_url: str = "",
                creator: str = DEFAULT_CREATOR, license: str = "CC0", entity_names: Sequence[str] = (),
                organisms: Sequence[str] = ()) -> FigurePage:
    """The page of a stored figure: its cleaned metadata plus what pathfig recognised in it."""
    meta = FigureMeta.from_mapping(fig.metadata, figid=fig.figid).with_annotations(
        organisms_ner=_ner_organisms(mentions), automl_pathway=fig.automl_pathway)
    if organisms and not meta.organisms:
        # No curated organisms in the sidecar: the inferred ones (pathfig.ner.organisms), ranked.
        meta = replace(meta, organisms=tuple(organisms))
    symbols = list(dict.fromkeys(m.ncbigene_symbol for m in mentions if m.ncbigene_symbol))
    # Entity keywords: genes, then chemicals, then diseases (their preferred names).
    symbols += [n for n in dict.fromkeys(entity_names) if n not in symbols]
    return FigurePage(meta=meta, jsonld=JsonLd(base_url=base_url, keywords=tuple(symbols), license=license,
                                               creator=creator))


def _tsv(rows: list[list[str]], columns: Sequence[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(columns)
    w.writerows(rows)
    return buf.getvalue()


def _write_text(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return  # unchanged: keep the mtime, so Jekyll's incremental build skips it
    with _atomic(path) as f:
        f.write(text)


def _iter_published(store: Store) -> Iterator[tuple[FigureRecord, list[MentionRecord]]]:
    by_figure: dict[str, list[MentionRecord]] = {}
    for m in store.mentions(status="ok"):
        by_figure.setdefault(m.figid, []).append(m)
    for fig in store.figures(status="ok"):
        yield fig, by_figure.get(fig.figid, [])


def publish_site(
    store: Store | str | Path,
    site_dir: str | Path,
    *,
    base_url: str = "",
    creator: str = DEFAULT_CREATOR,
    license: str = "CC0",
    scaffold: bool = True,
) -> SiteSummary:
    """Write the site of ``store`` (an open store, a run directory or a store file) into ``site_dir``.

    ``base_url`` prefixes the pages' schema.org ``@id`` (``<base_url>/figures/<figid>.html``);
    empty gives site-relative ids. A figure whose page cannot be built is logged and skipped.
    """
    if not isinstance(store, Store):
        with _open(store) as opened:
            return publish_site(opened, site_dir, base_url=base_url, creator=creator, license=license,
                                scaffold=scaffold)
    site = Path(site_dir)
    summary = SiteSummary(site=site)
    written: set[str] = set()
    table: list[tuple[FigurePage, list[MentionRecord]]] = []
    entity_names: dict[str, list[str]] = {}
    entities_by_fig: dict[str, list] = {}
    for e in store.entity_mentions(status="ok"):  # chemicals then diseases, as recognised
        entity_names.setdefault(e.figid, []).append(e.name)
        entities_by_fig.setdefault(e.figid, []).append(e)
    inferred = {figid: [str(o.get("name") or o.get("taxon_id")) for o in ann.organisms]
                for figid, ann in store.annotations(status="ok").items()}
    for fig, mentions in _iter_published(store):
        try:
            page = figure_page(fig, mentions, base_url=base_url, creator=creator, license=license,
                               entity_names=entity_names.get(fig.figid, ()), organisms=inferred.get(fig.figid, ()))
            name = safe_filename(fig.figid)
            _write_text(site / "_figures" / f"{name}.md", render_page(page))
            written.add(f"_figures/{name}.md")
            summary.pages += 1
            if mentions:
                _write_text(site / "_data" / f"{name}-genes.tsv", _tsv(gene_table_rows(mentions), GENE_TABLE_COLUMNS))
                written.add(f"_data/{name}-genes.tsv")
                summary.gene_tables += 1
            for kind, columns in (("chemical", CHEMICALS_COLUMNS), ("disease", DISEASES_COLUMNS)):
                rows = entity_rows(entities_by_fig.get(fig.figid, ()), kind)
                if rows:
                    _write_text(site / "_data" / f"{name}-{kind}s.tsv", _tsv(rows, columns))
                    written.add(f"_data/{name}-{kind}s.tsv")
            table.append((page, mentions))
        except (OSError, ValueError, TypeError) as exc:  # one bad record must not stop the site
            logger.warning("[%s] page not written: %s", fig.figid, exc)
            summary.skipped.append((fig.figid, str(exc)))
    summary.removed = _remove_stale(site, written)
    summary.parquet = write_figures_parquet(table, site / "figures.parquet")
    if scaffold:
        _scaffold(site)
    return summary


def _open(path: str | Path) -> Store:
    p = Path(path)
    db = p / STORE_FILENAME if p.is_dir() else p
    if not db.is_file():
        raise StoreError(f"{db}: no pathfig store here (run `pathfig run ... --out {p}` first)")
    return Store(db)


def _remove_stale(site: Path, written: set[str]) -> int:
    manifest = site / _MANIFEST
    before: list[str] = []
    if manifest.is_file():
        try:
            before = list(json.loads(manifest.read_text(encoding="utf-8")).get("files", []))
        except (ValueError, AttributeError):
            logger.warning("[%s] unreadable; stale pages from earlier runs are kept", manifest)
    removed = 0
    for rel in before:
        # Only files under our own folders, named by an earlier manifest, are ever removed.
        if rel not in written and rel.split("/", 1)[0] in _GENERATED and ".." not in rel.split("/"):
            target = site / rel
            if target.is_file():
                target.unlink()
                removed += 1
    site.mkdir(parents=True, exist_ok=True)
    with _atomic(manifest) as f:
        json.dump({"files": sorted(written)}, f, indent=0)
        f.write("\n")
    return removed


_CONFIG = """\
# Written by `pathfig publish` because there was no _config.yml; edit freely, it is not overwritten.
title: Pathway figures
collections:
  figures:
    output: true
    permalink: /figures/:name.html
defaults:
  - scope:
      path: ""
      type: figures
    values:
      layout: figure
plugins:
  - jekyll-redirect-from
exclude:
  - .pathfig-site.json
"""

# Every value is escaped where it is printed: HTML with `escape`, the JSON-LD with `jsonify` and
# then <, > and & as JSON escapes, so a caption holding "</script>" cannot end the script element.
_LAYOUT = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ page.figtitle | escape }}</title>
<script type="application/ld+json">{{ page.schema-jsonld | jsonify | replace: "<", "\\u003c" | replace: ">", "\\u003e" | replace: "&", "\\u0026" }}</script>
</head>
<body>
<h1>{{ page.figtitle | escape }}</h1>
<p>{{ page.caption | escape }}</p>
<p>{{ page.papertitle | escape }} ({{ page.year | escape }}).
<a href="https://www.ncbi.nlm.nih.gov/pmc/articles/{{ page.pmcid | uri_escape }}">{{ page.reftext | escape }}</a></p>
{% assign file = page.path | split: "/" | last %}{% assign stem_size = file.size | minus: 3 %}
{% assign key = file | slice: 0, stem_size | remove: "." | append: "-genes" %}
{% assign genes = site.data[key] %}
{% if genes %}
<table>
<thead><tr><th>Word</th><th>Match</th><th>Source</th><th>Symbol</th><th>NCBI Gene</th></tr></thead>
<tbody>
{% for row in genes %}<tr><td>{{ row.word | escape }}</td><td>{{ row.match | escape }}</td><td>{{ row.source | escape }}</td><td>{{ row.ncbigene_symbol | escape }}</td><td><a href="https://www.ncbi.nlm.nih.gov/gene/{{ row.ncbigene_id | uri_escape }}">{{ row.ncbigene_id | escape }}</a></td></tr>
{% endfor %}</tbody>
</table>
{% endif %}
</body>
</html>
"""


def _scaffold(site: Path) -> None:
    # The layout finds a page's gene table by the page's own file name (the figure id made
    # safe, minus ``.md``); Jekyll keys data files by their sanitised name (dots dropped),
    # hence `remove: "."`.
    for rel, text in (("_config.yml", _CONFIG), ("_layouts/figure.html", _LAYOUT)):
        path = site / rel
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

