// An element's data arrives as UTF-8 JSON bytes from the server, as an object from the offline brief.
import { test } from "node:test";
import assert from "node:assert/strict";
import { elementData } from "../src/element_data.js";

const sent = { lang: "kk", labels: { year: "10 млрд АҚШ долларына жету жылы" }, values: [7.5, 1.34] };

test("UTF-8 JSON bytes are decoded, Cyrillic and all", () => {
  const bytes = new TextEncoder().encode(JSON.stringify(sent));
  assert.deepEqual(elementData(bytes), sent);
  assert.deepEqual(elementData(bytes.buffer), sent);
});

test("an object passes through untouched", () => {
  assert.equal(elementData(sent), sent);
});
