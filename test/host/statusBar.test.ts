/**
 * The status bar item in a real VS Code: the Pod Security level and version and the finding count of the
 * active YAML file, hidden for other editors, following edits, the level command and Namespace labels.
 * VS Code cannot read a status bar item back, so the tests read the snapshot `activate()` exposes and
 * check its count against the diagnostics VS Code holds. Each test writes its own manifests (deleted
 * afterwards) in a namespace no other suite uses.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatusBarApi, StatusBarSnapshot } from '../../client/src/statusBar';
import { activateExtension, describeDiagnostics, diagnosticCode, kubeguardDiagnostics, openAnalysed, resetConfig, revertToDisk, setConfig, waitForDiagnostics, workspaceRoot } from './support';

const SELECT_LEVEL = 'kubeguard.selectPodSecurityLevel';
const NS = `statusbar-${process.pid}`;

/** Violates baseline (privileged, hostNetwork) and restricted (no runAsNonRoot, seccomp, …). */
const insecure = (name: string, namespace = NS): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
`;

let counter = 0;

describe('status bar', () => {
  let statusBar: StatusBarApi;
  const created: vscode.Uri[] = [];

  async function manifest(text: string, extension = 'yaml'): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(workspaceRoot(), `statusbar-${process.pid}-${counter++}.${extension}`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    created.push(uri);
    return uri;
  }

  /** Resolves with the snapshot once `predicate` holds (at once, or on the update that makes it hold). */
  function waitForStatus(what: string, predicate: (s: StatusBarSnapshot) => boolean, timeoutMs = 20_000): Promise<StatusBarSnapshot> {
    if (predicate(statusBar.current)) return Promise.resolve(statusBar.current);
    return new Promise((resolve, reject) => {
      const subscription = statusBar.onDidUpdate((s) => {
        if (!predicate(s)) return;
        clearTimeout(timer);
        subscription.dispose();
        resolve(s);
      });
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for the status bar to show ${what}; it shows ${JSON.stringify(statusBar.current)}`));
      }, timeoutMs);
    });
  }

  /** The status of the document at its current version, with the policy and count the text must show. */
  async function statusOf(doc: vscode.TextDocument, text: RegExp): Promise<StatusBarSnapshot> {
    return waitForStatus(`${text} for ${doc.uri.toString()} v${doc.version}`, (s) => s.visible && s.uri === doc.uri.toString() && s.version === doc.version && text.test(s.text));
  }

  /** The finding count in the text, checked against the diagnostics VS Code shows for the file (no suppressions here). */
  async function countOf(s: StatusBarSnapshot, uri: vscode.Uri): Promise<number> {
    const m = /· (\d+|no) findings?(?: ·|$)/.exec(s.text);
    assert.ok(m?.[1], `no finding count in ${JSON.stringify(s.text)}`);
    const n = m[1] === 'no' ? 0 : Number(m[1]);
    // The count arrives right after the diagnostics; VS Code may still be converting them.
    await waitForDiagnostics(uri, (ds) => ds.length === n).catch(() => assert.fail(`status bar says ${n}, VS Code holds:\n${describeDiagnostics(kubeguardDiagnostics(uri))}`));
    return n;
  }

  before(async () => {
    statusBar = (await activateExtension()).statusBar;
  });

  afterEach(async () => {
    await resetConfig();
    // Saved and unchanged, so closing asks nothing.
    for (const uri of created) await revertToDisk(uri);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('shows the level, version and finding count of the active manifest, and the count drops when a finding is fixed', async () => {
    await setConfig('kubeguard', 'podSecurity.level', 'restricted');
    await setConfig('kubeguard', 'podSecurity.version', 'latest');
    const uri = await manifest(insecure('web'));
    const editor = await openAnalysed(uri);
    const before = await statusOf(editor.document, /^\$\(shield\) restricted · latest · \d+ findings$/);
    const n = await countOf(before, uri);
    assert.ok(n >= 5, `baseline and restricted findings expected, got ${n}`);
    assert.match(before.tooltip, /Level \*\*restricted\*\*, version \*\*latest\*\*, from VS Code settings/);
    assert.match(before.tooltip, new RegExp(`${n} findings: \\d+ error`));

    const privileged = editor.document.getText().indexOf('privileged: true');
    const at = editor.document.positionAt(privileged + 'privileged: '.length);
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 4)), 'false')));
    const after = await statusOf(editor.document, /^\$\(shield\) restricted · latest · \d+ findings?$/);
    const m = await countOf(after, uri);
    assert.ok(m < n, `fixing privileged must lower the count: ${n} → ${m}`);
    assert.ok(!kubeguardDiagnostics(uri).some((d) => diagnosticCode(d) === 'privileged-container'));
  });

  it('is hidden while a non-YAML editor is active and comes back with the YAML editor', async () => {
    const uri = await manifest(insecure('hidden'));
    const yamlEditor = await openAnalysed(uri);
    await statusOf(yamlEditor.document, /findings/);
    // Kubernetes text, but not a YAML document: the server never sees it.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(await manifest('apiVersion: v1\nkind: Pod\n', 'txt')));
    const hidden = await waitForStatus('nothing', (s) => !s.visible);
    assert.equal(hidden.text, '');
    await vscode.window.showTextDocument(yamlEditor.document);
    const back = await statusOf(yamlEditor.document, /^\$\(shield\) \S+ · \S+ · \d+ findings$/);
    assert.equal(back.uri, uri.toString());
    // YAML that holds no Kubernetes object (a docker-compose file) hides it too, once analysed.
    const compose = await manifest('services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(compose));
    await waitForStatus('nothing for docker-compose YAML', (s) => !s.visible);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), compose.toString());
  });

  it('the select level command writes the setting; the text shows the new level and the count follows', async () => {
    await setConfig('kubeguard', 'podSecurity.level', 'restricted');
    await setConfig('kubeguard', 'podSecurity.version', 'latest');
    const uri = await manifest(insecure('level'));
    const { document } = await openAnalysed(uri);
    const restricted = await countOf(await statusOf(document, /^\$\(shield\) restricted · latest · /), uri);

    await vscode.commands.executeCommand(SELECT_LEVEL, 'baseline');
    assert.equal(vscode.workspace.getConfiguration('kubeguard').inspect('podSecurity.level')?.workspaceValue, 'baseline', 'written to the workspace settings');
    const baseline = await countOf(await statusOf(document, /^\$\(shield\) baseline · latest · \d+ findings?$/), uri);
    assert.ok(baseline < restricted, `restricted-only findings must go: ${restricted} → ${baseline}`);
    assert.ok(!kubeguardDiagnostics(uri).some((d) => diagnosticCode(d) === 'run-as-non-root'), describeDiagnostics(kubeguardDiagnostics(uri)));

    await assert.rejects(Promise.resolve(vscode.commands.executeCommand(SELECT_LEVEL, 'strict')), /unknown Pod Security level "strict"/);
    assert.equal(vscode.workspace.getConfiguration('kubeguard').inspect('podSecurity.level')?.workspaceValue, 'baseline', 'an unknown level writes nothing');
  });

  it('names the Namespace labels that set the level, says "mixed" when workloads differ, and "skipped" for Helm templates', async () => {
    await setConfig('kubeguard', 'podSecurity.level', 'restricted');
    const namespace = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${NS}\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n`;
    const uri = await manifest(`${namespace}---\n${insecure('labelled')}`);
    const editor = await openAnalysed(uri);
    const labelled = await statusOf(editor.document, /^\$\(shield\) privileged · latest · /);
    assert.match(labelled.tooltip, new RegExp(`Namespace \`${NS}\`: level \\*\\*privileged\\*\\*, version \\*\\*latest\\*\\*, from its enforce label`));

    const end = editor.document.positionAt(editor.document.getText().length);
    assert.ok(await editor.edit((b) => b.insert(end, `---\n${insecure('elsewhere', `${NS}-other`)}`)));
    const mixed = await statusOf(editor.document, /^\$\(shield\) mixed · \d+ findings$/);
    assert.match(mixed.tooltip, /Level \*\*restricted\*\*, version \*\*latest\*\*, from VS Code settings \(1 workload of this file\)/);

    const helm = await manifest('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n');
    const template = await openAnalysed(helm);
    const skipped = await statusOf(template.document, /^\$\(shield\) skipped$/);
    assert.match(skipped.tooltip, /Go template expressions/);
  });
});
