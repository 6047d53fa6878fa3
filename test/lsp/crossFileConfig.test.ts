/**
 * `.kubeguard.yaml` in the language server: read from the workspace-folder root, followed when it
 * changes on disk, reported on when it is wrong (never fatal), and overridden by the settings the user
 * set explicitly.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { EXPLICIT_SETTINGS_KEY } from '../../server/src/protocol';
import { TestLspClient } from '../support/lspClient';

const POD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', '  namespace: shop', 'spec:', '  hostNetwork: true', '  containers:', '  - name: web', '    image: nginx', ''].join('\n');

const find = (diags: readonly Diagnostic[], code: string): Diagnostic | undefined => diags.find((d) => d.code === code);
const message = (d: Diagnostic | undefined): string => (typeof d?.message === 'string' ? d.message : '');

describe('.kubeguard.yaml in the language server', () => {
  let client: TestLspClient;
  let folder: string;
  const uriOf = (name: string): string => pathToFileURL(path.join(folder, name)).href;
  const write = (name: string, text: string): void => writeFileSync(path.join(folder, name), text);

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'kubeguard-config-'));
  });
  afterEach(() => client.stop());

  it('applies the file at the folder root and follows its changes on disk', async () => {
    write('.kubeguard.yaml', 'podSecurity:\n  level: baseline\nrules:\n  image-latest-tag: off\n');
    client = await TestLspClient.start(folder);
    const pod = uriOf('pod.yaml');
    await client.open(pod, POD);
    const diags = await client.diagnosticsAt(pod, 1);
    assert.equal(find(diags, 'image-latest-tag'), undefined, 'switched off by the file');
    assert.equal(find(diags, 'run-as-non-root'), undefined, 'baseline from the file');
    assert.match(message(find(diags, 'host-namespaces')), /policy baseline latest from \.kubeguard\.yaml\]$/);

    write('.kubeguard.yaml', 'rules:\n  image-latest-tag: error\nnetworkPolicy:\n  required: true\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.kubeguard.yaml'), type: 2 }] });
    const after = await client.waitForDiagnostics(pod, (p) => find(p.diagnostics, 'image-latest-tag') !== undefined);
    assert.equal(find(after, 'image-latest-tag')!.severity, 1);
    assert.ok(find(after, 'run-as-non-root'), 'back to restricted, the default');
    // networkPolicy.required from the file: a workload in a namespace without any policy is reported.
    const web = uriOf('web.yaml');
    await client.open(web, POD.replace('  hostNetwork: true\n', ''));
    assert.match(message(find(await client.diagnosticsAt(web, 1), 'network-policy-missing')), /\(networkPolicy\.required is set\)/);
  });

  it('reports problems on the open file with their positions, and keeps analysing with the valid values', async () => {
    const text = 'rules:\n  image-latest-tag: loud\n  no-such-rule: off\n  host-namespaces: warning\n';
    write('.kubeguard.yaml', text);
    client = await TestLspClient.start(folder);
    const config = uriOf('.kubeguard.yaml');
    await client.open(config, text);
    const problems = await client.diagnosticsAt(config, 1);
    assert.deepEqual(
      problems.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code}`),
      ['1:20 1 kubeguard-config', '2:2 2 kubeguard-config'],
    );
    assert.match(message(problems[1]), /Unknown rule id "no-such-rule"/);

    const pod = uriOf('pod.yaml');
    await client.open(pod, POD);
    const diags = await client.diagnosticsAt(pod, 1);
    assert.equal(find(diags, 'host-namespaces')!.severity, 2, 'the valid entry applies');
    assert.ok(find(diags, 'image-latest-tag'), 'the invalid entry is ignored');

    // Half-typed YAML in the editor is reported, not fatal.
    await client.change(config, 2, [{ text: 'rules: [\n' }]);
    const broken = await client.diagnosticsAt(config, 2);
    assert.ok(broken.some((d) => /YAML error/.test(message(d))));
    await client.change(pod, 2, [{ text: POD.replace('image: nginx', 'image: nginx:1.27') }]);
    assert.ok((await client.diagnosticsAt(pod, 2)).length > 0);
  });

  it('lets settings the user set explicitly override the file, and nothing else', async () => {
    write('.kubeguard.yaml', 'podSecurity:\n  level: baseline\nrules:\n  image-latest-tag: off\n');
    // As the VS Code client sends it: every key with its default, plus which ones the user set.
    const section = {
      podSecurity: { level: 'restricted', version: 'latest' },
      rules: { 'image-latest-tag': 'information' },
      strict: false,
      exclude: [],
      excludeNamespaces: [],
      [EXPLICIT_SETTINGS_KEY]: ['rules'],
    };
    client = await TestLspClient.start(folder, { kubeguard: section });
    const pod = uriOf('pod.yaml');
    await client.open(pod, POD);
    const diags = await client.diagnosticsAt(pod, 1);
    assert.equal(find(diags, 'image-latest-tag')?.severity, 3, 'the user setting wins over the file');
    assert.equal(find(diags, 'run-as-non-root'), undefined, 'a default level does not override the file');

    client.settings = { kubeguard: { ...section, [EXPLICIT_SETTINGS_KEY]: ['rules', 'podSecurity.level'] } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await client.waitForDiagnostics(pod, (p: PublishDiagnosticsParams) => find(p.diagnostics, 'run-as-non-root') !== undefined);
    assert.match(message(find(after, 'host-namespaces')), /policy restricted latest from settings\]$/);
  });

  it('publishes a notice, not a configuration, for a .kubeguard.yaml below the folder root', async () => {
    client = await TestLspClient.start(folder);
    const nested = uriOf('apps/.kubeguard.yaml');
    await client.open(nested, 'rules:\n  image-latest-tag: off\n');
    const diags = await client.diagnosticsAt(nested, 1);
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.severity, 3);
    assert.match(message(diags[0]), /only at the root of a workspace folder/);
  });
});
