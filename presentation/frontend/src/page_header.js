// A page's title and introduction (st.components.v2, in the page's own DOM). As st.title and st.markdown they
// were two of Streamlit's elements, each re-rendered (its Markdown parsed again) on every lever release, though
// they never change with the levers: about 5 ms of a release in the browser (an A/B of 40 releases each,
// issue 15). This element is redrawn only when a full run gives it another title or introduction.

import { elementData } from "./element_data.js";

const views = new WeakMap();

function createView(parentElement) {
  const header = document.createElement("header");
  header.className = "hk-page-header";
  const title = document.createElement("h1");
  const intro = document.createElement("div");
  intro.className = "hk-page-intro";
  header.append(title, intro);
  parentElement.append(header);
  return { title, intro, shown: "" };
}

/** Show ``data`` (``title``: text; ``intro``: the server's HTML, Markdown rendered with raw HTML escaped). */
export function showHeader(view, data) {
  const shown = JSON.stringify([data.title, data.intro]);
  if (shown === view.shown) {
    return;
  }
  view.shown = shown;
  view.title.textContent = data.title;
  view.intro.innerHTML = data.intro;
  view.intro.hidden = !data.intro;
}

export default function pageHeader(component) {
  const { parentElement } = component;
  let view = views.get(parentElement);
  if (!view) {
    view = createView(parentElement);
    views.set(parentElement, view);
  }
  showHeader(view, elementData(component.data));
}
