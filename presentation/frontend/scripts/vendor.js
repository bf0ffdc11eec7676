// Copies the minified browser builds of the chart libraries from node_modules (installed by `npm ci` from
// package-lock.json) into vendor/, with their licences, and records name, version and sha256 of each in
// vendor/manifest.json. `make vendor-js` runs it; tests/test_frontend_vendor.py checks the result.
import { createHash } from "node:crypto";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Load order matters: vega-lite and vega-embed read the globals the ones before them set.
const LIBRARIES = [
  { name: "vega", build: "build/vega.min.js", global: "vega" },
  { name: "vega-lite", build: "build/vega-lite.min.js", global: "vegaLite" },
  { name: "vega-embed", build: "build/vega-embed.min.js", global: "vegaEmbed" },
];

const sha256 = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");

const files = LIBRARIES.map(({ name, build, global }) => {
  const packageDir = join(root, "node_modules", name);
  const { version, license } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const file = `${name}.min.js`;
  copyFileSync(join(packageDir, build), join(root, "vendor", file));
  copyFileSync(join(packageDir, "LICENSE"), join(root, "vendor", `${name}.LICENSE`));
  return { name, version, license, global, file, sha256: sha256(join(root, "vendor", file)) };
});

const manifest = {
  comment: "Written by scripts/vendor.js (make vendor-js) from package-lock.json; do not edit by hand.",
  libraries: files,
};
writeFileSync(join(root, "vendor", "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
for (const { name, version, sha256: digest } of files) {
  console.log(`${name} ${version} ${digest}`);
}
