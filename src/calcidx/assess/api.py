"""``assess``: a Case, a Document or a text -> ``AssessedDocument``."""

from __future__ import annotations

from calcidx import __version__
from calcidx.assess.facts import CaseFacts, build_facts
from calcidx.assess.model import (
    AssessedCase,
    AssessedDocument,
    Assessment,
    DerivedLab,
    KnowledgeStamp,
    SubformCall,
    SubtypeCall,
    Warning,
)
from calcidx.assess.named import name_concepts
from calcidx.assess.options import AssessOptions
from calcidx.assess.pathway import PathwayResult, run_pathway
from calcidx.assess.stated import condition_roles, stated_diagnosis, stated_warning
from calcidx.assess.workup import missing_workup
from calcidx.case.model import Case, Document, DocumentInfo, Lab
from calcidx.errors import InputError
from calcidx.knowledge.loader import load_bundle
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["assess", "assess_case", "knowledge_stamp"]

_SUBTYPE_LABELS = {
    "undetermined": "Undetermined",
    "not_calcinosis": "Not calcinosis cutis",
}


def knowledge_stamp(bundle: KnowledgeBundle | None = None) -> KnowledgeStamp:
    """The knowledge bundle and HPO release every output reports."""
    kb = bundle or load_bundle()
    return KnowledgeStamp(
        bundle=kb.info.name,
        bundle_version=kb.info.version,
        hpo_release=kb.info.hpo_release,
        calcidx_version=__version__,
    )


def _subtype_call(result: PathwayResult, bundle: KnowledgeBundle) -> SubtypeCall:
    code = result.subtype
    label = bundle.subtypes[code].label if code in bundle.subtypes else _SUBTYPE_LABELS[code]
    return SubtypeCall.model_validate({"code": code, "label": label, "certainty": result.certainty})


def _derived(facts: CaseFacts) -> list[DerivedLab]:
    return [
        DerivedLab(
            id=d.id,
            label=d.label,
            value=d.value,
            unit=d.unit,
            interpretation=d.interpretation,
            method=d.method,
            caveat=d.caveat,
            refs=d.refs,
        )
        for d in facts.labs_report.derived
    ]


def _enrich_labs(case: Case, facts: CaseFacts, bundle: KnowledgeBundle) -> list[Lab]:
    """The case's labs with LOINC and interpretation filled in where the record left them out."""
    out = []
    for lab, interpretation in zip(case.labs, facts.labs_report.per_lab, strict=True):
        analyte = bundle.analytes.get(lab.analyte)
        update: dict[str, object] = {}
        if lab.loinc is None and analyte is not None and analyte.loinc:
            update["loinc"] = analyte.loinc[0]
        if lab.interpretation is None:
            update["interpretation"] = interpretation
        out.append(lab.model_copy(update=update))
    return out


def assess_case(
    case: Case,
    bundle: KnowledgeBundle | None = None,
    *,
    guidance: bool = True,
    options: AssessOptions | None = None,
) -> Assessment:
    """Assess one case: subtype, rationale, missing work-up, differential, treatments, warnings.

    ``guidance=False`` skips the differential and treatment options (the pathway alone); when
    ``options`` is given it decides instead.
    """
    kb = bundle or load_bundle()
    opts = options or AssessOptions(guidance=guidance)
    case, named = name_concepts(case, kb)
    return _assess(case, build_facts(case, kb), kb, options=opts, named=named)


def _assess(
    case: Case, facts: CaseFacts, kb: KnowledgeBundle, *, options: AssessOptions, named: list[Warning] | None = None
) -> Assessment:
    result = run_pathway(facts, kb)
    warnings = [Warning(code=w.code, message=w.message, field=w.field) for w in facts.labs_report.warnings]
    warnings += named or []
    warnings += result.warnings
    for finding in [*case.findings, *case.exposures]:
        if kb.concept(finding.concept) is None and finding.concept not in kb.lookalikes:
            warnings.append(
                Warning(
                    code="unknown_concept",
                    message=f"concept {finding.concept!r} is not in the knowledge base; it was not used",
                    field="findings",
                )
            )
    missing = missing_workup(result, facts, kb)
    stated = stated_diagnosis(case, result.subtype, result.steps, kb, missing)
    stated_note = stated_warning(stated) if stated is not None else None
    if stated_note is not None:
        # one warning for a disagreement: the one that names the facts replaces the bare one
        warnings = [w for w in warnings if w.code != stated_note.code] + [stated_note]
    assessment = Assessment(
        subtype=_subtype_call(result, kb),
        subform=(
            SubformCall(code=result.subform, label=kb.subforms[result.subform].label, note=result.subform_note)
            if result.subform
            else None
        ),
        associated_conditions=result.associated,
        condition_roles=condition_roles(
            case,
            result.subtype,
            result.associated,
            kb,
            frozenset(alt.code for alt in result.alternatives),
        ),
        stated=stated,
        rationale=result.steps,
        disagreements=result.disagreements,
        alternatives=result.alternatives,
        suggested_causes=result.suggested_causes,
        missing_workup=missing,
        derived_labs=_derived(facts),
        warnings=warnings,
        knowledge=knowledge_stamp(kb),
    )
    return _add_guidance(assessment, facts, kb, options) if options.guidance else assessment


