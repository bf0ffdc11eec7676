"""The scenario a user builds: lever values plus name, note and provenance, serialisable to JSON.

One typed value (pydantic validates it on the way in) that every page reads from session state and that
the share link, the JSON file and the saved-scenario library all round-trip.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

from model.api import MODEL_VERSION
from model.registry import Registry

SCHEMA_VERSION = 1
MAX_NAME_CHARS = 80
MAX_NOTE_CHARS = 2000


class Scenario(BaseModel):
    """Lever values (every registry key) with a name, a note and the preset it started from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int = SCHEMA_VERSION
    model_version: str = MODEL_VERSION
    name: str = Field(default="", max_length=MAX_NAME_CHARS)
    note: str = Field(default="", max_length=MAX_NOTE_CHARS)
    preset: str | None = None
    levers: dict[str, float]

    def with_levers(self, changes: Mapping[str, float]) -> Scenario:
        """A copy with some levers changed (name, note and preset kept)."""
        return self.model_copy(update={"levers": {**self.levers, **changes}})

    def differences(self, reference: Mapping[str, float]) -> dict[str, float]:
        """Levers whose value differs from ``reference`` (e.g. the defaults or a preset)."""
        return {k: v for k, v in self.levers.items() if abs(v - reference.get(k, float("nan"))) > 1e-12
                or reference.get(k) is None}


def default_scenario(registry: Registry, name: str = "", preset: str | None = None) -> Scenario:
    """The app's starting scenario: every lever at its registry default."""
    return Scenario(name=name, preset=preset, levers=registry.defaults())
