// The status bar item in the workbench: it names the Pod Security level and counts the findings of the
// insecure example; its tooltip says where the level comes from; clicking it opens the level picker with
// the current level marked, and picking baseline writes the workspace setting and lowers the count. This
// is the click → command → quick pick path the extension-host tests cannot drive. Saves status-bar.png
// (the picker open above the item).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openFile, openWorkbench } from './workbench.mjs';

const FILE = 'insecure/web-deployment.yaml';

/** The KubeGuard item, once its text matches `text`; returns its finding count. */
async function itemCount(page, text) {
  const item = page.locator('.statusbar-item', { hasText: text });
  await item.waitFor({ timeout: 30_000 });
  const count = /(\d+) findings?/.exec(await item.innerText());
  assert.ok(count, `a finding count in ${await item.innerText()}`);
  return Number(count[1]);
}

export default async function statusBar({ page, step, url, workspace, screenshot }) {
  await step('the workbench runs with KubeGuard as development extension', () => openWorkbench(page, url));
  await step(`opens ${FILE}`, () => openFile(page, FILE, 'privileged: true'));

  let restricted = 0;
  await step('the status bar shows restricted · latest and the finding count', async () => {
    restricted = await itemCount(page, /restricted · latest · \d+ findings/);
    assert.ok(restricted >= 5, `baseline and restricted findings, got ${restricted}`);
  });

  await step('its tooltip says where the level comes from and counts by severity', async () => {
    await page.locator('.statusbar-item', { hasText: /restricted · latest/ }).hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Pod Security Standards' });
    await hover.waitFor({ timeout: 30_000 });
    const text = await hover.innerText();
    // The UI workbench has no KubeGuard settings: the level is the default.
    assert.match(text, /Level restricted, version latest, from the default/);
    assert.match(text, new RegExp(`${restricted} findings: \\d+ errors?`));
    assert.match(text, /Change level…/);
  });

  await step('clicking it opens the level picker with the current level marked (status-bar.png)', async () => {
    await page.mouse.move(0, 0);
    await page.locator('.statusbar-item', { hasText: /restricted · latest/ }).click();
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'baseline' }).first().waitFor({ timeout: 30_000 });
    const texts = await rows.allInnerTexts();
    assert.ok(texts.some((t) => /restricted/.test(t) && /current/.test(t)), `restricted is marked current in:\n${texts.join('\n')}`);
    // It opens on the current level, so Enter keeps it.
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', { hasText: 'restricted' }).waitFor({ timeout: 10_000 });
    assert.ok(texts.some((t) => /Change version/.test(t)), 'the version entry is offered');
    // The screenshot moves the pointer away: the tooltip would vanish, the picker stays.
    await screenshot('status-bar.png');
  });

  await step('picking baseline writes the workspace setting; the item shows baseline and fewer findings', async () => {
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'baseline' }).first().click();
    const baseline = await itemCount(page, /baseline · latest · \d+ findings?/);
    assert.ok(baseline < restricted, `restricted-only findings go: ${restricted} → ${baseline}`);
    const settings = JSON.parse(readFileSync(path.join(workspace, '.vscode', 'settings.json'), 'utf8'));
    assert.equal(settings['kubeguard.podSecurity.level'], 'baseline');
  });
}
