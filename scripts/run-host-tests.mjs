// `npm run test:host`: runs the mocha suite of test/host inside code-server's real extension host, on a
// temporary copy of examples/, with headless Chromium as the workbench. Exits with the suite's status.
//   HOST_TEST_GREP=<pattern>   only the tests whose full title matches (mocha grep)
//   HOST_TEST_TIMEOUT_MS=<ms>  give up after this long (default 10 minutes)
import path from 'node:path';
import { build, ensureHost, launchChromium, root, startCodeServer } from './harness.mjs';
import { printHostLog } from './hostLog.mjs';
import { copyExamples } from './tempWorkspace.mjs';

const timeoutMs = Number(process.env.HOST_TEST_TIMEOUT_MS || 600_000);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

ensureHost();
build();
const t0 = Date.now();
const workspace = copyExamples();
// The extension host inherits code-server's environment: that is how the grep reaches test/host/index.ts.
const server = await startCodeServer({ env: { KUBEGUARD_TEST_GREP: process.env.HOST_TEST_GREP ?? '' } });
console.log(`test:host: code-server listening after ${seconds(t0)} (workspace ${workspace.folder})`);
let browser;
let status = 'failed to start';
try {
  browser = await launchChromium();
  const page = await browser.newPage();
  let suiteStarted;
  let onExit;
  const exited = new Promise((resolve) => (onExit = resolve));
  // Called by the workbench when the extension host ends, with the test run's exit code.
  await page.exposeFunction('codeAutomationExit', (code) => onExit(code));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // test/host/index.ts starts its output with this marker.
    if (!suiteStarted && String(args[0]).startsWith('kubeguard host tests:')) {
      suiteStarted = Date.now();
      console.log(`test:host: extension host running the suite after ${seconds(t0)}`);
    }
    printHostLog(type, args);
  });
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const url = server.url({ folder: workspace.folder, extensionDevelopmentPath: root, extensionTestsPath: path.join(root, 'out/test/host/index.js') });
  await Promise.race([page.goto(url), timedOut]);
  status = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  console.log(
    status === 'timeout'
      ? `test:host: no result after ${seconds(t0)} (HOST_TEST_TIMEOUT_MS=${timeoutMs})`
      : `test:host: extension host exited with ${status} after ${seconds(t0)} (suite ${suiteStarted ? seconds(suiteStarted) : 'never started'})`,
  );
} catch (e) {
  console.error(e);
  if (server.log) console.error(`code-server log:\n${server.log}`);
} finally {
  await browser?.close();
  await server.stop();
  workspace.dispose();
}
process.exit(status === 0 ? 0 : 1);
