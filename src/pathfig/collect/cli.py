"""``pathfig collect``: harvest pathway figures from Europe PMC or NCBI PMC into a folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from pathfig.errors import PathfigError

__all__ = ["collect_command", "register"]


def collect_command(
    query: Annotated[str, typer.Option("--query", help="Search query in the source's syntax, e.g. '\"signaling pathway\"'.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for <figid>.<image ext> + <figid>.yml and the ledger.")],
    date_from: Annotated[str, typer.Option("--from", help="First publication date, YYYY-MM-DD.")] = "",
    date_to: Annotated[str, typer.Option("--to", help="Last publication date, YYYY-MM-DD.")] = "",
    source: Annotated[str, typer.Option(help="europepmc (REST search, cursor pages) or pmc (NCBI E-utilities).")] = "europepmc",
    caption_filter: Annotated[str | None, typer.Option("--caption-filter", help="Regular expression a caption must contain (case-insensitive); default: the reference system's pathway terms.")] = None,
    all_figures: Annotated[bool, typer.Option("--all-figures", help="Keep every figure, whatever its caption.")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Read at most this many new articles (default: all hits).")] = None,
    api_key: Annotated[str | None, typer.Option("--api-key", help="NCBI API key (10 requests/s instead of 3); default $NCBI_API_KEY.")] = None,
    email: Annotated[str | None, typer.Option(help="Contact address sent to NCBI; default $NCBI_EMAIL.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Search open-access articles, keep figures whose caption matches, save images and sidecars.

    Re-running the same command (after Ctrl-C, or next month) fetches only what is new: a ledger in --out lists the articles and figures already collected. The folder is ready for `pathfig run`.
    """  # noqa: E501 - typer keeps docstring line breaks in --help
    from pathfig.collect import DEFAULT_CAPTION_FILTER, collect

    try:
        summary = collect(
            query, out, source=source, date_from=date_from, date_to=date_to,
            caption_filter=caption_filter or DEFAULT_CAPTION_FILTER, all_figures=all_figures, limit=limit,
            api_key=api_key, email=email or os.environ.get("NCBI_EMAIL") or None, progress=not quiet,
        )
    except PathfigError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from None
    except KeyboardInterrupt:
        typer.echo("interrupted: what was saved is in the ledger; run the same command again to go on", err=True)
        raise typer.Exit(code=130) from None
    for line in summary.lines():
        typer.echo(line)
    if summary.failures and not (summary.saved or summary.already):
        typer.secho("error: no figure could be saved", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add ``collect`` to the root command."""
    app.command("collect")(collect_command)
