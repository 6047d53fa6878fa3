// The Permissions view in the workbench, against the loopback fake API server (developer scenario): the
// context, identity and namespaces appear, namespace dev opens on its risky rules with their badges, and
// a badge's tooltip says why. Saves the README screenshot permissions.png.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importTs } from '../../scripts/importTs.mjs';
import { openWorkbench, widenSidebar } from './workbench.mjs';

/** A row of the Permissions tree by its label (rows carry label and description in their text). */
const row = (page, text) => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();

export default async function permissionsView({ page, step, url, workspace, root, screenshot }) {
  const { FakeApiServer } = await importTs(path.join(root, 'test/support/fakeApiServer.ts'));
  const { tempKubeconfigs } = await importTs(path.join(root, 'test/support/clusterFixtures.ts'));
  // The fake server runs in this process; the extension host (in code-server) connects to it over loopback.
  const server = await FakeApiServer.start('developer');
  const kubeconfigs = tempKubeconfigs();
  try {
    // The workspace setting points the view at the scenario's kubeconfig (the runner trusts the workspace).
    const settingsFile = path.join(workspace, '.vscode', 'settings.json');
    mkdirSync(path.dirname(settingsFile), { recursive: true });
    const settings = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : {};
    settings['kubeguard.kubeconfig'] = kubeconfigs.write('token', { server: server.url });
    writeFileSync(settingsFile, JSON.stringify(settings, null, 2));

    await step('the workbench runs with KubeGuard as development extension', () => openWorkbench(page, url));

    await step('the KubeGuard activity bar item opens the Permissions view, which loads the current context', async () => {
      await page.locator('.activitybar .action-item .action-label[aria-label^="KubeGuard"]').click();
      await row(page, 'Context: dev').waitFor({ timeout: 60_000 });
      await row(page, 'Identity: jane').waitFor({ timeout: 30_000 });
      await row(page, 'Namespaces').waitFor({ timeout: 30_000 });
    });

    await step('namespace dev opens on its rules; secrets and pods/exec carry risk badges', async () => {
      // Risky namespaces and groups are expanded by the view itself once the server has classified them.
      await row(page, 'pods/exec').waitFor({ timeout: 30_000 });
      const secrets = row(page, 'secrets');
      await secrets.waitFor({ timeout: 30_000 });
      assert.match(await secrets.innerText(), /⚠/, 'the secrets row shows its risk');
      assert.match(await row(page, 'pods/exec').innerText(), /⚠/);
      assert.doesNotMatch(await row(page, 'services').innerText(), /⚠/);
      assert.equal(await secrets.locator('.codicon-warning').count(), 1, 'a warning badge icon on the secrets row');
    });

    await step('screenshot: the Permissions view with its badges (permissions.png)', async () => {
      // A wider side bar, so rule descriptions are readable.
      await widenSidebar(page);
      // Only the Permissions view: fold the Workspace RBAC pane under it.
      const rbacHeader = page.locator('.pane-header', { hasText: 'Workspace RBAC' });
      if ((await rbacHeader.getAttribute('aria-expanded')) === 'true') await rbacHeader.click();
      await row(page, 'secrets').waitFor({ timeout: 10_000 });
      await screenshot('permissions.png');
    });
  } finally {
    await server.stop();
    kubeconfigs.dispose();
  }
}
