"""The ``pathfig`` command line: each command parses, calls one library function, prints."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from pathfig import __version__
from pathfig.errors import PathfigError

__all__ = ["app", "main"]

app = typer.Typer(
    name="pathfig",
    help="Turn published pathway figures into computable data.",
    no_args_is_help=True,
    add_completion=False,
)

Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pathfig {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    verbose: Verbose = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def fail(exc: PathfigError) -> typer.Exit:
    """Print an expected failure without a traceback; the caller raises the returned Exit."""
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


def _register() -> None:
    # Sub-commands live beside their stage; imported here so `cli.py` stays the one wiring point.
    from pathfig.collect.cli import register as register_collect
    from pathfig.lexicon.cli import lexicon_app
    from pathfig.ner.annotate_cli import register as register_annotate
    from pathfig.ner.cli import register as register_ner
    from pathfig.publish.cli import register as register_publish
    from pathfig.run.cli import register as register_run

    app.add_typer(lexicon_app, name="lexicon", help="Inspect, build and update gene lexicons.")
    register_ner(app)
    register_annotate(app)
    register_run(app)
    __import__("pathfig.classify.cli", fromlist=["register"]).register(app)  # `pathfig classify`
    __import__("pathfig.enrich.cli", fromlist=["register"]).register(app)  # `pathfig enrich`
    register_publish(app)
    register_collect(app)


_register()


def main() -> None:
    """Entry point used by ``python -m pathfig``."""
    try:
        app()
    except PathfigError as exc:  # pragma: no cover - typer handles exits itself
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
