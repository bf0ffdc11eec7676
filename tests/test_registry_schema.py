"""The registry's schema is checked when it loads: a bad hand edit stops the model with a message naming it."""

from __future__ import annotations

import copy
import math

import pytest

from model.data import load_tables
from model.registry import DERIVATIONS, build_registry, read_registry_file
from model.registry_schema import RegistryError, check_document


@pytest.fixture(scope="module")
def document():
    return read_registry_file()


def edited(document, index_key: str, **changes):
    bad = copy.deepcopy(document)
    entry = next(e for e in bad["parameters"] if e["key"] == index_key)
    for field, value in changes.items():
        if value is None:
            entry.pop(field)
        else:
            entry[field] = value
    return bad


def test_the_shipped_registry_passes_its_schema(document) -> None:
    checked = check_document(document, DERIVATIONS)
    assert len(checked.parameters) == len(document["parameters"])


@pytest.mark.parametrize(("key", "changes", "words"), [
    ("trade_cost_cut", {"unit": "percent"}, ["trade_cost_cut", "unit"]),
    ("trade_cost_cut", {"min": "low"}, ["trade_cost_cut", "min"]),
    ("trade_cost_cut", {"min": 50, "max": 10}, ["trade_cost_cut", "min 50 must be below max 10"]),
    ("trade_cost_cut", {"default": 99}, ["trade_cost_cut", "default 99 is outside"]),
    ("trade_cost_cut", {"source": None}, ["trade_cost_cut", "source", "Field required"]),
    ("trade_cost_cut", {"step": 0}, ["trade_cost_cut", "step"]),
    ("trade_cost_cut", {"group": "sidebar"}, ["trade_cost_cut", "group"]),
    ("trade_cost_cut", {"colour": "red"}, ["trade_cost_cut", "colour", "Extra inputs"]),
    ("realisation_share", {"uncertainty": {"kind": "triangular", "low": 0.5, "mode": 0.3, "high": 0.55,
                                           "reasoning": "x"}}, ["realisation_share", "low ≤ mode ≤ high"]),
    ("realisation_share", {"uncertainty": {"kind": "lognormal", "reasoning": "x"}}, ["realisation_share", "kind"]),
    ("trade_growth", {"default": {"derive": "no_such_rule"}}, ["unknown derive rule", "no_such_rule"]),
    ("trade_growth", {"derivation": None}, ["trade_growth", "derivation"]),
])
def test_a_bad_edit_is_refused_naming_the_entry_and_the_field(document, key, changes, words) -> None:
    with pytest.raises(RegistryError) as error:
        check_document(edited(document, key, **changes), DERIVATIONS)
    for word in words:
        assert word in str(error.value)


def test_a_repeated_short_key_is_refused(document) -> None:
    bad = copy.deepcopy(document)
    bad["parameters"][1]["short"] = bad["parameters"][0]["short"]
    with pytest.raises(RegistryError, match="declared twice"):
        check_document(bad, DERIVATIONS)


def test_building_the_registry_runs_the_schema(document) -> None:
    with pytest.raises(RegistryError, match="trade_cost_cut"):
        build_registry(load_tables(), edited(document, "trade_cost_cut", unit="percent"))


@pytest.mark.parametrize(("raw", "value", "problem"), [
    ("12", 12.0, None), (" 12 ", 12.0, None), ("99", 40.0, "clamped"), ("-99", -10.0, "clamped"),
    ("abc", None, "not_number"), ("nan", None, "not_finite"), ("1e309", None, "not_finite"),
    ("1" * 40, None, "too_long"), (math.inf, None, "not_finite"), (None, None, "not_number"),
    (True, None, "not_number"), ([12], None, "not_number"), ({"v": 1}, None, "not_number"), (12, 12.0, None),
])
def test_clamp_is_the_lenient_reading_links_and_components_share(model, raw, value, problem) -> None:
    param = model.registry.by_key["trade_growth"]
    assert (param.min, param.max) == (-10.0, 40.0)  # the cases above are written for this range
    assert model.registry.clamp("trade_growth", raw) == (value, problem)


def test_clamp_rounds_a_whole_number_parameter(model) -> None:
    assert model.registry.by_key["build_lag"].is_integer
    assert model.registry.clamp("build_lag", "2.4") == (2.0, "clamped")
    assert model.registry.clamp("build_lag", "3") == (3.0, None)
