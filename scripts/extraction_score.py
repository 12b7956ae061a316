"""Print precision, recall and F1 of the target extractor over a corpus.

Usage: .venv/bin/python scripts/extraction_score.py [CORPUS.jsonl] [--misses]
The default corpus is tongket/extraction/tests/corpus.jsonl. Needs no database and no Django.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tongket.extraction.scoring import (
    DEFAULT_CORPUS,
    CorpusError,
    format_misses,
    score_corpus,
)


def main(argv: list[str]) -> int:
    """Score the corpus named in `argv` (or the default one); 1 when the corpus is unreadable."""
    show_misses = "--misses" in argv
    paths = [a for a in argv if a != "--misses"]
    try:
        score = score_corpus(paths[0] if paths else DEFAULT_CORPUS)
    except CorpusError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(score.summary())
    if show_misses and score.misses:
        print(format_misses(score, limit=1000))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
