"""Texts that come from the data files (sources, derivations, reference items, status notes) as a user reads them.

Two steps, in every language:

1. **Public names.** A data text may point at a file of this repository (``data/macro.csv``), at the model
   description or at "the seed article". A user is shown what those stand for: the app's Data and sources
   or Methodology page, or the article's author and year.
2. **Translation.** The data files stay in English (they are edited whenever the data are updated), so their
   Uzbek and Russian texts live in one catalogue beside the interface catalogues,
   ``presentation/locales/data_texts.yaml``,
   keyed by the English text itself. A row whose English text changes simply loses its translation until the
   catalogue catches up, and is then shown in English *labelled* "(in English)": never a stale translation,
   never an unmarked mix of languages.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import yaml

from presentation.i18n import DEFAULT_LANGUAGE, LOCALES_DIR, Translator

DATA_TEXTS_FILE = LOCALES_DIR / "data_texts.yaml"

# Internal reference → catalogue key of the public name shown instead. Order matters: specific files first.
PUBLIC_NAMES = (
    (re.compile(r"`?\bdata/bilateral_trade\.csv`?|\bbilateral_trade\.csv\b"), "citations.trade_series"),
    (re.compile(r"`?\bdata/presets\.yaml`?|\bpresets\.yaml\b"), "citations.presets"),
    (re.compile(r"`?\bdata/(assumptions|agreements)\.yaml`?|\b(assumptions|agreements)\.yaml\b|\bMODEL\.md\b"),
     "citations.methodology"),
    (re.compile(r"`?\bdata/\w+\.(csv|ya?ml)`?|\b\w+\.csv\b|`?\bdata/`?"), "citations.data_page"),
    (re.compile(r"\b[Ss]eed article\b"), "citations.article"),
)


def normalised(text: str) -> str:
    """The text with runs of white space (YAML folding, CSV line breaks) made single spaces."""
    return " ".join(str(text).split())


@cache
def catalogue(lang: str) -> dict[str, str]:
    """English data text → its translation in ``lang``; empty for English."""
    if lang == DEFAULT_LANGUAGE:
        return {}
    with DATA_TEXTS_FILE.open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle) or []
    return {normalised(entry["en"]): normalised(entry[lang]) for entry in entries if entry.get(lang)}


def public_names(text: str, t: Translator) -> str:
    """``text`` with every internal reference replaced by the public name of what it stands for."""
    for pattern, key in PUBLIC_NAMES:
        name = t(key)
        text = pattern.sub(lambda match, name=name: name[:1].upper() + name[1:] if match.start() == 0 else name, text)
    return text


def data_text(text: object, t: Translator) -> str:
    """A data file's text in the user's language; untranslated texts stay English and say so.

    Parameters
    ----------
    text
        The text as the data file has it (a source, a derivation, an item name); ``None``/NaN give "".
    t
        The user's translator.

    Returns
    -------
    str
        English: the text with public names. Uzbek/Russian: the catalogue's translation, or the English
        text followed by the language's "(in English)" label when the catalogue has none.
    """
    if text is None or (isinstance(text, float) and text != text) or not str(text).strip():
        return ""
    english = normalised(str(text))
    if t.lang == DEFAULT_LANGUAGE:
        return public_names(english, t)
    translated = catalogue(t.lang).get(english)
    if translated is not None:
        return public_names(translated, t)
    if not re.search(r"[A-Za-z]{3}", english):  # numbers, ranges, codes: nothing to translate
        return english
    # the English text keeps English public names: a Russian name inside an English sentence would mix again
    return t("data_texts.in_english", text=public_names(english, Translator(DEFAULT_LANGUAGE)))


def local_numbers(text: object, t: Translator) -> str:
    """Numbers written in a data file (``1.3``, ``7.2-7.6``, ``14.3%``) in the language's notation.

    A plain number is formatted like every other number of the app (grouping included); inside a range or
    a phrase only the decimal point between two digits changes. English texts are returned as they are.
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    raw = str(text).strip()
    if t.lang == DEFAULT_LANGUAGE:
        return raw
    if re.fullmatch(r"-?\d+(\.\d+)?", raw):
        return t.number(float(raw), len(raw.partition(".")[2]))
    decimal_sign = t.number(0.5, 1)[1]
    return re.sub(r"(?<=\d)\.(?=\d)", decimal_sign, raw)


def status_text(status: object, t: Translator) -> str:
    """A status with its note, e.g. ``official statement (rounded)``, in the user's language."""
    raw = normalised(str(status))
    word, _, note = raw.partition(" (")
    key = f"status.{word.replace(' ', '_')}"
    shown = t(key) if t.has(key) else data_text(word, t)
    return f"{shown} ({data_text(note.removesuffix(')'), t)})" if note else shown


def with_public_sources(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Download tables (English) naming publications and data sets, never files of this repository.

    The ``source`` and ``derivation`` texts get public names; the ``table`` column names the data set.

    The workbook and CSV downloads keep their English column names; only internal references in the texts
    are replaced, with their English public names.
    """
    english = Translator(DEFAULT_LANGUAGE)
    datasets = {"bilateral_trade.csv": english("deck.sources_trade"), "macro.csv": english("deck.sources_macro"),
                "sector_shares.csv": english("deck.sources_sectors"),
                "assumptions.yaml": english("deck.sources_parameters")}
    shown = {}
    for name, frame in tables.items():
        if "table" in frame:  # the Sources sheet says which data set, by its name rather than its file
            frame = frame.assign(table=frame["table"].map(lambda file: datasets.get(file, file)))
        texts = [column for column in ("source", "derivation") if column in frame]
        shown[name] = frame.assign(**{c: frame[c].map(lambda v: data_text(v, english)) for c in texts}) if texts \
            else frame
    return shown
