"""Suggest objectives for a clause by word overlap, computed locally and explained.

TF-IDF over stemmed words (Snowball English stemmer), cosine similarity between the clause and each
objective's code, title and description. Stop words and contract boilerplate ("shall", "party")
carry no signal and are dropped. Each suggestion lists the words that matched, heaviest first, so a
negotiator can see why it was made. No model, no network: the same input gives the same answer.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

THRESHOLD = 0.08
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP_WORDS = """
    about above after again against all also and any are because been before being below between both
    but can could did does doing down during each few for from further had has have having her here
    hers him his how into its itself just more most much must not now off once only other our ours out
    over own same she should some such than that the their theirs them then there these they this
    those through too under until upon very was were what when where which while who whom why will
    with within without would you your yours may might per via
    one two three four five six seven eight nine ten eleven twelve
    shall party parties agreement clause clauses hereby herein hereof hereto thereof therein
    hereunder thereunder pursuant including include includes section article schedule annex
    buyer supplier customer contractor client provider vendor purchaser
"""
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class Suggestion:
    objective_id: int
    score: float
    words: list[str]


_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    stem: str = _stemmer.stemWord(word)
    return stem


def _terms(text: str) -> tuple[Counter[str], dict[str, str]]:
    """Stem counts of the text, and the first surface word seen for each stem (for explanations)."""
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for word in _WORD.findall((text or "").lower()):
        if word in _STOP:
            continue
        stem = _stem(word)
        counts[stem] += 1
        surface.setdefault(stem, word)
    return counts, surface


def suggest(
    clause_text: str, objectives: list[tuple[int, str]], corpus: list[str] | None = None, limit: int = 3
) -> list[Suggestion]:
    """Objectives (id, text) most similar to the clause, best first, above THRESHOLD.

    `corpus` — other texts of the same agreement — sharpens the IDF so words every clause uses
    (say, "deliver" in a supply contract) count for less.
    """
    clause, surface = _terms(clause_text)
    docs = [(oid, _terms(text)[0]) for oid, text in objectives]
    everything = [clause, *(terms for _, terms in docs), *(_terms(t)[0] for t in corpus or [])]
    stems = set(clause).union(*(terms for _, terms in docs))
    idf = {
        stem: math.log((1 + len(everything)) / (1 + sum(1 for d in everything if stem in d))) + 1
        for stem in stems
    }
    found = []
    for oid, terms in docs:
        shared = set(clause) & set(terms)
        if not shared:
            continue
        weights = {s: clause[s] * terms[s] * idf[s] ** 2 for s in shared}
        norm = _norm(clause, idf) * _norm(terms, idf)
        score = sum(weights.values()) / norm if norm else 0.0
        if score >= THRESHOLD:
            words = [surface[s] for s in sorted(weights, key=lambda s: (-weights[s], s))]
            found.append(Suggestion(oid, round(score, 2), words))
    return sorted(found, key=lambda s: (-s.score, s.objective_id))[:limit]


def _norm(terms: Counter[str], idf: dict[str, float]) -> float:
    return math.sqrt(sum((n * idf[s]) ** 2 for s, n in terms.items()))
