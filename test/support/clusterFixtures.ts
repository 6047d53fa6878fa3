/**
 * The cluster fixtures (test/fixtures/cluster): PKI, scenarios, kubeconfig templates and exec plugins.
 * Kubeconfig templates hold placeholders for what only exists at run time (the fake server's port, the
 * absolute paths of the exec plugins); `writeKubeconfig` fills them in and writes the result to a
 * temporary directory.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

function repoRoot(): string {
  // Test bundles live under out/test/…; the sources under test/…: walk up to the repository root.
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, 'test', 'fixtures', 'cluster', 'scenarios'))) return dir;
    }
  }
  throw new Error(`test/fixtures/cluster not found above ${__dirname}`);
}

export function clusterFixture(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'cluster', ...parts);
}

const base64 = (file: string) => readFileSync(clusterFixture('pki', file)).toString('base64');

/** Values of the fixtures' recognisable secrets: they must never appear in anything KubeGuard shows or logs. */
export const SECRET_TOKEN = 'kgtest-SECRET-TOKEN-9f8e7d6c5b4a';
export function secretMaterial(): string[] {
  const key = readFileSync(clusterFixture('pki', 'client.key'), 'utf8');
  const cert = readFileSync(clusterFixture('pki', 'client.crt'), 'utf8');
  const bodyLines = (pem: string) => pem.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----'));
  return [SECRET_TOKEN, base64('client.key'), base64('client.crt'), ...bodyLines(key), ...bodyLines(cert)];
}

export interface KubeconfigVars {
  /** The fake server's URL. */
  readonly server?: string;
  /** A URL where nothing listens. */
  readonly unreachable?: string;
}

export interface TempKubeconfigs {
  readonly dir: string;
  /** Writes `kubeconfigs/<name>.yaml` with its placeholders filled in; returns the path. */
  write(name: string, vars?: KubeconfigVars, as?: string): string;
  dispose(): void;
}

export function tempKubeconfigs(): TempKubeconfigs {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeguard-kubeconfig-'));
  return {
    dir,
    write(name, vars = {}, as) {
      const text = readFileSync(clusterFixture('kubeconfigs', `${name}.yaml`), 'utf8')
        .replaceAll('{{SERVER}}', vars.server ?? 'https://127.0.0.1:1')
        .replaceAll('{{UNREACHABLE}}', vars.unreachable ?? 'https://127.0.0.1:1')
        .replaceAll('{{CA_DATA}}', base64('ca.crt'))
        .replaceAll('{{OTHER_CA_DATA}}', base64('other-ca.crt'))
        .replaceAll('{{CLIENT_CERT_DATA}}', base64('client.crt'))
        .replaceAll('{{CLIENT_KEY_DATA}}', base64('client.key'))
        .replaceAll('{{EXEC}}', clusterFixture('exec'));
      const file = path.join(dir, as ?? `${name}.yaml`);
      writeFileSync(file, text);
      return file;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** An https URL on a loopback port where nothing listens (connection refused). */
export async function unreachableUrl(): Promise<string> {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address() as { port: number };
      srv.close(() => resolve(p));
    });
  });
  return `https://127.0.0.1:${port}`;
}
