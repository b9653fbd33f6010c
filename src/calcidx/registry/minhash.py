"""Near-duplicate text detection: MinHash signatures of word shingles, compared by banding.

Broder, "On the resemblance and containment of documents" (1997): the share of equal minimum
hash values of two shingle sets estimates their Jaccard similarity. Signatures are banded
(locality-sensitive hashing, Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3) so
that only documents sharing a band are compared.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = ["NUM_PERM", "candidate_pairs", "jaccard_estimate", "signature"]

NUM_PERM = 64
SHINGLE_WORDS = 5
BANDS = 16
_PRIME = np.uint64(4294967311)  # the smallest prime above 2**32
_rng = np.random.default_rng(20261201)
_A = _rng.integers(1, 2**32 - 1, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, 2**32 - 1, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"[a-z0-9]+")


def signature(text: str) -> list[int]:
    """The MinHash signature (``NUM_PERM`` integers) of the text's five-word shingles."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:
        shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "little") for s in shingles),
        dtype=np.uint64,
        count=len(shingles),
    )
    values = (_A[:, None] * hashes[None, :] + _B[:, None]) % _PRIME
    return [int(v) for v in values.min(axis=1)]


def jaccard_estimate(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal positions)."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def candidate_pairs(
    signatures: Iterable[tuple[str, Sequence[int]]], threshold: float = 0.8
) -> list[tuple[str, str, float]]:
    """Pairs of keys whose signatures estimate a Jaccard similarity of at least ``threshold``.

    Args:
        signatures: (key, signature) in a stable order; within a pair the earlier key comes first.
        threshold: the least estimated similarity to report.
    """
    rows = BANDS and NUM_PERM // BANDS
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    items = [(key, list(sig)) for key, sig in signatures if sig and len(sig) == NUM_PERM]
    for index, (_key, sig) in enumerate(items):
        for band in range(BANDS):
            buckets[(band, tuple(sig[band * rows : (band + 1) * rows]))].append(index)
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[str, str, float]] = []
    for members in buckets.values():
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                if (first, second) in seen:
                    continue
                seen.add((first, second))
                score = jaccard_estimate(items[first][1], items[second][1])
                if score >= threshold:
                    pairs.append((items[first][0], items[second][0], score))
    return sorted(pairs, key=lambda p: (p[0], p[1]))
