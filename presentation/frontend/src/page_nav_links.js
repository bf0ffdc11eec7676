// What the page links show and where they lead, apart from the DOM (node-tested).

/**
 * The address a page link opens in a new tab: the page's path relative to the current address, with the
 * current query (the scenario's share link on the Explorer), so a middle click carries the scenario along.
 * `path` is a page's URL path ("" for the default page); `location` is the current window.location.
 */
export function linkAddress(path, location) {
  return new URL((path || ".") + location.search, location.href).href;
}

/** True when a click should stay in this session (a plain left click), false for a new tab or window. */
export function plainClick(event) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}
