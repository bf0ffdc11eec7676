// The three lever sliders as native <input type="range">: the browser gives them arrow keys, Page Up/Down,
// Home/End and their ARIA role; this file adds the label with its unit, the value with its unit as
// aria-valuetext, the ends of the range and the help text (meaning, default, source) behind a toggle.

import { formatNumber } from "./format.js";
import { leverValueText } from "./texts.js";

/** Make one element with attributes and text. */
function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  if (text) {
    node.textContent = text;
  }
  return node;
}

/** The DOM of one lever; returns {input, output, lever, caption} for the controller. */
function leverBlock(lever, prefix, symbols, helpLabel) {
  const block = element("div", { class: "hk-lever", "data-lever": lever.key });
  const inputId = `${prefix}-${lever.key}`;
  const helpId = `${inputId}-help`;
  const head = element("div", { class: "hk-lever-head" });
  // The label and its help button wrap together; the value moves under them when the row is too narrow.
  const named = element("span", { class: "hk-lever-name" });
  named.append(element("label", { for: inputId, class: "hk-label" }, lever.label));
  const toggle = element("button", {
    type: "button", class: "hk-help-toggle", "aria-expanded": "false", "aria-controls": helpId,
    "aria-label": `${helpLabel}: ${lever.label}`, title: helpLabel,
  }, "?");
  named.append(toggle);
  head.append(named);
  const output = element("output", { for: inputId, class: "hk-value", "aria-hidden": "true" });
  head.append(output);
  block.append(head);
  const input = element("input", {
    type: "range", id: inputId, min: String(lever.min), max: String(lever.max), step: String(lever.step),
    "aria-label": lever.label, "aria-describedby": helpId, "data-testid": `live-lever-${lever.key}`,
  });
  block.append(input);
  const ends = element("div", { class: "hk-ends", "aria-hidden": "true" });
  ends.append(element("span", {}, formatNumber(lever.min, lever.decimals, symbols)));
  ends.append(element("span", {}, formatNumber(lever.max, lever.decimals, symbols)));
  block.append(ends);
  const help = element("p", { id: helpId, class: "hk-help", hidden: "" }, lever.help);
  block.append(help);
  // The caption changes with the value (the trade-cost cut in days at the border): kept apart from the
  // structure, so a new caption does not rebuild the sliders under the keyboard (showLeverCaption).
  const caption = element("p", { class: "hk-caption" });
  block.append(caption);
  toggle.addEventListener("click", () => {
    const open = help.hasAttribute("hidden");
    help.toggleAttribute("hidden", !open);
    toggle.setAttribute("aria-expanded", String(open));
  });
  const entry = { input, output, lever, caption };
  showLeverCaption(entry, lever.caption);
  return entry;
}

/** The line under a lever (hidden when empty), changed in place. */
export function showLeverCaption(entry, text) {
  if (entry.caption.textContent !== (text || "")) {
    entry.caption.textContent = text || "";
  }
  entry.caption.hidden = !text;
}

/** Build the levers into `container` (emptied first); returns one entry per lever, keyed by lever key. */
export function buildLevers(container, levers, prefix, symbols, helpLabel) {
  container.replaceChildren();
  const built = {};
  for (const lever of levers) {
    const entry = leverBlock(lever, prefix, symbols, helpLabel);
    container.append(entry.input.parentElement);
    built[lever.key] = entry;
  }
  return built;
}

/** Show `value` on a lever: the thumb, the printed value and aria-valuetext, all with the unit. */
export function showLeverValue(entry, value, symbols) {
  if (Number(entry.input.value) !== value) {
    entry.input.value = String(value);
  }
  const text = leverValueText(value, entry.lever, symbols);
  entry.output.textContent = text;
  entry.input.setAttribute("aria-valuetext", text);
}
