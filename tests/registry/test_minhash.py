"""MinHash signatures: the words they read, stable values, and an estimate whose error is known."""

from __future__ import annotations

import random
import re
import subprocess
import sys

from calcidx.registry.minhash import NUM_PERM, candidate_pairs, jaccard_estimate, signature, words
from tests.registry.synthetic import report

_WORD = re.compile(r"[a-z0-9]+")


def _shingles(text: str) -> set[str]:
    found = _WORD.findall(text.lower())
    if len(found) < 5:
        return {" ".join(found)}
    return {" ".join(found[i : i + 5]) for i in range(len(found) - 4)}


def _edited(text: str, share: float, rng: random.Random) -> str:
    return " ".join(w if rng.random() >= share else f"edit{rng.randrange(10**6)}" for w in text.split())


def test_the_words_are_the_ascii_alphanumeric_runs_of_the_lower_cased_text() -> None:
    samples = [
        "",
        "   ...  ",
        "a",
        "Calcinosis cutis, 3 x 4 mm; Ca2+ 2.61 mmol/L (high).",
        "Naïve café patient: Ünna-Thost, straße, İzmir, \u212avin, ǅ, 25-OH-D3",
        "tab\there\nnew line\r\nend9",
        report(3, seed=9).text,
    ]
    for text in samples:
        assert words(text) == _WORD.findall(text.lower()), text[:40]


def test_a_signature_has_fixed_length_and_range_and_is_the_same_in_another_process() -> None:
    text = report(5, seed=9).text
    sig = signature(text)
    assert len(sig) == NUM_PERM and all(0 <= v < 2**32 for v in sig)
    assert signature("") == signature("   ") and len(signature("")) == NUM_PERM
    assert signature("two words") == signature("Two, words!") != signature("two other")
    # the stored values never depend on the process (no salted hash()): another interpreter agrees
    code = "import sys; from calcidx.registry.minhash import signature; print(signature(sys.stdin.read()))"
    env = {"PYTHONHASHSEED": "7"}
    other = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, env=env)
    assert other.stdout.strip() == str(sig)


def test_the_estimate_follows_the_exact_jaccard_similarity_of_five_word_shingles() -> None:
    # 64 hash functions: the estimate's standard error is sqrt(J(1-J)/64) <= 0.0625 (at J = 0.5)
    rng = random.Random(11)
    errors = []
    for index in range(30):
        text = report(index, seed=21).text
        for share in (0.005, 0.02, 0.05, 0.15):
            other = _edited(text, share, rng)
            a, b = _shingles(text), _shingles(other)
            exact = len(a & b) / len(a | b)
            errors.append(jaccard_estimate(signature(text), signature(other)) - exact)
    mean = sum(errors) / len(errors)
    spread = (sum((e - mean) ** 2 for e in errors) / len(errors)) ** 0.5
    assert abs(mean) < 0.02  # unbiased
    assert spread < 0.075
    assert max(abs(e) for e in errors) < 0.25  # 4 standard errors


def test_near_identical_reports_pair_and_different_reports_do_not() -> None:
    texts = [report(index, seed=31).text for index in range(12)]
    near = texts[0].replace(" the ", " a ", 1)
    keyed = [(f"r{i}", signature(t)) for i, t in enumerate(texts)] + [("r0-copy", signature(near))]
    pairs = candidate_pairs(keyed, threshold=0.8)
    assert [(a, b) for a, b, _score in pairs] == [("r0", "r0-copy")]


def test_candidate_pairs_are_every_pair_at_the_threshold_and_only_those() -> None:
    rng = random.Random(5)
    texts = [report(index, seed=41).text for index in range(150)]
    texts += [_edited(texts[rng.randrange(150)], share, rng) for share in (0.0, 0.01, 0.03, 0.06, 0.1, 0.2)]
    keyed = [(f"d{index:03d}", signature(text)) for index, text in enumerate(texts)]
    keyed.append(("too-short", [1, 2, 3]))  # not a signature of this scheme: left out
    for threshold in (0.9, 0.8, 0.5, 0.3):
        brute = sorted(
            (a, b, jaccard_estimate(sa, sb))
            for i, (a, sa) in enumerate(keyed[:-1])
            for b, sb in keyed[i + 1 : -1]
            if jaccard_estimate(sa, sb) >= threshold
        )
        assert candidate_pairs(keyed, threshold) == brute, threshold
    assert candidate_pairs(keyed[:1]) == [] and candidate_pairs([]) == []
