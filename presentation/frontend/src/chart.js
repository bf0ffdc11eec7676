// The turnover chart drawn (as SVG: its texts stay text) by the vendored vega-embed (loaded once per page by the chart-library element)
// from the server's Vega-Lite spec, embedded once per spec; each lever step only swaps the rows of its
// "paths" and "marker" datasets through the Vega view API, so nothing is re-embedded while dragging.

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

/** One chart in `container`: `draw(spec)` embeds when the spec's structure changed, `update` swaps data. */
export function createChart(container) {
  let view = null;
  let structure = "";
  let embedding = Promise.resolve();
  let pending = null;

  async function draw(spec) {
    const { datasets, ...rest } = spec;
    // The rows a lever moves are swapped by update(); any other change (language, style, target) re-embeds.
    const { paths, marker, ...fixed } = datasets;
    const key = JSON.stringify([rest, fixed]);
    if (key === structure && view) {
      return embedding;
    }
    structure = key;
    embedding = (async () => {
      const libraries = await chartLibrary();
      if (view) {
        view.finalize();
      }
      const result = await libraries.vegaEmbed(container, { ...rest, datasets: { ...fixed, paths, marker } }, {
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

  /** Show `rows` ({paths, marker}); resolves when the view has re-rendered. */
  async function update(rows) {
    if (!view) {
      pending = rows;
      return;
    }
    const libraries = globalThis;
    replaceRows(libraries, view, "paths", rows.paths);
    replaceRows(libraries, view, "marker", rows.marker);
    await view.runAsync();
  }

  function finalize() {
    if (view) {
      view.finalize();
      view = null;
    }
    structure = "";
  }

  return { draw, update, finalize };
}
