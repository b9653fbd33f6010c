"""Near-duplicate text detection: MinHash signatures of word shingles, compared by banding.

Broder, "On the resemblance and containment of documents" (1997): the share of equal minimum
hash values of two shingle sets estimates their Jaccard similarity. Only documents sharing a
block of equal values are compared (``candidate_pairs``: banding, as in locality-sensitive hashing,
Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3, with the blocks sized so that no
pair at the threshold is missed).

The signature is computed in a few NumPy passes over the whole text, with no Python loop per word
or shingle: the words are the runs of ``[a-z0-9]`` in the lower-cased text (the same words as
``re.findall(r"[a-z0-9]+", text.lower())``); each word gets a 64-bit polynomial hash of its
characters (``np.add.reduceat``); each five-word shingle combines its words' hashes polynomially
and is finished by the SplitMix64 mixer (Steele, Lea & Flood, "Fast splittable pseudorandom number
generators", OOPSLA 2014); the ``NUM_PERM`` hash functions are multiply-add-shift
(Dietzfelbinger et al., "A reliable randomized algorithm for the closest-pair problem", 1997):
the top 32 bits of ``a * x + b`` modulo 2**64, with odd ``a``.

``SCHEME`` names this way of computing signatures; the registry stores it beside each signature
(``documents.minhash_scheme``) and compares only signatures of the same scheme.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["NUM_PERM", "SCHEME", "candidate_pairs", "jaccard_estimate", "signature", "words"]

#: The signature scheme stored with each signature (1: the earlier blake2b-per-shingle scheme).
SCHEME = 2
NUM_PERM = 64
SHINGLE_WORDS = 5

_U64 = npt.NDArray[np.uint64]
_rng = np.random.default_rng(20261201)
_A: _U64 = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd
_B: _U64 = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
_CHAR_BASE = np.uint64(0x100000001B3)  # the FNV-1a 64-bit prime: the base of the words' polynomial hash
_WORD_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd: the base of the shingles' polynomial over word hashes
_EMPTY = np.uint64(0x2545F4914F6CDD1D)  # the one shingle of a text without any word
_SHIFT = np.uint64(32)
_powers: _U64 = np.ones(1, dtype=np.uint64)

# Which bytes of the lower-cased, ASCII-encoded text belong to words ([a-z0-9]).
_IS_WORD = np.zeros(256, dtype=bool)
_IS_WORD[ord("a") : ord("z") + 1] = True
_IS_WORD[ord("0") : ord("9") + 1] = True


def _char_powers(length: int) -> _U64:
    """``_CHAR_BASE ** i`` modulo 2**64 for ``i < length`` (the table grows on demand, kept)."""
    global _powers
    if len(_powers) < length:
        size = max(length, 2 * len(_powers), 256)
        mask, power, values = (1 << 64) - 1, 1, []
        for _ in range(size):  # once per process, up to the longest word seen
            values.append(power)
            power = power * int(_CHAR_BASE) & mask
        table = np.array(values, dtype=np.uint64)
        _powers = table
    return _powers[:length]


def _mix(x: _U64) -> _U64:
    """SplitMix64's finaliser on each value (uint64 arithmetic wraps modulo 2**64)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _word_spans(text: str) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
    """(the text's bytes, the positions of its word characters, which of those start a word)."""
    # one byte per character: a character outside ASCII becomes "?", which is not a word character
    raw = np.frombuffer(text.lower().encode("ascii", "replace"), dtype=np.uint8)
    at = np.flatnonzero(_IS_WORD[raw])
    first = np.empty(at.size, dtype=bool)
    if at.size:
        first[0] = True
        np.not_equal(at[1:] - at[:-1], 1, out=first[1:])
    return raw, at, first


def words(text: str) -> list[str]:
    """The words the signature reads: the runs of ``[a-z0-9]`` in the lower-cased text."""
    raw, at, first = _word_spans(text)
    starts = np.flatnonzero(first).tolist()
    ends = [*starts[1:], at.size] if starts else []
    data = raw.tobytes()
    return [data[at[s] : at[e - 1] + 1].decode("ascii") for s, e in zip(starts, ends, strict=True)]


def _word_hashes(text: str) -> _U64:
    """One 64-bit hash per word, in text order: a polynomial over its characters."""
    raw, at, first = _word_spans(text)
    if not at.size:
        return np.empty(0, dtype=np.uint64)
    starts = np.flatnonzero(first)
    offset = np.arange(at.size) - starts[np.cumsum(first) - 1]  # each character's place in its word
    terms = raw[at].astype(np.uint64) * _char_powers(int(offset.max()) + 1)[offset]
    return np.add.reduceat(terms, starts)


