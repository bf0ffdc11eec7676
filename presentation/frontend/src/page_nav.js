// The page links at the top of the sidebar (st.components.v2). Streamlit's own navigation re-rendered its some
// seventy styled parts several times on every lever release, about a fifth of the release's time in the
// browser (issue 15); this element re-renders only when a full run gives it new links. A plain click asks the
// server to switch pages (the session and its scenario are kept); any other click follows the link's address,
// which carries the current query into the new tab.

import { linkAddress, plainClick } from "./page_nav_links.js";

const views = new WeakMap();

/**
 * On a phone the sidebar lies over the page: as Streamlit's own page links did there, following a link shuts
 * it, so the page asked for is what the reader sees. Beside the page (a wider screen) it stays open.
 */
function closeSidebarOverPage() {
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const collapse = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (sidebar && main && collapse
      && sidebar.getBoundingClientRect().right > main.getBoundingClientRect().left + 1) {
    collapse.click();
  }
}

function createView(parentElement) {
  const nav = document.createElement("nav");
  nav.className = "hk-nav";
  const list = document.createElement("ul");
  nav.append(list);
  parentElement.append(nav);
  const view = { send: null, shown: "", links: [] };
  const refresh = () => {
    for (const { anchor, path } of view.links) {
      anchor.href = linkAddress(path, window.location);
    }
  };
  // The query changes with every lever release: the addresses are refreshed before anyone can follow them.
  for (const type of ["pointerenter", "focusin", "contextmenu"]) {
    nav.addEventListener(type, refresh);
  }
  view.show = (data) => {
    const shown = JSON.stringify(data);
    if (shown === view.shown) {
      return;
    }
    view.shown = shown;
    nav.setAttribute("aria-label", data.label);
    view.links = data.links.map((link) => {
      const anchor = document.createElement("a");
      anchor.className = "hk-nav-link";
      anchor.dataset.testid = "hk-nav-link";
      anchor.href = linkAddress(link.path, window.location);
      if (link.current) {
        anchor.setAttribute("aria-current", "page");
      }
      const icon = document.createElement("span");
      icon.className = "hk-nav-icon";
      icon.setAttribute("aria-hidden", "true");
      icon.setAttribute("translate", "no");
      icon.textContent = link.icon;
      const title = document.createElement("span");
      title.className = "hk-nav-title";
      title.textContent = link.title;
      anchor.append(icon, title);
      anchor.addEventListener("click", (event) => {
        if (!plainClick(event)) {
          return;
        }
        event.preventDefault();
        if (!link.current && view.send) {
          view.send("go", link.path);
        }
        closeSidebarOverPage();
      });
      const item = document.createElement("li");
      item.append(anchor);
      return { anchor, path: link.path, item };
    });
    list.replaceChildren(...view.links.map(({ item }) => item));
  };
  return view;
}

export default function pageNav(component) {
  const { parentElement, data, setTriggerValue } = component;
  let view = views.get(parentElement);
  if (!view) {
    view = createView(parentElement);
    views.set(parentElement, view);
  }
  view.send = setTriggerValue;
  view.show(data);
}
