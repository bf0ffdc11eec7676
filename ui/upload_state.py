"""The upload waiting in the session for the user's confirmation, and the mappings chosen in this session."""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from exchange.mapping import Mapping, signature
from exchange.preview import Prepared, prepare
from ui.state import shipped_model

PENDING_KEY = "baseline_upload_pending"  # a Pending: read and checked, not applied
MAPPINGS_KEY = "baseline_mappings"  # table signature → the Mapping that read it, for the session


@dataclass(frozen=True)
class Pending:
    """An upload waiting for the user: its bytes (to read again with a mapping) and what was found."""

    name: str
    data: bytes
    prepared: Prepared
    remembered: bool = False  # read with a mapping chosen earlier in the session


def read_again(pending: Pending, mapping: Mapping | None) -> Pending:
    """The same file read with ``mapping``; a mapping that reads it usably is remembered for the session."""
    prepared = prepare(pending.name, pending.data, shipped_model().tables, mapping=mapping)
    if mapping is not None and prepared.ok and prepared.records is not None:
        st.session_state.setdefault(MAPPINGS_KEY, {})[signature(prepared.records)] = mapping
    return replace(pending, prepared=prepared, remembered=False)


def remembered_mapping(records: list[list[str]] | None) -> Mapping | None:
    """The mapping chosen earlier in the session for a table like ``records``, if any."""
    if records is None:
        return None
    found: Mapping | None = st.session_state.get(MAPPINGS_KEY, {}).get(signature(records))
    return found
