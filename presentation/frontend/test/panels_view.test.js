// The Explorer panels' choices apart from the DOM: the view picked stays picked while it exists, the skeleton
// changes only with names, arrows wrap round, and a warning note gets its mark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chosenView, notesHtml, panelsStructure, stepIndex } from "../src/panels_view.js";

const gdp = {
  id: "gdp", heading: "GDP", tabs: [
    { id: "per_head", label: "Per head", switch_label: "", choices: [{ id: "per_head", label: "", spec: {} }] },
    { id: "sectors", label: "Sectors", switch_label: "Country", choices: [
      { id: "UZ", label: "Uzbekistan", spec: {} }, { id: "KZ", label: "Kazakhstan", spec: {} }] },
  ],
};

test("with nothing picked a panel shows its first tab and that tab's first view", () => {
  const { tab, choice } = chosenView(gdp);
  assert.equal(tab.id, "per_head");
  assert.equal(choice.id, "per_head");
});

test("the tab and country picked are shown, and a choice is remembered per tab", () => {
  const picked = { tab: "sectors", choices: { sectors: "KZ" } };
  assert.deepEqual([chosenView(gdp, picked).tab.id, chosenView(gdp, picked).choice.id], ["sectors", "KZ"]);
  const back = { tab: "per_head", choices: { sectors: "KZ" } };
  assert.equal(chosenView(gdp, back).choice.id, "per_head");
});

test("a pick that no longer exists falls back to the first tab and view", () => {
  const { tab, choice } = chosenView(gdp, { tab: "gone", choices: { gone: "x" } });
  assert.deepEqual([tab.id, choice.id], ["per_head", "per_head"]);
  assert.equal(chosenView(gdp, { tab: "sectors", choices: { sectors: "XX" } }).choice.id, "UZ");
});

test("the skeleton changes with a heading or a tab's name, not with a chart's rows", () => {
  const data = { lang: "en", columns: [gdp] };
  const key = panelsStructure(data);
  const newRows = { lang: "en", columns: [{ ...gdp, tabs: gdp.tabs.map((tab) => ({ ...tab,
    choices: tab.choices.map((choice) => ({ ...choice, spec: { datasets: { rows: [1] } }, finding: "new" })) })) }] };
  assert.equal(panelsStructure(newRows), key);
  assert.notEqual(panelsStructure({ lang: "ru", columns: [gdp] }), key);
  assert.notEqual(panelsStructure({ lang: "en", columns: [{ ...gdp, heading: "ВВП" }] }), key);
});

test("arrow keys wrap round a tab list", () => {
  assert.equal(stepIndex(0, -1, 2), 1);
  assert.equal(stepIndex(1, 1, 2), 0);
  assert.equal(stepIndex(0, 1, 3), 1);
});

test("notes are boxed by kind, a warning marked, a tracker's note under its line", () => {
  const html = notesHtml([
    { kind: "warning", html: "<p>Far</p>", testid: "plausibility" },
    { kind: "tracker", html: "<p>Latest</p>", note: "<p>Source</p>", testid: "ytd-tracker" },
  ], "<svg></svg>");
  assert.match(html, /^<div class="hk-note hk-note-warning" data-testid="plausibility"><svg><\/svg>/);
  assert.match(html, /<p>Latest<\/p><div class="hk-note-sub"><p>Source<\/p><\/div>/);
  assert.equal(notesHtml([]), "");
});
