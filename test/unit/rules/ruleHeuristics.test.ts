/** The heuristics behind the catalog rules, one table each: credential names and values, host paths, image references. */
import assert from 'node:assert/strict';
import { credentialReason, isInertValue, isSecretName, knownCredentialFormat } from '../../../server/src/rules/catalog/credentials';
import { classifyHostPath, normalizeHostPath } from '../../../server/src/rules/catalog/hostMounts';
import { parseImage } from '../../../server/src/rules/catalog/images';
import { findRemoval } from '../../../server/src/rules/catalog/apiVersions';

describe('credential heuristics', () => {
  it('reads secret names and skips names about a secret', () => {
    const secret = ['DB_PASSWORD', 'dbPassword', 'db.password', 'MYSQLPASSWORD', 'api-key', 'API_KEY', 'GITHUB_TOKEN', 'JWT_SECRET', 'SECRET_KEY_BASE', 'AWS_SECRET_ACCESS_KEY', 'SMTP_PASS', 'client_secret', 'ENCRYPTION_KEY', 'credentials'];
    const notSecret = ['DB_PASSWORD_FILE', 'TOKEN_URL', 'SECRET_NAME', 'PASSWORD_MIN_LENGTH', 'TOKEN_TTL', 'AUTH_TOKEN_ENABLED', 'TOKENIZER_MODEL', 'AWS_ACCESS_KEY_ID', 'CACHE_KEY', 'KEY', 'SECRET_PROVIDER', 'BYPASS_CACHE', 'LOG_LEVEL', ''];
    assert.deepEqual(secret.filter((n) => !isSecretName(n)), []);
    assert.deepEqual(notSecret.filter((n) => isSecretName(n)), []);
  });

  it('treats placeholders, references, paths, booleans and small numbers as inert', () => {
    const inert = ['', '  ', 'changeme', 'CHANGE_ME', 'replace-me', '<your-token>', 'xxxxx', '****', '${DB_PASSWORD}', '$(TOKEN)', '{{ .Values.pw }}', '$PASSWORD', '/run/secrets/pw', './pw.txt', 'true', 'off', '3600', 'https://vault.example.com/v1/secret', 'your-api-key-here', '"changeme"'];
    const literal = ['hunter2', 'password', 'postgres', 's3cr3t!', '123456', 'admin'];
    assert.deepEqual(inert.filter((v) => !isInertValue(v)), []);
    assert.deepEqual(literal.filter((v) => isInertValue(v)), []);
  });

  it('recognises well-known token formats whatever the name', () => {
    const cases: [string, string][] = [
      ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
      ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn...', 'a private key'],
      ['ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ', 'a GitHub token'],
      ['xoxb-1234567890-abcdefghij', 'a Slack token'],
      ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w', 'a JSON Web Token'],
      ['postgres://app:hunter2@db:5432/app', 'a password in a URL'],
      ['Server=db;User Id=app;Password=hunter2;', 'a password in a connection string'],
    ];
    for (const [value, label] of cases) assert.equal(knownCredentialFormat(value), label, value);
    for (const value of ['postgres://app:${DB_PASSWORD}@db/app', 'https://example.com/path', 'Password=;', 'AKIA-not-a-key', 'ghp_short']) {
      assert.equal(knownCredentialFormat(value), undefined, value);
    }
  });

  it('does not take the name of a Secret object for a secret', () => {
    assert.equal(credentialReason('TLS_SECRET', 'web-tls'), undefined);
    assert.equal(credentialReason('existingSecret', 'mysql-credentials'), undefined);
    assert.ok(credentialReason('CLIENT_SECRET', 'a8f3-99c1-77d2'));
    assert.ok(credentialReason('DB_PASSWORD', 'my-db-password'));
  });
});

describe('host path classification', () => {
  it('normalises paths as the kubelet resolves them', () => {
    assert.equal(normalizeHostPath('/var//run/./docker.sock/'), '/var/run/docker.sock');
    assert.equal(normalizeHostPath('/var/log/../run'), '/var/run');
  });

  it('tells runtime sockets, cloud credentials and sensitive trees apart', () => {
    const cases: [string, string | undefined][] = [
      ['/var/run/docker.sock', 'runtime-socket'],
      ['/run/containerd', 'runtime-socket'],
      ['/var/run', 'runtime-socket'],
      ['/custom/crio.sock', 'runtime-socket'],
      ['/root/.aws/credentials', 'cloud-credentials'],
      ['/etc/kubernetes/azure.json', 'cloud-credentials'],
      ['/etc', 'sensitive'],
      ['/etc/kubernetes/pki', 'sensitive'],
      ['/', 'sensitive'],
      ['/usr', 'sensitive'],
      ['/var/lib/kubelet/pods', 'sensitive'],
      ['/usr/share/zoneinfo', undefined],
      ['/etc/localtime', undefined],
      ['/dev/null', undefined],
      ['/dev/kvm', 'sensitive'],
      ['/var/log', undefined],
      ['/var/run/secrets', undefined],
      ['/data', undefined],
    ];
    assert.deepEqual(cases.filter(([p, kind]) => classifyHostPath(p) !== kind).map(([p]) => `${p}: ${String(classifyHostPath(p))}`), []);
  });
});

describe('image references', () => {
  it('splits registry, repository, tag and digest the way runtimes do', () => {
    assert.deepEqual(parseImage('nginx'), { registry: undefined, repository: 'nginx', tag: undefined, digest: undefined });
    assert.deepEqual(parseImage('localhost:5000/team/app'), { registry: 'localhost:5000', repository: 'team/app', tag: undefined, digest: undefined });
    assert.deepEqual(parseImage('ghcr.io/org/app:v1@sha256:abc'), { registry: 'ghcr.io', repository: 'org/app', tag: 'v1', digest: 'sha256:abc' });
    assert.deepEqual(parseImage('library/nginx:1.27'), { registry: undefined, repository: 'library/nginx', tag: '1.27', digest: undefined });
  });
});

describe('removed API versions', () => {
  it('knows the release that removed each version and leaves current ones alone', () => {
    assert.equal(findRemoval('extensions/v1beta1', 'Ingress')?.removed, 22);
    assert.equal(findRemoval('batch/v1beta1', 'CronJob')?.to, 'batch/v1');
    assert.equal(findRemoval('networking.k8s.io/v1', 'Ingress'), undefined);
    assert.equal(findRemoval('policy/v1beta1', 'PodSecurityPolicy'), undefined, 'PodSecurityPolicy has its own rule');
  });
});
