"""The diagnostic pathway: ``CaseFacts`` -> subtype, certainty, sub-form and a cited rationale.

The order follows CLINICAL.md section 2.2 (SYNTHESIZED from sourced facts; the Reiter 2011
algorithm figure was not accessible): look-alikes, calciphylaxis red flags, iatrogenic exposure
at the site, metabolic status from labs, connective tissue disease, local tissue damage,
genodermatoses, idiopathic patterns. The first step that decides wins; later candidates are kept
as alternatives. What each step reads (categories, roles, thresholds, site lists) comes from the
knowledge files, so this module holds the mechanism only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from calcidx.assess.facts import CaseFacts
from calcidx.assess.model import Disagreement, FactUsed, RuleStep, Warning
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["PathwayResult", "run_pathway"]

_RANK = {"possible": 1, "probable": 2, "confirmed": 3}


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
    alternatives: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    suggested_causes: list[str] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        return self.subtype != "undetermined"


class _Pathway:
    def __init__(self, facts: CaseFacts, bundle: KnowledgeBundle) -> None:
        self.facts = facts
        self.kb = bundle
        self.result = PathwayResult()

    # -- helpers ---------------------------------------------------------------------------
    def step(
        self, rule_id: str, *, fired: bool, conclusion: str, facts: list[FactUsed], extra_refs: list[str] | None = None
    ) -> None:
        rule = self.kb.rule(rule_id)
        refs = list(dict.fromkeys([*rule.refs, *(extra_refs or [])]))
        self.result.steps.append(
            RuleStep(
                rule=f"{rule.id}@{rule.version}",
                title=rule.title,
                fired=fired,
                facts=facts,
                conclusion=conclusion,
                refs=refs,
                evidence=rule.evidence,
            )
        )

    def decide(self, subtype: str, certainty: str, associated: list[str] | None = None) -> None:
        if self.result.decided:
            if subtype != self.result.subtype and subtype not in self.result.alternatives:
                self.result.alternatives.append(subtype)
            return
        self.result.subtype = subtype
        self.result.certainty = certainty
        self.result.associated = sorted(set(associated or []))

    def present_where(self, table: str, predicate: Callable[[Any], bool]) -> list[str]:
        items = getattr(self.kb, table)
        return sorted(cid for cid in self.facts.present if cid in items and predicate(items[cid]))

    def label(self, concept_id: str) -> str:
        concept = self.kb.concept(concept_id)
        return concept.label if concept else concept_id

    def cause_step(self, rule_id: str, ids: list[str], finding: str, *, kind: str = "finding") -> None:
        """A fired step about named concepts: "<labels>: <finding>", citing the concepts' sources too."""
        self.step(
            rule_id,
            fired=True,
            facts=[self.facts.fact(c, kind) for c in ids],
            conclusion=f"{', '.join(self.label(c) for c in ids)}: {finding}",
            extra_refs=self.refs_of(ids),
        )

    def refs_of(self, ids: list[str]) -> list[str]:
        out: list[str] = []
        for cid in ids:
            concept = self.kb.concept(cid)
            if concept:
                out.extend(concept.refs)
        return out

    def features_with_role(self, role: str) -> list[str]:
        return self.present_where("features", lambda f: role in f.role)

    def calcinosis_confirmed(self) -> bool:
        return bool(self.features_with_role("calcinosis_confirmation"))

    # -- steps -----------------------------------------------------------------------------
    def lookalikes(self) -> None:
        hits: list[tuple[str, list[str]]] = []
        for look in self.kb.lookalikes.values():
            decisive = sorted(set(look.decisive) & self.facts.present)
            if decisive:
                hits.append((look.id, decisive))
        if not hits:
            self.step(
                "lesion.lookalike",
                fired=False,
                facts=[],
                conclusion="No finding identifies a mimic (urate, true bone, oxalate).",
            )
            return
        hits.sort(key=lambda hit: (-len(hit[1]), hit[0]))
        look_id, decisive = hits[0]
        look = self.kb.lookalikes[look_id]
        self.result.lookalike = look_id
        self.step(
            "lesion.lookalike",
            fired=True,
            facts=[self.facts.fact(c) for c in decisive],
            conclusion=f"{', '.join(self.label(c) for c in decisive)} identifies {look.label}: not calcinosis cutis.",
            extra_refs=list(look.refs),
        )
        self.decide("not_calcinosis", "probable")

    def calcinosis_evidence(self) -> None:
        signs = self.features_with_role("calcinosis_sign")
        confirm = self.features_with_role("calcinosis_confirmation")
        if confirm:
            text = f"Calcification shown by {', '.join(self.label(c) for c in confirm)}."
        elif signs:
            text = (
                f"Clinical signs suggest calcinosis ({', '.join(self.label(c) for c in signs)}); "
                "a radiograph or biopsy would confirm it."
            )
        else:
            text = "No sign or test in the record shows the calcification itself."
        self.step(
            "lesion.calcinosis_evidence",
            fired=bool(signs or confirm),
            facts=[self.facts.fact(c) for c in [*confirm, *signs]],
            conclusion=text,
        )

    def calciphylaxis_risks(self, level: str) -> list[str]:
        def at_level(item: Any) -> bool:
            return bool(item.calciphylaxis_risk == level)

        return sorted({*self.present_where("conditions", at_level), *self.present_where("exposures", at_level)})

    def calciphylaxis(self) -> None:
        typical = self.features_with_role("calciphylaxis_typical")
        early = self.features_with_role("calciphylaxis_early")
        histology = self.features_with_role("calciphylaxis_histology")
        risks = {level: self.calciphylaxis_risks(level) for level in ("major", "minor", "listed")}
        n_major, n_minor = len(risks["major"]), len(risks["minor"])
        any_risk = risks["major"] + risks["minor"] + risks["listed"]
        rule = self.kb.rule("subtype.calciphylaxis.red_flags")
        suspected = n_major >= rule.number("suspected_major") or (
            n_major >= rule.number("suspected_major_with_minor") and n_minor >= rule.number("suspected_minor")
        )
        used = [self.facts.fact(c) for c in [*histology, *typical, *early, *any_risk]]
        risk_text = ", ".join(self.label(c) for c in any_risk) or "no risk factor"
        if histology and (typical or early or any_risk):
            certainty, text = "confirmed", "Biopsy shows calciphylaxis with typical or early lesions"
        elif typical and any_risk:
            certainty, text = "probable", "Typical lesions with a risk factor: clinical diagnosis"
        elif early and suspected:
            certainty, text = "possible", "Early suspicious changes with enough risk factors: suspected"
        else:
            lesions = ", ".join(self.label(c) for c in typical + early) or "no typical lesion"
            self.step(
                "subtype.calciphylaxis.red_flags",
                fired=False,
                facts=used,
                conclusion=f"No calciphylaxis red flags ({lesions}; {risk_text}).",
            )
            return
        self.step(
            "subtype.calciphylaxis.red_flags",
            fired=True,
            facts=used,
            conclusion=f"{text} ({risk_text}): calciphylaxis, {certainty}.",
        )
        self.decide("calciphylaxis", certainty, [c for c in any_risk if c in self.kb.conditions])

    def iatrogenic(self) -> None:
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
        confirmed = self.calcinosis_confirmed()
        certainty = "confirmed" if confirmed else "probable"
        pending = "" if confirmed else " (radiograph or biopsy of the site would confirm)"
        self.cause_step(
            "subtype.iatrogenic.exposure_at_site", exposures, f"iatrogenic, {certainty}{pending}.", kind="exposure"
        )
        for cid in exposures:
            exposure = self.kb.exposures[cid]
            if exposure.disagreement:
                self.result.disagreements.append(
                    Disagreement(topic=exposure.label, views=[exposure.disagreement], refs=list(exposure.refs))
                )
        self.decide("iatrogenic", certainty)

    def metabolic(self) -> bool:
        """Step 4: metabolic status. Returns True when labs show normal calcium and phosphate."""
        labs = self.facts.labs
        renal = self.present_where("conditions", lambda c: c.category == "renal")
        causes = sorted(
            {
                *self.present_where("conditions", lambda c: c.points_to == "metastatic" and c.category != "renal"),
                *self.present_where("exposures", lambda e: e.points_to == "metastatic"),
            }
        )
        ca, p = labs.get("calcium"), labs.get("phosphate")
        caxp = next((d for d in self.facts.labs_report.derived if d.id == "calcium_phosphate_product"), None)
        high_product = caxp is not None and caxp.interpretation == "high"
        abnormal = [a for a in ("calcium", "phosphate") if labs.get(a) == "high"]
        lab_facts = [self.facts.lab_fact(a) for a in ("calcium", "phosphate", "pth", "creatinine") if a in labs]
        if caxp is not None:
            lab_facts.append(
                FactUsed(kind="derived_lab", id=caxp.id, label=caxp.label, value=f"{caxp.value:g} {caxp.unit}")
            )
        normal = ca == "normal" and p == "normal"

        if renal:
            self.cause_step("subtype.metastatic.renal", renal, "the commonest cause of metastatic calcinosis.")
        if abnormal or high_product:
            what = [f"{a} high" for a in abnormal] + (
                [f"Ca x P {caxp.value:g} {caxp.unit} at or above the threshold"] if high_product and caxp else []
            )
            self.step(
                "subtype.metastatic.labs",
                fired=True,
                facts=lab_facts,
                conclusion=f"Abnormal calcium/phosphate metabolism ({'; '.join(what)}): metastatic.",
            )
        elif normal:
            self.step(
                "subtype.metastatic.labs",
                fired=False,
                facts=lab_facts,
                conclusion="Calcium and phosphate normal"
                + ("" if renal else " and no renal disease")
                + ": not metastatic.",
            )
        else:
            missing = [a for a in ("calcium", "phosphate") if a not in labs]
            self.step(
                "subtype.metastatic.labs",
                fired=False,
                facts=lab_facts,
                conclusion=f"Metabolic status unknown: no interpretable {' or '.join(missing) or 'result'}.",
            )
        if causes:
            self.cause_step("subtype.metastatic.condition", causes, "a cause of metastatic calcinosis.")
        self.branch(renal, abnormal)

        if abnormal or high_product:
            certainty = "confirmed" if (renal or causes) else "probable"
            self.decide("metastatic", certainty, renal + causes)
        elif (renal or causes) and not normal:
            self.decide("metastatic", "possible", renal + causes)
        elif causes and normal:
            self.result.alternatives.append("metastatic")
        return normal and not renal

    def branch(self, renal: list[str], abnormal: list[str]) -> None:
        """Step 4.4: name the likely cause of a calcium/phosphate abnormality (suggestions only)."""
        labs = self.facts.labs
        ca, p, pth = labs.get("calcium"), labs.get("phosphate"), labs.get("pth")
        d25, d125 = labs.get("vitamin_d_25oh"), labs.get("vitamin_d_125oh")
        suggestion = None
        if renal and p == "high":
            suggestion = "CKD-mineral bone disorder with secondary hyperparathyroidism"
        elif ca == "high" and pth in ("high", "normal") and p in ("low", "normal", None) and not renal:
            suggestion = "primary hyperparathyroidism"
        elif ca == "high" and pth == "low" and d125 == "high":
            suggestion = "granulomatous disease (sarcoidosis) or a malignancy making 1,25-dihydroxyvitamin D"
        elif ca == "high" and pth == "low" and d25 == "high":
            suggestion = "hypervitaminosis D"
        elif ca == "high" and "calcium_alkali_intake" in self.facts.present:
            suggestion = "milk-alkali syndrome"
        elif p == "high" and ca == "normal" and pth in ("normal", None) and not renal:
            suggestion = "hyperphosphataemic familial tumoral calcinosis (HFTC): check TmP/GFR, FGF23, GALNT3/FGF23/KL"
        if suggestion is None:
            return
        self.result.suggested_causes.append(suggestion)
        self.step(
            "subtype.metastatic.branch",
            fired=True,
            facts=[self.facts.lab_fact(a) for a in ("calcium", "phosphate", "pth") if a in labs],
            conclusion=f"The lab pattern suggests {suggestion}.",
        )

    def ctd(self, labs_normal: bool) -> None:
        ctd = self.present_where("conditions", lambda c: c.category == "connective_tissue_disease")
        features = self.features_with_role("ctd_feature")
        if ctd:
            certainty = "confirmed" if labs_normal and self.calcinosis_confirmed() else "probable"
            self.step(
                "subtype.dystrophic.ctd",
                fired=True,
                facts=[self.facts.fact(c) for c in ctd + features],
                conclusion=f"{', '.join(self.label(c) for c in ctd)}: dystrophic, {certainty}"
                + ("" if labs_normal else " (calcium and phosphate not shown normal)")
                + ".",
                extra_refs=self.refs_of(ctd),
            )
            self.decide("dystrophic", certainty, ctd)
        elif features:
            self.step(
                "subtype.dystrophic.ctd",
                fired=True,
                facts=[self.facts.fact(c) for c in features],
                conclusion=f"Features of connective tissue disease ({', '.join(self.label(c) for c in features)}) "
                "without a diagnosis: dystrophic possible; serology decides.",
            )
            self.decide("dystrophic", "possible")
        else:
            negated = sorted(
                set(self.kb.features)
                & self.facts.absent
                & {f.id for f in self.kb.features.values() if "ctd_feature" in f.role}
            )
            self.step(
                "subtype.dystrophic.ctd",
                fired=False,
                facts=[self.facts.fact(c) for c in negated],
                conclusion="No connective tissue disease or its features recorded.",
            )

    def dystrophic_cause(self, rule_id: str, causes: list[str], *, labs_normal: bool, none_text: str) -> None:
        """A local or inherited cause of dystrophic calcinosis: probable when the labs are normal."""
        if not causes:
            self.step(rule_id, fired=False, facts=[], conclusion=none_text)
            return
        certainty = "probable" if labs_normal else "possible"
        self.cause_step(rule_id, causes, f"dystrophic, {certainty}.")
        self.decide("dystrophic", certainty, [c for c in causes if c in self.kb.conditions])

    def local_damage(self, labs_normal: bool) -> None:
        local_categories = {"local_tissue_damage", "infection", "neoplasm_local"}
        causes = sorted(
            {
                *self.present_where("conditions", lambda c: c.category in local_categories),
                *self.present_where("exposures", lambda e: e.points_to == "dystrophic"),
                *self.features_with_role("local_damage"),
            }
        )
        self.dystrophic_cause(
            "subtype.dystrophic.local_damage",
            causes,
            labs_normal=labs_normal,
            none_text="No prior injury, infection or tumour at the site recorded.",
        )

    def inherited(self, labs_normal: bool) -> None:
        genes = self.present_where("conditions", lambda c: c.category == "genodermatosis")
        self.dystrophic_cause(
            "subtype.dystrophic.inherited", genes, labs_normal=labs_normal, none_text="No genodermatosis recorded."
        )

    def serology_negative(self) -> bool:
        serology = [a.id for a in self.kb.analytes.values() if a.id == "ana" or a.id.startswith("anti_")]
        return any(self.facts.labs.get(a) == "normal" for a in serology)

    def idiopathic(self, labs_normal: bool) -> None:
        pattern = self.idiopathic_subform()
        negated = sorted(self.facts.absent & (set(self.kb.conditions) | set(self.kb.exposures)))
        used = [self.facts.lab_fact(a) for a in ("calcium", "phosphate", "pth") if a in self.facts.labs]
        used += [self.facts.fact(c) for c in negated[:8]]
        if labs_normal:
            certainty = "confirmed" if self.serology_negative() else "probable"
            reason = "" if certainty == "confirmed" else " (probable while connective tissue serology is missing)"
            excluded = f" Reported absent: {', '.join(self.facts.negated(c) for c in negated[:6])}." if negated else ""
            self.step(
                "subtype.idiopathic.pattern",
                fired=True,
                facts=used,
                conclusion=f"No tissue damage or cause and normal calcium/phosphate: idiopathic, {certainty}{reason}."
                + excluded,
            )
            self.decide("idiopathic", certainty)
        elif pattern:
            self.step(
                "subtype.idiopathic.pattern",
                fired=True,
                facts=used,
                conclusion=f"The picture fits {self.kb.subforms[pattern].label} but calcium and phosphate "
                "are not shown normal: idiopathic, possible.",
            )
            self.decide("idiopathic", "possible")
        else:
            self.step(
                "subtype.idiopathic.pattern",
                fired=False,
                facts=used,
                conclusion="Idiopathic needs normal calcium and phosphate and no cause: not shown.",
            )

    # -- sub-forms -------------------------------------------------------------------------
    def site_match(self, rule_id: str) -> list[str]:
        words = self.kb.rule(rule_id).words("sites")
        return [site for site in self.facts.sites if any(w in site for w in words)]

    def idiopathic_subform(self) -> str | None:
        facts, kb = self.facts, self.kb
        micc = kb.rule("subform.milia_like_calcinosis")
        if set(micc.words("conditions")) & facts.present and set(micc.words("features")) & facts.present:
            return "milia_like_calcinosis"
        if self.site_match("subform.scrotal_calcinosis"):
            return "scrotal_calcinosis"
        scn = kb.rule("subform.subepidermal_calcified_nodule")
        child = facts.age is not None and facts.age < 18
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
        elif res.subtype == "calciphylaxis":
            renal = self.present_where("conditions", lambda c: c.category == "renal")
            candidate = "calciphylaxis_uremic" if renal else "calciphylaxis_nonuremic"
            rule_id = "subform.calciphylaxis_setting"
        elif res.subtype == "iatrogenic":
            if "heel_sticks" in facts.present:
                candidate, rule_id = "heel_stick_calcinosis", "subform.heel_stick"
            elif self.present_where("exposures", lambda e: e.kind == "transplant"):
                candidate, rule_id = "transplant_associated", "subtype.iatrogenic.exposure_at_site"
        if candidate is None or candidate not in kb.subforms:
            return
        # HFTC: tumoral calcinosis with high phosphate and no renal disease (CLINICAL.md 2.2 step 4.4 g)
        renal = self.present_where("conditions", lambda c: c.category == "renal")
        if (
            candidate == "tumoral_calcinosis"
            and facts.labs.get("phosphate") == "high"
            and not renal
            and "hftc" in kb.subforms
        ):
            candidate = "hftc"
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

    # -- fallbacks -------------------------------------------------------------------------
    def stated(self) -> None:
        res, case = self.result, self.facts.case
        stated = case.stated_subtype
        if not stated:
            return
        fact = FactUsed(kind="stated", id=stated, label=f"source states {stated}", value=case.diagnosis_as_written)
        if not res.decided or (res.certainty == "possible" and stated != res.subtype):
            if res.decided:
                res.alternatives.append(res.subtype)
            res.subtype, res.certainty = stated, "possible"
            self.step(
                "subtype.stated_by_source",
                fired=True,
                facts=[fact],
                conclusion=f"The findings here do not decide; the source's diagnosis ({stated}) is adopted "
                "as possible.",
            )
        elif stated != res.subtype:
            res.warnings.append(
                Warning(
                    code="stated_diagnosis_differs",
                    message=f"The source states {stated}, but the recorded findings point to {res.subtype}: "
                    "review the findings.",
                    field="diagnosis_as_written",
                )
            )

    def lab_checks(self) -> None:
        """Data quality of the labs, and the values derived from them (they feed step 4)."""
        report = self.facts.labs_report
        if not self.facts.case.labs:
            return
        problems = [w for w in report.warnings if w.code.startswith("lab_")]
        self.step(
            "labs.plausibility",
            fired=bool(problems),
            facts=[self.facts.lab_fact(lab.analyte) for lab in self.facts.case.labs if lab.value is not None][:8],
            conclusion="; ".join(w.message for w in problems)
            if problems
            else "Every value is in a unit its analyte is reported in and within plausible limits.",
        )
        for derived in report.derived:
            rule_id = {
                "calcium_corrected": "labs.corrected_calcium",
                "calcium_phosphate_product": "labs.calcium_phosphate_product",
            }[derived.id]
            value = f"{derived.value:g} {derived.unit}"
            text = f"{derived.label}: {value} ({derived.interpretation}); {derived.method}"
            self.step(
                rule_id,
                # shown in the reasoning when it matters: above the threshold, abnormal, or caveated
                fired=derived.interpretation in ("high", "low")
                or (derived.caveat is not None and derived.id == "calcium_corrected"),
                facts=[FactUsed(kind="derived_lab", id=derived.id, label=derived.label, value=value)],
                conclusion=text + (f". {derived.caveat}" if derived.caveat else "."),
            )

    def run(self) -> PathwayResult:
        self.lookalikes()
        self.calcinosis_evidence()
        self.lab_checks()
        self.calciphylaxis()
        self.iatrogenic()
        labs_normal = self.metabolic()
        self.ctd(labs_normal)
        self.local_damage(labs_normal)
        self.inherited(labs_normal)
        if not self.result.decided:
            self.idiopathic(labs_normal)
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
