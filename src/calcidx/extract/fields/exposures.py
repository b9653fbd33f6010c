"""Exposures that can cause calcinosis (calcium infusions, extravasation, injections) and where they were.

An exposure the knowledge marks ``at_site`` (it causes calcinosis where it was applied) gets the
body site the text ties it to (``Finding.site``): only through the words of
``extract/data/exposure_sites.yaml`` ("extravasation at the right ankle", "through a cannula in
the left hand", "at the injection sites on the thighs"), never through a site merely named in the
same sentence, so the lesion's own site cannot make its cause "confirmed".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from calcidx.case.model import Evidence, Finding, Lesion
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.fields.medications import MedicationStatus
from calcidx.extract.fields.patterns import CasePatterns
from calcidx.extract.fields.sites import SitePhrase, site_phrase
from calcidx.extract.records import Mention

__all__ = ["ExposuresReader"]

_WORDS = re.compile(r"[a-z]+")
# words the "after" rule may span between an exposure and its site, and the "access" rule before a site
_AFTER_WINDOW = 90
_ACCESS_WINDOW = 60


@functools.cache
def _at_site_exposures() -> frozenset[str]:
    """The exposure ids the knowledge marks as acting where they were applied."""
    from calcidx.knowledge.loader import load_bundle

    return frozenset(e.id for e in load_bundle().exposures.values() if e.at_site)


class ExposuresReader:
    """Collects one exposure ``Finding`` per exposure and assertion (and site); repeats add evidence."""

    def __init__(self, context: FieldContext, patterns: CasePatterns) -> None:
        self.context = context
        self.patterns = patterns
        self.rules = patterns.exposure_sites
        self.at_site = _at_site_exposures()
        self.found: dict[tuple[str, str], list[Finding]] = {}
        # at-site exposures of the previous sentence with no site yet: "the injection sites on the
        # thighs" in the next sentence names their site
        self._previous: list[Finding] = []
        #: the start of the site mentions the last sentence read tied to an exposure
        self.tied_sites: set[int] = set()
        #: exposures a sentence put the lesions at, with that sentence's words (place_at_lesions)
        self._at_lesions: list[tuple[Finding, Evidence]] = []
        # the previous sentence: its last access site ("through a peripheral line in the right foot")
        # is the site of an escape the next sentence tells without one ("Extravasation occurred")
        self._previous_view: SentenceView | None = None

    def read(self, view: SentenceView) -> None:
        """Reads the exposure mentions of one sentence, with their sites."""
        sites: list[SitePhrase] | None = None
        at_site: list[Finding] = []
        self.tied_sites = set()
        for mention, status, trigger in view.concepts:
            for table, item_id in mention.keys:
                if table != "exposure":
                    continue
                if item_id in self.context.rules.other_agent_exposures and self._other_agent(mention, view):
                    continue  # "doxorubicin had extravasated": not calcium
                site: SitePhrase | None = None
                if item_id in self.at_site:
                    if sites is None:
                        sites = self._sites(view)
                    site = self._site_of(mention, sites, view)
                    if site is not None:
                        self.tied_sites.add(site.mention.start)
                        for further in self._further_sites(site, sites):
                            self.tied_sites.add(further.mention.start)
                            at_site.append(self._add(mention, item_id, status, trigger, further))
                finding = self._add(mention, item_id, status, trigger, site)
                if item_id in self.at_site:
                    at_site.append(finding)
        if not at_site and self._previous:
            sites = self._sites(view)
            access = self._access_sites(view, sites) or self._sites_after_reference(view, sites)
            if access:
                site = access[0]
                for finding in self._previous:
                    if finding.site is None:
                        finding.site = site.text
                        finding.evidence.append(self.context.ev(site.start, site.end))
        unplaced = [f for f in at_site if f.site is None]
        if unplaced and self._previous_view is not None:
            self._place_escape(view, self._previous_view, unplaced)
        self._previous = [f for f in at_site if f.site is None]
        self._previous_view = view
        self._lesions_there(view, sites)

    def _place_escape(self, view: SentenceView, before: SentenceView, unplaced: list[Finding]) -> None:
        """An escape told with no site ("Extravasation occurred on day 10") is at the last access
        site the sentence ``before`` named (exposure_site.escape_after_access)."""
        if not self.rules["exposure_site.escape_after_access"].pattern.search(view.sentence.text):
            return
        if not any(m.is_site for m in before.mentions):
            return
        access = self._access_sites(before, self._sites(before))
        if access:
            site = access[-1]
            for finding in unplaced:
                finding.site = site.text
                finding.evidence.append(self.context.ev(site.start, site.end))

    def place_at_lesions(self, lesions: Sequence[Lesion]) -> None:
        """Give the exposures a sentence put the lesions at ("The lesions were at the electrode
        sites") the first lesion site read, if they have no site yet."""
        where = next((lesion for lesion in lesions if lesion.site), None)
        if where is None or where.site is None:
            return
        site = where.site
        if where.laterality in ("left", "right") and where.laterality not in site:
            site = f"{where.laterality} {site}"
        for finding, evidence in self._at_lesions:
            if finding.site is None:
                finding.site = site
                finding.evidence.extend([evidence, *where.evidence[:1]])

    def exposures(self) -> list[Finding]:
        """The exposures read so far, in the order first seen."""
        return [finding for findings in self.found.values() for finding in findings]

    def settle(self, statuses: Mapping[str, MedicationStatus]) -> None:
        """Give the present or past exposures of each drug in ``statuses`` the status its rule read.

        "On warfarin ... warfarin was stopped" is one past exposure, not a current one beside a past
        one: the assessment treats a present drug as current (and advises on it).
        """
        rebuilt: dict[tuple[str, str], list[Finding]] = {}
        for (item_id, status), findings in self.found.items():
            ruled = statuses.get(item_id)
            if ruled is None or status not in ("present", "historical"):
                rebuilt.setdefault((item_id, status), []).extend(findings)
                continue
            known = rebuilt.setdefault((item_id, ruled.status), [])
            for finding in findings:
                finding.assertion = ruled.status  # type: ignore[assignment]
                finding.trigger = None if ruled.status == "present" else ruled.cue
                same = next((f for f in known if f.site == finding.site), None)
                if same is None:
                    known.append(finding)
                else:
                    same.evidence.extend(finding.evidence)
        self.found = rebuilt

    # ------------------------------------------------------------------ parts
    def _lesions_there(self, view: SentenceView, sites: list[SitePhrase] | None) -> None:
        """A sentence that puts the lesions at the exposure's sites (exposure_site.lesions_there)
        ties the at-site exposures with no site yet to a site it names, or else to the lesions'."""
        there = self.rules["exposure_site.lesions_there"].pattern.search(view.sentence.text)
        if there is None:
            return
        waiting = [
            finding
            for (item_id, status), findings in self.found.items()
            if item_id in self.at_site and status in ("present", "historical")
            for finding in findings
            if finding.site is None
        ]
        if not waiting:
            return
        start = view.sentence.start
        evidence = self.context.ev(start + there.start(), start + there.end())
        named = sites if sites is not None else self._sites(view)
        for finding in waiting:
            if named:
                finding.site = named[0].text
                finding.evidence.extend([evidence, self.context.ev(named[0].start, named[0].end)])
            else:
                self._at_lesions.append((finding, evidence))

    def _other_agent(self, mention: Mention, view: SentenceView) -> bool:
        """A generic extravasation word ("extravasated") with another drug named beside it and no
        calcium word: the extravasation of that drug."""
        rules = self.context.rules
        if "calc" in mention.text.lower():
            return False
        sentence = view.sentence
        text = self.context.text
        lo = max(sentence.start, mention.start - rules.other_agent_window)
        hi = min(sentence.end, mention.end + rules.other_agent_window)
        # the clause of the mention only ("doxorubicin had extravasated; no calcium was given")
        lo = max(lo, text.rfind(";", lo, mention.start) + 1)
        cut = text.find(";", mention.end, hi)
        window = text[lo : cut if cut >= 0 else hi].lower()
        if "calc" in window:
            return False
        return any(word in rules.other_agents for word in _WORDS.findall(window))

    def _add(
        self, mention: Mention, item_id: str, status: str, trigger: str | None, site: SitePhrase | None
    ) -> Finding:
        """The finding of ``(item_id, status)`` at ``site``: a new site of a known exposure is a finding of its own."""
        ctx = self.context
        evidence = [ctx.ev(mention.start, mention.end)]
        if site is not None:
            evidence.append(ctx.ev(site.start, site.end))
        known = self.found.setdefault((item_id, status), [])
        chosen = next((f for f in known if site is None or f.site == site.text), None)
        if chosen is None and site is not None and known and known[0].site is None:
            chosen = known[0]
            chosen.site = site.text
        if chosen is not None:
            chosen.evidence.extend(evidence)
            return chosen
        finding = Finding(
            concept=item_id,
            label=ctx.label("exposure", item_id),
            assertion=status,
            trigger=trigger,
            site=site.text if site else None,
            evidence=evidence,
        )
        known.append(finding)
        return finding

    def _further_sites(self, first: SitePhrase, sites: list[SitePhrase]) -> list[SitePhrase]:
        """The sites the same exposure was given at after ``first`` ("... in the right hand and later
        through one in the left foot"), each joined to the one before by ``exposure_site.another_route``."""
        joined = self.rules["exposure_site.another_route"].pattern
        text = self.context.text
        further: list[SitePhrase] = []
        last = first
        for site in sites:
            if site.start < last.end:
                continue
            if joined.search(text[last.end : site.start]) is None:
                break
            further.append(site)
            last = site
        return further

    def _sites(self, view: SentenceView) -> list[SitePhrase]:
        return [site_phrase(self.context, self.patterns, m, view.sentence) for m in view.mentions if m.is_site]

    def _access_sites(self, view: SentenceView, sites: list[SitePhrase]) -> list[SitePhrase]:
        text = self.context.text
        access = self.rules["exposure_site.access"].pattern
        lo = view.sentence.start
        return [s for s in sites if access.search(text[max(lo, s.start - _ACCESS_WINDOW) : s.start])]

    def _sites_after_reference(self, view: SentenceView, sites: list[SitePhrase]) -> list[SitePhrase]:
        """The site tied to a reference back to the last exposure ("The infusion leaked into the
        tissues of the left hand"), as a site is tied to the exposure itself."""
        text = self.context.text
        reference = self.rules["exposure_site.anaphora"].pattern.search(view.sentence.text)
        if reference is None:
            return []
        end = view.sentence.start + reference.end()
        after = self.rules["exposure_site.after"].pattern
        return [s for s in sites if end <= s.start <= end + _AFTER_WINDOW and after.search(text[end : s.start])][:1]

    def _site_of(self, mention: Mention, sites: list[SitePhrase], view: SentenceView) -> SitePhrase | None:
        """The site the text ties ``mention`` to: after it, right before it, or an access site of the sentence."""
        text = self.context.text
        after = self.rules["exposure_site.after"].pattern
        before = self.rules["exposure_site.before"].pattern
        for site in sites:  # in text order: the first after the mention is the nearest
            if mention.end <= site.start <= mention.end + _AFTER_WINDOW and after.search(
                text[mention.end : site.start]
            ):
                return site
        for site in reversed(sites):
            if site.end <= mention.start and before.search(text[site.end : mention.start]):
                return site
        access = self._access_sites(view, sites)
        if access:
            return min(access, key=lambda s: abs(s.start - mention.start))
        return None
