"""The authors' stated diagnosis for one patient (``Case.stated``), from its own sentences or the document's."""

from __future__ import annotations

from calcidx.case.model import StatedDiagnosis
from calcidx.extract.diagnosis import Diagnosis, choose_diagnosis, find_diagnoses
from calcidx.extract.fields.context import FieldContext
from calcidx.extract.patients import PatientText

__all__ = ["read_stated_diagnosis"]


def read_stated_diagnosis(
    context: FieldContext, patient: PatientText, doc_diagnoses: list[Diagnosis]
) -> StatedDiagnosis | None:
    """The diagnosis the authors state for ``patient``.

    Args:
        context: The document's shared inputs.
        patient: The patient's sentences.
        doc_diagnoses: Diagnoses stated for the whole document (title, abstract, headers).

    Returns:
        The stated diagnosis with its sentence and evidence, or None when the text states none.
    """
    own = find_diagnoses(patient.sentences, context.rec.mentions, base_score=1, abbrs=context.abbrs)
    chosen = choose_diagnosis(own, doc_diagnoses)
    if chosen is None:
        return None
    best, subform = chosen
    sentence = " ".join(context.text[best.sentence_start : best.sentence_end].split()) or None
    return StatedDiagnosis.model_validate(
        {
            "subtype": best.subtype,
            "subform": subform,
            "text": best.text,
            "sentence": sentence,
            "where": best.where,
            "cue": best.cue,
            "basis": best.basis,
            "evidence": [context.ev(best.start, best.end)],
        }
    )
