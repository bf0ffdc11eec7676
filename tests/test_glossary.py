"""One term per concept: every catalogue uses the project glossary's terms and none of the wordings it rejects.

The glossary (presentation/locales/glossary.yaml) gives, per language, a stem the catalogue must use for each
concept (``use``) and wordings that must not occur (``avoid``: a superseded term, a calque, a wrong sign). Every
language in :data:`LANGUAGES` is checked, Kazakh as soon as it is one of them; the texts checked are every key,
every plural or gender form of a key, and the language's data texts (sources and derivations).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from presentation.i18n import LANGUAGES, LOCALES_DIR, catalogue, variants

GLOSSARY = Path(__file__).resolve().parent.parent / "presentation" / "locales" / "glossary.yaml"


def terms() -> list[dict]:
    with GLOSSARY.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["terms"]


def texts(lang: str) -> list[str]:
    """Everything a reader of ``lang`` can see from the catalogues: keys, their forms, the data texts."""
    out = list(catalogue(lang).values())
    out += [form for forms in variants(lang).values() for form in forms.values()]
    with (LOCALES_DIR / "data_texts.yaml").open(encoding="utf-8") as handle:
        out += [str(entry[lang]) for entry in yaml.safe_load(handle) if lang in entry]
    return out


def _cases(field: str) -> list[pytest.param]:
    return [pytest.param(term, lang, id=f"{term['id']}-{lang}")
            for term in terms() for lang in LANGUAGES if lang in (term.get(field) or {})]


def test_glossary_is_well_formed() -> None:
    ids = [term["id"] for term in terms()]
    assert len(ids) == len(set(ids)), "a term id appears twice"
    for term in terms():
        assert term.get("use") or term.get("avoid"), f"{term['id']}: neither use nor avoid"
        for field in ("use", "avoid"):
            unknown = set(term.get(field) or {}) - {"en", "uz", "ru", "kk"}
            assert not unknown, f"{term['id']}.{field}: unknown languages {unknown}"


@pytest.mark.parametrize(("term", "lang"), _cases("use"))
def test_catalogue_uses_the_glossary_term(term: dict, lang: str) -> None:
    stem = str(term["use"][lang]).casefold()
    assert any(stem in text.casefold() for text in texts(lang)), (
        f"{lang}: no text uses the glossary's {term['id']} term {term['use'][lang]!r}")


@pytest.mark.parametrize(("term", "lang"), _cases("avoid"))
def test_catalogue_has_no_rejected_wording(term: dict, lang: str) -> None:
    found = {wording: [text[:80] for text in texts(lang) if wording.casefold() in text.casefold()][:3]
             for wording in term["avoid"][lang]}
    found = {wording: where for wording, where in found.items() if where}
    assert not found, f"{lang}: {term['id']} wordings the glossary rejects: {found}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_deck_sector_title_says_shift_like_its_chart(lang: str) -> None:
    """The sector slide shows the shift chart: its title names the shift in the glossary's word, as the axis does."""
    shift = next(term for term in terms() if term["id"] == "shift")
    if lang not in shift["use"]:
        pytest.fail(f"the glossary's shift term has no {lang} stem")
    stem = shift["use"][lang].casefold()
    assert stem in catalogue(lang)["deck.sectors_title"].casefold()
    assert stem in catalogue(lang)["chart.shift_axis"].casefold()


def test_the_rejected_wordings_are_really_caught() -> None:
    """The check is not vacuous: the wordings the translator's read found are what the glossary rejects."""
    avoid = {(lang, wording) for term in terms() for lang, wordings in (term.get("avoid") or {}).items()
             for wording in wordings}
    for expected in [("ru", "год выхода на цель"), ("uz", "yetiladigan yil"), ("uz", "inersion ssenariy"),
                     ("uz", "p.p."), ("uz", "% ga"), ("uz", "dollarilik"), ("uz", "savdoning burilishi"),
                     ("uz", "maqsadga olib chiqadigan")]:
        assert expected in avoid, expected
