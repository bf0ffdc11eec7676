// What the Explorer's panels show, apart from the DOM: the view a visitor picked in each panel, kept while it
// exists, and what makes the panels' skeleton change (node tests in test/panels_view.test.js).

/**
 * The tab and the choice (view) `column` shows: those in `picked` ({tab, choices: {tabId: choiceId}}) if the
 * column still has them, else its first tab and that tab's first choice.
 */
export function chosenView(column, picked = {}) {
  const tab = column.tabs.find((entry) => entry.id === picked.tab) ?? column.tabs[0];
  const wanted = picked.choices?.[tab.id];
  const choice = tab.choices.find((entry) => entry.id === wanted) ?? tab.choices[0];
  return { tab, choice };
}

/** The skeleton's key: headings, tab and choice names in the language; a change builds the panels anew. */
export function panelsStructure(data) {
  return JSON.stringify([data.lang, data.columns.map((column) => [
    column.id, column.heading,
    column.tabs.map((tab) => [tab.id, tab.label, tab.switch_label, tab.choices.map((choice) => [choice.id, choice.label])]),
  ])]);
}

/** The index `step` places from `index` among `count` (arrow keys in a tab list or radio group wrap round). */
export function stepIndex(index, step, count) {
  return (index + step + count) % count;
}

/** The notes' HTML (server-made, escaped by markdown-it) in their boxes; `icon` marks a warning. */
export function notesHtml(notes, icon = "") {
  return notes.map((note) => {
    const mark = note.kind === "warning" ? icon : "";
    const sub = note.note ? `<div class="hk-note-sub">${note.note}</div>` : "";
    return `<div class="hk-note hk-note-${note.kind}" data-testid="${note.testid}">${mark}<div class="hk-note-body">${note.html}${sub}</div></div>`;
  }).join("");
}
