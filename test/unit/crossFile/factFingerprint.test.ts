/**
 * What decides cross-file re-publishing: which kinds a file change touched (factFingerprint.ts), which
 * kinds an analysis read (recordingView, analysis/findingsCache.ts), and whether one affects the other (crossFileRepublisher.ts).
 */
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/analysis/fileAnalysis';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';
import { workspaceOf } from '../../../server/src/analysis/workspaceView';
import { parseManifests } from '../../../server/src/document/parseManifests';
import { affects } from '../../../server/src/lsp/crossFileRepublisher';
import { changedKinds } from '../../../server/src/workspace/factFingerprint';
import { recordingView } from '../../../server/src/analysis/findingsCache';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: web:1.0\n';
const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n';
const FILE = `${DEPLOYMENT}---\n${POLICY}`;

const sorted = (s: Iterable<string>): string[] => [...s].sort();

describe('cross-file facts', () => {
  describe('changedKinds', () => {
    it('is empty for the same parse or the same text', () => {
      const p = parseManifests(FILE);
      assert.deepEqual(sorted(changedKinds(p, p)), []);
      assert.deepEqual(sorted(changedKinds(p, parseManifests(FILE))), []);
    });

    it('names only the kind whose document changed (documents are parsed and hashed one by one)', () => {
      const before = parseManifests(FILE);
      const image = parseManifests(FILE.replace('web:1.0', 'web:1.1'), before);
      assert.deepEqual(sorted(changedKinds(before, image)), ['Deployment'], 'a container edit leaves the pod-labels facet');
      const selector = parseManifests(`${DEPLOYMENT}---\n${POLICY.replace('app: web', 'app: api')}`, before);
      assert.deepEqual(sorted(changedKinds(before, selector)), ['NetworkPolicy']);
    });

    it('names every kind of a file that appears or disappears, and of reordered documents', () => {
      const p = parseManifests(FILE);
      const all = ['Deployment', 'Deployment#pod-labels', 'NetworkPolicy', 'NetworkPolicy#pod-labels'];
      assert.deepEqual(sorted(changedKinds(undefined, p)), all);
      assert.deepEqual(sorted(changedKinds(p, undefined)), all);
      const twoDeployments = parseManifests(`${DEPLOYMENT}---\n${DEPLOYMENT.replace('name: web', 'name: api')}`);
      const swapped = parseManifests(`${DEPLOYMENT.replace('name: web', 'name: api')}---\n${DEPLOYMENT}`);
      // Same namespace and labels in both: the facet lists are equal, only the texts moved.
      assert.deepEqual(sorted(changedKinds(twoDeployments, swapped)), ['Deployment']);
    });

    it('names the pod-labels facet of a kind when a pod template\'s labels or namespace change, or a workload comes or goes', () => {
      const before = parseManifests(FILE);
      const labels = parseManifests(FILE.replace('        app: web', '        app: shop'), before);
      assert.deepEqual(sorted(changedKinds(before, labels)), ['Deployment', 'Deployment#pod-labels']);
      const namespace = parseManifests(FILE.replace('namespace: shop', 'namespace: store'), before);
      assert.deepEqual(sorted(changedKinds(before, namespace)), ['Deployment', 'Deployment#pod-labels']);
      const added = parseManifests(`${FILE}---\n${DEPLOYMENT.replace('name: web', 'name: api')}`, before);
      assert.deepEqual(sorted(changedKinds(before, added)), ['Deployment', 'Deployment#pod-labels']);
      // Labels of the Deployment itself are not its pods' labels.
      const ownLabels = parseManifests(FILE.replace('  namespace: shop\n', '  namespace: shop\n  labels:\n    team: a\n'), before);
      assert.deepEqual(sorted(changedKinds(before, ownLabels)), ['Deployment']);
    });
  });

  describe('kinds an analysis reads', () => {
    function reads(text: string): string[] {
      const kinds = new Set<string>();
      const parsed = parseManifests(text);
      const workspace = recordingView(workspaceOf(parsed.documents.flatMap((d) => d.objects)), kinds);
      analyzeText(text, { settings: DEFAULT_SETTINGS, workspace }, parsed);
      return sorted(kinds);
    }

    it('of a workload: NetworkPolicies, RBAC, ServiceAccounts, Namespaces, … but no workload kind', () => {
      const kinds = reads(DEPLOYMENT);
      for (const k of ['NetworkPolicy', 'ClusterRoleBinding', 'RoleBinding', 'ServiceAccount', 'Namespace']) assert.ok(kinds.includes(k), `${k} in ${kinds.join(', ')}`);
      for (const k of ['Deployment', 'Pod', 'StatefulSet', 'ConfigMap']) assert.ok(!kinds.includes(k), `${k} in ${kinds.join(', ')}`);
    });

    it('of a NetworkPolicy: the pod labels of the workloads it may select, not the whole workloads', () => {
      const kinds = reads(POLICY);
      for (const k of ['Deployment', 'StatefulSet', 'Pod']) {
        assert.ok(kinds.includes(`${k}#pod-labels`), `${k}#pod-labels in ${kinds.join(', ')}`);
        assert.ok(!kinds.includes(k), `${k} in ${kinds.join(', ')}`);
      }
    });
  });

  describe('affects', () => {
    const change = (origin: string, ...kinds: string[]): { origin: string; kinds: Set<string> } => ({ origin, kinds: new Set(kinds) });

    it('holds when another file changed a kind the document read', () => {
      assert.equal(affects([change('b', 'NetworkPolicy')], 'a', new Set(['NetworkPolicy', 'Namespace'])), true);
      assert.equal(affects([change('b', 'Deployment')], 'a', new Set(['NetworkPolicy'])), false);
    });

    it('ignores the document\'s own changes and documents not analysed yet', () => {
      assert.equal(affects([change('a', 'NetworkPolicy')], 'a', new Set(['NetworkPolicy'])), false);
      assert.equal(affects([change('b', 'NetworkPolicy')], 'a', undefined), false);
    });
  });
});
