"""The diagnostic pathway: ``CaseFacts`` -> candidates -> subtype, certainty, sub-form, rationale.

The steps follow CLINICAL.md section 2.2 (SYNTHESIZED from sourced facts; the Reiter 2011
algorithm figure was not accessible): the skin, look-alikes, calciphylaxis, iatrogenic exposure at
the site, metabolic status from labs, connective tissue disease, local tissue damage,
genodermatoses, idiopathic patterns. Every step emits a ``Candidate`` (subtype, facts for and
against, rule id@version, how established its cause is); certainty is computed in one place
(``certainty.py``) and the precedence table resolves the candidates (``resolve.py``). What each
step reads (categories, roles, thresholds, site lists, lab patterns) comes from the knowledge
files, so this module holds the mechanism only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from calcidx.assess.candidates import Candidate
from calcidx.assess.certainty import certainty_of, resolution_of
from calcidx.assess.facts import CaseFacts
from calcidx.assess.model import Alternative, Disagreement, FactUsed, RuleStep, Warning, derived_summary
from calcidx.assess.resolve import resolve
from calcidx.assess.sites import site_relation
from calcidx.knowledge.schema import KnowledgeBundle, LabPattern, Rule

__all__ = ["PathwayResult", "run_pathway"]

#: What would show the calcification when the lesions recorded are none like it.
_MISSING_CALCIFIED_LESION = (
    "a hard, white or chalky papule or nodule, chalky discharge, radiopaque deposits on a radiograph "
    "or calcium on a skin biopsy (von Kossa) would decide"
)

_CAUSE_DOWN = {"confirmed": "probable", "probable": "suggested", "suggested": "suggested"}
#: the feature categories by which an imaging or histology record shows a finding of the skin
_STUDY_FINDINGS = ("lesion", "sign", "imaging", "histology")


@functools.cache
def _whole_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of these words as a whole word (never matches when there are none)."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile("|".join(rf"\b{re.escape(w)}\b" for w in words))


def _said(code: str) -> str:
    """A subtype code as a reader says it ("not calcinosis cutis", not ``not_calcinosis``)."""
    return "not calcinosis cutis" if code == "not_calcinosis" else code.replace("_", " ")


@dataclass
class PathwayResult:
    """What the pathway decided, and every step it took."""

    subtype: str = "undetermined"
    certainty: str | None = None
    subform: str | None = None
    subform_note: str | None = None
    associated: list[str] = field(default_factory=list)
    lookalike: str | None = None
    steps: list[RuleStep] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    alternatives: list[Alternative] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    suggested_causes: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        return self.subtype != "undetermined"

    def considered(self, code: str) -> bool:
        """The subtype won or is among the alternatives."""
        return self.subtype == code or any(alt.code == code for alt in self.alternatives)


class _Pathway:
    def __init__(self, facts: CaseFacts, bundle: KnowledgeBundle) -> None:
        self.facts = facts
        self.kb = bundle
        self.result = PathwayResult()
        self.level = self.calcinosis_level()
        # every subtype of the precedence order other than idiopathic names a cause
        self.causes = set(resolution_of(bundle).order) - {"idiopathic"}

    # -- helpers ---------------------------------------------------------------------------
    def step(
        self,
        rule_id: str,
        *,
        fired: bool,
        conclusion: str,
        facts: list[FactUsed],
        extra_refs: list[str] | None = None,
        candidate: Candidate | None = None,
    ) -> None:
        rule = self.kb.rule(rule_id)
        refs = list(dict.fromkeys([*rule.refs, *(extra_refs or [])]))
        self.result.steps.append(
            RuleStep.model_validate(
                {
                    "rule": f"{rule.id}@{rule.version}",
                    "title": rule.title,
                    "fired": fired,
                    "facts": facts,
                    "conclusion": conclusion,
                    "refs": refs,
                    "evidence": rule.evidence,
                    "candidate": candidate.subtype if candidate else None,
                    "candidate_certainty": candidate.certainty if candidate else None,
                    "facts_against": candidate.facts_against if candidate else [],
                }
            )
        )

    def propose(
        self,
        rule_id: str,
        subtype: str,
        cause: str,
        *,
        facts_for: list[FactUsed],
        facts_against: list[FactUsed] | None = None,
        associated: list[str] | None = None,
        calcinosis: str | None = None,
        override: str | None = None,
        blocked: str | None = None,
    ) -> Candidate:
        rule = self.kb.rule(rule_id)
        level = calcinosis or self.level
        cand = Candidate(
            subtype=subtype,
            cause=cause,
            calcinosis=level,
            rule=f"{rule.id}@{rule.version}",
            certainty=certainty_of(cause, level, self.kb),
            facts_for=facts_for,
            facts_against=facts_against or [],
            associated=sorted(set(associated or [])),
            override=override,
            blocked=blocked,
        )
        self.result.candidates.append(cand)
        return cand

    def recompute(self, cand: Candidate) -> None:
        cand.certainty = certainty_of(cand.cause, cand.calcinosis, self.kb)

    def present_where(self, table: str, predicate: Callable[[Any], bool]) -> list[str]:
        items = getattr(self.kb, table)
        return sorted(cid for cid in self.facts.present if cid in items and predicate(items[cid]))

    def label(self, concept_id: str) -> str:
        concept = self.kb.concept(concept_id)
        if concept:
            return concept.label
        look = self.kb.lookalikes.get(concept_id)
        return look.label if look else concept_id

    def refs_of(self, ids: list[str]) -> list[str]:
        out: list[str] = []
        for cid in ids:
            concept = self.kb.concept(cid)
            if concept:
                out.extend(concept.refs)
        return out

    def features_with_role(self, role: str) -> list[str]:
        return self.present_where("features", lambda f: role in f.role)

    def labels(self, ids: list[str]) -> str:
        return ", ".join(self.label(c) for c in ids)

    def calcinosis_level(self) -> str:
        """Axis one of the certainty: how well the calcification itself is shown."""
        confirm = self.features_with_role("calcinosis_confirmation")
        if any(self.kb.features[c].category == "histology" for c in confirm):
            return "histology"
        if confirm:
            return "imaging"
        lesions = self.facts.case.lesions
        if self.signs_kept():
            return "clinical_sign"
        # a biopsy that found no calcium undoes a lesion told only by its name ("suspected calcinosis"):
        # the stain can be falsely negative (decalcified tissue), so it is unlike, not excluded
        if any(self.lesion_is_sign(le) for le in lesions) and not self.stain_negative():
            return "clinical_sign"
        # a lesion told only by findings with no site ("a painful ulcer with a necrotic base") is a
        # lesion as much as one with a site: none of its words is a sign of calcification
        unlike = set(self.kb.rule("lesion.calcinosis_evidence").words("not_sign_features"))
        # ... and so is a test that looked for calcium and found none, where the lesion was only
        # suspected ("Suspected calcinosis over the knee; the biopsy showed no calcium")
        told = lesions or (unlike & self.facts.present) or self.stain_negative()
        return "unlike_calcinosis" if told else "none"

    def signs_kept(self) -> list[str]:
        """The clinical signs of calcinosis recorded, less those a test finding no calcium outweighs
        (firm papules or nodules; chalky discharge stays)."""
        signs = self.features_with_role("calcinosis_sign")
        if signs and self.stain_negative():
            undone = set(self.kb.rule("lesion.calcinosis_evidence").words("undone_by_negative_test"))
            signs = [c for c in signs if c not in undone]
        return signs

    def lesion_is_sign(self, lesion: Any) -> bool:
        """A lesion is a clinical sign of calcification unless every word naming it is one that is
        not (a rash, an eruption: ``not_sign_kinds`` of the rule) or it is told only in colours unlike
        calcium (violaceous, with no firm, white or chalky word), or it is an induration
        (``lesion_is_induration``); a lesion with no words recorded counts."""
        rule = self.kb.rule("lesion.calcinosis_evidence")
        morphology = set(lesion.morphology)
        if morphology & set(rule.words("not_sign_morphology")) and not morphology & set(rule.words("sign_morphology")):
            return False
        if self.lesion_is_induration(lesion):
            return False
        return not lesion.kinds or not set(lesion.kinds) <= set(rule.words("not_sign_kinds"))

    def lesion_is_induration(self, lesion: Any) -> bool:
        """Induration, not calcification: only an induration, or a lesion told as indurated, shiny, ivory or
        tethered, with no calcium word (white, chalky), papule or nodule; firm and hard do not make it
        a sign, since indurated skin is firm."""
        rule = self.kb.rule("lesion.calcinosis_evidence")
        morphology, kinds = set(lesion.morphology), set(lesion.kinds)
        if not (
            morphology & set(rule.words("induration_morphology"))
            or (kinds and kinds <= set(rule.words("induration_kinds")))
        ):
            return False
        return not (kinds & set(rule.words("nodular_kinds")) or morphology & set(rule.words("calcium_morphology")))

    @property
    def induration_only(self) -> bool:
        """Nothing like calcification is recorded, a lesion is an induration, and no biopsy was read,
        or the biopsy found no calcium (a negative stain, calcification reported absent)."""
        case = self.facts.case
        return (
            self.level == "unlike_calcinosis"
            and any(self.lesion_is_induration(le) for le in case.lesions)
            and (not case.histology or bool(self.stain_negative()))
        )

    @property
    def nothing_like_calcinosis(self) -> bool:
        """No lesion or finding is a sign of calcification even before any test (an ulcer, purpura, a
        rash), and a test found no calcium: nothing suggests calcinosis and the test done found none."""
        return (
            self.level == "unlike_calcinosis"
            and bool(self.stain_negative())
            and not self.features_with_role("calcinosis_sign")
            and not any(self.lesion_is_sign(le) for le in self.facts.case.lesions)
        )

    def lesion_words(self) -> str:
        """The words the lesions are told in ("plaques, firm"), for saying why they are not a sign."""
        words = [w for le in self.facts.case.lesions for w in [*le.kinds, *le.morphology]]
        return ", ".join(dict.fromkeys(words)) or "no words recorded"

    def lab_facts(self, analytes: tuple[str, ...]) -> list[FactUsed]:
        return [self.facts.lab_fact(a) for a in analytes if a in self.facts.labs]

    @property
    def labs_normal(self) -> bool:
        return self.facts.calcium == "normal" and self.facts.labs.get("phosphate") == "normal"

    # -- the skin and the look-alikes ------------------------------------------------------
    def skin_evidence(self) -> bool:
        """A lesion, sign, imaging or histology of the skin is recorded."""
        case = self.facts.case
        lesion_features = self.present_where("features", lambda f: f.category in ("lesion", "histology", "imaging"))
        # an imaging or histology record whose words name no finding of a lesion (calcification of the
        # lungs and kidneys on CT; an ultrasound "consistent with cirrhosis", which names a condition)
        # is not evidence of the skin: a study counts by a lesion, sign, imaging or histology feature
        studies = [
            s
            for s in [*case.imaging, *case.histology]
            if any(c in self.kb.features and self.kb.features[c].category in _STUDY_FINDINGS for c in s.concepts)
        ]
        return bool(case.lesions or studies or lesion_features)

    def skin(self) -> bool:
        """Calcinosis cutis needs the skin. Returns False when no subtype can be made."""
        normal = self.features_with_role("skin_examination_normal")
        stated = bool(self.facts.case.stated_subtype or self.facts.case.diagnosis_as_written)
        if self.skin_evidence() or (stated and not normal):
            self.step(
                "lesion.skin_required",
                fired=False,
                facts=[],
                conclusion="A lesion, sign, imaging or histology of the skin is recorded"
                + ("." if self.skin_evidence() else " (the source's diagnosis states it)."),
            )
            return True
        if normal:
            cand = self.propose(
                "lesion.skin_required",
                "not_calcinosis",
                "probable",
                facts_for=[self.facts.fact(c) for c in normal],
                override="skin_examination_normal",
                calcinosis="none",
            )
            self.step(
                "lesion.skin_required",
                fired=True,
                facts=cand.facts_for,
                conclusion="The skin examination is normal and no lesion is recorded: not calcinosis cutis "
                "(abnormal labs alone never show calcinosis in the skin).",
                candidate=cand,
            )
            return True
        self.step(
            "lesion.skin_required",
            fired=True,
            facts=[],
            conclusion="No skin lesion, sign, imaging or histology is recorded: no subtype can be made "
            "(laboratory results alone never make one); what the other steps found is listed as alternatives.",
        )
        return False

    def calciphylaxis_mimics(self) -> list[str]:
        """The calciphylaxis mimics not excluded (see ``mimics_of``)."""
        return self.mimics_of("calciphylaxis")

    def mimics_of(self, subtype: str) -> list[str]:
        """The mimics of a subtype not excluded: named, or suspected from a feature of their own.

        A mimic named in the record is its own id; a mimic suspected from a feature (a gadolinium
        exposure for nephrogenic systemic fibrosis) is that feature's id, so the fact shown is what
        the record says.
        """
        found: set[str] = set()
        for look in self.kb.lookalikes.values():
            if subtype not in look.applies_to:
                continue
            if self.facts.known_at_least(look.age_below):
                continue  # a look-alike of early life only, and the patient is older
            if look.id in self.facts.present:
                if not self.mimic_elsewhere(look.id):
                    found.add(look.id)
            elif not look.suspected_for or subtype in look.suspected_for:
                found.update(c for c in look.suspected_when if c in self.facts.present)
        return sorted(found)

    def mimic_elsewhere(self, look_id: str) -> list[str]:
        """Where a local look-alike (``Lookalike.site_from``) was recorded, when every such site is at
        none of the lesions' (a pressure ulcer on the sacrum beside eschars on the legs); else empty."""
        look = self.kb.lookalikes[look_id]
        twins = [c for c in look.site_from if c in self.facts.present]
        if not twins or not all(self.injury_elsewhere(c) for c in twins):
            return []
        return list(dict.fromkeys(site for c in twins for site in self.injury_sites(c)))

    def mimic_label(self, mimic: str) -> str:
        """A named mimic's label, or a mimic feature's label with the look-alikes it suggests."""
        if mimic in self.kb.lookalikes:
            return self.label(mimic)
        looks = [look.label for look in self.kb.lookalikes.values() if mimic in look.suspected_when]
        return f"{self.label(mimic)} (suggests {', '.join(looks)})"

    def clue_refs(self, mimics: list[str]) -> list[str]:
        """The sources of the look-alikes a mimic feature (not a named mimic) points to."""
        return [
            ref
            for look in self.kb.lookalikes.values()
            if set(look.suspected_when) & set(mimics) and look.id not in mimics
            for ref in look.refs
        ]

    def negative_label(self, cid: str) -> str:
        """A finding of ``stain_negative`` as the record has it: a negative stain by its label, a
        calcification the biopsy did not find as absent ("no Calcification of small ... vessels")."""
        label = self.label(cid)
        if cid not in self.facts.absent:
            return label
        return f"no {label[:1].lower() + label[1:] if label[1:2].islower() else label}"

    def stain_negative(self, radiograph: bool = True) -> list[str]:
        """The tests that found no calcium: a negative calcium stain, a calcification the biopsy did not
        find, and (``radiograph``) a radiograph that found none."""
        negative = self.features_with_role("calcium_stain_negative")
        denied = sorted(
            c
            for c in self.facts.absent
            if c in self.kb.features
            and (
                (
                    self.kb.features[c].category == "histology"
                    and {"calcinosis_confirmation", "calciphylaxis_histology"} & set(self.kb.features[c].role)
                )
                # a radiograph that found no calcification ("no fracture, erosion or soft-tissue
                # calcification") as "no calcification" on it does
                or (
                    radiograph
                    and self.kb.features[c].category == "imaging"
                    and "calcinosis_confirmation" in self.kb.features[c].role
                )
            )
        )
        return negative + denied

    def held_back_labels(self, mimics: list[str], negative: list[str]) -> list[str]:
        """How the record names what holds calciphylaxis back: its mimics not excluded, then a
        negative stain or a calcification the biopsy did not find."""
        return [*(self.mimic_label(m) for m in mimics), *(self.negative_label(c) for c in negative)]

    def biopsy_against_calciphylaxis(self) -> list[str]:
        """A negative calcium stain, and a biopsy the pathologist reads as not calciphylaxis."""
        return [*self.stain_negative(radiograph=False), *self.features_with_role("calciphylaxis_histology_negative")]

    def lookalikes(self) -> None:
        hits: list[tuple[str, list[str]]] = []
        for look in self.kb.lookalikes.values():
            if self.facts.known_at_least(look.age_below):
                continue  # a look-alike of early life only, and the patient is older
            decisive = sorted(set(look.decisive) & self.facts.present)
            if decisive:
                hits.append((look.id, decisive))
        # a diagnosed mimic whose biopsy shows no calcium is established, and not calcinosis
        negative = self.stain_negative()
        if negative and not self.features_with_role("calcinosis_confirmation"):
            for look in self.kb.lookalikes.values():
                if look.id in self.facts.present:
                    hits.append((look.id, [look.id, *negative]))
        if not hits:
            self.step(
                "lesion.lookalike",
                fired=False,
                facts=[],
                conclusion="No finding identifies a mimic (urate, true bone, oxalate, or a diagnosed mimic "
                "with a negative calcium stain).",
            )
            return
        # most decisive findings first; on a tie a look-alike the text names, then data order (the
        # general look-alike, osteoma cutis, before the syndromes that cause it), never the alphabet
        order = {look_id: i for i, look_id in enumerate(self.kb.lookalikes)}
        hits.sort(key=lambda hit: (-len(hit[1]), hit[0] not in self.facts.present, order[hit[0]]))
        look_id, decisive = hits[0]
        look = self.kb.lookalikes[look_id]
        self.result.lookalike = look_id
        facts = [self.facts.fact(c) for c in decisive]
        cand = self.propose(
            "lesion.lookalike", "not_calcinosis", "probable", facts_for=facts, override="lookalike_decisive"
        )
        self.step(
            "lesion.lookalike",
            fired=True,
            facts=facts,
            conclusion=f"{self.labels(decisive)} identifies {look.label}: not calcinosis cutis.",
            extra_refs=list(look.refs),
            candidate=cand,
        )

    def calcinosis_evidence(self) -> None:
        signs = self.signs_kept()
        confirm = self.features_with_role("calcinosis_confirmation")
        if confirm:
            text = f"Calcification shown by {self.labels(confirm)} ({self.level.replace('_', ' ')})."
        elif signs:
            text = f"Clinical signs suggest calcinosis ({self.labels(signs)}); a radiograph or biopsy would confirm it."
        elif self.level == "unlike_calcinosis" and self.stain_negative():
            decides = (
                "a calcium stain can be falsely negative after decalcification, so a radiograph of the lesion "
                "would decide"
                if self.stain_negative(radiograph=False)
                else "a biopsy with a calcium stain would decide"
            )
            text = (
                f"Nothing recorded is like calcification ({self.lesion_words()}) and a test found no calcium "
                f"({self.labels(self.stain_negative())}): no subtype is made but calciphylaxis; {decides}."
                if self.nothing_like_calcinosis
                else f"A test found no calcium ({self.labels(self.stain_negative())}) and no imaging shows it: "
                f"no subtype is more than possible; {decides}."
            )
        elif self.level == "unlike_calcinosis":
            text = (
                f"The lesions recorded ({self.lesion_words()}) are not like calcification, and no imaging or biopsy "
                "shows calcium: "
                + (
                    "induration is not calcification, so no subtype is made but calciphylaxis; "
                    f"{_MISSING_CALCIFIED_LESION}."
                    if self.induration_only
                    else "no subtype is more than possible; a radiograph or a biopsy would decide."
                )
            )
        else:
            text = "No sign or test in the record shows the calcification itself."
        self.step(
            "lesion.calcinosis_evidence",
            fired=bool(confirm),
            facts=[self.facts.fact(c) for c in [*confirm, *signs]],
            conclusion=text,
        )

    # -- calciphylaxis ---------------------------------------------------------------------
    def calciphylaxis_risks(self, level: str) -> list[str]:
        def at_level(item: Any) -> bool:
            return bool(item.calciphylaxis_risk == level)

        return sorted({*self.present_where("conditions", at_level), *self.present_where("exposures", at_level)})

    def suspected_calciphylaxis_mimics(self) -> list[str]:
        """The look-alikes of calciphylaxis the record names as suspected (possible), not as present."""
        return sorted(
            c
            for c in self.facts.possible
            if c in self.kb.lookalikes and "calciphylaxis" in self.kb.lookalikes[c].applies_to
        )

    def painless(self, rule: Rule) -> bool:
        """Whether the record tells the lesions as painless: pain denied, or a lesion described by one of
        the rule's ``painless_words``."""
        if set(rule.words("pain")) & self.facts.absent:
            return True
        words = {w.lower() for w in rule.words("painless_words")}
        return any(m.lower() in words for lesion in self.facts.case.lesions for m in lesion.morphology)

    def calciphylaxis(self) -> Candidate | None:
        rule = self.kb.rule("subtype.calciphylaxis.red_flags")
        typical = self.features_with_role("calciphylaxis_typical")
        early = self.features_with_role("calciphylaxis_early")
        histology = self.features_with_role("calciphylaxis_histology")
        nonspecific = self.features_with_role("vascular_nonspecific_histology")
        # a drug stopped long before the lesions is no longer their setting (past_setting_years)
        years = rule.number("past_setting_years")
        remote = {c for c in self.facts.past if self.facts.told_before(c, years)}
        risks = {
            level: [c for c in self.calciphylaxis_risks(level) if c not in remote]
            for level in ("major", "minor", "listed")
        }
        renal = sorted(set(rule.words("renal_settings")) & self.facts.present)
        nonrenal = sorted(set(rule.words("nonrenal_settings")) & self.facts.present - remote)
        n_major, n_minor = len(risks["major"]), len(risks["minor"])
        suspected = n_major >= rule.number("suspected_major") or (
            n_major >= rule.number("suspected_major_with_minor") and n_minor >= rule.number("suspected_minor")
        )
        any_risk = sorted({*risks["major"], *risks["minor"], *risks["listed"], *renal})
        setting = bool(renal or self.facts.renal_impaired or nonrenal)
        # livedo alone, told painless, is not the painful picture of calciphylaxis (painless_alone)
        quiet = bool(typical) and set(typical) <= set(rule.words("painless_alone")) and self.painless(rule)
        lesions = typical + early
        used = [self.facts.fact(c) for c in [*histology, *typical, *early, *any_risk]]
        against = [self.facts.fact(c) for c in nonspecific if not histology]
        risk_text = self.labels(any_risk) or "none recorded"
        if stopped := sorted(remote & {*rule.words("nonrenal_settings"), *self.calciphylaxis_risks("major")}):
            risk_text += f"; not counted: {self.labels(stopped)}, stopped {years:g} year(s) or more before the lesions"
            used += [self.facts.fact(c) for c in stopped]
        blocked: str | None = None
        override: str | None = None
        if histology:
            calcinosis = "histology"
        elif self.level in ("imaging", "histology") or not lesions:
            calcinosis = self.level
        else:
            calcinosis = "clinical_sign"
        if histology and lesions:
            cause, text = (
                "confirmed",
                f"Typical or early lesions ({self.labels(lesions)}); biopsy: {self.labels(histology)}",
            )
            override = "calciphylaxis_biopsy_proven" if typical else None
        elif histology and (setting or risks["major"]):
            cause, text = (
                "probable",
                f"Biopsy: {self.labels(histology)} in a patient with renal failure, warfarin or a major risk "
                "factor; no typical or early lesion is recorded: probable, not confirmed",
            )
        elif histology:
            cause, text = (
                "suggested",
                f"Biopsy: {self.labels(histology)}; but no typical or early lesion is recorded: not confirmed",
            )
        elif quiet and (setting or risks["major"]):
            cause, text = (
                "suggested",
                f"{self.labels(typical)} alone, told painless, in a patient with renal failure, warfarin or a major "
                "risk factor: not the painful picture of calciphylaxis; suspected at most, the biopsy decides",
            )
        elif typical and (setting or risks["major"]) and (mimics := self.suspected_calciphylaxis_mimics()):
            cause, text = (
                "suggested",
                f"Typical lesions with renal failure, warfarin or a major risk factor, but {self.labels(mimics)} "
                "is suspected as well: a mimic to exclude, so the biopsy decides",
            )
        elif typical and (setting or risks["major"]):
            cause, text = "probable", "Typical lesions with renal failure, warfarin or a major risk factor: clinical"
        elif early and (setting or suspected):
            cause, text = "suggested", "Early suspicious changes in a patient at risk: suspected, biopsy needed"
        elif typical and any_risk:
            cause, text = "suggested", "Typical lesions with only minor risk factors outside renal failure or warfarin"
            blocked = "outside renal failure or warfarin, lesions with only minor risk factors keep it an alternative"
        else:
            self.step(
                "subtype.calciphylaxis.red_flags",
                fired=False,
                facts=used,
                conclusion=f"No calciphylaxis red flags ({self.labels(lesions) or 'no typical lesion'}; risk factors: "
                f"{risk_text}).",
            )
            return None
        if against:
            text += "; microthrombi or intimal changes alone are not calcification"
        cand = self.propose(
            "subtype.calciphylaxis.red_flags",
            "calciphylaxis",
            cause,
            facts_for=used,
            facts_against=against,
            associated=[c for c in any_risk if c in self.kb.conditions],
            calcinosis=calcinosis,
            override=override,
            blocked=blocked,
        )
        self.step(
            "subtype.calciphylaxis.red_flags",
            fired=True,
            facts=used,
            conclusion=f"{text} (risk factors: {risk_text}): calciphylaxis, {cand.certainty}"
            + (" (an alternative only)" if blocked else "")
            + ".",
            candidate=cand,
        )
        self.mimics(cand, bool(histology))
        return cand

    def mimics(self, cand: Candidate, histology: bool) -> None:
        mimics = self.calciphylaxis_mimics()
        negative = self.biopsy_against_calciphylaxis()
        if not mimics and not negative:
            elsewhere = [
                f"{self.label(look.id)} at {', '.join(sites)}"
                for look in self.kb.lookalikes.values()
                if look.id in self.facts.present and (sites := self.mimic_elsewhere(look.id))
            ]
            where = ", ".join(les for les, _ in self.facts.lesion_sites)
            self.step(
                "subtype.calciphylaxis.mimics",
                fired=False,
                facts=[],
                conclusion=f"{'; '.join(elsewhere)}: not at a lesion's site ({where}), so no mimic of these "
                "lesions; no other mimic or negative calcium stain recorded."
                if elsewhere
                else "No calciphylaxis mimic or negative calcium stain recorded (other diagnoses are "
                "excluded only as far as the record goes).",
            )
            return
        against = [self.facts.fact(c) for c in [*mimics, *negative]]
        cand.facts_against.extend(against)
        found = ", ".join(self.held_back_labels(mimics, negative))
        # a mimic not excluded, or a negative calcium stain, lowers the cause one level
        cand.cause = _CAUSE_DOWN[cand.cause]
        shared = self.histology_shared_with(mimics)
        if histology and shared:
            # the biopsy shows the mimic's picture too: it weighs no more than the clinical picture
            cand.cause = _CAUSE_DOWN[cand.cause]
        cand.override = None
        self.recompute(cand)
        if histology and not negative and not shared:
            text = f"{found}: other diagnoses are not excluded, so calciphylaxis stays {cand.certainty}."
        else:
            cand.blocked = f"{found} present: the mimic (or the negative biopsy or stain) is not excluded"
            text = (
                f"{found}: calciphylaxis is not diagnosed while the mimic is not excluded or a biopsy argues "
                "against it; it stays an alternative."
            )
        self.step(
            "subtype.calciphylaxis.mimics",
            fired=True,
            facts=against,
            conclusion=text,
            extra_refs=[ref for m in mimics if m in self.kb.lookalikes for ref in self.kb.lookalikes[m].refs]
            + self.clue_refs(mimics),
            candidate=cand,
        )

    def histology_shared_with(self, mimics: list[str]) -> bool:
        """Whether one of ``mimics`` shows the biopsy picture of calciphylaxis (``shares_histology``)."""
        return any(m in self.kb.lookalikes and self.kb.lookalikes[m].shares_histology for m in mimics)

    def lesion_weighs(self) -> None:
        """Calciphylaxis or metastatic: the lesion's own picture holds the other side at possible.

        Only findings of the lesion decide which side is argued against, so evidence for a subtype
        never lowers that subtype (the property test in tests/assess/test_certainty_property.py).
        """
        rule_id = "subtype.calciphylaxis.versus_metastatic"
        rule = self.kb.rule(rule_id)
        metastatic = [c for c in self.result.candidates if c.subtype == "metastatic"]
        calciphylaxis = [c for c in self.result.candidates if c.subtype == "calciphylaxis"]
        if not (metastatic or calciphylaxis):
            return
        present = self.facts.present
        painful = bool(set(rule.words("pain")) & present)
        for_cua = sorted(set(rule.words("for_calciphylaxis")) & present)
        # pain counts only as painful induration: painful deposits alone (an infected tumoral mass,
        # an ulcerated nodule) are no picture of calciphylaxis
        indurated = sorted(set(rule.words("for_calciphylaxis_when_painful")) & present)
        if painful and indurated:
            for_cua += indurated + sorted(set(rule.words("pain")) & present)
        if set(rule.words("pain_explained_by")) & present:
            # large periarticular (tumoral) masses can hurt themselves: painful nodules beside them
            # are no picture of calciphylaxis, and their pain does not argue against metastatic
            for_cua = [c for c in for_cua if c not in rule.words("painful_lesions") and c not in rule.words("pain")]
            painful = False
        roles = set(rule.words("calciphylaxis_roles"))
        cua_picture = bool(for_cua) or any(
            roles & set(self.kb.features[c].role) for c in present if c in self.kb.features
        )
        for_met = [] if (cua_picture or painful) else sorted(set(rule.words("for_metastatic")) & present)
        if for_cua and metastatic:
            self.hold(metastatic, for_cua, rule_id, "metastatic calcinosis cutis")
        elif for_met and calciphylaxis:
            self.hold(calciphylaxis, for_met, rule_id, "calciphylaxis")
        elif metastatic and not for_met and not self.calcium_shown() and (picture := self.picture_is_a_mimics()):
            self.hold_mimic_picture(metastatic, picture, rule_id)
        elif metastatic and not calciphylaxis and not for_met and self.facts.case.stated_subtype == "calciphylaxis":
            # the authors saw the lesion and call it calciphylaxis; no finding here says otherwise
            self.hold_unseen(metastatic, rule_id)
        else:
            self.step(
                rule_id,
                fired=False,
                facts=[],
                conclusion="No lesion finding that tells calciphylaxis from metastatic calcinosis "
                "(necrosis, eschar, retiform purpura, painful induration, arteriolar calcification; or "
                "firm painless periarticular nodules).",
            )

    def calcium_shown(self) -> bool:
        """A clinical sign of calcification (firm white papules, chalky discharge) or a test shows it."""
        return bool(self.signs_kept() or self.features_with_role("calcinosis_confirmation"))

    def picture_is_a_mimics(self) -> list[str]:
        """The calciphylaxis lesions recorded where a mimic of calciphylaxis is not excluded and no
        biopsy shows calciphylaxis: the picture is calciphylaxis's or the mimic's, not a deposit's."""
        if not self.calciphylaxis_mimics() or self.features_with_role("calciphylaxis_histology"):
            return []
        return self.features_with_role("calciphylaxis_typical") + self.features_with_role("calciphylaxis_early")

    def hold_mimic_picture(self, held: list[Candidate], picture: list[str], rule_id: str) -> None:
        """Hold metastatic at possible where the only skin picture (``picture``) is calciphylaxis's and a
        mimic of it is not excluded: nothing shows a calcium deposit, so deranged labs alone do not make
        it probable."""
        mimics = ", ".join(self.held_back_labels(self.calciphylaxis_mimics(), []))
        why = (
            f"the skin picture ({self.labels(picture)}) is that of calciphylaxis or of a mimic not excluded "
            f"({mimics}), and no sign or test shows a calcium deposit"
        )
        facts = [self.facts.fact(c) for c in picture]
        self.mark_held(held, facts, why)
        self.step(
            rule_id,
            fired=True,
            facts=facts,
            conclusion=f"{why[0].upper()}{why[1:]}: deranged calcium or phosphate alone does not make metastatic "
            f"calcinosis more than {held[0].certainty}; a biopsy decides.",
            candidate=held[0],
        )

    def hold_unseen(self, held: list[Candidate], rule_id: str) -> None:
        """Hold metastatic at possible where the source calls the lesion calciphylaxis and no lesion
        finding tells the two apart (deranged calcium and phosphate propose both)."""
        why = "the source calls it calciphylaxis and no lesion finding tells metastatic calcinosis from calciphylaxis"
        self.mark_held(held, [], why)
        self.step(
            rule_id,
            fired=True,
            facts=[],
            conclusion=f"{why[0].upper()}{why[1:]} (necrosis, eschar, retiform purpura, painful induration or "
            f"arteriolar calcification; or firm painless periarticular nodules): metastatic is held at "
            f"{held[0].certainty}, and the lesion or a biopsy decides.",
            candidate=held[0],
        )

    def mark_held(self, held: list[Candidate], facts: list[FactUsed], why: str) -> None:
        """Lower ``held`` to a suggested cause (possible), with the facts against and the reason."""
        for cand in held:
            cand.facts_against.extend(facts)
            cand.cause = "suggested"
            cand.override = None
            cand.weighed = why
            self.recompute(cand)

    def hold(self, held: list[Candidate], against: list[str], rule_id: str, name: str) -> None:
        """Hold the argued-against candidates at a suggested cause (possible), saying why."""
        facts = [self.facts.fact(c) for c in against]
        why = f"{self.labels(against)} {'weigh' if len(against) > 1 else 'weighs'} against {name}"
        self.mark_held(held, facts, why)
        self.step(
            rule_id,
            fired=True,
            facts=facts,
            conclusion=f"{why}: {held[0].subtype} is held at {held[0].certainty} (an alternative the biopsy "
            "can still decide).",
            candidate=held[0],
        )

    # -- iatrogenic ------------------------------------------------------------------------
    def exposure_sites(self, cid: str) -> list[str]:
        sites = self.facts.concept_sites.get(cid, [])
        return sites or list(self.kb.exposures[cid].site_words)

    def iatrogenic(self) -> None:
        rule = self.kb.rule("subtype.iatrogenic.exposure_at_site")
        exposures = self.present_where("exposures", lambda e: e.points_to == "iatrogenic")
        if not exposures:
            self.step(
                "subtype.iatrogenic.exposure_at_site",
                fired=False,
                facts=[],
                conclusion="No iatrogenic exposure (calcium/phosphate infusion, electrode paste, "
                "alginate dressing, heel sticks, transplant) recorded.",
            )
            return
        stated = self.facts.case.stated_subtype == "iatrogenic"
        located = {
            e for x in self.present_where("exposures", lambda e: bool(e.locates)) for e in self.kb.exposures[x].locates
        }
        for cid in exposures:
            exposure = self.kb.exposures[cid]
            sites = self.exposure_sites(cid)
            blocked = None
            if cid in self.facts.after_lesions:
                cause, why = "suggested", "told after the lesions appeared, so it cannot have caused them"
                blocked = "the exposure came after the lesions appeared"
            elif not exposure.at_site:
                cause, why = "probable", "acts systemically"
            elif sites and self.facts.lesion_sites:
                relations = {
                    les: {site_relation(s, les, side, rule) for s in sites} - {None}
                    for les, side in self.facts.lesion_sites
                }
                matched = [les for les, found in relations.items() if found]
                if matched:
                    cause = "confirmed"
                    at = [les for les in matched if "at" in relations[les]]
                    drains = [les for les in matched if les not in at]
                    parts = [f"at the lesion's site ({', '.join(at)})"] if at else []
                    if drains:
                        parts.append(f"its site ({', '.join(sites)}) drains to the lesion ({', '.join(drains)})")
                    why = "; ".join(parts)
                else:
                    cause = "suggested"
                    where = ", ".join(les for les, _ in self.facts.lesion_sites)
                    why = f"at {', '.join(sites)}, not at the lesion ({where})"
                    blocked = f"the exposure was at {', '.join(sites)}, not at a lesion's site ({where})"
            elif stated:
                cause, why = "confirmed", "tied to the lesion by the source"
            elif cid in located:
                placed = self.labels(
                    sorted(x for x in self.facts.present if cid in getattr(self.kb.exposures.get(x), "locates", []))
                )
                cause, why = "confirmed", f"at the lesion's site ({placed})"
            else:
                cause, why = "suggested", "site of the exposure or the lesion not recorded"
            latency = rule.number("latency_years_max")
            late = cid not in rule.words("latency_exempt") and self.facts.told_before(cid, latency)
            if cause in ("confirmed", "probable") and late:
                # a deposit first told years after the exposure is not its expected course
                cause = "suggested"
                why += (
                    f"; but the exposure was {self.facts.years_before[cid]:g} years before, and deposits "
                    f"from it appear within weeks (more than {latency:g} year(s) is beyond that)"
                )
            facts = [self.facts.fact(cid, "exposure")]
            cand = self.propose(
                "subtype.iatrogenic.exposure_at_site", "iatrogenic", cause, facts_for=facts, blocked=blocked
            )
            self.step(
                "subtype.iatrogenic.exposure_at_site",
                fired=True,
                facts=facts,
                conclusion=f"{exposure.label}: {why}: iatrogenic, {cand.certainty}"
                + (" (an alternative only)" if blocked else "")
                + ".",
                extra_refs=list(exposure.refs),
                candidate=cand,
            )
            if exposure.disagreement and not blocked:
                self.result.disagreements.append(
                    Disagreement(topic=exposure.label, views=[exposure.disagreement], refs=list(exposure.refs))
                )
        self.iatrogenic_mimics()

    def iatrogenic_mimics(self) -> None:
        """An infection at the site not excluded holds iatrogenic calcinosis at possible."""
        rule_id = "subtype.iatrogenic.mimics"
        mimics = self.mimics_of("iatrogenic")
        candidates = [c for c in self.result.candidates if c.subtype == "iatrogenic" and c.cause != "suggested"]
        if not candidates:
            return
        if not mimics:
            self.step(rule_id, fired=False, facts=[], conclusion="No infection at the site is named or suggested.")
            return
        against = [self.facts.fact(c) for c in mimics]
        for cand in candidates:
            cand.facts_against.extend(against)
            cand.cause = "suggested"
            self.recompute(cand)
        found = ", ".join(self.mimic_label(m) for m in mimics)
        self.step(
            rule_id,
            fired=True,
            facts=against,
            conclusion=f"{found}: iatrogenic calcinosis is considered only after the infection is excluded, "
            "so it stays possible.",
            extra_refs=[ref for m in mimics if m in self.kb.lookalikes for ref in self.kb.lookalikes[m].refs]
            + self.clue_refs(mimics),
            candidate=candidates[0],
        )

    def metastatic_mimics(self) -> None:
        """A look-alike that itself makes the hypercalcaemia (fat necrosis of the newborn), named or
        suggested by its setting, holds metastatic calcinosis at possible."""
        rule_id = "subtype.metastatic.mimics"
        if rule_id not in self.kb.rules:
            return
        candidates = [c for c in self.result.candidates if c.subtype == "metastatic" and c.cause != "suggested"]
        if not candidates:
            return
        mimics = self.mimics_of("metastatic")
        if not mimics:
            self.step(
                rule_id,
                fired=False,
                facts=[],
                conclusion="No look-alike that itself makes the metabolic abnormality is named or suggested.",
            )
            return
        against = [self.facts.fact(c) for c in mimics]
        for cand in candidates:
            cand.facts_against.extend(against)
            cand.cause = "suggested"
            self.recompute(cand)
        found = ", ".join(self.mimic_label(m) for m in mimics)
        self.step(
            rule_id,
            fired=True,
            facts=against,
            conclusion=f"{found}: the nodules and the hypercalcaemia can both come from the necrotic fat, so "
            "metastatic calcinosis stays possible until a skin biopsy tells them apart.",
            extra_refs=[ref for m in mimics if m in self.kb.lookalikes for ref in self.kb.lookalikes[m].refs]
            + self.clue_refs(mimics),
            candidate=candidates[0],
        )

    def named_lookalike(self) -> None:
        """A named look-alike that only histology tells from calcinosis holds every subtype at possible."""
        rule_id = "lesion.named_lookalike"
        if rule_id not in self.kb.rules:
            return
        rule = self.kb.rule(rule_id)
        # named as found or as suspected ("clinically thought to be rheumatoid nodules")
        named = sorted(set(rule.words("holds_subtypes")) & (self.facts.present | self.facts.possible))
        if self.features_with_role("calcinosis_confirmation"):
            # a test showing calcium tells these look-alikes apart already
            named = [c for c in named if c not in rule.words("told_apart_by_calcium_shown")]
        held = [c for c in self.result.candidates if c.subtype != "not_calcinosis" and c.cause != "suggested"]
        if not named:
            self.step(
                rule_id, fired=False, facts=[], conclusion="No look-alike that only histology tells apart is named."
            )
            return
        facts = [self.facts.fact(c) for c in named]
        for cand in held:
            cand.facts_against.extend(facts)
            cand.cause = "suggested"
            cand.override = None
            self.recompute(cand)
        self.step(
            rule_id,
            fired=True,
            facts=facts,
            conclusion=f"{self.labels(named)} is named: it looks the same as calcinosis and only histology tells "
            "them apart, so no subtype is more than possible; a biopsy decides.",
            extra_refs=[ref for c in named for ref in self.kb.lookalikes[c].refs],
            candidate=held[0] if held else None,
        )

    # -- metabolic -------------------------------------------------------------------------
    def metabolic(self) -> None:
        facts = self.facts
        renal = self.present_where("conditions", lambda c: c.category == "renal")
        causes = sorted(
            {
                *self.present_where("conditions", lambda c: c.points_to == "metastatic" and c.category != "renal"),
                *self.present_where("exposures", lambda e: e.points_to == "metastatic"),
            }
        )
        ca, p = facts.calcium, facts.labs.get("phosphate")
        caxp = next((d for d in facts.labs_report.derived if d.id == "calcium_phosphate_product"), None)
        high_product = caxp is not None and caxp.interpretation == "high"
        abnormal = [a for a, v in (("calcium", ca), ("phosphate", p)) if v == "high"]
        lab_facts = self.lab_facts(("calcium", "calcium_ionized", "phosphate", "pth", "creatinine", "egfr"))
        if caxp is not None:
            lab_facts.append(
                FactUsed(kind="derived_lab", id=caxp.id, label=caxp.label, value=f"{caxp.value:g} {caxp.unit}")
            )
        impaired = facts.renal_impaired
        renal_ids = renal if renal else []
        if renal or impaired:
            renal_facts = [facts.fact(c) for c in renal] + self.lab_facts(("creatinine", "egfr"))
            if impaired:
                cand = None
                if not (abnormal or high_product):
                    cand = self.propose(
                        "subtype.metastatic.renal",
                        "metastatic",
                        "suggested",
                        facts_for=renal_facts,
                        associated=renal_ids,
                    )
                self.step(
                    "subtype.metastatic.renal",
                    fired=True,
                    facts=renal_facts,
                    conclusion=f"{self.labels(renal) or 'Impaired renal function'}: impaired renal function, the "
                    "commonest cause of metastatic calcinosis"
                    + (
                        (
                            f": metastatic, {cand.certainty}: calcium and phosphate are normal, but impaired "
                            "renal function does not exclude it."
                            if self.labs_normal
                            else f": metastatic, {cand.certainty} until calcium and phosphate are known."
                        )
                        if cand
                        else "."
                    ),
                    extra_refs=self.refs_of(renal),
                    candidate=cand,
                )
            else:
                self.step(
                    "subtype.metastatic.renal",
                    fired=False,
                    facts=renal_facts,
                    conclusion=f"{self.labels(renal)} without impaired function (normal or unknown creatinine/eGFR) "
                    "does not propose metastatic calcinosis unless calcium or phosphate is abnormal.",
                )
        if abnormal or high_product:
            what = [f"{a} high" + (f" ({facts.labs_report.calcium_basis})" if a == "calcium" else "") for a in abnormal]
            if high_product and caxp:
                what.append(f"Ca x P {caxp.caveat or caxp.value}")
            cause = "confirmed" if (impaired or causes) else "probable"
            cand = self.propose(
                "subtype.metastatic.labs",
                "metastatic",
                cause,
                facts_for=lab_facts,
                associated=[*(renal_ids if impaired else []), *causes],
            )
            self.step(
                "subtype.metastatic.labs",
                fired=True,
                facts=lab_facts,
                conclusion=f"Abnormal calcium/phosphate metabolism ({'; '.join(what)}): metastatic, {cand.certainty}.",
                candidate=cand,
            )
        elif self.labs_normal:
            self.step(
                "subtype.metastatic.labs",
                fired=False,
                facts=lab_facts,
                conclusion="Calcium and phosphate normal"
                + ("" if impaired else " and no impaired renal function")
                + ": not metastatic."
                + (f" Ca x P {caxp.caveat}" if caxp and caxp.caveat else ""),
            )
        else:
            missing = [a for a, v in (("calcium", ca), ("phosphate", p)) if v is None]
            self.step(
                "subtype.metastatic.labs",
                fired=False,
                facts=lab_facts,
                conclusion=f"Metabolic status unknown: no interpretable {' or '.join(missing) or 'result'}.",
            )
        if causes:
            cause_facts = [facts.fact(c) for c in causes]
            # a cause that is over ("sarcoidosis that resolved 20 years ago") with calcium normal today
            over = all(c in facts.past for c in causes) and facts.calcium == "normal"
            blocked = (
                "calcium and phosphate are normal"
                if self.labs_normal
                else f"{self.labels(causes)} is over and calcium is normal"
                if over
                else None
            )
            cand = None
            if not (abnormal or high_product):
                cand = self.propose(
                    "subtype.metastatic.condition",
                    "metastatic",
                    "suggested",
                    facts_for=cause_facts,
                    associated=causes,
                    blocked=blocked,
                )
            self.step(
                "subtype.metastatic.condition",
                fired=True,
                facts=cause_facts,
                conclusion=f"{self.labels(causes)}: a cause of metastatic calcinosis"
                + (f" ({blocked}: an alternative only)." if blocked else "."),
                extra_refs=self.refs_of(causes),
                candidate=cand,
            )
        else:
            self.step(
                "subtype.metastatic.condition", fired=False, facts=[], conclusion="No known metabolic cause recorded."
            )
        self.branch()

    def pattern_holds(self, pattern: LabPattern) -> bool:
        for analyte, allowed in pattern.labs.items():
            value = self.facts.interp(analyte) or "missing"
            if value not in allowed:
                return False
        if pattern.renal_impairment is not None and pattern.renal_impairment != self.facts.renal_impaired:
            return False
        return not pattern.exposures_any or bool(set(pattern.exposures_any) & self.facts.present)

    def branch(self) -> None:
        """Step 4.4: name the likely cause of a calcium/phosphate abnormality (suggestions only)."""
        rule = self.kb.rule("subtype.metastatic.branch")
        hit = next((p for p in rule.patterns if self.pattern_holds(p)), None)
        used = self.lab_facts(("calcium_ionized", "calcium", "phosphate", "pth", "vitamin_d_25oh", "vitamin_d_125oh"))
        if hit is None:
            self.step(
                "subtype.metastatic.branch",
                fired=False,
                facts=used,
                conclusion="No lab pattern of a metabolic cause.",
            )
            return
        self.result.suggested_causes.append(hit.suggestion)
        self.step(
            "subtype.metastatic.branch",
            fired=True,
            facts=used,
            conclusion=f"The lab pattern suggests {hit.suggestion}.",
            extra_refs=list(hit.refs),
        )

    # -- dystrophic ------------------------------------------------------------------------
    def ctd(self) -> None:
        ctd = self.present_where("conditions", lambda c: c.category == "connective_tissue_disease")
        features = self.features_with_role("ctd_feature")
        rule = self.kb.rule("subtype.dystrophic.ctd")
        antibodies = [a for a in rule.words("specific_antibodies") if self.facts.labs.get(a) == "high"]
        normal = self.labs_normal and not self.facts.renal_impaired
        if ctd:
            facts = [self.facts.fact(c) for c in ctd + features] + self.lab_facts(tuple(antibodies))
            cand = self.propose(
                "subtype.dystrophic.ctd",
                "dystrophic",
                "confirmed" if normal else "probable",
                facts_for=facts,
                associated=ctd,
            )
            self.step(
                "subtype.dystrophic.ctd",
                fired=True,
                facts=facts,
                conclusion=f"{self.labels(ctd)}: dystrophic, {cand.certainty}"
                + ("" if normal else " (calcium and phosphate not shown normal)")
                + ".",
                extra_refs=self.refs_of(ctd),
                candidate=cand,
            )
        elif (ssc := self.ssc_criteria(rule)) is not None:
            condition, score, items = ssc
            facts = [self.facts.fact(c) for c in items if c in self.facts.present] + self.lab_facts(
                tuple(c for c in items if c not in self.facts.present)
            )
            cand = self.propose(
                "subtype.dystrophic.ctd",
                "dystrophic",
                "probable" if normal else "suggested",
                facts_for=facts,
                associated=[condition],
            )
            self.step(
                "subtype.dystrophic.ctd",
                fired=True,
                facts=facts,
                conclusion=f"{self.ssc_item_labels(items)} add up to the 2013 ACR/EULAR classification criteria for "
                f"{self.labels([condition]).lower()} (score {score:g}, 9 or more), which the record does not name: "
                f"dystrophic, {cand.certainty}"
                + ("" if normal else " (calcium and phosphate not shown normal)")
                + "; classification criteria are not a diagnosis, so the rheumatological assessment confirms it.",
                extra_refs=self.refs_of([condition]),
                candidate=cand,
            )
        elif features or antibodies:
            facts = [self.facts.fact(c) for c in features] + self.lab_facts(tuple(antibodies))
            cand = self.propose("subtype.dystrophic.ctd", "dystrophic", "suggested", facts_for=facts)
            told = [f"features of connective tissue disease ({self.labels(features)})"] if features else []
            if antibodies:
                names = ", ".join(self.kb.analytes[a].label for a in antibodies)
                told.append(f"a disease-specific autoantibody ({names} positive)")
            decides = "the rheumatological assessment decides" if antibodies else "serology decides"
            self.step(
                "subtype.dystrophic.ctd",
                fired=True,
                facts=facts,
                conclusion=f"{' and '.join(told).capitalize()} without a diagnosis: dystrophic possible; {decides}.",
                candidate=cand,
            )
        else:
            negated = sorted(self.facts.absent & {f.id for f in self.kb.features.values() if "ctd_feature" in f.role})
            self.step(
                "subtype.dystrophic.ctd",
                fired=False,
                facts=[self.facts.fact(c) for c in negated],
                conclusion="No connective tissue disease or its features recorded.",
            )

    def ssc_criteria(self, rule: Rule) -> tuple[str, float, list[str]] | None:
        """(the condition, its score, the items that scored) when the features and antibodies recorded
        meet the rule's classification criteria (``ssc_items``: group:concept:points, the highest item of
        a group counting once; ``ssc_threshold``); None otherwise or when the rule has none."""
        condition = rule.text("ssc_condition")
        if condition is None:
            return None
        best: dict[str, tuple[float, str]] = {}
        for item in rule.words("ssc_items"):
            group, concept, points = item.split(":")
            recorded = concept in self.facts.present or self.facts.labs.get(concept) == "high"
            if recorded and float(points) > best.get(group, (0.0, ""))[0]:
                best[group] = (float(points), concept)
        score = sum(points for points, _ in best.values())
        if score < rule.number("ssc_threshold"):
            return None
        return condition, score, [concept for _, concept in best.values()]

    def ssc_item_labels(self, items: list[str]) -> str:
        """The criteria items as said: features by their labels, antibodies as "<label> positive"."""
        features = [c for c in items if c not in self.kb.analytes]
        antibodies = [f"{self.kb.analytes[c].label} positive" for c in items if c in self.kb.analytes]
        return ", ".join([self.labels(features)] * bool(features) + antibodies)

    def dystrophic_cause(self, rule_id: str, causes: list[str], *, none_text: str) -> None:
        """A local or inherited cause of dystrophic calcinosis: probable when the labs are normal."""
        if not causes:
            self.step(rule_id, fired=False, facts=[], conclusion=none_text)
            return
        normal = self.labs_normal and not self.facts.renal_impaired
        facts = [self.facts.fact(c) for c in causes]
        cand = self.propose(
            rule_id,
            "dystrophic",
            "probable" if normal else "suggested",
            facts_for=facts,
            associated=[c for c in causes if c in self.kb.conditions],
        )
        self.step(
            rule_id,
            fired=True,
            facts=facts,
            conclusion=f"{self.labels(causes)}: dystrophic, {cand.certainty}.",
            extra_refs=self.refs_of(causes),
            candidate=cand,
        )

    def local_damage(self) -> None:
        rule_id = "subtype.dystrophic.local_damage"
        local_categories = set(self.kb.rule(rule_id).words("condition_categories"))
        causes = sorted(
            {
                *self.present_where("conditions", lambda c: c.category in local_categories),
                *self.present_where("exposures", lambda e: e.points_to == "dystrophic"),
                *self.features_with_role("local_damage"),
            }
        )
        elsewhere = [c for c in causes if self.injury_elsewhere(c)]
        at_site = [c for c in causes if c not in elsewhere]
        if at_site or not elsewhere:
            self.dystrophic_cause(
                rule_id, at_site, none_text="No prior injury, infection or tumour at the site recorded."
            )
            return
        # every injury is recorded at another site than every lesion: no nidus of these lesions
        where = ", ".join(les for les, _ in self.facts.lesion_sites) or "not recorded"
        sites = ", ".join(dict.fromkeys(s for c in elsewhere for s in self.injury_sites(c))) or "a site not recorded"
        facts = [self.facts.fact(c) for c in elsewhere]
        cand = self.propose(
            rule_id,
            "dystrophic",
            "suggested",
            facts_for=facts,
            blocked=f"the injury was at {sites}, not at a lesion's site ({where})",
        )
        self.step(
            rule_id,
            fired=True,
            facts=facts,
            conclusion=f"{self.labels(elsewhere)}: at {sites}, not at the lesion ({where}): "
            f"dystrophic, {cand.certainty} (an alternative only).",
            extra_refs=self.refs_of(elsewhere),
            candidate=cand,
        )

    def injury_sites(self, cid: str) -> list[str]:
        """The injury's recorded sites; for an operation that needs a site and has none recorded, the words
        that name it ("hip replacement" is at the hip)."""
        sites = self.facts.concept_sites.get(cid, [])
        exposure = self.kb.exposures.get(cid)
        if sites or exposure is None or not exposure.site_required:
            return sites
        return [e.text.lower() for e in self.facts.evidence.get(cid, [])]

    def injury_elsewhere(self, cid: str) -> bool:
        """The injury's recorded site is at none of the lesions' sites (sides and regions of the
        exposure-site rule's params); unknown when either site is not recorded, except for an
        operation that needs its site at a lesion's (``site_required``): unknown is elsewhere."""
        exposure = self.kb.exposures.get(cid)
        required = exposure is not None and exposure.site_required
        sites = self.injury_sites(cid)
        if not sites or not self.facts.lesion_sites:
            return required
        rule = self.kb.rule("subtype.iatrogenic.exposure_at_site")
        return not any(
            site_relation(site, les, side, rule) == "at" for site in sites for les, side in self.facts.lesion_sites
        )

    def inherited(self) -> None:
        genes = self.present_where("conditions", lambda c: c.category == "genodermatosis")
        self.dystrophic_cause("subtype.dystrophic.inherited", genes, none_text="No genodermatosis recorded.")

    # -- idiopathic ------------------------------------------------------------------------
    def panel_complete(self) -> tuple[bool, list[str]]:
        """Idiopathic confirmation: the named CTD panel all negative and the first-line work-up done."""
        rule = self.kb.rule("subtype.idiopathic.pattern")
        missing: list[str] = []
        panel = self.kb.workup.get(rule.text("ctd_panel_workup") or "")
        if panel is not None:
            missing += [a for a in panel.analytes if self.facts.labs.get(a) != "normal"]
        measured = {lab.analyte for lab in self.facts.case.labs} | {d.id for d in self.facts.labs_report.derived}
        for item_id in rule.words("first_line_workup"):
            item = self.kb.workup.get(item_id)
            if item is not None and not set(item.analytes) & measured:
                missing.append(item.id)
        return not missing, missing

    def idiopathic(self) -> None:
        causes = [c for c in self.result.candidates if c.subtype in self.causes and not c.blocked]
        pattern = self.idiopathic_subform()
        negated = sorted(self.facts.absent & (set(self.kb.conditions) | set(self.kb.exposures)))
        used = self.lab_facts(("calcium", "calcium_ionized", "phosphate", "pth"))
        used += [self.facts.fact(c) for c in negated[:8]]
        if causes:
            self.step(
                "subtype.idiopathic.pattern",
                fired=False,
                facts=used,
                conclusion="A cause is proposed by another step: not idiopathic.",
            )
            return
        damage = sorted(set(self.kb.rule("subtype.idiopathic.pattern").words("not_with")) & self.facts.present)
        if damage and (self.labs_normal or pattern):
            self.step(
                "subtype.idiopathic.pattern",
                fired=False,
                facts=[*used, *(self.facts.fact(c) for c in damage)],
                conclusion=f"{self.labels(damage)}: tissue damage and the picture of calciphylaxis, which normal "
                "calcium and phosphate do not exclude (non-uremic calciphylaxis): not idiopathic; the biopsy decides.",
            )
            return
        held = (
            (self.cause_on_record() or self.lookalike_on_record())
            if self.labs_normal and not self.facts.renal_impaired
            else None
        )
        if held is not None:
            facts, why = [*used, *held[0]], held[1]
            cand = self.propose("subtype.idiopathic.pattern", "idiopathic", "suggested", facts_for=facts)
            held_ids = {f.id for f in held[0]}
            self.step(
                "subtype.idiopathic.pattern",
                fired=True,
                facts=facts,
                conclusion=f"Normal calcium and phosphate and no tissue damage, but {why}: idiopathic, possible.",
                # a look-alike held beside it is cited by its own sources
                extra_refs=[
                    ref
                    for look in self.kb.lookalikes.values()
                    if not look.applies_to and {look.id, *look.suspected_when} & held_ids
                    for ref in look.refs
                ],
                candidate=cand,
            )
        elif self.labs_normal and not self.facts.renal_impaired:
            complete, missing = self.panel_complete()
            cand = self.propose(
                "subtype.idiopathic.pattern", "idiopathic", "confirmed" if complete else "probable", facts_for=used
            )
            reason = (
                ""
                if complete
                else f" (not confirmed: {len(missing)} test{'s' if len(missing) > 1 else ''} of the serology panel and "
                "first-line work-up not done or not normal; see the missing work-up)"
            )
            excluded = f" Reported absent: {', '.join(self.facts.negated(c) for c in negated[:6])}." if negated else ""
            self.step(
                "subtype.idiopathic.pattern",
                fired=True,
                facts=used,
                conclusion=f"No tissue damage or cause and normal calcium/phosphate: idiopathic, {cand.certainty}"
                f"{reason}.{excluded}",
                candidate=cand,
            )
        elif pattern:
            cand = self.propose("subtype.idiopathic.pattern", "idiopathic", "suggested", facts_for=used)
            self.step(
                "subtype.idiopathic.pattern",
                fired=True,
                facts=used,
                conclusion=f"The picture fits {self.kb.subforms[pattern].label} but calcium and phosphate "
                "are not shown normal: idiopathic, possible.",
                candidate=cand,
            )
        else:
            self.step(
                "subtype.idiopathic.pattern",
                fired=False,
                facts=used,
                conclusion="Idiopathic needs normal calcium and phosphate and no cause: not shown.",
            )

    # -- sub-forms -------------------------------------------------------------------------
    def site_match(self, rule_id: str) -> list[str]:
        """Recorded sites naming one of the rule's site words as a whole word ("ear", not "forearm")."""
        pattern = _whole_words(tuple(self.kb.rule(rule_id).words("sites")))
        return [site for site in self.facts.sites if pattern.search(site)]

    def cause_on_record(self) -> tuple[list[FactUsed], str] | None:
        """A cause of calcinosis the record holds though no step made it the call, which keeps
        idiopathic at possible: a metabolic cause (normal values today do not show what they were
        when the deposits formed), or an iatrogenic exposure told at another site than the lesions.
        The facts it adds and why; None when there is none."""
        metabolic = [
            c for c in self.result.candidates if c.blocked and c.rule.startswith("subtype.metastatic.condition@")
        ]
        if metabolic:
            return [], (
                f"{self.labels(metabolic[0].associated)}, a cause of metastatic calcinosis, is recorded: normal "
                "values today do not show what they were when the deposits formed"
            )
        if any(c.blocked and c.rule.startswith("subtype.iatrogenic.exposure_at_site@") for c in self.result.candidates):
            exposed = self.present_where("exposures", lambda e: e.points_to == "iatrogenic")
            return [self.facts.fact(c, "exposure") for c in exposed], (
                f"{self.labels(exposed)}, a cause of iatrogenic calcinosis, is recorded at another site than the "
                "lesions: the record may not place it exactly, so a cause is not excluded"
            )
        return None

    def lookalike_on_record(self) -> tuple[list[FactUsed], str] | None:
        """A look-alike of calcinosis cutis in general (no subtype of its own) that the record names, or
        suspects from a feature its sources give for it (gout for tophi), with no finding that decides:
        the lesions may be the look-alike, so idiopathic (no cause found) is at most possible. The facts
        it adds and why; None when there is none."""
        for look in self.kb.lookalikes.values():
            if look.applies_to or self.facts.known_at_least(look.age_below):
                continue
            named = (
                [look.id] if look.id in self.facts.present else sorted(set(look.suspected_when) & self.facts.present)
            )
            if named:
                return [self.facts.fact(c) for c in named], (
                    f"{self.labels(named)} is recorded: the lesions may be {look.label} rather than calcinosis "
                    f"(decided by: {look.test.rstrip('.')})"
                )
        return None

    def idiopathic_subform(self) -> str | None:
        facts, kb = self.facts, self.kb
        micc = kb.rule("subform.milia_like_calcinosis")
        if set(micc.words("conditions")) & facts.present and set(micc.words("features")) & facts.present:
            return "milia_like_calcinosis"
        if self.site_match("subform.scrotal_calcinosis"):
            return "scrotal_calcinosis"
        scn = kb.rule("subform.subepidermal_calcified_nodule")
        child = facts.younger_than(scn.number("child_age_below")) is True
        warty = bool(set(scn.words("features")) & facts.present)
        # the source pattern is a lesion of the head and neck: every recorded site must be there
        head_neck = facts.sites and len(self.site_match(scn.id)) == len(facts.sites)
        if head_neck and (child or warty):
            return "subepidermal_calcified_nodule"
        if set(kb.rule("subform.tumoral_calcinosis").words("features")) & facts.present:
            return "tumoral_calcinosis"
        return None

    def subform(self) -> None:
        res, facts, kb = self.result, self.facts, self.kb
        candidate: str | None = None
        rule_id: str | None = None
        stated = facts.case.stated_subform
        if stated and stated in kb.subforms and (res.subtype in kb.subforms[stated].subtypes):
            candidate, rule_id = stated, None
        elif res.subtype == "idiopathic":
            candidate = self.idiopathic_subform()
            rule_id = f"subform.{candidate}" if candidate else None
        elif res.subtype == "metastatic":
            if set(kb.rule("subform.tumoral_calcinosis").words("features")) & facts.present:
                candidate, rule_id = "tumoral_calcinosis", "subform.tumoral_calcinosis"
            elif "subform.hftc" in kb.rules and set(kb.rule("subform.hftc").words("disorders")) & facts.present:
                # the inherited disorder recorded (a GALNT3 or FGF23 variant): its deposits are tumoral
                # calcinosis even when the masses are not described
                candidate, rule_id = "tumoral_calcinosis", "subform.hftc"
        elif res.subtype == "calciphylaxis":
            renal = self.present_where("conditions", lambda c: c.category == "renal")
            candidate = "calciphylaxis_uremic" if renal or facts.renal_impaired else "calciphylaxis_nonuremic"
            rule_id = "subform.calciphylaxis_setting"
        elif (
            "heel_sticks" in facts.present
            and "heel_stick_calcinosis" in kb.subforms
            and (res.subtype in kb.subforms["heel_stick_calcinosis"].subtypes)
        ):
            # the sources give the heel-stick nodules either parent (subforms.yaml)
            candidate, rule_id = "heel_stick_calcinosis", "subform.heel_stick"
        elif res.subtype == "iatrogenic" and self.present_where("exposures", lambda e: e.kind == "transplant"):
            candidate, rule_id = "transplant_associated", "subtype.iatrogenic.exposure_at_site"
        if candidate is None or candidate not in kb.subforms:
            return
        # HFTC: tumoral calcinosis with high phosphate and normal renal function shown
        if candidate == "tumoral_calcinosis" and "hftc" in kb.subforms and self.pattern_is_hftc():
            candidate, rule_id = "hftc", "subform.hftc"
        sub = kb.subforms[candidate]
        res.subform = candidate
        if rule_id and rule_id in kb.rules:
            self.step(rule_id, fired=True, facts=[], conclusion=f"Sub-form: {sub.label}.")
        elif stated == candidate and candidate in self.kb.rule("subform.extent").words("subforms"):
            self.step(
                "subform.extent",
                fired=True,
                facts=[FactUsed(kind="stated", id=candidate, label=sub.label, value=facts.case.diagnosis_as_written)],
                conclusion=f"Extent as the source states it: {sub.label}.",
                extra_refs=list(sub.refs),
            )
        elif stated == candidate:
            self.step(
                "subtype.stated_by_source",
                fired=True,
                facts=[FactUsed(kind="stated", id=candidate, label=sub.label, value=facts.case.diagnosis_as_written)],
                conclusion=f"Sub-form as the source states it: {sub.label}.",
                extra_refs=list(sub.refs),
            )
        if len(sub.subtypes) > 1 and sub.disagreement:
            res.subform_note = sub.disagreement
            res.disagreements.append(Disagreement(topic=sub.label, views=[sub.disagreement], refs=list(sub.refs)))

    def pattern_is_hftc(self) -> bool:
        facts = self.facts
        if facts.labs.get("phosphate") != "high":
            return False
        if not facts.renal_normal_shown:
            self.step(
                "subform.hftc",
                fired=False,
                facts=self.lab_facts(("phosphate", "creatinine", "egfr")),
                conclusion="High phosphate with tumoral calcinosis, but normal renal function is not shown: "
                "HFTC is not named until creatinine, eGFR or renal function is shown normal.",
            )
            return False
        return True

    # -- resolution and fallbacks ----------------------------------------------------------
    def resolve(self, skin: bool) -> None:
        res = self.result
        if not skin:
            for cand in res.candidates:
                cand.blocked = cand.blocked or "no skin lesion, sign, imaging or histology is recorded"
        elif self.induration_only or self.nothing_like_calcinosis:
            # the lesions are induration, not calcification, and no biopsy was read, or nothing recorded is
            # like calcification and a test found none: only calciphylaxis (whose lesions are its
            # evidence) and a look-alike are still made; the rest wait for a calcified-lesion finding
            keeps = set(self.kb.rule("lesion.calcinosis_evidence").words("induration_keeps"))
            found_none = (
                f" and a test found no calcium ({self.labels(self.stain_negative())})"
                if self.nothing_like_calcinosis
                else ""
            )
            for cand in res.candidates:
                if cand.subtype not in keeps and not cand.override:
                    cand.blocked = cand.blocked or (
                        f"no lesion like calcification is recorded ({self.lesion_words()}){found_none}; "
                        f"{_MISSING_CALCIFIED_LESION}"
                    )
        resolved = resolve(res.candidates, self.kb)
        res.alternatives = resolved.alternatives
        winner = resolved.winner
        if winner is not None and (mimic := self.picture_explained(winner)):
            # the lesion argues against the winner and its picture is calciphylaxis's, held back by a mimic
            # or a biopsy against it: nothing is made from the setting alone
            rule = self.kb.rule("subtype.resolution")
            res.alternatives.insert(
                0,
                Alternative.model_validate(
                    {
                        "code": winner.subtype,
                        "certainty": winner.certainty,
                        "why": f"{winner.weighed}, and the lesion's picture is that of calciphylaxis, held back by "
                        f"{mimic}: no subtype is made from the setting alone",
                        "rule": f"{rule.id}@{rule.version}",
                    }
                ),
            )
            self.step(
                "subtype.resolution",
                fired=True,
                facts=[],
                conclusion=f"{_said(winner.subtype)} ({winner.certainty}) rests on the setting alone, the lesion "
                f"weighs against it and points to calciphylaxis, held back by {mimic}: the subtype is "
                "undetermined; what holds calciphylaxis back is to be settled first.",
            )
            return
        if winner is not None:
            res.subtype, res.certainty = winner.subtype, winner.certainty
            res.associated = list(winner.associated)
        if len(res.candidates) > 1 or (winner is not None and winner.override):
            lost = "; ".join(f"{_said(a.code)} ({a.certainty}): {a.why}" for a in res.alternatives)
            head = (
                f"{_said(winner.subtype)}, {winner.certainty}: {resolved.reason}" if winner else "No candidate can win"
            )
            self.step(
                "subtype.resolution",
                fired=True,
                facts=[],
                conclusion=head + (f". Also considered: {lost}." if lost else "."),
            )
        if resolved.competing and winner is not None:
            res.warnings.append(
                Warning(
                    code="competing_subtypes",
                    message=f"{winner.subtype} and {', '.join(resolved.competing)} are equally supported "
                    f"({winner.certainty}): the test that separates them decides.",
                )
            )

    def picture_explained(self, winner: Candidate) -> str | None:
        """What holds calciphylaxis back (its mimics, named or suspected, and a biopsy or stain against
        it) when the winner is only possible, the lesion's own picture weighs against it (the picture
        of calciphylaxis) and no sign or test shows calcification; None otherwise."""
        if winner.certainty != "possible" or not winner.weighed or self.level not in ("unlike_calcinosis", "none"):
            return None
        blocked = [c.blocked for c in self.result.candidates if c.subtype == "calciphylaxis" and c.blocked]
        if not blocked:
            return None
        negative = self.biopsy_against_calciphylaxis()
        held_by = [self.mimic_label(m) for m in self.calciphylaxis_mimics()]
        if negative:
            held_by.append(f"a biopsy against it ({', '.join(self.negative_label(c) for c in negative)})")
        # held back by its setting alone ("outside renal failure or warfarin, ... minor risk factors"):
        # the picture still argues against the winner, and a biopsy decides between them
        return " and ".join(held_by) or f"its setting ({blocked[0]})"

    def stated(self) -> None:
        res, case = self.result, self.facts.case
        stated = case.stated_subtype
        if not stated:
            return
        fact = FactUsed(kind="stated", id=stated, label=f"source states {stated}", value=case.diagnosis_as_written)
        rule = self.kb.rule("subtype.stated_by_source")
        # the lesion's own picture weighed against the stated subtype: the pathway's call stands
        against = next((c.weighed for c in res.candidates if c.subtype == stated and c.weighed), None)
        # no lesion, imaging or histology is recorded: the skin is known only from the source's diagnosis,
        # so the pathway's call rests on the history alone and does not outweigh it
        history_only = not self.skin_evidence()
        # a mimic not excluded, or a biopsy against it, holds calciphylaxis back: the source's word
        # ("the working diagnosis was calciphylaxis") does not lift it over them
        found = (
            self.held_back_labels(self.calciphylaxis_mimics(), self.biopsy_against_calciphylaxis())
            if stated == "calciphylaxis"
            and stated != res.subtype
            and any(c.subtype == stated and c.blocked for c in res.candidates)
            else []
        )
        if found:
            self.step(
                "subtype.stated_by_source",
                fired=False,
                facts=[fact],
                conclusion=f"The source names {stated}, but {', '.join(found)} holds it back (a mimic not "
                "excluded, or a biopsy against it): it stays an alternative.",
            )
            res.warnings.append(
                Warning(
                    code="stated_diagnosis_differs",
                    message=f"The source states {stated}, but {', '.join(found)} is recorded: {stated} is not "
                    "called while the mimic is not excluded; review the biopsy.",
                    field="diagnosis_as_written",
                )
            )
            return
        if not res.decided or (
            stated != res.subtype and against is None and (res.certainty == "possible" or history_only)
        ):
            if res.decided:
                res.alternatives.insert(
                    0,
                    Alternative.model_validate(
                        {
                            "code": res.subtype,
                            "certainty": res.certainty,
                            "why": (
                                "no lesion, imaging or histology is recorded, so the history alone does not "
                                "outweigh the source's own diagnosis, which is adopted instead"
                                if history_only and res.certainty != "possible"
                                else "only possible; the source's own diagnosis is adopted instead"
                            ),
                            "rule": f"{rule.id}@{rule.version}",
                        }
                    ),
                )
            res.alternatives = [a for a in res.alternatives if a.code != stated]
            res.subtype, res.certainty = stated, "possible"
            self.step(
                "subtype.stated_by_source",
                fired=True,
                facts=[fact],
                conclusion=f"The findings here do not decide; the source's diagnosis ({stated}) is adopted "
                "as possible.",
            )
        elif stated != res.subtype and against is None and self.stated_breaks_tie(stated, fact):
            return
        elif stated != res.subtype:
            res.warnings.append(
                Warning(
                    code="stated_diagnosis_differs",
                    message=f"The source states {stated}, but the recorded findings point to {res.subtype}"
                    + (f" ({against})" if against else "")
                    + ": review the findings.",
                    field="diagnosis_as_written",
                )
            )

    def stated_breaks_tie(self, stated: str, fact: FactUsed) -> bool:
        """The source's subtype was as certain here as the winner and lost only on the precedence
        order: the source's own diagnosis breaks the tie (its certainty is kept, the winner stays a
        competing alternative)."""
        res = self.result
        tied = next((a for a in res.alternatives if a.code == stated and a.competing), None)
        held = [c for c in res.candidates if c.subtype == stated and not c.blocked and c.certainty == res.certainty]
        if tied is None or not held or res.subtype is None or res.certainty is None:
            return False
        loser, certainty = res.subtype, res.certainty
        rule = self.kb.rule("subtype.resolution")
        res.alternatives = [a for a in res.alternatives if a.code != stated]
        res.alternatives.insert(
            0,
            Alternative.model_validate(
                {
                    "code": loser,
                    "certainty": certainty,
                    "why": f"as certain as {stated} ({certainty}), which the source states: the source's own "
                    "diagnosis breaks the tie",
                    "rule": f"{rule.id}@{rule.version}",
                    "competing": True,
                }
            ),
        )
        res.subtype = stated
        res.associated = sorted({a for c in held for a in c.associated})
        for warning in res.warnings:
            if warning.code == "competing_subtypes":
                warning.message = (
                    f"{stated} and {loser} are equally supported ({certainty}); {stated} is the source's own "
                    "diagnosis: the test that separates them decides."
                )
        self.step(
            "subtype.resolution",
            fired=True,
            facts=[fact],
            conclusion=f"The findings support {stated} and {loser} equally ({certainty}); the source's diagnosis "
            f"({stated}) breaks the tie.",
        )
        return True

    def lab_checks(self) -> None:
        """Data quality of the labs, and the values derived from them (they feed the metabolic step)."""
        report = self.facts.labs_report
        if not self.facts.case.labs:
            return
        problems = [w for w in report.warnings if w.code.startswith("lab_") and w.code != "lab_alert"]
        alerts = [w for w in report.warnings if w.code == "lab_alert"]
        self.step(
            "labs.plausibility",
            fired=bool(problems),
            facts=[self.facts.lab_fact(lab.analyte) for lab in self.facts.case.labs if lab.value is not None][:8],
            conclusion="; ".join(w.message for w in [*problems, *alerts])
            if problems or alerts
            else "Every value is in a unit its analyte is reported in and within plausible limits.",
        )
        for derived in report.derived:
            rule_id = {
                "calcium_corrected": "labs.corrected_calcium",
                "calcium_phosphate_product": "labs.calcium_phosphate_product",
                "egfr_estimated": "labs.egfr_from_creatinine",
            }[derived.id]
            value = f"{derived.value:g} {derived.unit}"
            text = derived_summary(derived.label, value, derived.interpretation, derived.method)
            self.step(
                rule_id,
                # shown in the reasoning when it matters: above the threshold, abnormal, or caveated
                fired=derived.interpretation in ("high", "low")
                or (derived.caveat is not None and derived.id == "calcium_corrected")
                or derived.id == "egfr_estimated",
                facts=[FactUsed(kind="derived_lab", id=derived.id, label=derived.label, value=value)],
                conclusion=text + (f". {derived.caveat}" if derived.caveat else "."),
                extra_refs=list(derived.refs),
            )
        basis = report.calcium_basis
        if basis and basis != "total":
            total = self.facts.labs.get("calcium")
            differs = total is not None and total != report.calcium_status
            self.step(
                "labs.calcium_status",
                fired=True,
                facts=self.lab_facts(("calcium_ionized", "calcium", "albumin")),
                conclusion=f"Calcium status from {basis} calcium: {report.calcium_status}"
                + (f" (total calcium alone reads {total})" if differs else "")
                + (
                    ". The albumin correction is inaccurate in CKD/ESRD: ionized calcium decides there."
                    if basis == "albumin-corrected" and self.facts.renal_impaired
                    else "."
                ),
            )

    def run(self) -> PathwayResult:
        skin = self.skin()
        self.lookalikes()
        self.calcinosis_evidence()
        self.lab_checks()
        self.calciphylaxis()
        self.iatrogenic()
        self.metabolic()
        self.lesion_weighs()
        self.metastatic_mimics()
        self.ctd()
        self.local_damage()
        self.inherited()
        self.idiopathic()
        self.named_lookalike()
        self.resolve(skin)
        self.stated()
        if not self.result.decided:
            self.step(
                "subtype.undetermined",
                fired=True,
                facts=[],
                conclusion="Not enough evidence to decide the subtype: calcium, phosphate and renal "
                "function, with the history of exposures and connective tissue disease, decide it.",
            )
        elif self.result.subtype != "not_calcinosis":
            self.subform()
        return self.result


def run_pathway(facts: CaseFacts, bundle: KnowledgeBundle) -> PathwayResult:
    """Run the pathway over one case's facts."""
    return _Pathway(facts, bundle).run()
