/** The redaction helper: every credential form that can reach a message is replaced, ordinary text is not. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { REDACTED, Redactor, redactPatterns } from '../../../client/src/cluster/redact';
import { clusterFixture } from '../../support/clusterFixtures';

const KEY_PEM = readFileSync(clusterFixture('pki', 'client.key'), 'utf8');
const KEY_B64 = Buffer.from(KEY_PEM).toString('base64');
const KEY_LINE = KEY_PEM.split('\n')[1]!;

describe('cluster/redact', () => {
  it('replaces registered secrets wherever they appear, longest first', () => {
    const r = new Redactor();
    r.add('kgtest-token-abcdef');
    r.add('kgtest-token-abcdef-longer');
    assert.equal(r.redact('a kgtest-token-abcdef-longer b kgtest-token-abcdef c'), `a ${REDACTED} b ${REDACTED} c`);
  });

  it('registers base64 key data with its decoded PEM and every PEM body line', () => {
    const r = new Redactor();
    r.add(KEY_B64);
    for (const text of [KEY_B64, KEY_PEM, `error near "${KEY_LINE}"`]) {
      const out = r.redact(text);
      assert.ok(!out.includes(KEY_LINE), out);
      assert.ok(!out.includes(KEY_B64.slice(0, 40)), out);
    }
  });

  it('registers Buffers (client-node hands keys and certificates over as Buffers)', () => {
    const r = new Redactor();
    r.add(Buffer.from(KEY_PEM));
    assert.ok(!r.redact(`x ${KEY_LINE} y`).includes(KEY_LINE));
  });

  it('ignores values too short to be secrets, so messages stay readable', () => {
    const r = new Redactor();
    r.add('abc');
    r.add('');
    r.add(undefined);
    assert.equal(r.redact('abc is fine'), 'abc is fine');
  });

  for (const [name, input, secret] of [
    ['bearer headers', 'failed: Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2ln', 'eyJhbGciOiJSUzI1NiJ9'],
    ['bearer words', 'rejected Bearer kgtest-unknown-token-1234', 'kgtest-unknown-token-1234'],
    ['basic credentials', 'sent Basic amFuZTpzM2NyM3Q=', 'amFuZTpzM2NyM3Q='],
    ['token: pairs', 'token: opaque-value-42\nuser: jane', 'opaque-value-42'],
    ['token= pairs', 'login failed (token=opaque-value-42)', 'opaque-value-42'],
    ['JSON tokens', '{"status":{"token":"opaque-value-42"}}', 'opaque-value-42'],
    ['client-key-data', 'client-key-data: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0t', 'LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0t'],
    ['passwords', 'password=hunter2hunter2', 'hunter2hunter2'],
    ['PEM blocks', `bad key ${KEY_PEM} here`, KEY_LINE],
    ['cut-off PEM blocks', `bad key ${KEY_PEM.slice(0, 80)}`, KEY_LINE.slice(0, 20)],
    ['JWTs anywhere', 'id eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJrdWJlcm5ldGVzIn0.sig-nature_x', 'eyJpc3MiOiJrdWJlcm5ldGVzIn0'],
    ['URL credentials', 'proxy https://admin:s3cret-pass@proxy.example:3128 refused', 's3cret-pass'],
    ['opaque base64 runs', `unexpected ${KEY_B64.slice(0, 64)} in output`, KEY_B64.slice(0, 64)],
  ] as const) {
    it(`redacts ${name} without knowing the value`, () => {
      const out = redactPatterns(input);
      assert.ok(!out.includes(secret), out);
      assert.ok(out.includes(REDACTED), out);
    });
  }

  for (const text of [
    'Cannot reach the cluster at https://127.0.0.1:6443 (connection refused).',
    'namespaces is forbidden: User "jane" cannot list resource "namespaces" in API group "" at the cluster scope',
    '/home/jane/.kube/config is not a valid kubeconfig: bad indentation at line 9, column 6.',
    'create serviceaccounts/token in namespace "ci"',
    'uid 7d3c8c5e-3c2a-4a57-9c1e-2b8f0b6b1a11, group system:serviceaccounts:ci',
    'RBAC: allowed by RoleBinding "developers/dev" of Role "developer" to Group "dev-team"',
  ]) {
    it(`leaves ordinary text alone: ${text.slice(0, 40)}…`, () => {
      assert.equal(new Redactor().redact(text), text);
    });
  }
});
