import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Screenshots and other things a person may want to look at after the tests (gitignored). */
export const TEST_OUTPUT = path.join(ROOT, 'test-output');

/** Debian's chromium, which .ci/run installs; playwright never downloads a browser here. */
export const CHROMIUM = process.env.FENCECHECK_CHROMIUM ?? '/usr/bin/chromium';

/** Headless chromium with a fresh profile, no sandbox (tests run as root), nothing phoning home. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (bash .ci/run does) or set FENCECHECK_CHROMIUM`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-chromium-'));
  // A persistent context is how playwright takes a user-data-dir: a fresh one per launch.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
