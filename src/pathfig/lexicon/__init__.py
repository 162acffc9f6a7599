"""Gene lexicons: official-format loaders, the bundled human lexicon, build and update."""

from pathfig.lexicon.keys import normalize_key
from pathfig.lexicon.model import Lexicon, LexiconEntry, read_lexicon, write_lexicon

__all__ = ["Lexicon", "LexiconEntry", "normalize_key", "read_lexicon", "write_lexicon"]
