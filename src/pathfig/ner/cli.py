"""``pathfig genes``: recognise genes in text given on the command line or stdin."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from pathfig.errors import PathfigError

__all__ = ["register"]


def genes(
    text: Annotated[list[str], typer.Argument(help="Text to read; '-' reads standard input.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of mention objects.")] = False,
    lexicon: Annotated[str | None, typer.Option(help="Lexicon file or cached organism name (default: bundled human).")] = None,
    families: Annotated[str, typer.Option(help="Family names: 'representative' (one member) or 'expand' (all members).")] = "representative",
    priority: Annotated[str, typer.Option(help="Which names may match: strict (symbols), synonyms, all.")] = "all",
) -> None:
    """Recognise gene names in TEXT and print one row per mention."""
    from pathfig.ner import GeneRecognizer, Options

    if families not in ("representative", "expand"):
        raise typer.BadParameter("--families must be 'representative' or 'expand'")
    if priority not in ("strict", "synonyms", "all"):
        raise typer.BadParameter("--priority must be strict, synonyms or all")
    opts = Options(families=families, priority=priority)  # type: ignore[arg-type]
    body = "\n".join(sys.stdin.read() if t == "-" else t for t in text)
    try:
        rec = GeneRecognizer.default(opts) if lexicon is None else GeneRecognizer.from_path(lexicon, opts)
    except PathfigError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from exc
    mentions = rec.recognize_text(body)
    if as_json:
        typer.echo(json.dumps([m.to_dict() for m in mentions], ensure_ascii=False, indent=1))
        return
    cols = ["word", "match", "ncbigene_id", "ncbigene_symbol", "hgnc_id", "source", "transforms", "ambiguous"]
    typer.echo("\t".join(cols))
    for m in mentions:
        d = m.to_dict()
        d["transforms"] = ",".join(m.transforms)
        d["ambiguous"] = "yes" if m.ambiguous else ""
        typer.echo("\t".join(str(d[c]) for c in cols))


def register(app: typer.Typer) -> None:
    """Add the ``genes`` command to the root app."""
    app.command("genes")(genes)
