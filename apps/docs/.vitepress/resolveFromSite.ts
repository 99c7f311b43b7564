import type { Plugin } from "vite";

/**
 * The pages live in the repository's docs/ folder, outside this package, where Node's resolution
 * cannot see this package's dependencies (pnpm keeps them in apps/docs/node_modules). This plugin
 * resolves every bare import made from a file under `pagesDir` (`vue`, `vue/server-renderer`, ...)
 * as if `importer` had made it, so pages and components share one copy of each dependency.
 */
export function resolveFromSite(pagesDir: string, importer: string): Plugin {
  const bare = /^(?![./\0]|[a-zA-Z]:|@docs\/)[^:]/;
  return {
    name: "kindling-docs:resolve-from-site",
    enforce: "pre",
    async resolveId(source, from, options) {
      if (from === undefined || !from.startsWith(pagesDir) || !bare.test(source)) return null;
      return this.resolve(source, importer, { ...options, skipSelf: true });
    },
  };
}
