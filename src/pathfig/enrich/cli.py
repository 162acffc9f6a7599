"""The ``pathfig enrich`` command: read a gene list, call the engine, print TSV or JSON.

The table goes to standard output; how the genes were read (unmapped, ambiguous, outside the
universe) and any skipped library lines go to standard error, so the output stays a clean table.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pathfig.errors import InputFileError, PathfigError

__all__ = ["enrich_command", "register"]


class OutputFormat(StrEnum):
    tsv = "tsv"
    json = "json"


class UniverseChoice(StrEnum):
    library = "library"
    protein_coding = "protein-coding"


GenesFile = Annotated[
    str, typer.Argument(metavar="GENES_FILE", show_default=False,
                        help="Gene list: one NCBI Gene id or symbol per line; '-' reads standard input."),
]
Library = Annotated[
    Path, typer.Option("--library", "-l", show_default=False,
                       help="Gene sets: a GMT file, or a `pathfig run` output folder / its pathfig.sqlite."),
]
Background = Annotated[
    Path | None, typer.Option("--background", "-b", dir_okay=False,
                              help="Background gene list (one per line): the universe; sets and query are "
                                   "intersected with it."),
]
Universe = Annotated[
    UniverseChoice, typer.Option("--universe", help="Universe when no --background: the library's genes, or the "
                                                    "lexicon's protein-coding genes."),
]
MinSize = Annotated[int, typer.Option("--min-size", min=1, help="Test only sets with at least N genes in the universe.")]
MaxSize = Annotated[int | None, typer.Option("--max-size", min=1, help="Test only sets with at most N genes in the universe.")]
Top = Annotated[int | None, typer.Option("--top", "-k", min=1, help="Print only the K best rows.")]
Format = Annotated[OutputFormat, typer.Option("--format", "-f", help="tsv: a table; json: a list of objects.")]
AllSets = Annotated[bool, typer.Option("--all", help="Also list tested sets that share no gene with the list.")]
LexiconPath = Annotated[
    Path | None, typer.Option("--lexicon", dir_okay=False,
                              help="Lexicon for symbols (default: the bundled human one).")
]


def _read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputFileError(path, f"cannot read gene list ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise InputFileError(path, f"gene list is not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc


def enrich_command(
    genes_file: GenesFile,
    library: Library,
    background: Background = None,
    universe: Universe = UniverseChoice.library,
    min_size: MinSize = 1,
    max_size: MaxSize = None,
    top: Top = None,
    output_format: Format = OutputFormat.tsv,
    all_sets: AllSets = False,
    lexicon: LexiconPath = None,
) -> None:
    """Which gene sets (figures) are over-represented in a gene list: one-sided Fisher exact test per set.

    Columns: term, description, overlap, set_size, p_value, log10_p, fdr, odds_ratio, fold_enrichment, combined_score, genes; sorted by p-value. FDR is Benjamini-Hochberg over every tested set. The universe is the library's genes unless --background or --universe protein-coding is given. Unmapped, ambiguous and out-of-universe genes are listed on standard error.
    """  # noqa: E501 - typer keeps docstring line breaks in --help
    from pathfig.enrich import EnrichError, load_library, read_gene_list

    try:
        genes = read_gene_list(_read_text(genes_file))
        if not genes:
            raise InputFileError(genes_file, "no genes in the gene list")
        bg = None
        if background is not None:
            bg = read_gene_list(_read_text(str(background)))
            if not bg:
                raise InputFileError(background, "no genes in the background list")
        lib = load_library(library, lexicon=lexicon)
        for problem in lib.problems[:10]:
            typer.echo(f"warning: {problem}", err=True)
        if len(lib.problems) > 10:
            typer.echo(f"warning: {library}: {len(lib.problems) - 10} more problem lines", err=True)
        result = lib.enrich(genes, universe=universe.value, background=bg, min_size=min_size, max_size=max_size,
                            include_all=all_sets)
        if result.universe.report is not None:
            for line in result.universe.report.lines()[1:]:
                typer.echo(f"background: {line}", err=True)
        for line in result.report.lines():
            typer.echo(f"genes: {line}", err=True)
        typer.echo(f"tested {result.tested_sets} distinct sets of {lib.n_terms} ({result.universe.kind} universe, "
                   f"N = {result.universe_size}, K = {result.query_size})", err=True)
        if result.query_size == 0:
            raise EnrichError(f"{genes_file}: none of the {result.report.given} genes is in the universe; "
                              "nothing was tested")
    except PathfigError as exc:
        # Same shape as pathfig.cli.fail; not imported from there so this module loads on its own.
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from None
    if output_format is OutputFormat.json:
        typer.echo(result.to_json(top, indent=1))
    else:
        result.write_tsv(sys.stdout, top)


def register(app: typer.Typer) -> None:
    """Add ``enrich`` to the root command."""
    app.command("enrich")(enrich_command)
