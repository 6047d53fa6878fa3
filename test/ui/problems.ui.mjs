// The workbench shows KubeGuard's findings on the insecure example in the Problems panel, exactly as the
// engine computes them; the preferred quick-fix applies from the editor's Ctrl+. menu. Saves the README
// screenshots problems.png and quick-fix.png.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importTs } from '../../scripts/importTs.mjs';
import { goToLine, openFile, openProblems, openWorkbench, problemCount, problemRows } from './workbench.mjs';

const FILE = 'insecure/web-deployment.yaml';

/** The foundation's findings, pinned: rule, 1-based position, icon, how the message starts. */
const FOUNDATION = [
  ['run-as-non-root', 18, 5, 'warning', 'Deployment web must set securityContext.runAsNonRoot: true at pod level'],
  ['host-namespaces', 19, 7, 'error', "Deployment web shares the node's network namespace (hostNetwork: true)."],
  ['allow-privilege-escalation', 25, 11, 'warning', 'Container "web" must set securityContext.allowPrivilegeEscalation: false.'],
  ['privileged-container', 26, 13, 'error', 'Container "web" runs privileged.'],
  ['allow-privilege-escalation', 27, 11, 'warning', 'Container "log-shipper" must set securityContext.allowPrivilegeEscalation: false.'],
];

/** The text of every other YAML file of the workspace: the server sees them through its workspace index. */
function otherYamlFiles(workspace) {
  return readdirSync(workspace, { recursive: true })
    .filter((f) => /\.ya?ml$/.test(f) && f !== FILE)
    .map((f) => readFileSync(path.join(workspace, f), 'utf8'));
}

const byPosition = (a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);

/** Asserts the Problems panel lists exactly `expected` for FILE. */
async function assertProblems(page, expected) {
  const count = await problemCount(page, FILE, expected.length);
  assert.equal(count, expected.length, `problem count on ${FILE}`);
  const rows = await problemRows(page);
  assert.deepEqual(
    rows.sort(byPosition),
    expected.map((p) => ({ ...p, source: 'KubeGuard' })).sort(byPosition),
  );
  return rows;
}

export default async function problemsPanel({ page, step, url, workspace, root, screenshot }) {
  const { expectedProblems } = await importTs(path.join(root, 'test/ui/expectedProblems.ts'));
  const text = readFileSync(path.join(workspace, FILE), 'utf8');
  const others = otherYamlFiles(workspace);
  const expected = expectedProblems(text, others);

  await step('the workbench runs with KubeGuard as development extension', () => openWorkbench(page, url));
  await step(`opens ${FILE}`, () => openFile(page, FILE, 'privileged: true'));

  let rows = [];
  await step(`the Problems panel lists the engine's ${expected.length} findings: text, source, code, position, severity`, async () => {
    await openProblems(page);
    rows = await assertProblems(page, expected);
  });

  await step('the foundation findings are among them', () => {
    for (const [code, line, column, icon, messageStart] of FOUNDATION) {
      const row = rows.find((r) => r.code === code && r.line === line && r.column === column);
      assert.ok(row, `${code} at [Ln ${line}, Col ${column}] is listed`);
      assert.equal(row.icon, icon, `${code} severity`);
      assert.ok(row.message.startsWith(messageStart), `${code} message: ${row.message}`);
    }
  });

  await step('the status bar names the Pod Security level and version and counts the same findings', async () => {
    const item = page.locator('.statusbar-item', { hasText: /restricted · latest · \d+ findings?/ });
    await item.waitFor({ timeout: 30_000 });
    const count = /(\d+) findings?/.exec(await item.innerText());
    assert.equal(Number(count?.[1]), expected.length, 'the status bar counts what the Problems panel lists (no suppressions here)');
  });

  await step('screenshot: squiggles and the Problems panel (problems.png)', async () => {
    // Selecting the privileged finding reveals it in the editor, with all the squiggles in view.
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'privileged-container' }).click();
    await page.locator('.statusbar-item', { hasText: /Ln 26, Col \d+/ }).waitFor({ timeout: 30_000 });
    await screenshot('problems.png');
  });

  await step('Ctrl+. on the privileged line opens the quick-fix menu (quick-fix.png)', async () => {
    await page.keyboard.press('Control+1');
    await goToLine(page, 26, 13);
    await page.keyboard.press('Control+.');
    const focused = page.locator('.action-widget .monaco-list-row.action.focused');
    await focused.waitFor({ timeout: 30_000 });
    assert.match(await focused.innerText(), /privileged/i, 'the focused quick-fix is about the privileged flag');
    await screenshot('quick-fix.png');
  });

  await step('Enter applies it: the line reads privileged: false and the Problems panel follows the engine', async () => {
    await page.keyboard.press('Enter');
    await page.locator('.action-widget .monaco-list-row.action').first().waitFor({ state: 'hidden', timeout: 30_000 });
    await page.locator('.monaco-editor .view-line', { hasText: 'privileged: false' }).waitFor({ timeout: 30_000 });
    const fixed = text.replace('privileged: true', 'privileged: false');
    const after = await assertProblems(page, expectedProblems(fixed, others));
    assert.equal(after.filter((r) => r.code === 'privileged-container').length, 0);
  });
}
