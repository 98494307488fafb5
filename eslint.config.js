// @ts-check
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "node_modules/",
    ".next/",
    ".data/",
    "server/db/generated/",
    "test-results/",
    "playwright-report/",
    "coverage/",
    "next-env.d.ts",
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    // The project service reads tsconfig.json, whose checkJs covers the .js and .mjs files too.
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  reactHooks.configs.flat.recommended,
  {
    rules: {
      // TypeScript already reports undefined names in every file, and its declarations (lib.dom, @types/node) cover the globals.
      "no-undef": "off",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
