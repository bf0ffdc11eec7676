// The Explorer's panels under the live levers (st.components.v2): the notes (mirror statistics, plausibility,
// summary, tracker) and two panels, each a heading, tabs, a country switch, a finding, a chart and notes. One
// element instead of some thirty of Streamlit's, so a lever release re-renders one element; the server sends
// every view's chart, so a tab or a country switch changes the view at once, without a rerun. Streamlit calls
// the default export again with each rerun's data on the same parent: the DOM, the views picked and the
// charts' views are kept, and only changed text is replaced and only the rows of a chart swapped.

import { createChart } from "./chart.js";
import { elementData } from "./element_data.js";
import { chosenView, notesHtml, panelsStructure, stepIndex } from "./panels_view.js";

const WARNING_ICON = '<svg class="hk-note-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
  + '<path d="M1 21h22L12 2 1 21zm12-3h-2v-2h2v2zm0-4h-2v-4h2v4z"/></svg>';
const controllers = new WeakMap();
const shownHtml = new WeakMap();
// The views picked last on this page. Presentation mode takes the panels off the page, and they come back as
// a new element: without this they would return to their first tab and country.
let rememberedPicks = [];

/** Set `node`'s HTML only when it differs from what it shows (no relayout for an unchanged note). */
function setHtml(node, html) {
  if (shownHtml.get(node) !== html) {
    node.innerHTML = html;
    shownHtml.set(node, html);
  }
}

/** A row of buttons acting as a WAI-ARIA tab list or radio group: arrows move and pick, Home/End the ends. */
function buttonRow(className, role, label, items, onPick) {
  const row = document.createElement("div");
  row.className = className;
  row.setAttribute("role", role === "tab" ? "tablist" : "radiogroup");
  if (label) {
    row.setAttribute("aria-label", label);
  }
  const buttons = items.map((item, index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.setAttribute("role", role);
    button.dataset.id = item.id;
    button.textContent = item.label;
    button.addEventListener("click", () => onPick(item.id));
    button.addEventListener("keydown", (event) => {
      const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
      let next = null;
      if (event.key in moves) {
        next = stepIndex(index, moves[event.key], items.length);
      } else if (event.key === "Home" || event.key === "End") {
        next = event.key === "Home" ? 0 : items.length - 1;
      }
      if (next !== null) {
        event.preventDefault();
        onPick(items[next].id);
        buttons[next].focus();
      }
    });
    row.append(button);
    return button;
  });
  return { row, buttons };
}

/** Mark the picked button (aria-selected for tabs, aria-checked for radios); only it is in the tab order. */
function markPicked(buttons, id, attribute) {
  for (const button of buttons) {
    const on = button.dataset.id === id;
    button.setAttribute(attribute, String(on));
    button.tabIndex = on ? 0 : -1;
  }
}

function buildColumn(parent, column, index, onChange) {
  const section = document.createElement("section");
  section.className = "hk-panel";
  section.setAttribute("data-testid", `panel-${column.id}`);
  const heading = document.createElement("h2");
  heading.className = "hk-panel-heading";
  heading.id = `hk-panel-heading-${index}`;
  heading.textContent = column.heading;
  section.setAttribute("aria-labelledby", heading.id);
  section.append(heading);
  const entry = { picked: { tab: null, choices: {} }, tabs: [], switches: {}, column };
  if (column.tabs.length > 1) {
    const tabs = buttonRow("hk-tabs", "tab", "", column.tabs, (id) => {
      entry.picked.tab = id;
      onChange(entry);
    });
    entry.tabs = tabs.buttons;
    section.append(tabs.row);
  }
  const body = document.createElement("div");
  body.className = "hk-tabpanel";
  if (column.tabs.length > 1) {
    // WAI-ARIA tabs: each tab names the panel it controls; the panel is labelled by the tab shown (showColumn).
    body.setAttribute("role", "tabpanel");
    body.id = `hk-tabpanel-${index}`;
    for (const button of entry.tabs) {
      button.id = `hk-tab-${index}-${button.dataset.id}`;
      button.setAttribute("aria-controls", body.id);
    }
  }
  entry.body = body;
  for (const tab of column.tabs.filter((entryTab) => entryTab.choices.length > 1)) {
    const group = buttonRow("hk-switch", "radio", tab.switch_label, tab.choices, (id) => {
      entry.picked.choices[tab.id] = id;
      onChange(entry);
    });
    entry.switches[tab.id] = group;
    body.append(group.row);
  }
  entry.finding = document.createElement("p");
  entry.finding.className = "hk-finding";
  entry.chartBox = document.createElement("div");
  entry.chartBox.className = "hk-spec-chart";
  entry.chartBox.setAttribute("data-testid", "spec-chart");
  entry.note = document.createElement("div");
  entry.note.className = "hk-view-note";
  body.append(entry.finding, entry.chartBox, entry.note);
  entry.caption = document.createElement("div");
  entry.caption.className = "hk-caption";
  section.append(body, entry.caption);
  entry.chart = createChart(entry.chartBox, null);
  parent.append(section);
  return entry;
}

