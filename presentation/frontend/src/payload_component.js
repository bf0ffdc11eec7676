// The element that brings the live levers' components into the page (payloads.js): no DOM of its own.

import { storePayload } from "./payloads.js";

export default function livePayload(component) {
  storePayload(component.data);
}
