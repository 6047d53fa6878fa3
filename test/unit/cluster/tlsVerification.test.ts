/**
 * TLS certificate verification stays on unless the kubeconfig says `insecure-skip-tls-verify: true`:
 * a server whose certificate the kubeconfig's CA did not sign, or a kubeconfig with no CA at all (only
 * the system's trust store), or the flag set to false, all fail as TLS failures with no silent fallback;
 * with the flag, the Permissions tree and the log say so, also when the load then fails for another reason.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PermissionsSession } from '../../../client/src/cluster/permissionsSession';
import { rootNodes } from '../../../client/src/views/permissionsNodes';
import { PermissionsRisks } from '../../../client/src/views/permissionsRisk';
import { type TempKubeconfigs, tempKubeconfigs } from '../../support/clusterFixtures';
import { FakeApiServer } from '../../support/fakeApiServer';

const noRisks = new PermissionsRisks({ sendRequest: <R>() => Promise.resolve({ risks: [] } as R) }, () => undefined, () => undefined);

describe('cluster/TLS verification', () => {
  let server: FakeApiServer;
  let rejecting: FakeApiServer;
  let k: TempKubeconfigs;

  before(async () => {
    server = await FakeApiServer.start('developer');
    rejecting = await FakeApiServer.start('incomplete');
    k = tempKubeconfigs();
  });
  after(async () => {
    await Promise.all([server.stop(), rejecting.stop()]);
    k.dispose();
  });

  /** The `token` fixture (CA, bearer token) with its cluster entry rewritten by `edit`. */
  function variant(name: string, edit: (text: string) => string, url = server.url): string {
    const file = path.join(k.dir, `${name}.yaml`);
    const base = readFileSync(k.write('token', { server: url }, `${name}-base.yaml`), 'utf8');
    writeFileSync(file, edit(base));
    return file;
  }

  async function run(kubeconfig: string): Promise<{ session: PermissionsSession; logs: string[] }> {
    const logs: string[] = [];
    const session = new PermissionsSession({ trusted: true, kubeconfigSetting: kubeconfig, extraNamespaces: [], timeoutMs: 5000 }, (level, m) => logs.push(`${level} ${m}`));
    await session.run();
    return { session, logs };
  }

  it('verifies against the kubeconfig\'s CA (the control: the same kubeconfig with its CA works)', async () => {
    const { session } = await run(variant('with-ca', (t) => t));
    assert.equal(session.snapshot.phase, 'ready');
    assert.equal(session.snapshot.target?.insecureSkipTlsVerify, false);
  });

  it('fails as a TLS failure without a CA (system trust store only): no fallback to an unverified connection', async () => {
    const requestsBefore = server.requests.length;
    const { session } = await run(variant('no-ca', (t) => t.replace(/^\s+certificate-authority-data: .*\n/m, '')));
    assert.equal(session.snapshot.failure?.kind, 'tls');
    assert.equal(server.requests.length, requestsBefore, 'no request reached the server: the token was never sent over the unverified connection');
  });

  it('keeps verifying when the kubeconfig sets insecure-skip-tls-verify: false', async () => {
    const requestsBefore = server.requests.length;
    const { session } = await run(variant('flag-false', (t) => t.replace(/^(\s+)certificate-authority-data: .*\n/m, '$1insecure-skip-tls-verify: false\n')));
    assert.equal(session.snapshot.failure?.kind, 'tls');
    assert.equal(server.requests.length, requestsBefore);
    assert.equal(session.snapshot.target?.insecureSkipTlsVerify, false);
  });

  it('with insecure-skip-tls-verify: true, says so in the tree and the log even when the load then fails (401)', async () => {
    const { session, logs } = await run(k.write('insecure', { server: rejecting.url }, 'insecure-401.yaml'));
    const snap = session.snapshot;
    assert.equal(snap.failure?.kind, 'unauthorized', 'the connection itself was made: verification was off');
    const labels = rootNodes(snap, noRisks, { onlyRisky: false }).map((n) => n.label);
    assert.ok(labels.indexOf('TLS certificate verification is OFF') === 2 && labels.includes('Credentials rejected (401 Unauthorized)'), labels.join(' | '));
    assert.ok(logs.some((l) => /^warn .*TLS certificate verification is disabled by insecure-skip-tls-verify/.test(l)), logs.join('\n'));
  });
});