def _shingle_hashes(text: str) -> _U64:
    """The hashes of the text's five-word shingles (all its words when fewer), repeats kept (a
    repeated shingle cannot change a minimum)."""
    hashes = _word_hashes(text)
    count = hashes.size
    if count == 0:
        return np.array([_EMPTY], dtype=np.uint64)
    width = min(SHINGLE_WORDS, count)
    windows = count - width + 1
    combined = hashes[:windows].copy()
    for k in range(1, width):
        combined = combined * _WORD_BASE + hashes[k : k + windows]
    return _mix(combined)


def signature(text: str) -> list[int]:
    """The MinHash signature (``NUM_PERM`` integers below 2**32) of the text's five-word shingles."""
    shingles = _shingle_hashes(text)
    values = (_A[:, None] * shingles[None, :] + _B[:, None]) >> _SHIFT
    return values.min(axis=1).tolist()  # type: ignore[no-any-return]


def jaccard_estimate(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal positions)."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def candidate_pairs(
    signatures: Iterable[tuple[str, Sequence[int]]], threshold: float = 0.8
) -> list[tuple[str, str, float]]:
    """Pairs of keys whose signatures estimate a Jaccard similarity of at least ``threshold``.

    Exact, not probabilistic: two signatures reach the threshold when they differ in at most ``d``
    of their ``NUM_PERM`` positions, so cut into ``d + 1`` blocks of consecutive positions they have
    at least one block entirely equal (pigeonhole). Documents sharing a block are the candidates
    (found by sorting each block's keys); each candidate pair is then compared whole. Every pair at
    or above the threshold is found, and look-alike reports that share a few values are not all
    compared (at 0.8: 13 blocks of 4-5 values). Both steps are array operations, in bounded blocks.

    Args:
        signatures: (key, signature) in a stable order, all of one scheme; within a pair the
            earlier key comes first.
        threshold: the least estimated similarity to report.
    """
    keys: list[str] = []
    rows_of: list[Sequence[int]] = []
    for key, sig in signatures:
        if sig and len(sig) == NUM_PERM:
            keys.append(key)
            rows_of.append(sig)
    count = len(keys)
    if count < 2:
        return []
    need = _least_equal(threshold)
    matrix = np.asarray(rows_of, dtype=np.uint64)
    pairs = _block_candidates(matrix, blocks=NUM_PERM - need + 1)
    if not pairs.size:
        return []
    first, second = np.divmod(pairs, count)
    equal = np.empty(pairs.size, dtype=np.int64)
    for start in range(0, pairs.size, _BLOCK):  # bounded memory: _BLOCK x NUM_PERM comparisons at a time
        part = slice(start, start + _BLOCK)
        equal[part] = np.count_nonzero(matrix[first[part]] == matrix[second[part]], axis=1)
    keep = np.flatnonzero(equal >= need)
    found = [
        (keys[a], keys[b], int(e) / NUM_PERM)
        for a, b, e in zip(first[keep].tolist(), second[keep].tolist(), equal[keep].tolist(), strict=True)
    ]
    return sorted(found, key=lambda p: (p[0], p[1]))


#: Candidate pairs compared per block in ``candidate_pairs``.
_BLOCK = 65_536
_KEY_BASE = np.uint64(0x9E3779B97F4A7C15)


def _least_equal(threshold: float) -> int:
    """The fewest equal positions whose share (``jaccard_estimate``) reaches ``threshold`` (at least 1)."""
    need = max(1, min(NUM_PERM, math.ceil(threshold * NUM_PERM)))
    while need > 1 and (need - 1) / NUM_PERM >= threshold:
        need -= 1
    while need < NUM_PERM and need / NUM_PERM < threshold:
        need += 1
    return need


def _block_candidates(matrix: _U64, *, blocks: int) -> npt.NDArray[np.int64]:
    """Distinct pairs ``i * n + j`` (``i < j``) of rows of ``matrix`` equal on at least one of
    ``blocks`` runs of consecutive columns."""
    count = matrix.shape[0]
    found: list[npt.NDArray[np.int64]] = []
    for columns in np.array_split(np.arange(NUM_PERM), min(blocks, NUM_PERM)):
        # one key per row for the block: equal blocks give equal keys (a rare collision of unequal
        # blocks only adds a candidate, which the whole-signature comparison then rejects)
        key = matrix[:, columns[0]].copy()
        for column in columns[1:]:
            key = key * _KEY_BASE + matrix[:, column]
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        sizes = np.diff(np.append(starts, count))
        twos = starts[sizes == 2]  # the common case, at once
        if twos.size:
            a, b = order[twos].astype(np.int64), order[twos + 1].astype(np.int64)
            found.append(np.minimum(a, b) * count + np.maximum(a, b))
        for start, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist(), strict=True):
            members = np.sort(order[start : start + size]).astype(np.int64)
            i, j = np.triu_indices(size, k=1)
            found.append(members[i] * count + members[j])
    if not found:
        return np.empty(0, dtype=np.int64)
    pairs = np.sort(np.concatenate(found))
    unique: npt.NDArray[np.int64] = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
    return unique
