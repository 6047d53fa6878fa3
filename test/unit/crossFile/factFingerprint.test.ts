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
      assert.deepEqual(sorted(changedKinds(before, image)), ['Deployment']);
      const selector = parseManifests(`${DEPLOYMENT}---\n${POLICY.replace('app: web', 'app: api')}`, before);
      assert.deepEqual(sorted(changedKinds(before, selector)), ['NetworkPolicy']);
    });

    it('names every kind of a file that appears or disappears, and of reordered documents', () => {
      const p = parseManifests(FILE);
      assert.deepEqual(sorted(changedKinds(undefined, p)), ['Deployment', 'NetworkPolicy']);
      assert.deepEqual(sorted(changedKinds(p, undefined)), ['Deployment', 'NetworkPolicy']);
      const twoDeployments = parseManifests(`${DEPLOYMENT}---\n${DEPLOYMENT.replace('name: web', 'name: api')}`);
      const swapped = parseManifests(`${DEPLOYMENT.replace('name: web', 'name: api')}---\n${DEPLOYMENT}`);
      assert.deepEqual(sorted(changedKinds(twoDeployments, swapped)), ['Deployment']);
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

    it('of a NetworkPolicy: the workloads it may select', () => {
      assert.ok(reads(POLICY).includes('Deployment'));
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
