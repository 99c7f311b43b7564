import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type DefaultTheme, defineConfig } from "vitepress";
import { resolveFromSite } from "./resolveFromSite.js";

// The site's pages live in the repository's docs/ folder; typedoc writes the API's Markdown and
// its sidebar into docs/api/ first (scripts/build.mjs runs both steps in order).
const docsDir = fileURLToPath(new URL("../../../docs/", import.meta.url));
const sidebarFile = `${docsDir}api/typedoc-sidebar.json`;

/**
 * One sidebar per package, so that each API page carries its own package's items only (every page
 * renders its whole sidebar; one sidebar of all ~500 symbols made the site 130 MB), plus links to
 * the other packages.
 */
function apiSidebars(): DefaultTheme.SidebarMulti {
  if (!existsSync(sidebarFile)) {
    throw new Error(
      `${sidebarFile} is missing: run typedoc first ("pnpm run docs" runs both steps)`,
    );
  }
  const packages = JSON.parse(readFileSync(sidebarFile, "utf8")) as DefaultTheme.SidebarItem[];
  const index: DefaultTheme.SidebarItem = {
    text: "API reference",
    link: "/api/",
    items: packages.map(
      ({ text, link }): DefaultTheme.SidebarItem => ({ text: text ?? "", link: link ?? "/api/" }),
    ),
  };
  const sidebars: DefaultTheme.SidebarMulti = { "/api/": [index] };
  for (const item of packages) {
    if (item.link === undefined) continue;
    sidebars[item.link] = [index, { ...item, collapsed: false }];
  }
  return sidebars;
}

const guides: DefaultTheme.SidebarItem[] = [
  { text: "Getting started", link: "/guide/getting-started" },
  { text: "The tutorial, with Kindling", link: "/guide/tutorial" },
  { text: "Every scheduler's curve", link: "/guide/schedulers" },
  { text: "Writing your own scheduler", link: "/guide/writing-a-scheduler" },
  { text: "Checkpoints and PyTorch", link: "/guide/checkpoints" },
  { text: "Weight averaging and LBFGS", link: "/guide/weight-averaging" },
  { text: "PyTorch to Kindling names", link: "/guide/pytorch-names" },
  { text: "Speed and threads", link: "/guide/speed-and-threads" },
  { text: "Playground", link: "/playground" },
];

/**
 * Heading anchors: VitePress's rule (lower case, runs of punctuation and spaces to one "-"), except
 * that "_" stays, as in the anchors typedoc-vitepress-theme links to: `add_()` is `#add_`, apart
 * from `add()`, `#add`.
 */
function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\s~`!@#$%^&*()\-+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/^(\d)/, "_$1")
    .toLowerCase();
}

export default defineConfig({
  title: "Kindling",
  description: "A TypeScript deep-learning stack in the image of PyTorch",
  srcDir: docsDir,
  outDir: fileURLToPath(new URL("../dist/", import.meta.url)),
  // A broken internal link fails the build (VitePress's default, stated here on purpose).
  ignoreDeadLinks: false,
  lastUpdated: false,
  head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
  // The page map and site data in one shared chunk, not inlined into each of ~500 pages.
  metaChunk: true,
  markdown: { anchor: { slugify } },
  vite: {
    plugins: [resolveFromSite(docsDir, fileURLToPath(import.meta.url))],
    resolve: {
      alias: { "@docs": fileURLToPath(new URL("../src/", import.meta.url)) },
    },
  },
  themeConfig: {
    nav: [
      { text: "Guide", link: "/guide/getting-started" },
      { text: "API", link: "/api/" },
      { text: "Playground", link: "/playground" },
    ],
    sidebar: {
      "/guide/": guides,
      "/playground": guides,
      ...apiSidebars(),
    },
    search: { provider: "local" },
    outline: [2, 3],
  },
});
