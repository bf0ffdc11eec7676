// Numbers as the server's Babel writes them (presentation/number_format.py sends each language's symbols):
// the shortest decimal string that reads back as the same double, rounded half-even on that string (not the
// binary value, as toFixed would), the integer part grouped, the language's decimal sign between. Pure.

/** Digits and decimal exponent of |value|'s shortest round-trip decimal string: 12.5 → ["125", 2]. */
function decimalDigits(value) {
  const [mantissa, exponentText] = String(Math.abs(value)).split("e");
  const [whole, fraction = ""] = mantissa.split(".");
  const digits = (whole + fraction).replace(/^0+/, "");
  const leadingZeros = (whole + fraction).length - (whole + fraction).replace(/^0+/, "").length;
  const exponent = Number(exponentText || 0) + whole.length - leadingZeros;
  return [digits || "0", digits ? exponent : 1];
}

/** The integer and fraction digit strings of |value| rounded half-even to `places` decimals. */
export function roundHalfEven(value, places) {
  const [digits, exponent] = decimalDigits(value);
  // Pad so the digit string holds every integer digit and `places` decimals, then cut after them.
  const padded = exponent <= 0 ? "0".repeat(1 - exponent) + digits : digits;
  const pointAt = exponent <= 0 ? 1 : exponent;
  const body = (padded + "0".repeat(Math.max(0, pointAt + places - padded.length)));
  const kept = body.slice(0, pointAt + places);
  const rest = body.slice(pointAt + places);
  let roundUp = false;
  if (rest.length > 0) {
    const first = rest[0];
    const tail = rest.slice(1).replace(/0+$/, "");
    if (first > "5" || (first === "5" && tail.length > 0)) {
      roundUp = true;
    } else if (first === "5") {
      roundUp = Number(kept[kept.length - 1]) % 2 === 1;
    }
  }
  let result = kept;
  if (roundUp) {
    const carried = (BigInt(kept) + 1n).toString();
    result = carried.padStart(kept.length, "0");
  }
  const integer = result.slice(0, result.length - places).replace(/^0+(?=\d)/, "") || "0";
  return { integer, fraction: result.slice(result.length - places) };
}

/** `digits` grouped in threes from the right with `group` between them. */
function grouped(digits, group, size) {
  if (!size || digits.length <= size) {
    return digits;
  }
  const parts = [];
  for (let end = digits.length; end > 0; end -= size) {
    parts.unshift(digits.slice(Math.max(0, end - size), end));
  }
  return parts.join(group);
}

/**
 * `value` with `places` fixed decimals in a language's notation (Babel's `#,##0.00` pattern).
 *
 * `symbols`: {decimal, group, minus, grouping}. A negative value rounding to zero keeps its minus ("-0.00"),
 * as Babel does.
 */
export function formatNumber(value, places, symbols) {
  if (!Number.isFinite(value)) {
    return String(value);
  }
  const { integer, fraction } = roundHalfEven(value, places);
  const sign = value < 0 || Object.is(value, -0) ? symbols.minus : "";
  const text = grouped(integer, symbols.group, symbols.grouping ?? 3);
  return sign + text + (places > 0 ? symbols.decimal + fraction : "");
}

/** A number with an explicit sign, none when it rounds to zero (the server's Translator.signed). */
export function formatSigned(value, places, symbols, signs = { plus: "+", minus: "−" }) {
  const { integer, fraction } = roundHalfEven(value, places);
  if (/^0*$/.test(integer + fraction)) {
    return formatNumber(0, places, symbols);
  }
  return (value > 0 ? signs.plus : signs.minus) + formatNumber(Math.abs(value), places, symbols);
}

/** `template` with each `{name}` replaced by `values[name]` (the catalogue's placeholders). */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
