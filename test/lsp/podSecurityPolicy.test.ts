/**
 * The Pod Security policy through the language server: settings, and Namespace labels from another
 * open document or from a file on disk, with the policy's origin in every PSS message.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestLspClient } from '../support/lspClient';
import { yaml } from '../support/yamlText';

const namespace = (level: string, version = 'v1.30'): string =>
  yaml`
    apiVersion: v1
    kind: Namespace
    metadata:
      name: shop
      labels:
        pod-security.kubernetes.io/enforce: ${level}
        pod-security.kubernetes.io/enforce-version: ${version}
  ` + '\n';

const deployment =
  yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: shop
    spec:
      template:
        spec:
          hostNetwork: true
          containers:
          - name: web
            image: nginx:1.27
  ` + '\n';

const restrictedOnly = ['run-as-non-root', 'allow-privilege-escalation', 'seccomp-profile-restricted', 'capabilities-restricted'];
const codes = (diags: Diagnostic[]): string[] => diags.map((d) => String(d.code));
const hasRestricted = (diags: Diagnostic[]): boolean => codes(diags).some((c) => restrictedOnly.includes(c));
const pssMessage = (diags: Diagnostic[]): string => {
  const m = diags.find((d) => d.code === 'host-namespaces')?.message ?? '';
  return typeof m === 'string' ? m : m.value;
};

describe('Pod Security policy in the language server', () => {
  let client: TestLspClient;
  afterEach(() => client.stop());

  describe('Namespace labels in another open document', () => {
    const nsUri = 'file:///work/ws/namespace.yaml';
    const deployUri = 'file:///work/ws/deploy.yaml';
    beforeEach(async () => {
      client = await TestLspClient.start(undefined, { kubeguard: { podSecurity: { level: 'restricted', version: 'latest' } } });
    });

    it('set the level and version of workloads in that namespace, and the message says so', async () => {
      await client.open(nsUri, namespace('baseline'));
      await client.open(deployUri, deployment);
      const diags = await client.diagnosticsAt(deployUri, 1);
      assert.ok(codes(diags).includes('host-namespaces'));
      assert.ok(!hasRestricted(diags), `baseline only, got ${codes(diags).join(', ')}`);
      assert.match(pssMessage(diags), /\[PSS baseline: Host Namespaces; policy baseline v1\.30 from namespace "shop" labels\]$/);
    });

    it('re-publish the workload\'s diagnostics when the Namespace document changes', async () => {
      await client.open(nsUri, namespace('baseline'));
      await client.open(deployUri, deployment);
      assert.ok(!hasRestricted(await client.diagnosticsAt(deployUri, 1)));
      await client.change(nsUri, 2, [{ text: namespace('restricted') }]);
      const diags = await client.waitForDiagnostics(deployUri, (p) => hasRestricted(p.diagnostics));
      assert.match(pssMessage(diags), /policy restricted v1\.30 from namespace "shop" labels\]$/);
      await client.change(nsUri, 3, [{ text: namespace('privileged') }]);
      await client.waitForDiagnostics(deployUri, (p) => !p.diagnostics.some((d) => d.code === 'host-namespaces'));
    });

    it('apply to a workload opened before the Namespace document', async () => {
      await client.open(deployUri, deployment);
      assert.ok(hasRestricted(await client.diagnosticsAt(deployUri, 1)));
      await client.open(nsUri, namespace('baseline'));
      const diags = await client.waitForDiagnostics(deployUri, (p) => !hasRestricted(p.diagnostics) && p.diagnostics.length > 0);
      assert.match(pssMessage(diags), /from namespace "shop" labels\]$/);
    });
  });

  it('reads Namespace labels from a file on disk in the workspace folder', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kubeguard-psa-'));
    writeFileSync(path.join(folder, 'namespace.yaml'), namespace('baseline', 'v1.25'));
    client = await TestLspClient.start(folder, { kubeguard: { podSecurity: { level: 'restricted', version: 'latest' } } });
    const uri = pathToFileURL(path.join(folder, 'deploy.yaml')).href;
    await client.open(uri, deployment);
    // Indexing runs in the background; the workload is re-analysed when it ends.
    const diags = await client.waitForDiagnostics(uri, (p) => /from namespace "shop" labels/.test(pssMessage(p.diagnostics)));
    assert.ok(!hasRestricted(diags));
    assert.match(pssMessage(diags), /policy baseline v1\.25 from namespace "shop" labels\]$/);
  });

  it('follows the level setting, with the settings named as the source', async () => {
    client = await TestLspClient.start(undefined, { kubeguard: { podSecurity: { level: 'restricted', version: 'v1.24' } } });
    const uri = 'file:///work/ws/deploy.yaml';
    await client.open(uri, deployment.replace('  namespace: shop\n', ''));
    const diags = await client.diagnosticsAt(uri, 1);
    assert.ok(hasRestricted(diags));
    assert.match(pssMessage(diags), /policy restricted v1\.24 from settings\]$/);
    client.settings = { kubeguard: { podSecurity: { level: 'baseline', version: 'v1.24' } } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: client.settings });
    const after = await client.waitForDiagnostics(uri, (p) => !hasRestricted(p.diagnostics) && p.diagnostics.some((d) => d.code === 'host-namespaces'));
    assert.match(pssMessage(after), /policy baseline v1\.24 from settings\]$/);
  });
});