def _add_guidance(assessment: Assessment, facts: CaseFacts, kb: KnowledgeBundle, options: AssessOptions) -> Assessment:
    """Differential diagnosis (look-alikes, then inherited causes) and treatment options."""
    from calcidx.assess.differential import rank_lookalikes
    from calcidx.assess.inherited import rank_inherited
    from calcidx.assess.reported import mark_reported
    from calcidx.assess.treatment import medication_actions, select_treatments

    code = assessment.subtype.code
    subform = assessment.subform.code if assessment.subform else None
    alternatives = [alt.code for alt in assessment.alternatives]
    lookalikes = rank_lookalikes(facts, kb, subtype=code, subform=subform, alternatives=alternatives)
    # A look-alike that identifies the lesion leads alone: ranking calcifying syndromes for a
    # lesion that is not calcification would only add noise.
    rule = kb.rules.get("differential.inherited")
    inherited_categories = set(rule.words("inherited_categories")) if rule else set()
    acquired = any(
        c in kb.exposures or (c in kb.conditions and kb.conditions[c].category not in inherited_categories)
        for c in assessment.associated_conditions
    ) or bool(set(kb.lookalikes) & facts.present)  # a diagnosed mimic explains the lesion
    skip = code == "not_calcinosis" or options.skip_inherited_differential
    inherited, fit = ([], None) if skip else rank_inherited(facts, kb, subtype=code, acquired_cause=acquired)
    differential = [*lookalikes, *inherited]
    for rank, item in enumerate(differential, start=1):
        item.rank = rank
    offered, withheld = select_treatments(
        facts,
        kb,
        subtype=code,
        subform=subform,
        conditions=assessment.associated_conditions,
    )
    return assessment.model_copy(
        update={
            "differential": differential,
            "differential_fit": fit,
            "treatments": mark_reported(offered, facts.case, kb),
            "withheld_treatments": mark_reported(withheld, facts.case, kb),
            "actions": medication_actions(facts, kb, subtype=code),
        }
    )


def _assessed(case: Case, bundle: KnowledgeBundle, options: AssessOptions) -> AssessedCase:
    case, named = name_concepts(case, bundle)
    facts = build_facts(case, bundle)
    assessment = _assess(case, facts, bundle, options=options, named=named)
    # The case's own field values, not a dump of them: its parts are validated models already,
    # which pydantic keeps as they are (a dump and a second validation of every nested part cost
    # as much as a tenth of the assessment and gave the same values).
    fields = dict(case.__dict__)
    fields["labs"] = _enrich_labs(case, facts, bundle)
    fields["assessment"] = assessment
    return AssessedCase.model_validate(fields)


def assess(
    x: Case | Document,
    *,
    bundle: KnowledgeBundle | None = None,
    options: AssessOptions | None = None,
) -> AssessedDocument:
    """Assess a ``Case`` or every case of a ``Document`` (reasoning never reads: texts go
    through ``calcidx.service``, which extracts first).

    Raises:
        InputError: ``x`` is neither.
    """
    kb = bundle or load_bundle()
    opts = options or AssessOptions()
    if isinstance(x, Case):
        document = Document(document=DocumentInfo(kind="other"), cases=[x])
    elif isinstance(x, Document):
        document = x
    else:
        raise InputError(
            f"assess takes a Case or a Document, not {type(x).__name__}; texts and files go through calcidx.service"
        )
    from calcidx.assess.citations import cited_keys, reference_entries

    cases = [_assessed(case, kb, opts) for case in document.cases]
    cited = cited_keys([case.assessment for case in cases], kb.references)
    return AssessedDocument(
        document=document.document,
        cases=cases,
        warnings=list(document.warnings),
        knowledge=knowledge_stamp(kb),
        doc_id=document.doc_id,
        pipeline=document.pipeline,
        references=reference_entries(cited, kb),
    )
