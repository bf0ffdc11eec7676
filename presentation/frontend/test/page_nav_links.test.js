// The page links apart from the DOM: a new tab's address keeps the current query, under any base path, and
// only a plain left click stays in the session.
import { test } from "node:test";
import assert from "node:assert/strict";
import { linkAddress, plainClick } from "../src/page_nav_links.js";

const at = (href) => { const url = new URL(href); return { href: url.href, search: url.search }; };

test("a page's address carries the current query", () => {
  assert.equal(linkAddress("compare", at("http://h:8501/?g=12.5&inv=2")), "http://h:8501/compare?g=12.5&inv=2");
});

test("the default page is the app's root, from any page and under a base path", () => {
  assert.equal(linkAddress("", at("http://h/compare")), "http://h/");
  assert.equal(linkAddress("", at("http://h/base/analysis?lang=kk")), "http://h/base/?lang=kk");
  assert.equal(linkAddress("methodology", at("http://h/base/")), "http://h/base/methodology");
});

test("only a plain left click stays in the session", () => {
  const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false };
  assert.equal(plainClick(click), true);
  assert.equal(plainClick({ ...click, button: 1 }), false);
  for (const key of ["metaKey", "ctrlKey", "shiftKey", "altKey"]) {
    assert.equal(plainClick({ ...click, [key]: true }), false);
  }
});
