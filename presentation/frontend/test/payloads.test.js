// The page's store of components: parsed once per key, found by key, the oldest let go past the limit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { storePayload, storedPayload } from "../src/payloads.js";
import { liveFrame } from "../src/frame.js";

test("a stored payload is found by its key, an unknown key gives null", () => {
  globalThis.hamkorlikPayloads = undefined;
  storePayload({ key: "a", json: JSON.stringify({ years: [2025], exact: true }) });
  assert.deepEqual(storedPayload("a"), { years: [2025], exact: true });
  assert.equal(storedPayload("b"), null);
});

test("the same key is parsed once: a second message under it changes nothing", () => {
  globalThis.hamkorlikPayloads = undefined;
  storePayload({ key: "a", json: "[1]" });
  const first = storedPayload("a");
  storePayload({ key: "a", json: "not json at all" });
  assert.equal(storedPayload("a"), first);
});

test("past sixteen assumption sets the oldest is let go", () => {
  globalThis.hamkorlikPayloads = undefined;
  for (let index = 0; index < 17; index += 1) {
    storePayload({ key: `k${index}`, json: String(index) });
  }
  assert.equal(storedPayload("k0"), null);
  assert.equal(storedPayload("k1"), 1);
  assert.equal(storedPayload("k16"), 16);
});

test("a frame whose components have not arrived is null (the server's numbers stay)", () => {
  globalThis.hamkorlikPayloads = undefined;
  const values = { trade_growth: 7, investment_inflow: 1, trade_cost_cut: 0 };
  assert.equal(liveFrame({ payload_key: "missing" }, values), null);
});
