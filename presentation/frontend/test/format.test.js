// Number formats: Babel's output, hand-checked (half-even on the decimal string, grouping, the -0 case).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fill, formatNumber, formatSigned, roundHalfEven } from "../src/format.js";

const EN = { decimal: ".", group: ",", minus: "-", grouping: 3 };
const RU = { decimal: ",", group: "\u00a0", minus: "-", grouping: 3 };

test("rounds half-even on the shortest decimal string, not on the binary value", () => {
  // 2.675 is 2.67499999… in binary: toFixed gives 2.67, Babel 2.68.
  assert.equal((2.675).toFixed(2), "2.67");
  assert.equal(formatNumber(2.675, 2, EN), "2.68");
  assert.equal(formatNumber(0.125, 2, EN), "0.12");
  assert.equal(formatNumber(0.135, 2, EN), "0.14");
  assert.equal(formatNumber(2.5, 0, EN), "2");
  assert.equal(formatNumber(3.5, 0, EN), "4");
  assert.equal(formatNumber(0.1251, 2, EN), "0.13");
});

test("groups the integer part and uses the language's decimal sign", () => {
  assert.equal(formatNumber(1234567.891, 2, EN), "1,234,567.89");
  assert.equal(formatNumber(1234567.891, 2, RU), "1\u00a0234\u00a0567,89");
  assert.equal(formatNumber(999.999, 2, RU), "1\u00a0000,00");
  assert.equal(formatNumber(2030.56, 1, { ...EN, grouping: 0 }), "2030.6");
});

test("negatives carry the minus, also when they round to zero", () => {
  assert.equal(formatNumber(-1234.5, 0, EN), "-1,234");
  assert.equal(formatNumber(-0.001, 2, RU), "-0,00");
  assert.equal(formatNumber(-0, 1, EN), "-0.0");
});

test("small and large magnitudes written with an exponent by String() are expanded", () => {
  assert.equal(formatNumber(1e-7, 2, EN), "0.00");
  assert.equal(formatNumber(1.5e-7, 7, EN), "0.0000002");
  assert.equal(formatNumber(1e21, 0, EN), "1,000,000,000,000,000,000,000");
  assert.deepEqual(roundHalfEven(9.995, 2), { integer: "10", fraction: "00" });  // "9.995": 9 is odd, up
  assert.deepEqual(roundHalfEven(99.5, 0), { integer: "100", fraction: "" });
});

test("signed numbers drop the sign when they round to zero", () => {
  assert.equal(formatSigned(0.004, 2, EN), "0.00");
  assert.equal(formatSigned(-1.236, 2, EN), "−1.24");
  assert.equal(formatSigned(1.5, 1, RU, { plus: "+", minus: "-" }), "+1,5");
});

test("templates take their named placeholders and keep unknown ones", () => {
  assert.equal(fill("{value} USD bn", { value: "7.45" }), "7.45 USD bn");
  assert.equal(fill("{a} and {b}", { a: 1 }), "1 and {b}");
});
