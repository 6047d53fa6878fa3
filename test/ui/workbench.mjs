// Playwright helpers for the VS Code web workbench (selectors of VS Code 1.139's DOM).
// Callbacks of page.evaluate/waitForFunction run in the browser:
/* global document */
import path from 'node:path';

/** Loads the workbench and waits until it runs with the extension under development. */
export async function openWorkbench(page, url) {
  await page.goto(url);
  await page.getByText('[Extension Development Host]').first().waitFor({ timeout: 90_000 });
  // The editor area exists once the workbench has restored its layout.
  await page.locator('.part.editor').waitFor({ timeout: 30_000 });
}

/** Opens a workspace file through Quick Open (the Explorer reveals it) and waits for its text. */
export async function openFile(page, relPath, expectText) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 30_000 });
  await input.fill(relPath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relPath) }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: expectText }).waitFor({ timeout: 30_000 });
}

/** Moves the cursor of the active editor with Go to Line (`line:column`, 1-based). */
export async function goToLine(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 30_000 });
  // The Go to Line picker is Quick Open with its `:` prefix; fill() replaces the whole value.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: 30_000 });
}

export async function openProblems(page) {
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: 30_000 });
}

/**
 * The problem count on a file's row of the Problems panel (`insecure/web-deployment.yaml`), after waiting
 * up to `timeout` for it to become `expected`; the caller asserts, so a mismatch reports the count seen.
 */
export async function problemCount(page, relPath, expected, timeout = 30_000) {
  const folder = path.dirname(relPath);
  const label = `in file ${path.basename(relPath)}${folder === '.' ? '' : ` of folder ${folder}`}`;
  const badge = page.locator(`.markers-panel .monaco-list-row[aria-level="1"][aria-label$=${JSON.stringify(label)}] .monaco-count-badge`);
  await badge
    .filter({ hasText: new RegExp(`^\\s*${Number(expected)}\\s*$`) })
    .waitFor({ timeout })
    .catch(() => undefined);
  return Number((await badge.textContent({ timeout: 1000 }).catch(() => null)) ?? 0);
}

/** The list's own rows: the tree's sticky header repeats the file row (data-index 0) above them. */
const ROWS = '.markers-panel .monaco-list-rows > .monaco-list-row';

/** The rows rendered right now, with their list index. */
function renderedMarkerRows(page) {
  return page.locator(ROWS).evaluateAll((rows) =>
    rows.map((row) => {
      const text = (sel) => row.querySelector(sel)?.textContent?.trim() ?? '';
      const icon = row.querySelector('.marker-icon')?.classList;
      const [, line, column] = /\[Ln (\d+), Col (\d+)\]/.exec(text('.marker-line')) ?? [];
      return {
        index: Number(row.getAttribute('data-index')),
        last: row.getAttribute('data-last-element') === 'true',
        marker: row.getAttribute('aria-level') === '2',
        problem: {
          icon: ['error', 'warning', 'info'].find((c) => icon?.contains(c)) ?? '?',
          message: text('.marker-message'),
          source: text('.marker-source'),
          code: text('.marker-code'),
          line: Number(line),
          column: Number(column),
        },
      };
    }),
  );
}

/** Scrolls the list by `deltaY` and waits until it renders a row beyond `index` (after it when scrolling down). */
async function scrollPast(page, deltaY, index) {
  await page.mouse.wheel(0, deltaY);
  await page.waitForFunction(
    ([rows, past, down]) => [...document.querySelectorAll(rows)].some((r) => (down ? Number(r.getAttribute('data-index')) > past : Number(r.getAttribute('data-index')) < past)),
    [ROWS, index, deltaY > 0],
    { timeout: 10_000 },
  );
}

/**
 * Every marker row of the Problems panel: icon, message, source, code and 1-based position. The list is
 * virtualized (only the rows in view exist in the DOM), so this scrolls it from top to bottom, then back.
 */
export async function problemRows(page) {
  const list = page.locator('.markers-panel .monaco-list');
  const box = await list.boundingBox();
  if (!box) throw new Error('the Problems panel is not visible');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const rows = new Map();
  for (;;) {
    const rendered = await renderedMarkerRows(page);
    for (const r of rendered) if (r.marker) rows.set(r.index, r.problem);
    if (rendered.length === 0 || rendered.some((r) => r.last)) break;
    await scrollPast(page, box.height / 2, Math.max(...rendered.map((r) => r.index)));
  }
  // Back to the top, where the caller expects the list.
  for (let first = Math.min(...(await renderedMarkerRows(page)).map((r) => r.index)); first > 0; first = Math.min(...(await renderedMarkerRows(page)).map((r) => r.index))) {
    await scrollPast(page, -box.height / 2, first);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
}

/** Widens the side bar by dragging the sash between it and the editor (tree descriptions get room). */
export async function widenSidebar(page, by = 330) {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (!sidebar) return;
  const x = sidebar.x + sidebar.width;
  const y = sidebar.y + sidebar.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + by, y, { steps: 8 });
  await page.mouse.up();
}
