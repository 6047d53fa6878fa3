/**
 * The snippets of snippets/kubernetes.code-snippets: generated from snippets/src (never stale), and each
 * one, expanded with its defaults, with every choice and with realistic values, is valid YAML with no
 * finding at Pod Security restricted with the default rule set.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseManifests } from '../../../server/src/document/parseManifests';
import { analyze, where } from '../../support/analyze';
import { choicesOf, expandSnippet } from './expandSnippet';

const ROOT = path.resolve(__dirname, '../../../..');

interface Snippet {
  prefix: string[];
  description: string;
  body: string[];
}

const snippets = JSON.parse(readFileSync(path.join(ROOT, 'snippets/kubernetes.code-snippets'), 'utf8')) as Record<string, Snippet>;

/** What each snippet must produce: the kinds of its objects, in order. */
const EXPECTED_KINDS: Readonly<Record<string, string[]>> = {
  'KubeGuard: Hardened Deployment': ['Deployment'],
  'KubeGuard: Hardened StatefulSet': ['Service', 'StatefulSet'],
  'KubeGuard: Hardened CronJob': ['CronJob'],
  'KubeGuard: Hardened Pod': ['Pod'],
  'KubeGuard: Default-deny NetworkPolicy': ['NetworkPolicy'],
  'KubeGuard: DNS egress NetworkPolicy': ['NetworkPolicy'],
  'KubeGuard: Least-privilege ServiceAccount, Role and RoleBinding': ['ServiceAccount', 'Role', 'RoleBinding'],
};

/** What a user might type instead of each default: names, images and sizes that differ from all defaults. */
const REALISTIC: Readonly<Record<string, string>> = {
  web: 'payments',
  db: 'orders-db',
  report: 'nightly-report',
  app: 'worker',
  'my-app': 'shop',
  'web-config': 'payments-config',
  'default-deny': 'deny-all',
  'allow-dns-egress': 'dns',
  'registry.example.com/web:1.0.0': 'ghcr.io/acme/payments:2.3.1',
  'registry.example.com/db:1.0.0': 'docker.io/library/postgres:16.4',
  'registry.example.com/report:1.0.0': 'ghcr.io/acme/report@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'registry.example.com/app:1.0.0': 'quay.io/acme/worker:0.9.2',
  '10001': '65532',
  '2': '3',
  '1': '3',
  '8080': '3000',
  '100m': '250m',
  '250m': '1',
  '128Mi': '256Mi',
  '512Mi': '2Gi',
  '/healthz': '/ready',
  tcp: 'postgres',
  '5432': '5433',
  '/var/lib/data': '/var/lib/postgresql/data',
  '10Gi': '50Gi',
  '0 3 * * *': '*/15 * * * *',
  '--once': '--since=24h',
};

/** Each `${n:default}` replaced by its realistic counterpart (defaults without one are kept). */
function realisticValues(body: readonly string[]): Record<number, string> {
  const out: Record<number, string> = {};
  for (const m of body.join('\n').matchAll(/\$\{(\d+):([^}]*)\}/g)) {
    const v = REALISTIC[m[2]!];
    if (v !== undefined) out[Number(m[1])] = v;
  }
  return out;
}

type Obj = { kind?: string; metadata?: { name?: string; labels?: Record<string, string> }; spec?: Record<string, unknown>; subjects?: { kind: string; name: string }[]; roleRef?: { name: string } };

/** The references between the objects of one snippet hold: selectors select the pods, bindings name the role and account. */
function checkReferences(name: string, text: string): void {
  const objects = parseAllDocuments(text).map((d) => d.toJS() as Obj);
  const podLabels = objects.flatMap((o) => {
    const template = (o.spec?.['template'] ?? (o.spec?.['jobTemplate'] as { spec?: { template?: unknown } } | undefined)?.spec?.template) as { metadata?: { labels?: Record<string, string> } } | undefined;
    return template?.metadata?.labels ? [template.metadata.labels] : o.kind === 'Pod' && o.metadata?.labels ? [o.metadata.labels] : [];
  });
  const selects = (selector: Record<string, string>): boolean => podLabels.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v));
  for (const o of objects) {
    const matchLabels = (o.spec?.['selector'] as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
    if (matchLabels) assert.ok(selects(matchLabels), `${name}: ${o.kind} selector matches its pods`);
    if (o.kind === 'Service') assert.ok(selects(o.spec!['selector'] as Record<string, string>), `${name}: Service selects the pods`);
    if (o.kind === 'StatefulSet') assert.equal(o.spec!['serviceName'], objects.find((x) => x.kind === 'Service')?.metadata?.name, `${name}: serviceName`);
    if (o.kind === 'RoleBinding') {
      assert.equal(o.roleRef!.name, objects.find((x) => x.kind === 'Role')?.metadata?.name, `${name}: roleRef`);
      assert.equal(o.subjects![0]!.name, objects.find((x) => x.kind === 'ServiceAccount')?.metadata?.name, `${name}: subject`);
    }
  }
}

function checkClean(name: string, text: string): void {
  const parsed = parseManifests(text);
  const problems = parsed.documents.flatMap((d) => d.problems());
  assert.deepEqual(problems.map((p) => p.message), [], `${name}: YAML problems\n${text}`);
  assert.deepEqual(parsed.documents.flatMap((d) => d.objects.map((o) => o.kind)), EXPECTED_KINDS[name], name);
  const findings = analyze(text, { podSecurity: { level: 'restricted', version: 'latest' } }).findings;
  assert.deepEqual(findings.map((f) => `${where(f, text)} ${f.message}`), [], `${name}: findings at restricted\n${text}`);
}

describe('snippets', () => {
  it('are generated from snippets/src and up to date (npm run snippets)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/generateSnippets.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('cover the hardened workloads, both NetworkPolicies and least-privilege RBAC', () => {
    assert.deepEqual(Object.keys(snippets).sort(), Object.keys(EXPECTED_KINDS).sort());
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.prefix.length > 0 && s.prefix.every((p) => /^[a-z][a-z-]+$/.test(p)), `${name}: prefixes ${s.prefix.join()}`);
      assert.ok(s.description.length > 20, `${name}: a description`);
    }
    const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
  });

  for (const name of Object.keys(EXPECTED_KINDS)) {
    describe(name, () => {
      const body = (): string[] => {
        const s = snippets[name];
        assert.ok(s, `${name} exists`);
        return s.body;
      };

      it('expanded with its defaults: valid YAML, no finding at restricted', () => {
        checkClean(name, expandSnippet(body()));
      });

      it('expanded with each choice and with realistic values: still no finding', () => {
        for (const [n, options] of choicesOf(body())) for (const option of options) checkClean(name, expandSnippet(body(), { [n]: option }));
        const values = realisticValues(body());
        assert.ok(Object.keys(values).length > 0, 'realistic values apply');
        checkClean(name, expandSnippet(body(), values));
      });

      it('keeps selectors, service names and bindings consistent when the name placeholder changes', () => {
        checkReferences(name, expandSnippet(body()));
        checkReferences(name, expandSnippet(body(), { ...realisticValues(body()), 1: 'renamed' }));
      });
    });
  }
});
