"""``pathfig annotate-text``: organisms, genes, chemicals and diseases of text records (JSONL or TSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pathfig.errors import PathfigError

__all__ = ["annotate_text", "register"]


def annotate_text(
    source: Annotated[Path, typer.Argument(metavar="INPUT", help="JSONL or TSV records with figid and any of figtitle, caption, papertitle, text ('-': standard input).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="JSONL file to write.")],
    lab_animals: Annotated[str, typer.Option(help="Mouse, rat, hamster, guinea pig and Xenopus studies: 'human' (reported as human, as the reference curation does) or 'own'.")] = "human",
) -> None:
    """Annotate text records: each output record adds organisms, genes, chemicals and diseases."""
    from pathfig.ner.annotate import Annotator, annotate_file
    from pathfig.ner.organisms import OrganismOptions

    if lab_animals not in ("human", "own"):
        raise typer.BadParameter("--lab-animals must be 'human' or 'own'")
    try:
        annotator = Annotator.default(organism_options=OrganismOptions(lab_animals=lab_animals))  # type: ignore[arg-type]
        written, errors = annotate_file(source, out, annotator,
                                        on_error=lambda e: typer.secho(f"error: {e}", fg=typer.colors.RED, err=True))
    except PathfigError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{out}: {written} record{'' if written == 1 else 's'}" + (f", {errors} skipped (see errors above)" if errors else ""))
    if errors and not written:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``annotate-text`` to the root app."""
    app.command("annotate-text")(annotate_text)
