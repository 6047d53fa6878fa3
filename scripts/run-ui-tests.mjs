// `npm run test:ui`: Playwright drives the real workbench (code-server + headless Chromium) through each
// test/ui/*.ui.mjs scenario and saves the README screenshots.
//   UI_SCREENSHOT_DIR=<dir>  where screenshots go (default docs/images)
//   UI_TEST_GREP=<pattern>   only the scenarios whose file name matches
// A scenario is `export default async ({ page, step, url, workspace, root, screenshot }) => …`; a failed
// step ends its scenario (later steps build on it) and leaves test-results/<scenario>-failure.png.
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, DARK_THEME_SELECTOR, ensureHost, launchChromium, root, startCodeServer } from './harness.mjs';
import { settledScreenshot, writeScreenshot } from './screenshots.mjs';
import { copyExamples } from './tempWorkspace.mjs';

const screenshotDir = path.resolve(root, process.env.UI_SCREENSHOT_DIR || 'docs/images');
const failureDir = path.join(root, 'test-results');
const t0 = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
let passed = 0;
let failed = 0;

/** Thrown by a failed step: the rest of its scenario depends on it, so the scenario stops there. */
class StepFailed extends Error {}

async function step(title, fn) {
  const started = Date.now();
  try {
    await fn();
    passed++;
    console.log(`    ✔ ${title} (${seconds(started)})`);
  } catch (e) {
    failed++;
    console.log(`    ✘ ${title}\n${String(e?.stack ?? e).replace(/^/gm, '      ')}`);
    throw new StepFailed(title);
  }
}

/**
 * Each scenario gets its own code-server, workspace copy and browser context: VS Code keeps state on the
 * server (settings migrations, forwarded ports), and a scenario must not see the previous one's.
 */
async function runScenario(browser, file) {
  const name = path.basename(file, '.ui.mjs');
  console.log(`\n  ${name}`);
  const workspace = copyExamples();
  const server = await startCodeServer();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    const scenario = await import(pathToFileURL(path.join(root, 'test/ui', file)).href);
    await scenario.default({
      page,
      step,
      root,
      workspace: workspace.folder,
      url: server.url({ folder: workspace.folder, extensionDevelopmentPath: root }),
      screenshot: async (fileName) => {
        await page.locator(DARK_THEME_SELECTOR).waitFor({ timeout: 30_000 });
        // Nothing hovered: a stray hover would change the image between runs.
        await page.mouse.move(0, 450);
        mkdirSync(screenshotDir, { recursive: true });
        const file = path.join(screenshotDir, fileName);
        const written = await writeScreenshot(page, file, await settledScreenshot(page));
        console.log(`      ${written ? 'saved' : 'unchanged'}: ${path.relative(root, file)}`);
      },
    });
  } catch (e) {
    if (!(e instanceof StepFailed)) {
      failed++;
      console.log(`    ✘ ${name}: ${e?.stack ?? e}`);
    }
    mkdirSync(failureDir, { recursive: true });
    await page.screenshot({ path: path.join(failureDir, `${name}-failure.png`) }).catch(() => undefined);
    if (pageErrors.length) console.log(`    workbench errors:\n${pageErrors.map((m) => `      ${m}`).join('\n')}`);
  } finally {
    await context.close();
    await server.stop();
    workspace.dispose();
  }
}

ensureHost();
build();
const grep = new RegExp(process.env.UI_TEST_GREP || '.');
const scenarios = readdirSync(path.join(root, 'test/ui'))
  .filter((f) => f.endsWith('.ui.mjs') && grep.test(f))
  .sort();
const browser = await launchChromium();
try {
  for (const file of scenarios) await runScenario(browser, file);
} finally {
  await browser.close();
}
console.log(`\n${passed} passed, ${failed} failed (test:ui ${seconds(t0)})`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
