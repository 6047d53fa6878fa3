/**
 * NetworkPolicy generation: inference of callers and destinations, the exact-selection guarantee, and
 * schema validity of every policy generated for every workload of the test data.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { workspaceOf } from '../../../server/src/analysis/workspaceView';
import type { K8sObject } from '../../../server/src/document/k8sObject';
import { parseManifests } from '../../../server/src/document/parseManifests';
import { isWorkload } from '../../../server/src/document/workloads';
import { defaultDenyPolicy, hasDefaultDeny, workloadNetworkPolicy } from '../../../server/src/fixes/networkPolicy';
import { refsIn, resolveHost, type ServiceInfo } from '../../../server/src/fixes/networkPolicyRefs';
import { insertDocumentAfter, renderObject, styleOf } from '../../../server/src/fixes/networkPolicyYaml';
import { applyEdits } from '../../../server/src/fixes/textEdit';
import { validateNetworkPolicy } from './networkPolicySchema';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Kubernetes label-selector semantics. */
function matches(sel: Selector, labels: ReadonlyMap<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels.get(k) !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = labels.has(e.key);
    const v = labels.get(e.key);
    const ok = { In: has && (e.values ?? []).includes(v!), NotIn: !has || !(e.values ?? []).includes(v!), Exists: has, DoesNotExist: !has }[e.operator];
    if (!ok) return false;
  }
  return true;
}

/** The `spec` of a parsed policy, as plain data. */
function specOf(policy: K8sObject): Record<string, unknown> {
  return (policy.root.toJSON() as { spec: Record<string, unknown> }).spec;
}

function podLabels(o: K8sObject): Map<string, string> {
  const prefix = o.kind === 'Pod' ? [] : o.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
  return o.stringMap([...prefix, 'metadata', 'labels']);
}

/** Generates, renders, inserts and re-parses the policy for a workload: what the user gets. */
function generate(text: string, name: string): { policy: K8sObject; all: K8sObject[] } {
  const parsed = parseManifests(text);
  const all = parsed.documents.flatMap((d) => d.objects);
  const o = all.find((x) => x.name === name && isWorkload(x))!;
  const style = styleOf(parsed, o.document.index);
  const result = workloadNetworkPolicy(o, workspaceOf(all), style);
  if ('error' in result) throw new Error(result.error);
  const out = applyEdits(text, [insertDocumentAfter(parsed, o.document.index, renderObject(result.policy, style), style)!]);
  const policy = parseManifests(out).documents.flatMap((d) => d.objects).find((x) => x.kind === 'NetworkPolicy' && x.name === result.name)!;
  return { policy, all };
}

function* yamlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* yamlFiles(p);
    else if (/\.ya?ml$/.test(name)) yield p;
  }
}

