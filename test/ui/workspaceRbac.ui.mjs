// The Workspace RBAC view in the workbench, computed offline from examples/rbac (no cluster involved):
// the subjects appear, Group oncall opens on namespace shop with pods/exec badged as risky, and the row
// says which binding grants it. Saves the README screenshot workspace-rbac.png.
import assert from 'node:assert/strict';
import { openWorkbench, widenSidebar } from './workbench.mjs';

/** A row of the side bar's trees by its text (rows carry label and description in their text). */
const row = (page, text) => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();

/**
 * Expands a subject row and the first child under it (its first namespace) with the keyboard, so the
 * child is the one under this subject even when other subjects have rows of the same label.
 */
async function expandSubjectAndFirstChild(page, subject) {
  const r = row(page, subject);
  await r.waitFor({ timeout: 30_000 });
  await r.click(); // focuses the row, and toggles it
  if ((await r.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
  await page.locator('.pane-body .monaco-list-row[aria-expanded="true"]', { hasText: subject }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
}

export default async function workspaceRbacView({ page, step, url, screenshot }) {
  await step('the workbench runs with KubeGuard as development extension', () => openWorkbench(page, url));

  await step('the KubeGuard activity bar item shows the Workspace RBAC view with the subjects of examples/rbac', async () => {
    await page.locator('.activitybar .action-item .action-label[aria-label^="KubeGuard"]').click();
    // Only the Workspace RBAC view: fold the Permissions pane (no kubeconfig here, it shows its welcome).
    const permissionsHeader = page.locator('.pane-header', { hasText: 'Permissions' });
    await permissionsHeader.waitFor({ timeout: 60_000 });
    if ((await permissionsHeader.getAttribute('aria-expanded')) === 'true') await permissionsHeader.click();
    const rbacHeader = page.locator('.pane-header', { hasText: 'Workspace RBAC' });
    if ((await rbacHeader.getAttribute('aria-expanded')) !== 'true') await rbacHeader.click();
    // Written by hand from examples/rbac/bindings.yaml: these subjects are bound there.
    for (const subject of ['User alice', 'Group auditors', 'Group oncall', 'ServiceAccount ci/deployer']) await row(page, subject).waitFor({ timeout: 60_000 });
    assert.match(await row(page, 'Group oncall').innerText(), /risky \(high\)/);
  });

  await step('Group oncall opens on namespace shop: pods/exec is badged risky and names its binding', async () => {
    await expandSubjectAndFirstChild(page, 'Group oncall');
    const exec = row(page, 'pods/exec');
    await exec.waitFor({ timeout: 30_000 });
    assert.match(await exec.innerText(), /risky: Exec into pods/);
    assert.equal(await exec.locator('.codicon-warning').count(), 1, 'a warning badge icon on the pods/exec row');
    await exec.click();
    if ((await exec.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
    await page.locator('.pane-body .monaco-list-row', { hasText: /create\s*RoleBinding oncall-debug → Role debugger/ }).first().waitFor({ timeout: 30_000 });
    // Plain pods (get, list) are not risky: that row has no badge.
    const pods = page.locator('.pane-body .monaco-list-row', { hasText: /^\s*pods\s*$/ }).first();
    await pods.waitFor({ timeout: 10_000 });
    assert.equal(await pods.locator('.codicon-warning').count(), 0, 'no badge on the pods row');
  });

  await step('screenshot: the Workspace RBAC view (workspace-rbac.png)', async () => {
    // A wider side bar, so descriptions are readable.
    await widenSidebar(page);
    await row(page, 'pods/exec').waitFor({ timeout: 10_000 });
    await screenshot('workspace-rbac.png');
  });
}
