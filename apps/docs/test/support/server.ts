import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";

/** A static server over a built site, listening on 127.0.0.1 only, on a free port. */
export interface SiteServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` with sirv (the static handler VitePress's own `preview` uses): files as they are,
 * `/path` also finding `/path.html`, and the site's 404 page for anything missing.
 */
export async function serveSite(dir: string): Promise<SiteServer> {
  const files = sirv(dir, { dev: false, etag: true, extensions: ["html"] });
  const server = createServer((request, response) => {
    files(request, response, () => {
      response.statusCode = 404;
      response.end("not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
