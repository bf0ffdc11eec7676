"""Share links and scenario files: round trips are identities; malformed input is handled, with the message said."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.links import MAX_LINK_NOTE_CHARS, decode, encode, format_value
from model import Model
from model.api import MODEL_VERSION
from model.presets import is_modified, load_presets
from model.registry import SECTOR_MIX_KEYS
from model.scenario import (
    MAX_NAME_CHARS,
    Scenario,
    ScenarioFileError,
    default_scenario,
    scenario_from_json,
    scenario_to_json,
)


def lever_values(model: Model) -> st.SearchStrategy[dict[str, float]]:
    """Any lever state inside the registry box (sector mix never all zero)."""
    registry = model.registry
    fields = {p.key: st.integers(int(p.min), int(p.max)).map(float) if p.is_integer
              else st.floats(p.min, p.max, allow_nan=False) for p in registry.parameters}
    return st.fixed_dictionaries(fields).filter(lambda v: any(v[k] > 0 for k in SECTOR_MIX_KEYS))


def as_query(query: dict[str, str]) -> dict[str, list[str]]:
    return {key: [value] for key, value in query.items()}


# --- round trips ------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, derandomize=True)
@given(data=st.data())
def test_any_lever_state_survives_link_and_json_round_trips(model: Model, data: st.DataObject) -> None:
    levers = data.draw(lever_values(model))
    scenario = Scenario(name="round trip", note="ü ў қ", levers=levers)
    reading = decode(as_query(encode(levers, model.registry)), model.registry)
    assert reading.levers == levers
    assert reading.notes == []
    assert scenario_from_json(scenario_to_json(scenario), model.registry) == (scenario, [])


@pytest.mark.parametrize("preset", load_presets(), ids=lambda p: f"preset {p.id} survives a link")
def test_preset_link_round_trip_keeps_preset_and_name(model: Model, preset) -> None:
    levers = preset.values(model.registry)
    reading = decode(as_query(encode(levers, model.registry, preset.id, preset.name)), model.registry)
    assert (reading.levers, reading.preset, reading.name) == (levers, preset.id, preset.name)
    scenario = Scenario(levers=reading.levers, preset=reading.preset, name=reading.name)
    assert not is_modified(scenario, load_presets(), model.registry)
    assert is_modified(scenario.with_levers({"trade_growth": 20.0}), load_presets(), model.registry)


def test_link_carries_only_changed_levers_and_version(model: Model) -> None:
    query = encode({**model.registry.defaults(), "trade_growth": 12.5}, model.registry)
    assert query == {"g": "12.5", "v": MODEL_VERSION}


def test_values_are_written_exactly() -> None:
    assert [format_value(v) for v in (7.5, 2030.0, 1.34, 0.1 + 0.2)] == ["7.5", "2030", "1.34", "0.30000000000000004"]


# --- malformed links: the app keeps what is valid and says what it changed -----------------------------------

LONG = "9" * 500
MALFORMED_LINKS = [
    ("unknown key", {"zz": ["1"]}, "unknown", "unknown setting 'zz' ignored", {}),
    ("long unknown key", {"x" * 200: ["1"]}, "unknown", "ignored", {}),
    ("non-number", {"g": ["abc"]}, "not_number", "g='abc' is not a number; ignored", {}),
    ("empty value", {"g": [""]}, "not_number", "is not a number", {}),
    ("comma decimal", {"g": ["7,5"]}, "not_number", "is not a number", {}),
    ("NaN", {"g": ["nan"]}, "not_finite", "g=nan is not a finite number; ignored", {}),
    ("infinity", {"inv": ["inf"]}, "not_finite", "not a finite number", {}),
    ("negative infinity", {"inv": ["-Infinity"]}, "not_finite", "not a finite number", {}),
    ("above range", {"cut": ["99"]}, "clamped", "cut=99 is outside 0 to 15 %; set to 15", {"trade_cost_cut": 15.0}),
    ("below range", {"g": ["-50"]}, "clamped", "set to -10", {"trade_growth": -10.0}),
    ("year above range", {"ty": ["2100"]}, "clamped", "set to 2050", {"target_year": 2050.0}),
    ("huge number", {"inv": ["1e308"]}, "clamped", "set to 6", {"investment_inflow": 6.0}),
    ("absurdly long value", {"g": [LONG]}, "too_long", "a value of 500 characters was ignored", {}),
    ("repeated key", {"g": ["12", "30"]}, "repeated", "g appeared 2 times; the first value was used",
     {"trade_growth": 12.0}),
    ("repeated bad key", {"g": ["abc", "12"]}, "not_number", "is not a number", {}),
    ("all sector weights zero", {"mi": ["0"], "mf": ["0"], "ma": ["0"]}, "sector_mix",
     "all three sector weights were 0; the default mix was used", {}),
    ("other model version", {"g": ["12"], "v": ["0.9"]}, "version", "link made with model version 0.9",
     {"trade_growth": 12.0}),
    ("hex number", {"g": ["0x10"]}, "not_number", "is not a number", {}),
    ("script injection", {"g": ["<script>alert(1)</script>"]}, "not_number", "is not a number", {}),
    ("over-long name", {"g": ["12"], "name": ["n" * 300]}, "name_cut", "name of 300 characters cut to 80",
     {"trade_growth": 12.0}),
    ("over-long note", {"note": ["n" * 1000]}, "note_cut", "note of 1000 characters cut to 200", {}),
]


@pytest.mark.parametrize(("case", "query", "code", "message", "kept"), MALFORMED_LINKS,
                         ids=[f"a link with {c[0]} is handled" for c in MALFORMED_LINKS])
def test_malformed_link_is_repaired_and_reported(model: Model, case, query, code, message, kept) -> None:
    reading = decode(query, model.registry)
    assert code in {note.code for note in reading.notes}, reading.notes
    assert any(message in note.message for note in reading.notes), [n.message for n in reading.notes]
    expected = {**model.registry.defaults(), **kept}
    assert reading.levers == expected


def test_valid_levers_in_a_bad_link_are_kept(model: Model) -> None:
    reading = decode({"g": ["15"], "cut": ["abc"], "zz": ["1"], "inv": ["2"]}, model.registry)
    assert reading.levers["trade_growth"] == 15.0 and reading.levers["investment_inflow"] == 2.0
    assert reading.levers["trade_cost_cut"] == model.registry.defaults()["trade_cost_cut"]
    assert len(reading.notes) == 2


# --- malformed scenario files ---------------------------------------------------------------------------------


def valid_document(model: Model, **changes: object) -> bytes:
    document = json.loads(scenario_to_json(default_scenario(model.registry, "file")))
    document.update(changes)
    return json.dumps(document).encode()


MALFORMED_FILES = [
    ("not JSON", lambda m: b"hello", "not a JSON file"),
    ("binary garbage", lambda m: bytes(range(256)), "not a JSON file"),
    ("a JSON list", lambda m: b"[1, 2]", "not an object"),
    ("no schema version", lambda m: b'{"levers": {}}', "no whole-number 'schema_version'"),
    ("schema version as text", lambda m: valid_document(m, schema_version="1"), "no whole-number 'schema_version'"),
    ("newer schema", lambda m: valid_document(m, schema_version=7), "written by a newer Hamkorlik"),
    ("pre-release schema", lambda m: valid_document(m, schema_version=0), "cannot be migrated"),
    ("levers not an object", lambda m: valid_document(m, levers=[1, 2]), "'levers' is missing or not an object"),
    ("lever out of range", lambda m: valid_document(m, levers={"trade_growth": 99}),
     "trade_growth=99 is outside -10 to 40 %/yr"),
    ("lever not a number", lambda m: valid_document(m, levers={"trade_growth": "fast"}), "is not a number"),
    ("all sector weights zero", lambda m: valid_document(
        m, levers={"sector_mix_industry": 0, "sector_mix_infrastructure": 0, "sector_mix_agro": 0}),
     "all three weights are 0"),
    ("name too long", lambda m: valid_document(m, name="x" * 500), "name"),
    ("file too large", lambda m: b" " * 70_000, "a scenario file is at most"),
]


@pytest.mark.parametrize(("case", "build", "message"), MALFORMED_FILES,
                         ids=[f"a file with {c[0]} is refused" for c in MALFORMED_FILES])
def test_malformed_scenario_file_is_refused_with_reason(model: Model, case, build, message) -> None:
    with pytest.raises(ScenarioFileError, match=None) as caught:
        scenario_from_json(build(model), model.registry)
    assert message in str(caught.value)


def test_old_file_missing_levers_is_migrated_with_a_note(model: Model) -> None:
    document = json.loads(valid_document(model))
    del document["levers"]["export_agri_share"]
    document["levers"]["retired_lever"] = 3
    document["model_version"] = "0.9"
    scenario, notes = scenario_from_json(json.dumps(document), model.registry)
    assert scenario.levers == model.registry.defaults()
    assert any("export_agri_share" in note for note in notes)
    assert any("retired_lever" in note for note in notes)
    assert any("0.9" in note for note in notes)


def test_a_name_and_note_at_their_limits_are_kept_whole_and_unremarked(model: Model) -> None:
    reading = decode({"name": ["n" * MAX_NAME_CHARS], "note": ["m" * MAX_LINK_NOTE_CHARS]}, model.registry)
    assert reading.notes == [] and len(reading.name) == MAX_NAME_CHARS and len(reading.note) == MAX_LINK_NOTE_CHARS
    cut = decode({"name": ["n" * (MAX_NAME_CHARS + 1)]}, model.registry)
    assert cut.name == "n" * MAX_NAME_CHARS
    assert [(n.code, n.raw, n.applied) for n in cut.notes] == [
        ("name_cut", str(MAX_NAME_CHARS + 1), str(MAX_NAME_CHARS))]
