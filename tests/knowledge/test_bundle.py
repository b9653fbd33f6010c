"""The knowledge bundle validates; the validator catches what it promises to catch."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from calcidx.errors import KnowledgeError
from calcidx.knowledge.loader import data_dir, load_bundle_from
from calcidx.knowledge.schema import KnowledgeBundle
from calcidx.knowledge.validate import validate_bundle

SRC = Path(__file__).resolve().parents[2] / "src"


def test_shipped_bundle_is_valid() -> None:
    report = validate_bundle()
    assert report.ok, report.problems
    assert report.counts["references"] > 50
    assert report.hpo_release


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def _edit(folder: Path, stem: str, mutate: object) -> None:
    path = folder / f"{stem}.yaml"
    data = yaml.safe_load(path.read_text())
    mutate(data[stem])  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def test_unknown_key_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "conditions", lambda items: items[0].update({"pointsto": "dystrophic"}))
    with pytest.raises(KnowledgeError, match="pointsto"):
        load_bundle_from(folder)


def test_unresolved_reference_and_duplicate_id_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "conditions", lambda items: items[0].update({"refs": ["NO-SUCH-REF"]}))
    report = validate_bundle(folder, check_hpo=False)
    assert any("NO-SUCH-REF" in p for p in report.problems)
    _edit(folder, "features", lambda items: items.append(dict(items[0])))
    report = validate_bundle(folder, check_hpo=False)
    assert any("appears twice" in p for p in report.problems)


def test_bad_and_obsolete_hpo_ids_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path)

    def break_hpo(items: list[dict[str, object]]) -> None:
        items[0]["hpo"] = "HP:9999999"

    _edit(folder, "calcification_terms", break_hpo)
    report = validate_bundle(folder)
    assert any("HP:9999999" in p and "does not exist" in p for p in report.problems)


def test_every_item_cites_and_tags(bundle: KnowledgeBundle) -> None:
    for table in (bundle.conditions, bundle.exposures, bundle.features, bundle.analytes, bundle.treatments):
        for item in table.values():
            assert item.refs and item.evidence in {"confirmed", "secondary", "synthesized"}


def test_no_unconfirmed_codes_encoded(bundle: KnowledgeBundle) -> None:
    # CLINICAL.md: CK LOINC 2157-6 and corrected-calcium mass code 46099-8 are UNCONFIRMED
    loincs = {code for a in bundle.analytes.values() for code in a.loinc}
    assert "2157-6" not in loincs and "46099-8" not in loincs


ONTOLOGY_LITERAL = re.compile(
    r"\b(HP|OMIM|ORPHA|DOID|CHEBI|MONDO|LOINC|SNOMED|ICD10?)[:_]\s*\d|"  # prefixed codes
    r"['\"]\d{3,6}-\d['\"]|"  # a LOINC code in a string
    r"['\"][A-Z]\d{2}\.\d{1,2}['\"]"  # an ICD-10 code in a string
)


def test_no_ontology_code_literal_in_python_source() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if ONTOLOGY_LITERAL.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert not offenders, "codes belong in knowledge/data:\n" + "\n".join(offenders)


# --- Issue 7: code sources are never evidence; evidence tags follow the sources ----------------


def test_no_treatment_or_caution_cites_a_code_source_as_evidence(bundle: KnowledgeBundle) -> None:
    code_sources = {key for key, ref in bundle.references.items() if ref.is_code_source}
    assert {"CHEBI-HPO-IMPORT", "HPO", "DOID-XREF"} <= code_sources
    items = [*bundle.treatments.values(), *bundle.cautions.values(), *bundle.medications.values()]
    assert not [item.id for item in items if set(item.refs) & code_sources]
    assert [t.id for t in bundle.treatments.values() if "CHEBI-HPO-IMPORT" in t.code_refs]  # moved, not lost


def test_treatment_citing_an_ontology_file_fails_validation(tmp_path: Path) -> None:
    folder = _copy(tmp_path)

    def cite_ontology(items: list[dict[str, object]]) -> None:
        item = next(i for i in items if i["id"] == "diltiazem")
        item["refs"] = [*item["refs"], "CHEBI-HPO-IMPORT"]  # type: ignore[misc]

    _edit(folder, "treatments", cite_ontology)
    report = validate_bundle(folder, check_hpo=False)
    assert any("diltiazem" in p and "code source" in p for p in report.problems), report.problems


def test_clinical_claim_with_only_code_sources_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)

    def only_codes(items: list[dict[str, object]]) -> None:
        next(i for i in items if i["id"] == "probenecid_under_2")["refs"] = ["HPO"]

    _edit(folder, "cautions", only_codes)
    report = validate_bundle(folder, check_hpo=False)
    assert any("probenecid_under_2" in p and "no non-code source" in p for p in report.problems), report.problems


def test_confirmed_tag_on_secondary_sources_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)

    def overclaim(items: list[dict[str, object]]) -> None:
        item = next(i for i in items if i["id"] == "ivig")
        item["refs"] = ["DRORACLE-TX", "MYOSITIS-ORG"]  # an AI-generated page and a patient organisation
        item["evidence"] = "confirmed"

    _edit(folder, "treatments", overclaim)
    report = validate_bundle(folder, check_hpo=False)
    assert any("ivig" in p and "tagged confirmed" in p for p in report.problems), report.problems
    assert validate_bundle(check_hpo=False).ok  # the shipped tag (secondary) passes


def test_machine_generated_or_abstract_only_sources_support_secondary_at_most(bundle: KnowledgeBundle) -> None:
    refs = bundle.references
    for key in ("SEED-003", "DRORACLE-TX", "DRORACLE-STS"):
        assert refs[key].supports == "secondary", key
    for key in ("HUNDEMER16", "SONG19", "NEONATE-16", "JG"):
        assert refs[key].access == "abstract" and refs[key].supports == "secondary", key
    assert refs["TRAINEAU20"].supports == "confirmed"


def test_code_refs_must_name_code_sources(tmp_path: Path) -> None:
    folder = _copy(tmp_path)

    def wrong_code_ref(items: list[dict[str, object]]) -> None:
        next(i for i in items if i["id"] == "diltiazem")["code_refs"] = ["TRAINEAU20"]

    _edit(folder, "treatments", wrong_code_ref)
    report = validate_bundle(folder, check_hpo=False)
    assert any("diltiazem" in p and "not a code source" in p for p in report.problems), report.problems


def test_caution_fields_are_cross_checked(tmp_path: Path) -> None:
    folder = _copy(tmp_path)

    def bad(items: list[dict[str, object]]) -> None:
        caution = next(i for i in items if i["id"] == "diltiazem_conduction")
        caution["when"] = {"conditions_any": ["no_such_concept"], "labs_any": ["phosphate:sky-high"]}

    _edit(folder, "cautions", bad)
    report = validate_bundle(folder, check_hpo=False)
    assert any("no_such_concept" in p for p in report.problems)
    assert any("sky-high" in p for p in report.problems)


def test_therapies_are_cross_checked_against_the_options(tmp_path: Path) -> None:
    folder = _copy(tmp_path)

    def bad(items: list[dict[str, object]]) -> None:
        items[0]["options"] = ["no_such_option"]
        items.append({**items[0], "id": "probenecid", "options": ["colchicine"]})

    _edit(folder, "therapies", bad)
    report = validate_bundle(folder, check_hpo=False)
    assert any("no_such_option" in p for p in report.problems), report.problems
    assert any("therapies:probenecid" in p and "shares its id" in p for p in report.problems), report.problems


def test_a_therapy_is_named_by_its_label_and_covers_its_options(bundle: KnowledgeBundle) -> None:
    named = bundle.named_treatments()
    assert named["sodium_thiosulfate"].label == "Sodium thiosulfate"
    assert named["iv_sts_calciphylaxis"].id == "iv_sts_calciphylaxis"  # options keep their own ids
    assert bundle.label_of("sodium_thiosulfate") == "Sodium thiosulfate"
    assert bundle.label_of("systemic_sclerosis") == "Systemic sclerosis"
    assert bundle.label_of("no_such_id") == "no such id"


def test_a_feature_implies_only_a_known_condition_or_another_feature(tmp_path: Path) -> None:
    folder = _copy(tmp_path)

    def imply(target: str) -> Callable[[list[dict[str, object]]], None]:
        def edit(items: list[dict[str, object]]) -> None:
            next(item for item in items if item["id"] == "painful_ulcer")["implies"] = [target]

        return edit

    def problems() -> list[str]:
        return [p for p in validate_bundle(folder, check_hpo=False).problems if "implied" in p]

    _edit(folder, "features", imply("no_such_concept"))
    assert any("painful_ulcer" in p and "no_such_concept" in p for p in problems())
    _edit(folder, "features", imply("painful_ulcer"))  # itself
    assert any("painful_ulcer" in p for p in problems())
    _edit(folder, "features", imply("ulceration"))
    assert not problems()


def test_a_local_lookalike_takes_its_site_from_an_at_site_exposure(tmp_path: Path) -> None:
    folder = _copy(tmp_path)

    def bad(items: list[dict[str, object]]) -> None:
        next(i for i in items if i["id"] == "pressure_or_cold_injury")["site_from"] = ["no_such_exposure", "warfarin"]

    _edit(folder, "lookalikes", bad)
    problems = [p for p in validate_bundle(folder, check_hpo=False).problems if "site_from" in p]
    assert any("no_such_exposure" in p for p in problems), problems
    assert any("'warfarin'" in p for p in problems), problems  # an exposure with no site of its own
