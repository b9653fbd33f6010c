"""Pregnancy and lactation rules: each rule matches its own examples; a man is never pregnant."""

from __future__ import annotations

from calcidx.extract.pregnancy import load_pregnancy_rules, read_pregnancy


def test_every_rule_matches_its_examples() -> None:
    rules, _ = load_pregnancy_rules()
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.examples, rule.id
        for example in rule.examples:
            assert rule.pattern.search(example), (rule.id, example)


def test_weeks_and_spans() -> None:
    text = "She was seen at 33 weeks of gestation with nodules."
    status = read_pregnancy([(100, text)], sex="female")
    assert (status.pregnant, status.gestation_weeks) == (True, 33.0)
    start, end = status.spans[0]
    assert text[start - 100 : end - 100].endswith("weeks of gestation")


def test_a_man_or_nothing_said_stays_unknown() -> None:
    assert read_pregnancy([(0, "He was 20 weeks pregnant.")], sex="male").pregnant is None
    status = read_pregnancy([(0, "She had nodules on the elbows.")], sex="female")
    assert (status.pregnant, status.gestation_weeks, status.lactating) == (None, None, None)


def test_a_positive_statement_wins_over_a_negative_one() -> None:
    status = read_pregnancy([(0, "An early test was negative."), (30, "She was 12 weeks pregnant.")], sex=None)
    assert status.pregnant is True
    status = read_pregnancy([(0, "She was 12 weeks pregnant."), (30, "She was not pregnant later.")], sex=None)
    assert status.pregnant is True


def test_a_relative_word_inside_the_cue_itself_does_not_skip_the_sentence() -> None:
    mother = "A 28-year-old breastfeeding mother with dermatomyositis had hard nodules on the buttocks."
    assert read_pregnancy([(0, mother)], sex="female").lactating is True
    pregnant = "A pregnant mother of 31 noticed chalky papules on her fingers."
    assert read_pregnancy([(0, pregnant)], sex="female").pregnant is True


def test_a_sentence_about_the_baby_or_a_relative_still_sets_nothing() -> None:
    assert read_pregnancy([(0, "The infant was breastfeeding well.")], sex=None).lactating is None
    assert read_pregnancy([(0, "Her sister was 20 weeks pregnant.")], sex="female").pregnant is None
    assert read_pregnancy([(0, "She was born at 32 weeks of gestation.")], sex="female").pregnant is None


def test_a_cue_naming_the_woman_herself_counts_in_a_sentence_about_her_baby() -> None:
    for text in (
        "She has a 4-month-old infant whom she breastfeeds.",
        "She delivered a healthy baby three weeks ago and is breast-feeding.",
    ):
        assert read_pregnancy([(0, text)], sex="female").lactating is True, text
    assert read_pregnancy([(0, "She is expecting her second child in May.")], sex="female").pregnant is True
    # still nothing when she is the newborn
    born = "She was born at 30 weeks and is breastfeeding well."
    assert read_pregnancy([(0, born)], sex="female").lactating is None
