"""Skin lesions: body site (with laterality), morphology and size, from sentences that describe a lesion."""

from __future__ import annotations

import re

from calcidx.case.model import Lesion
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.fields.patterns import CasePatterns
from calcidx.extract.fields.sites import site_phrase
from calcidx.extract.prefilter import may_match
from calcidx.extract.records import Mention
from calcidx.extract.sections import Sentence

__all__ = ["LesionsReader"]

_SIZE = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:[×x*]\s*\d+(?:\.\d+)?\s*)?(?:(?:-|–|to)\s*\d+(?:\.\d+)?\s*(?:[×x*]\s*\d+(?:\.\d+)?\s*)?)?"
    r"(?:cm|mm)\b"
)
_BILATERALLY = re.compile(r"^[^,;.]*?\bbilaterally\b")


class LesionsReader:
    """One ``Lesion`` per site named in a lesion sentence ("nodules on the left elbow")."""

    def __init__(self, context: FieldContext, patterns: CasePatterns) -> None:
        self.context = context
        self.patterns = patterns
        self.found: dict[str, Lesion] = {}
        #: the morphology words, lesion words and size of the sentence last read (read once for all its sites)
        self._sentence_words: tuple[int, list[str], list[str], re.Match[str] | None] = (-1, [], [], None)
        #: the start of the sentence last read that gave a lesion, its lesion words and its morphology words
        self._added: tuple[int, list[str], list[str]] = (-1, [], [])
        #: the last site named for the patient, with its sentence (for "at that site")
        self._last_site: tuple[Mention, Sentence] | None = None
        #: the patient's sentence read before this one (for "The axillae were involved")
        self._previous: SentenceView | None = None

    def read(self, view: SentenceView, exposure_sites: set[int] | frozenset[int] = frozenset()) -> None:
        """Reads the site mentions of one sentence, if the sentence describes a lesion.

        ``exposure_sites`` are the starts of the site mentions the sentence ties to an exposure
        ("extravasation in the left arm"): where the sentence names another site, the lesion is
        there ("... 20 years ago now has nodules on both shins"), not at the exposure's site. A
        lesion sentence that names no site but points back to one ("a plaque formed at the infusion
        site") has its lesion at the site last named for the patient.
        """
        previous, self._previous = self._previous, view
        sites = [m for m in view.mentions if m.is_site]
        if not sites:
            if self._last_site is not None and self._refers_back(view.sentence) and self._lesion_sentence(view):
                self._add(*self._last_site, words=view.sentence)
            return
        self._read_sites(view, sites, exposure_sites, previous)
        self._last_site = (sites[-1], view.sentence)

    def _read_sites(
        self,
        view: SentenceView,
        sites: list[Mention],
        exposure_sites: set[int] | frozenset[int],
        previous: SentenceView | None,
    ) -> None:
        if exposure_sites and all(m.start in exposure_sites for m in sites):
            exposure_sites = frozenset()  # the exposure's site is the only one: the lesion's too
        lesion_sentence: bool | None = None
        for mention in sites:
            if mention.start in exposure_sites and not self._lesion_clause_site(mention, view, sites, exposure_sites):
                continue
            if lesion_sentence is None:
                lesion_sentence = self._lesion_sentence(view)
            if not lesion_sentence:
                self._read_involved(view, sites, exposure_sites, previous)
                return
            if self._exposure_clause(mention, view) and not self._refers_back(view.sentence):
                continue
            self._add(mention, view.sentence)

    def _read_involved(
        self,
        view: SentenceView,
        sites: list[Mention],
        exposure_sites: set[int] | frozenset[int],
        previous: SentenceView | None,
    ) -> None:
        """A sentence of sites and no lesion that says they are involved ("The axillae and groins were
        involved", ``site_involvement``), right after a sentence naming a skin lesion ("She had firm
        yellow papules."): the sites are that lesion's, described by that sentence."""
        if previous is None or not any(p.search(view.sentence.text) for p in self.patterns.site_involvement):
            return
        if not self._lesion_sentence(previous):
            return
        for mention in sites:
            if mention.start not in exposure_sites:
                self._add(mention, view.sentence, words=previous.sentence)

    def _lesion_sentence(self, view: SentenceView) -> bool:
        """Whether the sentence names a skin lesion (a lesion or morphology word outside the
        internal, denied and injury lesions)."""
        text, words = view.sentence.text, view.sentence.words
        skin = self._skin_only(text, words)
        patterns = self.patterns
        return (may_match(patterns.lesion, words) and patterns.lesion.search(skin) is not None) or (
            may_match(patterns.morphology, words) and patterns.morphology.search(skin) is not None
        )

    def _lesion_words_doubted(self, sentence: Sentence) -> bool:
        """Every lesion word of the sentence is denied, doubted or a relative's ("Query calcinosis of the
        fingertips", "Possible calcinosis of the elbows vs panniculitis"): its sites give no lesion."""
        ctx = self.context
        statuses = [
            ctx.assertion(sentence.start + m.start(), sentence.start + m.end(), sentence, ("feature",))[0]
            for m in self.patterns.lesion.finditer(sentence.text)
        ]
        return bool(statuses) and all(s in ("absent", "possible", "family") for s in statuses)

    def _refers_back(self, sentence: Sentence) -> bool:
        """The sentence puts its lesion at a site named before ("at that site", ``site_anaphora``)."""
        return any(pattern.search(sentence.text) for pattern in self.patterns.site_anaphora)

    def _lesion_clause_site(
        self, mention: Mention, view: SentenceView, sites: list[Mention], exposure_sites: set[int] | frozenset[int]
    ) -> bool:
        """An exposure's site is the lesion's too when its clause (between semicolons) names a lesion
        and no other site ("injections into the abdomen; now plaques at the injection sites on the
        abdomen")."""
        text = view.sentence.text
        if ";" not in text:
            return False
        start, end = _clause(text, mention.start - view.sentence.start)
        lo, hi = view.sentence.start + start, view.sentence.start + end
        if any(lo <= m.start < hi and m.start not in exposure_sites for m in sites):
            return False
        clause = text[start:end]
        return self.patterns.lesion.search(clause) is not None or self.patterns.morphology.search(clause) is not None

    def _exposure_clause(self, mention: Mention, view: SentenceView) -> bool:
        """The site lies in a clause (between semicolons) that names an exposure and no lesion: the
        site of the exposure ("an EEG with electrode paste on the scalp last month; now papules on the
        soles"), not of a lesion."""
        sentence = view.sentence
        text = sentence.text
        if ";" not in text:
            return False
        start, end = _clause(text, mention.start - sentence.start)
        clause = text[start:end]
        lo, hi = sentence.start + start, sentence.start + end
        exposure = any(
            table == "exposure" and lo <= m.start and m.end <= hi for m, _, _ in view.concepts for table, _ in m.keys
        )
        if not exposure:
            return False
        patterns = self.patterns
        return patterns.lesion.search(clause) is None and patterns.morphology.search(clause) is None

    def _skin_only(self, text: str, words: frozenset[str] | None) -> str:
        """``text`` with the lesions of internal organs ("small pulmonary nodules"), a drug's route
        ("subcutaneous heparin injections"), denied lesions ("no suspicious lesion") and swellings of a
        bone injury ("swelling ... caused by a fracture") blanked out: the lesion words left are those
        that may name a skin lesion."""
        for blanked in (self.patterns.internal_lesion, self.patterns.route):
            if blanked is not None and may_match(blanked, words):
                text = blanked.sub(" ", text)
        patterns = self.patterns
        for pattern, needed in (
            (patterns.denied_lesion, patterns.denial_words),
            (patterns.injury_lesion, patterns.injury_words),
        ):
            if pattern is not None and (words is None or words & needed):
                text = pattern.sub(" ", text)
        return text

    def _add(self, mention: Mention, sentence: Sentence, *, words: Sentence | None = None) -> None:
        """Add the lesion at the site ``mention`` of ``sentence``, described by the sentence ``words``
        (``sentence`` itself unless the lesion's sentence points back to a site named before)."""
        ctx = self.context
        patterns = self.patterns
        text = ctx.text
        status, _ = ctx.assertion(mention.start, mention.end, sentence)
        if status in ("absent", "hypothetical", "family") or self._lesion_words_doubted(sentence):
            return
        phrase = site_phrase(ctx, patterns, mention, sentence)
        start, laterality = phrase.start, phrase.laterality
        after = text[mention.end : min(sentence.end, mention.end + 40)]
        if patterns.imaging.match(after.lstrip()):
            return
        if laterality is None and _BILATERALLY.match(after):
            laterality = "bilateral"
        site = " ".join(text[start : mention.end].split())
        key = site.lower()
        words = words or sentence
        if self._sentence_words[0] != words.start:
            sentence_text = words.text
            if patterns.morphology_blanks is not None:  # "raised white cell count": no white lesion
                sentence_text = patterns.morphology_blanks.sub(lambda m: " " * len(m.group()), sentence_text)
            self._sentence_words = (
                words.start,
                # a word the sentence denies is not the lesion's ("firm nodules, not painful")
                [
                    m.group().lower()
                    for m in patterns.morphology.finditer(sentence_text)
                    if ctx.assertion(words.start + m.start(), words.start + m.end(), words, ("feature",))[0] != "absent"
                ],
                [m.group().lower() for m in patterns.lesion.finditer(sentence_text)],
                _SIZE.search(sentence_text),
            )
        _, morphology, kinds, size = self._sentence_words
        self._added = (words.start, kinds, morphology)
        if key in self.found:
            lesion = self.found[key]
            lesion.evidence.append(ctx.ev(start, mention.end))
            for word in morphology:
                if word not in lesion.morphology:
                    lesion.morphology.append(word)
            for word in kinds:
                if word not in lesion.kinds:
                    lesion.kinds.append(word)
            return
        self.found[key] = Lesion(
            site=site,
            laterality=laterality,
            morphology=list(dict.fromkeys(morphology)),
            kinds=list(dict.fromkeys(kinds)),
            size=size.group() if size else None,
            evidence=[ctx.ev(start, mention.end)],
        )

    def kinds_in(self, sentence: Sentence) -> list[str]:
        """The lesion words of a sentence that gave a lesion (none if it gave none)."""
        start, kinds, _ = self._added
        return kinds if start == sentence.start else []

    def words_in(self, sentence: Sentence) -> list[str]:
        """The lesion and morphology words of a sentence that gave a lesion ("calcified", "nodules")."""
        start, kinds, morphology = self._added
        return [*kinds, *morphology] if start == sentence.start else []

    def lesions(self) -> list[Lesion]:
        """The lesions read so far, in the order first seen."""
        return list(self.found.values())


def _clause(text: str, offset: int) -> tuple[int, int]:
    """The clause of ``text`` (between semicolons) around ``offset``: its start and end offsets."""
    end = text.find(";", offset)
    return text.rfind(";", 0, offset) + 1, len(text) if end < 0 else end
