"""The ``pathfig classify`` command: parse, call :func:`pathfig.classify.classify_figures`, print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from pathfig.errors import PathfigError

__all__ = ["classify_command", "register"]

Inputs = Annotated[list[Path], typer.Argument(metavar="INPUT...", show_default=False,
                                              help="Image files and/or folders (searched recursively).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print a JSON list of objects instead of a table.")]
Threshold = Annotated[float, typer.Option("--threshold", min=0.0, max=1.0,
                                          help="Scores at or above this are pathway figures.")]
Model = Annotated[Path | None, typer.Option("--model", dir_okay=False, show_default=False,
                                            help="Model file (.npz/.json); default: the one shipped with pathfig.")]


def classify_command(
    inputs: Inputs,
    as_json: AsJson = False,
    threshold: Threshold = 0.5,
    model: Model = None,
) -> None:
    """Score figure images: P(pathway diagram), offline, with the model shipped in pathfig.

    Prints one row per image: figure id (from its sidecar, else the file stem), pathway_score, and whether it is a pathway figure at --threshold. Unreadable images are reported and the batch goes on; the exit code is 1 only when no image could be scored.
    """  # noqa: E501 - typer keeps docstring line breaks in --help
    from pathfig.classify import PathwayClassifier, classify_figures

    try:
        clf = PathwayClassifier.load(model)
        scores = classify_figures(inputs, threshold=threshold, classifier=clf)
    except PathfigError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from None
    if as_json:
        typer.echo(json.dumps([s.to_dict() for s in scores], ensure_ascii=False, indent=1))
    else:
        typer.echo("figid\tpathway_score\tpathway")
        for s in scores:
            if s.pathway_score is None:
                typer.echo(f"{s.figid}\t\terror: {s.error}")
            else:
                typer.echo(f"{s.figid}\t{s.pathway_score:.4f}\t{'yes' if s.is_pathway else 'no'}")
    failed = [s for s in scores if s.pathway_score is None]
    if not scores:
        typer.secho("error: no images found", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1)
    for s in failed:
        typer.secho(f"  ✗ {s.figid}: {s.error}", fg=typer.colors.RED, err=True)
    if len(failed) == len(scores):
        typer.secho("error: no image could be scored", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add ``classify`` to the root command."""
    app.command("classify")(classify_command)
