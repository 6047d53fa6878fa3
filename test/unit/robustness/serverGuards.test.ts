/**
 * The language server's guards (issue 8): an analysis that throws costs one diagnostic and one log line;
 * a request handler that throws or is cancelled answers empty; files read from disk that are binary or
 * not valid UTF-8 never reach the parser as garbage. Real JSON-RPC versions: test/lsp/robustness.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CancellationToken, Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseForAnalysis } from '../../../server/src/analysis/fileAnalysis';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';
import { AnalysisService } from '../../../server/src/lsp/analysisService';
import { guarded } from '../../../server/src/lsp/guard';
import { readManifestFile, scanFolder, DEFAULT_SCAN } from '../../../server/src/workspace/scanFolder';
import { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';
import { binaryText, invalidUtf8Bytes, POD } from '../../support/adversarialInputs';

/** The parts of a connection the analysis service uses, recording what it sends. */
function fakeConnection(): { connection: Connection; published: PublishDiagnosticsParams[]; errors: string[] } {
  const published: PublishDiagnosticsParams[] = [];
  const errors: string[] = [];
  const connection = {
    console: { error: (m: string) => errors.push(m), log: () => undefined, warn: () => undefined, info: () => undefined },
    sendDiagnostics: (p: PublishDiagnosticsParams) => {
      published.push(p);
      return Promise.resolve();
    },
    sendNotification: () => Promise.resolve(),
  } as unknown as Connection;
  return { connection, published, errors };
}

const token = (cancelled: () => boolean): CancellationToken => ({ get isCancellationRequested() { return cancelled(); }, onCancellationRequested: () => ({ dispose: () => undefined }) });

describe('robustness: server guards', () => {
  it('an analysis that throws publishes one "analysis-failed" diagnostic and logs once, and the service keeps working', async () => {
    const { connection, published, errors } = fakeConnection();
    let fail = true;
    const service = new AnalysisService(connection, () => (fail ? Promise.reject(new Error('settings exploded')) : Promise.resolve(DEFAULT_SETTINGS)), new WorkspaceIndex());
    const doc = TextDocument.create('file:///ws/pod.yaml', 'yaml', 1, POD);
    await service.refresh(doc);
    assert.deepEqual(published.map((p) => p.diagnostics.map((d) => d.code)), [['analysis-failed']]);
    assert.match(JSON.stringify(published[0]!.diagnostics[0]!.message), /could not analyse this file.*settings exploded/);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /KubeGuard could not analyse file:\/\/\/ws\/pod\.yaml: Error: settings exploded/);
    fail = false;
    await service.refresh(doc);
    assert.ok(published[1]!.diagnostics.some((d) => d.code === 'run-as-non-root'), 'the next analysis publishes findings');
  });

  it('a scheduled analysis that throws does not reject unhandled', async () => {
    const { connection, published } = fakeConnection();
    const service = new AnalysisService(connection, () => Promise.reject(new Error('boom')), new WorkspaceIndex());
    const rejections: unknown[] = [];
    const onRejection = (r: unknown): void => void rejections.push(r);
    process.on('unhandledRejection', onRejection);
    try {
      const done = new Promise<void>((resolve) => {
        const original = connection.sendDiagnostics.bind(connection);
        (connection as { sendDiagnostics: Connection['sendDiagnostics'] }).sendDiagnostics = async (p) => {
          await original(p);
          resolve();
        };
      });
      service.schedule(TextDocument.create('file:///ws/a.yaml', 'yaml', 1, POD));
      await done;
      // An unhandled rejection is reported after the microtask queue drains: give it one macrotask.
      await new Promise<void>((resolve) => setImmediate(resolve));
      assert.deepEqual(rejections, []);
      assert.equal(published[0]!.diagnostics[0]!.code, 'analysis-failed');
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('a request handler that throws answers the fallback and logs', async () => {
    const errors: string[] = [];
    const result = await guarded({ error: (m) => errors.push(m) }, 'textDocument/hover', undefined, null, () => {
      throw new Error('hover bug');
    });
    assert.equal(result, null);
    assert.match(errors[0] ?? '', /textDocument\/hover failed: Error: hover bug/);
  });

  it('a cancelled request does no work; one cancelled while running answers empty', async () => {
    let ran = false;
    assert.deepEqual(await guarded({ error: () => undefined }, 'codeAction', token(() => true), [], () => ((ran = true), ['x'])), []);
    assert.equal(ran, false);
    let cancelled = false;
    const answer = await guarded({ error: () => undefined }, 'codeAction', token(() => cancelled), [] as string[], async () => {
      cancelled = true;
      return Promise.resolve(['late']);
    });
    assert.deepEqual(answer, []);
  });

  it('workspace scan: a binary file is left out, and invalid UTF-8 is read with replacement characters and analysed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeguard-robust-'));
    writeFileSync(path.join(dir, 'binary.yaml'), Buffer.from(binaryText(), 'latin1'));
    writeFileSync(path.join(dir, 'invalid-utf8.yaml'), invalidUtf8Bytes());
    const files = (await scanFolder(dir, DEFAULT_SCAN)).map((f) => path.basename(f)).sort();
    assert.deepEqual(files, ['binary.yaml', 'invalid-utf8.yaml']);
    assert.equal(await readManifestFile(path.join(dir, 'binary.yaml'), DEFAULT_SCAN.maxFileBytes), undefined);
    const text = await readManifestFile(path.join(dir, 'invalid-utf8.yaml'), DEFAULT_SCAN.maxFileBytes);
    assert.ok(text?.includes('\uFFFD'), 'invalid bytes become U+FFFD');
    const objects = parseForAnalysis(text ?? '').documents.flatMap((d) => d.objects);
    assert.deepEqual(objects.map((o) => `${o.kind}/${o.name}`), ['Pod/p']);
  });
});
