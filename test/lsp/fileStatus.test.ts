/**
 * The FileStatusNotification the status bar shows, over stdio: counts by severity, and the policy the
 * file's workloads are checked at (configured in `.kubeguard.yaml`, overridden by a Namespace's labels).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileStatusNotification } from '../../server/src/protocol';
import { TestLspClient } from '../support/lspClient';

const deployment = (ns: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${ns}\n  namespace: ${ns}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n      - name: app\n        image: nginx:1.27\n`;
const labelled = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n';

describe('file status notification', () => {
  let client: TestLspClient;
  afterEach(() => client.stop());

  it('carries the configured policy with its origin, Namespace overrides per workload, and counts by severity', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kubeguard-ws-'));
    writeFileSync(path.join(folder, '.kubeguard.yaml'), 'podSecurity:\n  level: baseline\n  version: v1.30\n');
    client = await TestLspClient.start(folder);
    const uri = pathToFileURL(path.join(folder, 'app.yaml')).href;
    const received = new Promise<FileStatusNotification.Params>((resolve) =>
      client.connection.onNotification('kubeguard/fileStatus', (p: FileStatusNotification.Params) => {
        if (p.uri === uri && p.version === 1) resolve(p);
      }),
    );
    await client.open(uri, `${labelled}---\n${deployment('shop')}---\n${deployment('web')}`);
    const status = await received;
    const published = (await client.diagnosticsAt(uri, 1)).filter((d) => d.severity !== 4);
    assert.deepEqual(status.podSecurity, {
      level: 'baseline',
      version: 'v1.30',
      origin: 'file',
      workloads: 1,
      namespaces: [{ namespace: 'shop', level: 'restricted', version: 'v1.30', fromLabels: ['level'], invalid: [], workloads: 1 }],
    });
    assert.equal(status.findings, published.length);
    const bySeverity = status.bySeverity!;
    assert.equal(bySeverity.error + bySeverity.warning + bySeverity.information + bySeverity.hint, status.findings);
    assert.equal(bySeverity.error, published.filter((d) => d.severity === 1).length);
    assert.ok(bySeverity.error > 0, 'hostNetwork is an error at baseline');
    assert.equal(status.objects, 3);
  });

  it('counts no objects in YAML that is not Kubernetes (the status bar hides there)', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kubeguard-ws-'));
    client = await TestLspClient.start(folder);
    const uri = pathToFileURL(path.join(folder, 'docker-compose.yaml')).href;
    const received = new Promise<FileStatusNotification.Params>((resolve) =>
      client.connection.onNotification('kubeguard/fileStatus', (p: FileStatusNotification.Params) => {
        if (p.uri === uri) resolve(p);
      }),
    );
    await client.open(uri, 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    const status = await received;
    assert.equal(status.objects, 0);
    assert.equal(status.findings, 0);
  });
});