describe('NetworkPolicy generation', () => {
  const shop = readFileSync(path.join(FIXTURES, 'fixes/network-policy-web.yaml'), 'utf8');

  it('selects exactly the workload\'s pods, not those of a workload whose labels include them', async () => {
    const { policy, all } = generate(shop, 'web');
    const sel = specOf(policy).podSelector as Selector;
    await validateNetworkPolicy(policy.root.toJSON());
    for (const w of all.filter(isWorkload)) {
      if (w.namespace !== 'shop') continue;
      assert.equal(matches(sel, podLabels(w)), w.name === 'web', `${w.name}: ${JSON.stringify(sel)}`);
    }
  });

  it('allows callers found in the workspace on the Service\'s target port, and DNS plus known Services out', () => {
    const spec = specOf(generate(shop, 'web').policy) as { ingress: unknown[]; egress: { to: unknown[]; ports: unknown[] }[] };
    assert.deepEqual(spec.ingress, [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 8081 }] }]);
    assert.deepEqual(spec.egress[0]!.ports, [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
    assert.deepEqual(spec.egress.slice(1).map((r) => [r.to, r.ports]), [
      [[{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } }, podSelector: { matchLabels: { app: 'postgres' } } }], [{ protocol: 'TCP', port: 5432 }]],
      [[{ podSelector: { matchLabels: { app: 'cache' } } }], [{ protocol: 'TCP', port: 6379 }]],
    ]);
  });

  it('reads service hosts from URLs, host:port and cluster DNS names, and nothing from plain words', () => {
    const svc = (name: string, namespace: string | undefined): ServiceInfo => ({ name, namespace, selector: new Map([['app', name]]), ports: [], externalName: undefined, object: undefined as never });
    const services = [svc('web', 'shop'), svc('db', 'data')];
    const resolve = (text: string, from = 'shop'): string[] => refsIn(text, 'x').flatMap((r) => resolveHost(r, from, services)?.name ?? []);
    assert.deepEqual(resolve('http://web:8080/path'), ['web']);
    assert.deepEqual(resolve('web'), ['web']);
    assert.deepEqual(resolve('--upstream=web:80 --mode=web'), ['web'], 'the bare word is not an address');
    assert.deepEqual(resolve('db.data.svc.cluster.local:5432'), ['db']);
    assert.deepEqual(resolve('postgres://u:p@db.data:5432/app'), ['db']);
    assert.deepEqual(resolve('http://web:8080', 'other'), [], 'a short name only reaches its own namespace');
    assert.deepEqual(resolve('see web.example.com or /web'), []);
  });

  it('refuses a workload without pod labels: an empty selector would select the whole namespace', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n';
    const o = parseManifests(text).documents[0]!.objects[0]!;
    const r = workloadNetworkPolicy(o, workspaceOf([o]), styleOf(parseManifests(text), 0));
    assert.ok('error' in r && /no pod labels/.test(r.error));
  });

  it('knows when a namespace already has a default deny', async () => {
    const ns = parseManifests('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n').documents[0]!.objects;
    const ws = workspaceOf(ns);
    assert.equal(hasDefaultDeny('shop', ws), false);
    const deny = defaultDenyPolicy('shop', ws);
    await validateNetworkPolicy(deny.value);
    const parsed = parseManifests(renderObject(deny, styleOf(parseManifests('a: 1\n'), 0)).join('\n'));
    assert.equal(hasDefaultDeny('shop', workspaceOf([...ns, ...parsed.documents[0]!.objects])), true);
  });

  it('generates a valid policy selecting exactly its workload for every labelled workload in the test data', async function () {
    this.timeout(600_000);
    let generated = 0;
    for (const file of yamlFiles(FIXTURES)) {
      if (file.includes(`${path.sep}pss${path.sep}`) && !file.endsWith('base.yaml')) continue; // PSA fixtures: one pod shape per version; `base` covers it.
      const text = readFileSync(file, 'utf8');
      const parsed = parseManifests(text);
      const all = parsed.documents.flatMap((d) => d.objects);
      for (const o of all.filter(isWorkload)) {
        const style = styleOf(parsed, o.document.index);
        const r = workloadNetworkPolicy(o, workspaceOf(all), style);
        if ('error' in r) continue;
        const out = applyEdits(text, [insertDocumentAfter(parsed, o.document.index, renderObject(r.policy, style), style)!]);
        const reparsed = parseManifests(out);
        assert.equal(reparsed.documents.filter((d) => d.hasErrors).length, parsed.documents.filter((d) => d.hasErrors).length, `${file}: parses`);
        const policy = reparsed.documents.flatMap((d) => d.objects).find((x) => x.kind === 'NetworkPolicy' && x.name === r.name && x.namespace === o.namespace)!;
        await validateNetworkPolicy(policy.root.toJSON());
        const sel = specOf(policy).podSelector as Selector;
        assert.ok(matches(sel, podLabels(o)), `${file}: selects ${o.label}`);
        generated++;
      }
    }
    assert.ok(generated >= 15, `generated ${generated}`);
  });
});
