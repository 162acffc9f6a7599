"""``python -m pathfig`` runs the command line."""

from pathfig.cli import app

__all__: list[str] = []

if __name__ == "__main__":
    app()
