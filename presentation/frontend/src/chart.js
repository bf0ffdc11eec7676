// A chart drawn (as SVG: its texts stay text) by the vendored vega-embed (loaded once per page by the chart-library
// element) from the server's Vega-Lite spec, embedded once per spec structure; new numbers only swap the rows of
// the named datasets through the Vega view API. The live turnover chart swaps its "paths" and "marker" on every
// lever step; a server-computed chart (spec_chart.js) swaps all of its datasets on a rerun.

/** Resolves once the vendored libraries have set their globals (the library element may mount later). */
function chartLibrary() {
  return new Promise((resolve) => {
    const look = () => (globalThis.vegaEmbed && globalThis.vega ? resolve(globalThis) : setTimeout(look, 20));
    look();
  });
}

/** Replace every row of dataset `name` in `view` by `rows` (a change set, not a new embed). */
function replaceRows(libraries, view, name, rows) {
  view.change(name, libraries.vega.changeset().remove(() => true).insert(rows));
}

/**
 * One chart in `container`: `draw(spec)` embeds when the spec's structure changed, `update` swaps data.
 * `swapped`: the names of the datasets update() swaps (their rows are not part of the structure); null: all.
 */
export function createChart(container, swapped = ["paths", "marker"]) {
  let view = null;
  let structure = "";
  let embedding = Promise.resolve();
  let pending = null;

  async function draw(spec) {
    const { datasets = {}, ...rest } = spec;
    // The swapped rows are update()'s; any other change (language, style, target, dataset names) re-embeds.
    const names = Object.keys(datasets).sort();
    const fixed = names.filter((name) => swapped !== null && !swapped.includes(name))
      .map((name) => [name, datasets[name]]);
    const key = JSON.stringify([rest, names, fixed]);
    if (key === structure && view) {
      return embedding;
    }
    structure = key;
    embedding = (async () => {
      const libraries = await chartLibrary();
      if (view) {
        view.finalize();
      }
      const result = await libraries.vegaEmbed(container, { ...rest, datasets }, {
        actions: false, renderer: "svg", mode: "vega-lite",
      });
      view = result.view;
      container.setAttribute("data-chart-ready", "1");
      if (pending) {
        const rows = pending;
        pending = null;
        await update(rows);
      }
    })();
    return embedding;
  }

  /** Show `rows` ({dataset name: rows}, e.g. {paths, marker}); resolves when the view has re-rendered. */
  async function update(rows) {
    if (!view) {
      pending = rows;
      return;
    }
    const libraries = globalThis;
    for (const [name, values] of Object.entries(rows)) {
      replaceRows(libraries, view, name, values);
    }
    await view.runAsync();
  }

  /** A whole new spec: embedded anew if its structure changed, else only its datasets' rows swapped. */
  function redraw(spec) {
    const before = structure;
    const drawing = draw(spec);
    if (structure !== before) {
      return drawing;
    }
    // Same structure: swap the rows, after an embedding still under way (it may hold older rows).
    return drawing.then(() => update(spec.datasets ?? {}));
  }

  function finalize() {
    if (view) {
      view.finalize();
      view = null;
    }
    structure = "";
  }

  return { draw, update, redraw, finalize };
}
