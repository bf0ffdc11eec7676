// ESLint flat config: the recommended rules for the component's modules (browser) and the tests and
// vendoring script (Node). The vendored minified builds are not ours to lint.
import js from "@eslint/js";

const browser = {
  window: "readonly", document: "readonly", globalThis: "readonly", console: "readonly",
  requestAnimationFrame: "readonly", cancelAnimationFrame: "readonly", performance: "readonly",
  setTimeout: "readonly", clearTimeout: "readonly", Intl: "readonly", HTMLElement: "readonly", URL: "readonly",
  TextDecoder: "readonly", Uint8Array: "readonly", ArrayBuffer: "readonly",
};
const node = { console: "readonly", process: "readonly", URL: "readonly", TextEncoder: "readonly" };

export default [
  { ignores: ["vendor/**", "node_modules/**"] },
  js.configs.recommended,
  {
    files: ["src/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: browser },
    rules: { "no-var": "error", "prefer-const": "error", eqeqeq: "error", "no-implicit-globals": "error" },
  },
  {
    files: ["test/**/*.js", "scripts/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: node },
    rules: { "no-var": "error", "prefer-const": "error", eqeqeq: "error" },
  },
];
