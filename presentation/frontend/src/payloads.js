// The components (model/live.py) the live levers recombine, kept in the page by key. They change only with the
// advanced assumptions or the data, so the server sends them in their own element (ui/live_levers.py), which
// Streamlit sends again as a short reference while its content is unchanged; the live levers' own data, sent
// on every release, names them by key. Both elements run as separate modules: the store lives on globalThis.

const KEPT = 16;  // assumption sets kept (about 280 kB each); the oldest goes first

function store() {
  globalThis.hamkorlikPayloads ??= new Map();
  return globalThis.hamkorlikPayloads;
}

/** Keep the components of `message` ({key, json}); parsed once per key. */
export function storePayload(message) {
  const payloads = store();
  if (payloads.has(message.key)) {
    return;
  }
  payloads.set(message.key, JSON.parse(message.json));
  while (payloads.size > KEPT) {
    payloads.delete(payloads.keys().next().value);
  }
}

/** The components stored under `key`, or null while they have not arrived. */
export function storedPayload(key) {
  return store().get(key) ?? null;
}
