"""Faults in the running cluster, seen from a real browser through HAProxy: what the user sees when a part fails.

The cluster (deploy/local/cluster.py: three replicas, HAProxy, PostgreSQL) is started once for the session
and healed before each test. Screenshots of what the user saw go to /work/shots/cluster19/ when that folder's
parent exists (the helpers' machine), for a person to look at; the assertions do not depend on them.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cluster import Cluster
from conftest import new_tab
from playwright.sync_api import Browser, BrowserContext, Page, expect
from streamlit_page import (
    METRIC,
    alert,
    button,
    exceptions,
    open_app,
    open_page,
    settle,
    wait_for_rerun,
    wait_until_rendered,
)

from exchange.library import ScenarioLibrary
from model.scenario import default_scenario
from presentation.i18n import Translator

pytestmark = [pytest.mark.browser, pytest.mark.cluster]
SHOTS = Path("/work/shots/cluster19")
COOKIE = "hamkorlik_route"
NAME_FIELD = ".st-key-scenario_name input"
DIALOG = '[role="dialog"]'
RECONNECT_S = 60


def shot(page: Page, name: str) -> None:
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"))


def route(context: BrowserContext) -> str:
    """The replica the load balancer pinned this browser to (its affinity cookie)."""
    values = [c["value"] for c in context.cookies() if c["name"] == COOKIE]
    assert len(values) == 1, context.cookies()
    return values[0]


def metric_texts(page: Page) -> list[str]:
    return page.locator(METRIC).all_inner_texts()


def pinned_tab(browser: Browser, cluster: Cluster, replica: str) -> Iterator[Page]:
    """A tab whose browser already holds the affinity cookie of ``replica``."""
    for page in new_tab(browser):
        page.context.add_cookies([{"name": COOKIE, "value": replica, "url": cluster.url}])
        yield page


def save_as(page: Page, t: Translator, name: str) -> None:
    field = page.locator(NAME_FIELD)
    field.fill(name)
    button(page, t("library.save")).click()
    settle(page)


def test_a_killed_replica_hands_the_session_to_another_with_the_scenario_from_the_link(
        browser: Browser, cluster: Cluster) -> None:
    for page in new_tab(browser):
        open_app(page, f"{cluster.url}/?g=12&cut=5")
        link, before = page.url, metric_texts(page)
        first = route(page.context)
        cluster.kill_replica(first)

        # Streamlit's page reconnects by itself; HAProxy re-pins the browser to a live replica.
        deadline = time.monotonic() + RECONNECT_S
        while route(page.context) == first and time.monotonic() < deadline:
            page.wait_for_timeout(250)
        second = route(page.context)
        assert second != first, f"the browser was not moved off the killed replica {first} in {RECONNECT_S} s"
        # The new replica runs the page for this browser (the app asks for that rerun after a reconnect: without
        # it the page would stay drawn but dead), from the browser's widgets and the link.
        wait_for_rerun(page)
        wait_until_rendered(page)
        shot(page, "after-replica-kill")
        assert page.url == link
        assert metric_texts(page) == before
        assert exceptions(page) == []
        assert page.locator(DIALOG).count() == 0, page.locator(DIALOG).all_inner_texts()

        # The new replica serves this session with the link's scenario: a lever step there keeps g=12.
        cut = page.get_by_role("slider").nth(2)
        cut.focus()
        page.keyboard.press("ArrowRight")
        wait_for_rerun(page)
        expect(page).to_have_url(re.compile(r"[?&]g=12(&|$)"))
        assert page.url != link and route(page.context) == second
        assert metric_texts(page) != before and exceptions(page) == []


def test_a_stopped_database_says_so_in_the_users_language_and_saving_works_when_it_returns(
        browser: Browser, cluster: Cluster, model) -> None:
    t = Translator("ru")
    tag = uuid.uuid4().hex[:6]
    before, during = f"До сбоя {tag}", f"Во время сбоя {tag}"
    for page in new_tab(browser):
        open_page(page, f"{cluster.url}/scenarios?g=12.5&lang=ru")
        save_as(page, t, before)
        expect(alert(page, t("library.saved", name=before))).to_be_visible()

        cluster.postgres.stop()
        try:
            save_as(page, t, during)
            expect(alert(page, t("library.unreachable"))).to_be_visible()
            expect(alert(page, t("library.list_unreachable"))).to_be_visible()
            shot(page, "database-stopped-ru")
            assert exceptions(page) == []
            assert "g=12.5" in page.url
            assert page.locator(NAME_FIELD).input_value() == during
        finally:
            cluster.postgres.start()

        # No restart of anything: the same page, the same replica, the same button.
        button(page, t("library.save")).click()
        settle(page)
        expect(alert(page, t("library.saved", name=during))).to_be_visible()
        assert exceptions(page) == []
        shot(page, "database-back-ru")
    with ScenarioLibrary(cluster.postgres.url) as library:
        names = [entry.name for entry in library.list()]
        assert names.count(before) == 1 and names.count(during) == 1
        stored = library.load(before, model.registry)[0]
    assert stored.levers == default_scenario(model.registry).with_levers({"trade_growth": 12.5}).levers


def test_two_replicas_saving_one_name_at_once_one_wins_the_other_is_told(
        browser: Browser, cluster: Cluster, model) -> None:
    t = Translator("en")
    name = f"Race {uuid.uuid4().hex[:6]}"
    tabs = [pinned_tab(browser, cluster, "r1"), pinned_tab(browser, cluster, "r2")]
    pages = [next(tab) for tab in tabs]
    try:
        for page, growth in zip(pages, ("8", "14"), strict=True):
            open_page(page, f"{cluster.url}/scenarios?g={growth}")
            page.locator(NAME_FIELD).fill(name)
        assert [route(page.context) for page in pages] == ["r1", "r2"]
        for page in pages:  # both clicks leave before either save has come back
            button(page, t("library.save")).click(no_wait_after=True)
        for page in pages:
            settle(page)
        saved = [alert(page, t("library.saved", name=name)).count() for page in pages]
        taken = [alert(page, t("library.name_taken", name=name, overwrite=t("library.overwrite"))).count()
                 for page in pages]
        shot(pages[saved.index(0) if 0 in saved else 1], "same-name-race-loser")
        assert sorted(zip(saved, taken, strict=True)) == [(0, 1), (1, 0)], (saved, taken)
        assert all(exceptions(page) == [] for page in pages)
    finally:
        for tab in tabs:
            next(tab, None)
    with ScenarioLibrary(cluster.postgres.url) as library:
        assert [entry.name for entry in library.list()].count(name) == 1
        stored = library.load(name, model.registry)[0]
    winner = 8.0 if saved[0] else 14.0
    assert stored.levers["trade_growth"] == winner
