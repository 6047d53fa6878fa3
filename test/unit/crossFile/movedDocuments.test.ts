/**
 * What an edit keeps (docs/performance.md): documents it only moves keep their syntax tree and what is
 * cached on it (pod views, suppression annotations, NetworkPolicy and workload facts, line starts), yet
 * every finding, span and position is what a fresh analysis of the new text gives; and the per-list
 * indexes of other files' objects (ServiceAccount subjects, workload and policy facts) follow a change
 * of the kind they index.
 */
import assert from 'node:assert/strict';
import { analyzeParsed, parseForAnalysis } from '../../../server/src/analysis/fileAnalysis';
import { FindingsCache } from '../../../server/src/analysis/findingsCache';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';
import { suppressionSource } from '../../../server/src/analysis/suppressions';
import { parseManifests, type ParsedFile } from '../../../server/src/document/parseManifests';
import { LineIndex } from '../../../server/src/document/span';
import { podOf } from '../../../server/src/document/workloads';
import type { Finding } from '../../../server/src/rules/rule';
import { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';

const workload = (name: string, extra = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\n${extra}spec:\n  replicas: 2\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n      - name: ${name}\n        image: ${name}:1.0\n        securityContext:\n          privileged: true\n`;
const SUPPRESSED = workload('api', '  annotations:\n    kubeguard.io/ignore: "privileged-container, no-such-rule -- test"\n');
const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes: [Ingress]\n';
const FILE = [workload('web'), SUPPRESSED, POLICY, workload('db')].join('---\n');

/** Findings as plain data, positions included, so an incremental analysis can be compared with a fresh one. */
function shape(file: ParsedFile, findings: readonly Finding[]): unknown[] {
  return findings.map((f) => ({ id: f.ruleId, message: f.message, range: file.lines.rangeOf(f.span), doc: f.object.documentIndex, suppressed: f.suppressed ? suppressionSource(f.suppressed) : null }));
}

function analyse(index: WorkspaceIndex, cache: FindingsCache | undefined, uri: string, text: string, previous?: ParsedFile): { parsed: ParsedFile; findings: unknown[] } {
  const parsed = parseForAnalysis(text, previous);
  index.setOpen(uri, parsed);
  const analysis = analyzeParsed(parsed, { settings: DEFAULT_SETTINGS, workspace: index.view(), ...(cache ? { cache } : {}) });
  return { parsed, findings: shape(parsed, analysis.findings) };
}

describe('documents moved by an edit', () => {
  it('keep their syntax tree; the edited one is parsed again', () => {
    const before = parseManifests(FILE);
    const after = parseManifests(FILE.replace('replicas: 2', 'replicas: 20'), before);
    assert.notEqual(after.documents[0]!.yaml, before.documents[0]!.yaml);
    for (const i of [1, 2, 3]) {
      assert.equal(after.documents[i]!.yaml, before.documents[i]!.yaml, `document ${i}`);
      assert.equal(after.documents[i]!.start, before.documents[i]!.start + 1);
    }
  });

  it('give the same line index as scanning the new text', () => {
    const before = parseManifests(FILE);
    const text = FILE.replace('replicas: 2', 'replicas: 2\n  paused: false');
    const after = parseManifests(text, before);
    const scanned = new LineIndex(text);
    assert.equal(after.lines.lineCount, scanned.lineCount);
    for (let offset = 0; offset <= text.length; offset += 7) assert.deepEqual(after.lines.positionAt(offset), scanned.positionAt(offset));
  });

  it('get pod views naming their new object, read once per syntax tree', () => {
    const before = parseManifests(FILE);
    const after = parseManifests(FILE.replace('replicas: 2', 'replicas: 20'), before);
    const [old, moved] = [before.documents[1]!.objects[0]!, after.documents[1]!.objects[0]!];
    assert.notEqual(moved, old);
    assert.equal(podOf(moved)!.object, moved);
    assert.equal(podOf(old)!.object, old);
    assert.equal(podOf(moved)!.containers[0]!.node, podOf(old)!.containers[0]!.node);
    assert.equal(podOf(moved), podOf(moved));
  });

  it('are analysed incrementally exactly as from scratch: spans, suppressions and notices moved with them', () => {
    const index = new WorkspaceIndex();
    const cache = new FindingsCache((k) => index.kindVersion(k));
    let text = FILE;
    let { parsed } = analyse(index, cache, 'file:///a.yaml', text);
    const edits: [string, string][] = [
      ['replicas: 2', 'replicas: 20'],
      ['privileged: true', 'privileged: false'],
      ['name: web\n  namespace', 'name: website\n  namespace'],
      ['replicas: 20', 'replicas: 2\n  paused: true'],
    ];
    for (const [from, to] of edits) {
      text = text.replace(from, to);
      const incremental = analyse(index, cache, 'file:///a.yaml', text, parsed);
      parsed = incremental.parsed;
      const fresh = analyse(new WorkspaceIndex(), undefined, 'file:///a.yaml', text);
      assert.deepEqual(incremental.findings, fresh.findings, `after ${from} -> ${to}`);
    }
    const notice = analyzeParsed(parsed, { settings: DEFAULT_SETTINGS, workspace: index.view(), cache }).findings.find((f) => f.ruleId === 'unused-suppression');
    assert.ok(notice, 'the unknown rule id of the annotation is reported');
    assert.equal(text.slice(notice.span.start, notice.span.start + 'kubeguard.io/ignore'.length), 'kubeguard.io/ignore');
  });
});

describe('facts of other files', () => {
  const ids = (r: { findings: unknown[] }): string[] => r.findings.map((f) => (f as { id: string }).id).sort();

  it('a workload whose labels change in another file changes what a cached NetworkPolicy selects', () => {
    const index = new WorkspaceIndex();
    const cache = new FindingsCache((k) => index.kindVersion(k));
    index.setDisk('file:///w.yaml', parseManifests(workload('web')));
    const first = analyse(index, cache, 'file:///p.yaml', POLICY);
    assert.ok(!ids(first).includes('network-policy-selects-nothing'));
    const runs = cache.evaluations;
    analyse(index, cache, 'file:///p.yaml', POLICY, first.parsed);
    assert.equal(cache.evaluations, runs, 'nothing changed: the cached findings are reused');
    index.setDisk('file:///w.yaml', parseManifests(workload('web').replace('app: web', 'app: other')));
    const second = analyse(index, cache, 'file:///p.yaml', POLICY, first.parsed);
    assert.equal(cache.evaluations, runs + 1);
    assert.ok(ids(second).includes('network-policy-selects-nothing'));
  });

  it('a cached NetworkPolicy is not re-run when another file edits a workload\'s containers, only its pod labels', () => {
    const index = new WorkspaceIndex();
    const cache = new FindingsCache((k) => index.kindVersion(k));
    index.setDisk('file:///w.yaml', parseManifests(workload('web')));
    const first = analyse(index, cache, 'file:///p.yaml', POLICY);
    const runs = cache.evaluations;
    index.setDisk('file:///w.yaml', parseManifests(workload('web').replace('privileged: true', 'privileged: false').replace('replicas: 2', 'replicas: 3')));
    const second = analyse(index, cache, 'file:///p.yaml', POLICY, first.parsed);
    assert.equal(cache.evaluations, runs, 'the policy reads only the pod-labels facet, which did not change');
    assert.deepEqual(second.findings, first.findings);
    // The same cache answers what a fresh analysis answers.
    assert.deepEqual(second.findings, analyse(index, undefined, 'file:///p.yaml', POLICY).findings);
  });

  it('a RoleBinding added in another file silences the token finding of a cached workload', () => {
    const index = new WorkspaceIndex();
    const cache = new FindingsCache((k) => index.kindVersion(k));
    const first = analyse(index, cache, 'file:///w.yaml', workload('web'));
    assert.ok(ids(first).includes('service-account-token-mounted'));
    const binding = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\nsubjects:\n- kind: ServiceAccount\n  name: default\n';
    index.setDisk('file:///b.yaml', parseManifests(binding));
    const second = analyse(index, cache, 'file:///w.yaml', workload('web'), first.parsed);
    assert.ok(!ids(second).includes('service-account-token-mounted'));
  });
});
