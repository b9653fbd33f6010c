"""The authors' stated diagnosis for one patient (``Case.stated``), from its own sentences or the document's."""

from __future__ import annotations

from calcidx.case.model import StatedDiagnosis
from calcidx.extract.diagnosis import Diagnosis, choose_diagnosis, find_diagnoses
from calcidx.extract.fields.context import FieldContext, SentenceView
from calcidx.extract.patients import PatientText
from calcidx.extract.sections import Sentence

__all__ = ["choose_statement", "read_stated_diagnosis", "stated_from", "statement_conditions"]


def choose_statement(
    context: FieldContext, patient: PatientText, doc_diagnoses: list[Diagnosis]
) -> tuple[Diagnosis, str | None] | None:
    """The statement that gives ``patient``'s stated diagnosis and its sub-form (None when none)."""
    own = find_diagnoses(patient.sentences, context.rec.mentions, base_score=1, abbrs=context.abbrs)
    # a relative's diagnosis ("The patient's brother, a 35-year-old on dialysis, had calciphylaxis") is not hers
    sentences = {s.start: s for s in patient.sentences}
    own = [d for d in own if not _relatives(context, d, sentences.get(d.sentence_start))]
    return choose_diagnosis(own, doc_diagnoses)


def _relatives(context: FieldContext, statement: Diagnosis, sentence: Sentence | None) -> bool:
    """Whether ConText makes the statement's words a family member's."""
    return sentence is not None and context.assertion(statement.start, statement.end, sentence)[0] == "family"


def stated_from(context: FieldContext, chosen: tuple[Diagnosis, str | None] | None) -> StatedDiagnosis | None:
    """The ``StatedDiagnosis`` of a chosen statement, with its sentence and evidence."""
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
    return stated_from(context, choose_statement(context, patient, doc_diagnoses))


def statement_conditions(context: FieldContext, statement: Diagnosis, patient: PatientText) -> SentenceView | None:
    """The conditions the statement's sentence names, as a view for the findings reader.

    A title or framing sentence ("Calcinosis cutis in a child with lymphoblastic leukaemia", "we
    present calcinosis cutis associated with graft-versus-host disease") names the patient's own
    condition even when no case sentence repeats it. None when the sentence is already one of the
    patient's (read there) or names no condition.
    """
    if any(s.start == statement.sentence_start for s in patient.sentences):
        return None
    start, end = statement.sentence_start, statement.sentence_end
    sentence = Sentence(
        start=start, end=end, text=context.text[start:end], category=statement.where or "front", paragraph=0
    )
    view = context.view(sentence, planned=False)
    view.concepts = [c for c in view.concepts if any(k[0] == "condition" for k in c[0].keys)]
    return view if view.concepts else None
