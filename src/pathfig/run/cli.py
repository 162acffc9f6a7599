"""The ``pathfig run`` command: parse, call :func:`pathfig.run.run`, print the summary.

Exit codes: 0 when at least one figure has results (read now or already done); 1 when every
figure failed, or the run could not start (no images, bad lexicon, unusable store); 130 when
interrupted (finished figures are kept; re-running the same command finishes the batch).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pathfig.errors import PathfigError

__all__ = ["register", "run_command"]

Inputs = Annotated[
    list[Path] | None,
    typer.Argument(metavar="INPUT", show_default=False,
                   help="Image files and/or folders (searched recursively); none: the bundled sample figures."),
]
Out = Annotated[Path, typer.Option("--out", "-o", help="Output directory: store, tables, OCR cache.")]
Workers = Annotated[
    int | None, typer.Option("--workers", "-j", min=1, help="Worker processes (default: number of cores).")
]
Force = Annotated[bool, typer.Option("--force", help="Redo figures already done.")]
LexiconPath = Annotated[
    Path | None,
    typer.Option("--lexicon", dir_okay=False,
                 help="One lexicon for every figure: a lexicon file, or an organism (human, mouse and "
                      "rat are bundled; others once `pathfig lexicon update --organism` built them). "
                      "Default: each figure's inferred organism picks its lexicon (see figures.jsonl)."),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
Threshold = Annotated[
    float, typer.Option("--threshold", min=0.0, max=1.0,
                        help="Figures whose pathway score (pathfig classify) is below this are recorded as "
                             "not pathway figures and not read.")
]
ReadAll = Annotated[bool, typer.Option("--all", help="Read every figure, whatever its pathway score (still stored).")]
Engine = Annotated[
    str, typer.Option("--engine",
                      help="OCR engine: rapidocr (int8 models on CPUs with VNNI, else float), rapidocr-float "
                           "(reads ~1 point more labels, ~50 % slower) or rapidocr-int8.")
]


def run_command(
    inputs: Inputs = None,
    out: Out = Path("pathfig-out"),
    workers: Workers = None,
    force: Force = False,
    lexicon: LexiconPath = None,
    quiet: Quiet = False,
    threshold: Threshold = 0.5,
    read_all: ReadAll = False,
    engine: Engine = "rapidocr",
) -> None:
    """Read figure images into gene tables: OCR, gene recognition, store, exports.

    Each image may have a sidecar <stem>.yml/.yaml/.json with its metadata (figid, figtitle, papertitle, caption, ...). Outputs in --out: genes.tsv, chemicals.tsv, diseases.tsv, figures.jsonl, gmt/pathfig-<Organism>.gmt (genes; Homo_sapiens always) and gmt/pathfig-chemicals-<Organism>.gmt, ocr/<figid>.json, the figure site site/, and the store pathfig.sqlite. Re-running skips figures already done; failed figures are recorded and the batch goes on.

    Each figure is first scored by the pathway-figure classifier (stored, and published as automl_pathway); a figure scoring below --threshold is recorded as not a pathway figure (status not_pathway) and not read, unless --all is given.

    Exit code 0 when at least one figure has results, 1 when every figure failed or the run could not start, 130 when interrupted.
    """  # noqa: E501 - typer keeps docstring line breaks in --help
    from pathfig.run import run, sample_figures_dir

    if not inputs:
        typer.echo(f"no input given: reading the sample figures in {sample_figures_dir()}", err=True)
    try:
        summary = run(inputs or [], out, workers=workers, force=force, lexicon=lexicon, progress=not quiet,
                      pathway_threshold=threshold, read_all=read_all, engine=engine)
    except PathfigError as exc:
        # Same shape as pathfig.cli.fail; not imported from there so this module loads on its own.
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from None
    except KeyboardInterrupt as exc:
        partial = exc.args[0] if exc.args else None
        if partial is not None and hasattr(partial, "lines"):
            for line in partial.lines():
                typer.echo(line, err=True)
        else:
            typer.echo("interrupted", err=True)
        raise typer.Exit(code=130) from None
    for line in summary.lines():
        typer.echo(line)
    if summary.all_failed:
        typer.secho("error: every figure failed", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add ``run`` to the root command."""
    app.command("run")(run_command)
