// What an element of ours was sent: the server sends our JSON as bytes (Streamlit passes bytes through as they
// are; a dict it scans for data frames key by key and encodes twice), the offline brief a plain object.

const decoder = new TextDecoder();

/** The element's data as an object: UTF-8 JSON bytes (a Uint8Array or ArrayBuffer) decoded, anything else as is. */
export function elementData(raw) {
  if (raw instanceof Uint8Array || raw instanceof ArrayBuffer) {
    return JSON.parse(decoder.decode(raw));
  }
  return raw;
}
