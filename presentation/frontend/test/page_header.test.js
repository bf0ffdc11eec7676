// The page header apart from the DOM: it shows the server's title as text and its introduction's HTML, and
// leaves the page alone when a run sends the same texts again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { showHeader } from "../src/page_header.js";

function fakeView() {
  let writes = 0;
  const intro = { hidden: false, html: "" };
  Object.defineProperty(intro, "innerHTML", { get: () => intro.html, set: (value) => { writes += 1; intro.html = value; } });
  return { title: { textContent: "" }, intro, shown: "", writes: () => writes };
}

test("the title is set as text and the introduction as the server's HTML", () => {
  const view = fakeView();
  showHeader(view, { title: "<b>Hamkorlik</b>", intro: "<p>Move the <strong>levers</strong></p>\n" });
  assert.equal(view.title.textContent, "<b>Hamkorlik</b>");
  assert.equal(view.intro.innerHTML, "<p>Move the <strong>levers</strong></p>\n");
  assert.equal(view.intro.hidden, false);
});

test("the same texts again change nothing; new ones replace them", () => {
  const view = fakeView();
  showHeader(view, { title: "A", intro: "<p>x</p>" });
  showHeader(view, { title: "A", intro: "<p>x</p>" });
  assert.equal(view.writes(), 1);
  showHeader(view, { title: "Б", intro: "<p>у</p>" });
  assert.equal(view.writes(), 2);
  assert.equal(view.title.textContent, "Б");
});

test("no introduction hides its block", () => {
  const view = fakeView();
  showHeader(view, { title: "A", intro: "" });
  assert.equal(view.intro.hidden, true);
});
