// What the end-to-end checks share: headless Chromium as the project runs
// it (Debian's package, no sandbox, no background traffic), and
// `phare serve` started on a free port.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import net from 'node:net';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** `phare serve` on a port nobody uses; resolves to `{ port, server }`. */
export async function servePreview(phare, site) {
  const port = await new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const server = spawn(phare, ['serve', '--site', site, '--port', String(port)], { stdio: ['ignore', 'inherit', 'inherit'] });
  return { port, server };
}
