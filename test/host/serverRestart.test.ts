/**
 * A language server that dies is restarted, and the user is told once: the real client in the real
 * extension host, the server process killed with SIGKILL (as the OOM killer or a native crash would),
 * twice. Waits are on the client's state events, with a timeout.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import { activateExtension, describeDiagnostics, diagnosticCode, waitForDiagnostics } from './support';

/** What the test reads of client/src/serverRestart.ts's handler (another bundle: no instanceof). */
interface RestartRecord {
  readonly notifications: readonly string[];
  readonly crashes: number;
}

function restartRecord(client: LanguageClient): RestartRecord {
  const handler = client.clientOptions.errorHandler as Partial<RestartRecord> | undefined;
  assert.ok(handler && Array.isArray(handler.notifications) && typeof handler.crashes === 'number', 'the client uses KubeGuard\'s restart handler');
  return handler as RestartRecord;
}

function serverPid(client: LanguageClient): number {
  const pid = client.serverProcess?.pid;
  assert.ok(pid !== undefined && client.state === State.Running, `the server runs (state ${client.state})`);
  return pid;
}

/** Kills the server process and resolves once the client left Running and came back to it. */
async function killAndWaitForRestart(client: LanguageClient, timeoutMs = 45_000): Promise<void> {
  const pid = serverPid(client);
  const restarted = new Promise<void>((resolve, reject) => {
    let left = false;
    const sub = client.onDidChangeState((e) => {
      if (e.newState !== State.Running) left = true;
      else if (left) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`the client did not return to Running within ${timeoutMs} ms after the server (pid ${pid}) was killed; state ${client.state}`));
    }, timeoutMs);
  });
  process.kill(pid, 'SIGKILL');
  await restarted;
}

describe('language server restart after a crash', function () {
  this.timeout(120_000);
  let client: LanguageClient;

  before(async () => {
    client = (await activateExtension()).client;
  });

  it('restarts a killed server twice, keeps publishing diagnostics, and notifies the user once', async () => {
    const record = restartRecord(client);
    const crashesBefore = record.crashes;
    const firstPid = serverPid(client);

    await killAndWaitForRestart(client);
    const secondPid = serverPid(client);
    assert.notEqual(secondPid, firstPid, 'a new server process runs');
    await killAndWaitForRestart(client);
    const thirdPid = serverPid(client);
    assert.notEqual(thirdPid, secondPid);

    assert.equal(record.crashes, crashesBefore + 2, 'both crashes went through the restart handler');
    // One for the whole session, however many crashes (earlier ones included).
    assert.equal(record.notifications.length, 1, `notifications: ${JSON.stringify(record.notifications)}`);
    assert.match(record.notifications[0] ?? '', /stopped unexpectedly and was restarted/);

    // A manifest opened after the restarts is analysed by the new server.
    const doc = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: after-restart\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
    });
    await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => diagnosticCode(x) === 'privileged-container'));
    assert.ok(ds.some((d) => diagnosticCode(d) === 'privileged-container'), describeDiagnostics(ds));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
