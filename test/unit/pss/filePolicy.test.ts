/** The policy the status bar names for a file: the configured one, and Namespace labels that override it per workload. */
import assert from 'node:assert/strict';
import { filePolicy } from '../../../server/src/analysis/filePolicy';
import { workspaceOf } from '../../../server/src/analysis/workspaceView';
import { allObjects, parseManifests } from '../../../server/src/document/parseManifests';

const namespace = (name: string, labels: string): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${labels}\n`;
const deployment = (name: string, ns?: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx\n`;

function policyOf(...docs: string[]): ReturnType<typeof filePolicy> {
  const parsed = parseManifests(docs.join('---\n'));
  return filePolicy(parsed, { level: 'restricted', version: ' v1.30 ', origin: 'file' }, workspaceOf(allObjects(parsed)));
}

describe('PSS policy of a file (status bar)', () => {
  it('is the configured level and version, normalised, with its origin, when no Namespace labels apply', () => {
    assert.deepEqual(policyOf(deployment('web', 'shop'), deployment('api')), { level: 'restricted', version: 'v1.30', origin: 'file', workloads: 2, namespaces: [] });
  });

  it('counts workloads governed by Namespace labels per namespace, with which labels set what', () => {
    const p = policyOf(
      namespace('shop', '    pod-security.kubernetes.io/enforce: baseline'),
      namespace('admin', '    pod-security.kubernetes.io/enforce: privileged\n    pod-security.kubernetes.io/enforce-version: v1.29'),
      namespace('odd', '    pod-security.kubernetes.io/enforce-version: "1.30"'),
      deployment('web', 'shop'),
      deployment('worker', 'shop'),
      deployment('tool', 'admin'),
      deployment('x', 'odd'),
      deployment('api'),
    );
    assert.equal(p.workloads, 1);
    assert.deepEqual(p.namespaces, [
      { namespace: 'admin', level: 'privileged', version: 'v1.29', fromLabels: ['level', 'version'], invalid: [], workloads: 1 },
      { namespace: 'odd', level: 'restricted', version: 'latest', fromLabels: ['version'], invalid: ['invalid pod-security.kubernetes.io/enforce-version "1.30" read as latest'], workloads: 1 },
      { namespace: 'shop', level: 'baseline', version: 'v1.30', fromLabels: ['level'], invalid: [], workloads: 2 },
    ]);
  });

  it('ignores objects without a pod template', () => {
    const p = policyOf(namespace('shop', '    pod-security.kubernetes.io/enforce: baseline'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n');
    assert.deepEqual({ workloads: p.workloads, namespaces: p.namespaces }, { workloads: 0, namespaces: [] });
  });
});
