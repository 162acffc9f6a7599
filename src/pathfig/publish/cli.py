"""``pathfig publish``: write the figure site (pages, gene tables, Parquet) of a run's store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pathfig.errors import PathfigError

__all__ = ["publish_command", "register"]


def publish_command(
    store: Annotated[Path, typer.Argument(metavar="STORE_OR_RUN_DIR", help="A `pathfig run` output folder, or its pathfig.sqlite.")],
    site: Annotated[Path, typer.Option("--site", help="Site folder to write (created if needed).")],
    base_url: Annotated[str, typer.Option("--base-url", help="Site URL for the pages' schema.org @id, e.g. https://figures.example.org.")] = "",
    creator: Annotated[str, typer.Option(help="Organisation named as the creator in the schema.org block.")] = "pathfig",
) -> None:
    """Write _figures/<figid>.md (seed front matter + schema.org JSON-LD), _data/<figid>-genes.tsv and figures.parquet."""  # noqa: E501
    from pathfig.publish.site import publish_site

    try:
        summary = publish_site(store, site, base_url=base_url, creator=creator)
    except PathfigError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"pages: {summary.pages} in {summary.site / '_figures'}")
    typer.echo(f"gene tables: {summary.gene_tables} in {summary.site / '_data'}")
    typer.echo(f"figures table: {summary.parquet}")
    if summary.removed:
        typer.echo(f"removed {summary.removed} stale file(s)")
    for figid, why in summary.skipped:
        typer.echo(f"skipped {figid}: {why}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``publish`` to the root command."""
    app.command("publish")(publish_command)
