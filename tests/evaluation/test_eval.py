"""``calcidx eval``: scores a folder, and one bad file never stops or spoils the others."""

from __future__ import annotations

import json
from pathlib import Path

from calcidx.evaluation.evaluate import evaluate_dir

REPORT = (
    "Calcinosis cutis in systemic sclerosis\n\nCase report\n\nA 61-year-old woman with limited systemic "
    "sclerosis presented with chalky nodules on the fingertips. Serum calcium and phosphate were normal.\n"
)
GOLD = {
    "kind": "case_report",
    "cases": [
        {
            "patient_index": 1,
            "age_years": 61,
            "sex": "female",
            "subtype": "dystrophic",
            "associated_condition": "systemic sclerosis",
            "labs": [{"name": "serum calcium", "interpretation": "normal"}],
        }
    ],
}


def test_scores_and_survives_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(REPORT)
    (tmp_path / "good.gold.json").write_text(json.dumps(GOLD))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "empty.gold.json").write_text(json.dumps({"kind": "case_report", "cases": []}))
    (tmp_path / "broken.txt").write_text(REPORT)
    (tmp_path / "broken.gold.json").write_text("{not json")
    report = evaluate_dir(tmp_path)
    assert report.documents == 1 and report.failed == 2
    for name in (
        "kind",
        "cases",
        "age",
        "sex",
        "subtype",
        "stated_subtype",
        "pathway_subtype",
        "concordance",
        "associated_condition",
        "lab_interpretation",
    ):
        assert report.correct[name] == report.total[name] == 1, name
    assert report.total["subform"] == 0  # the gold names no sub-form
    assert {m.document for m in report.misses} == {"empty.txt", "broken.txt"}


UNDECIDED = (
    "Nodules of the knee\n\nCase report\n\nA 30-year-old man had a hard nodule on the right knee. "
    "A diagnosis of idiopathic calcinosis cutis was made.\n"
)


def test_stated_pathway_and_concordance_are_scored_apart(tmp_path: Path) -> None:
    """The findings alone do not decide here: the stated subtype is right, the pathway's own call is not."""
    (tmp_path / "knee.txt").write_text(UNDECIDED)
    gold = {
        "kind": "case_report",
        "cases": [{"age_years": 30, "sex": "male", "subtype": "idiopathic", "associated_condition": None}],
    }
    (tmp_path / "knee.gold.json").write_text(json.dumps(gold))
    report = evaluate_dir(tmp_path)
    assert report.correct["stated_subtype"] == report.total["stated_subtype"] == 1
    assert (report.correct["pathway_subtype"], report.total["pathway_subtype"]) == (0, 1)
    assert report.total["concordance"] == 0  # the pathway made no call of its own to compare
    assert report.correct["subtype"] == 1  # the final call adopts the statement as possible


def test_subtype_accept_counts(tmp_path: Path) -> None:
    (tmp_path / "knee.txt").write_text(UNDECIDED)
    gold = {"kind": "case_report", "cases": [{"subtype": "dystrophic", "subtype_accept": ["dystrophic", "idiopathic"]}]}
    (tmp_path / "knee.gold.json").write_text(json.dumps(gold))
    assert evaluate_dir(tmp_path).correct["stated_subtype"] == 1


def test_the_sub_form_is_scored_where_the_knowledge_names_it(tmp_path: Path) -> None:
    """A gold sub-form the knowledge names is compared with the case's sub-form; another is not scored."""
    (tmp_path / "scrotum.txt").write_text(
        "Idiopathic scrotal calcinosis\n\nCase report\n\nA 35-year-old man had many painless hard yellow "
        "nodules on the scrotal skin for ten years. Calcium and phosphate were normal. Excision biopsy "
        "showed dermal calcium deposits, and idiopathic scrotal calcinosis was diagnosed.\n"
    )
    gold = {"kind": "case_report", "cases": [{"age_years": 35, "sex": "male", "subtype": "idiopathic"}]}
    gold["cases"][0]["subform"] = "scrotal calcinosis"
    (tmp_path / "scrotum.gold.json").write_text(json.dumps(gold))
    report = evaluate_dir(tmp_path)
    assert report.correct["subform"] == report.total["subform"] == 1
    gold["cases"][0]["subform"] = "mixed mechanism"  # no sub-form of the knowledge: not scored
    (tmp_path / "scrotum.gold.json").write_text(json.dumps(gold))
    assert evaluate_dir(tmp_path).total["subform"] == 0


def test_treatments_are_scored_where_the_gold_names_a_therapy(tmp_path: Path) -> None:
    """Each gold treatment naming a therapy of the knowledge counts; one naming none is not scored."""
    (tmp_path / "hand.txt").write_text(
        "Calcinosis of the hand\n\nCase report\n\nA 58-year-old woman with limited systemic sclerosis had "
        "chalky nodules on three fingertips. She was treated with diltiazem, and the largest nodule was "
        "surgically excised.\n"
    )
    treatments = [
        "diltiazem 120 mg daily",
        "surgical excision of the largest nodule",
        "intralesional triamcinolone",
        "a warm glove",
    ]
    gold = {
        "kind": "case_report",
        "cases": [{"age_years": 58, "sex": "female", "subtype": "dystrophic", "treatments": treatments}],
    }
    (tmp_path / "hand.gold.json").write_text(json.dumps(gold))
    report = evaluate_dir(tmp_path)
    assert (report.correct["treatments"], report.total["treatments"]) == (2, 3)


def test_lesion_sites_are_scored_under_the_names_a_series_counts(tmp_path: Path) -> None:
    """A gold site counts where it names a body site; "both ankles" and "ankle" are the same."""
    (tmp_path / "ankles.txt").write_text(
        "Nodules of the ankles\n\nCase report\n\nA 66-year-old man with gout had hard white nodules on both "
        "ankles and on the right elbow.\n"
    )
    sites = ["both ankles", "right elbow", "left knee", "along the venous pathway"]
    gold = {
        "kind": "case_report",
        "cases": [{"age_years": 66, "sex": "male", "subtype": "not_calcinosis", "sites": sites}],
    }
    (tmp_path / "ankles.gold.json").write_text(json.dumps(gold))
    report = evaluate_dir(tmp_path)
    assert (report.correct["sites"], report.total["sites"]) == (2, 3)