/** Show the view picked in `entry`'s panel: tabs and switch marked, finding, chart rows or chart, notes. */
function showColumn(entry) {
  const { tab, choice } = chosenView(entry.column, entry.picked);
  markPicked(entry.tabs, tab.id, "aria-selected");
  const shownTab = entry.tabs.find((button) => button.dataset.id === tab.id);
  if (shownTab) {
    entry.body.setAttribute("aria-labelledby", shownTab.id);
  }
  for (const [tabId, group] of Object.entries(entry.switches)) {
    group.row.hidden = tabId !== tab.id;
    markPicked(group.buttons, choice.id, "aria-checked");
  }
  const finding = `<strong>${choice.finding.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c])}</strong>`;
  setHtml(entry.finding, finding);
  if (typeof choice.spec.height === "number") {
    entry.chartBox.style.minHeight = `${choice.spec.height}px`;  // no jump while the libraries load
  }
  entry.chart.redraw(choice.spec);
  setHtml(entry.note, choice.note);
  entry.note.hidden = !choice.note;
  setHtml(entry.caption, entry.column.caption);
}

function createController(parent) {
  const root = document.createElement("div");
  root.className = "hk-panels";
  root.innerHTML = '<div class="hk-notes"></div><div class="hk-columns"></div>';
  parent.append(root);
  let structure = "";
  let entries = [];
  let finalizer = 0;

  function build(data) {
    const picked = entries.length ? entries.map((entry) => entry.picked) : rememberedPicks;
    for (const entry of entries) {
      entry.chart.finalize();
    }
    const box = root.querySelector(".hk-columns");
    box.replaceChildren();
    // The views picked stay picked across a language switch: tabs and choices keep their ids.
    entries = data.columns.map((column, index) => buildColumn(box, column, index, showColumn));
    entries.forEach((entry, index) => {
      if (picked[index]) {
        entry.picked = picked[index];
      }
    });
    rememberedPicks = entries.map((entry) => entry.picked); // the same objects a click changes
  }

  return {
    update(data) {
      clearTimeout(finalizer);
      const key = panelsStructure(data);
      if (key !== structure) {
        structure = key;
        build(data);
      }
      setHtml(root.querySelector(".hk-notes"), notesHtml(data.notes, WARNING_ICON));
      entries.forEach((entry, index) => {
        entry.column = data.columns[index];
        showColumn(entry);
      });
    },
    /** Streamlit's cleanup runs before every new call too: let go of the charts only if no call follows. */
    scheduleFinalize() {
      finalizer = setTimeout(() => {
        for (const entry of entries) {
          entry.chart.finalize();
        }
        root.remove();
        controllers.delete(parent);
      }, 1000);
    },
  };
}

export default function panels(component) {
  const { parentElement } = component;
  const data = elementData(component.data);
  let controller = controllers.get(parentElement);
  if (!controller) {
    controller = createController(parentElement);
    controllers.set(parentElement, controller);
  }
  controller.update(data);
  return () => controller.scheduleFinalize();
}
