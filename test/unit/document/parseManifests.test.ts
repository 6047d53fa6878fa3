import assert from 'node:assert/strict';
import { parseManifests, splitDocuments } from '../../../server/src/document/parseManifests';
import { podOf } from '../../../server/src/document/workloads';
import { yaml } from '../../support/yamlText';

describe('parseManifests', () => {
  it('splits a multi-document stream and keeps absolute offsets', () => {
    const text = yaml`
      # leading comment
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: a}
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: b
    `;
    const file = parseManifests(text);
    assert.equal(file.documents.length, 2);
    const [a, b] = file.documents.map((d) => d.objects[0]!);
    assert.equal(a!.kind, 'Pod');
    assert.equal(a!.name, 'a');
    assert.equal(b!.kind, 'Service');
    assert.equal(b!.document.index, 1);
    const s = b!.valueSpan(['metadata', 'name'])!;
    assert.equal(text.slice(s.start, s.end), 'b');
  });

  it('treats `---` at column 0 as a document boundary only', () => {
    const text = 'a: |\n  ---\n  x\n---\nb: 1\n';
    assert.deepEqual(
      splitDocuments(text).map((s) => text.slice(s.start, s.end)),
      ['a: |\n  ---\n  x\n', '---\nb: 1\n'],
    );
  });

  it('ends a document at `...`', () => {
    const text = 'a: 1\n...\n---\nb: 2\n';
    assert.equal(splitDocuments(text).length, 2);
  });

  it('gives YAML that is not a Kubernetes object no objects', () => {
    const file = parseManifests('name: CI\non: [push]\njobs: {}\n');
    assert.equal(file.documents[0]!.objects.length, 0);
  });

  it('reports syntax errors as problems instead of throwing', () => {
    const file = parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n');
    const problems = file.documents.flatMap((d) => d.problems());
    assert.ok(problems.length > 0);
    assert.ok(problems.every((p) => p.start >= 0 && p.end <= file.text.length));
  });

  it('reads values with YAML 1.1 booleans, as Kubernetes does', () => {
    const file = parseManifests('apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: yes\n');
    assert.equal(file.documents[0]!.objects[0]!.value(['spec', 'hostNetwork']), true);
  });

  it('resolves aliases when reading values', () => {
    const file = parseManifests('apiVersion: v1\nkind: Pod\nx: &t true\nspec:\n  hostPID: *t\n');
    assert.equal(file.documents[0]!.objects[0]!.value(['spec', 'hostPID']), true);
  });

  it('expands the items of a kind: List into objects', () => {
    const file = parseManifests(yaml`
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Pod
        metadata: {name: one}
      - apiVersion: v1
        kind: Pod
        metadata: {name: two}
    `);
    const objects = file.documents[0]!.objects;
    assert.deepEqual(objects.map((o) => o.name), ['one', 'two']);
    assert.deepEqual(objects[1]!.pathInDocument, ['items', 1]);
  });

  it('reuses the parse of unchanged documents', () => {
    const first = parseManifests('a: 1\n---\nb: 2\n');
    const second = parseManifests('a: 1\n---\nb: 3\n', first);
    assert.equal(second.documents[0], first.documents[0]);
    assert.notEqual(second.documents[1], first.documents[1]);
  });
});

describe('workloads', () => {
  const kinds: [string, string][] = [
    ['Pod', 'spec:\n  containers: [{name: c}]'],
    ['Deployment', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
    ['StatefulSet', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
    ['DaemonSet', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
    ['ReplicaSet', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
    ['ReplicationController', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
    ['Job', 'spec:\n  template:\n    spec:\n      containers: [{name: c}]'],
    ['CronJob', 'spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c}]'],
    ['PodTemplate', 'template:\n  spec:\n    containers: [{name: c}]'],
  ];
  for (const [kind, body] of kinds) {
    it(`finds the pod spec of a ${kind}`, () => {
      const obj = parseManifests(`apiVersion: v1\nkind: ${kind}\n${body}\n`).documents[0]!.objects[0]!;
      const pod = podOf(obj)!;
      assert.ok(pod.spec, 'pod spec found');
      assert.deepEqual(pod.containers.map((c) => c.name), ['c']);
    });
  }

  it('visits init, regular and ephemeral containers in PSA order', () => {
    const obj = parseManifests(yaml`
      apiVersion: v1
      kind: Pod
      spec:
        ephemeralContainers: [{name: e}]
        containers: [{name: c}]
        initContainers: [{name: i}]
    `).documents[0]!.objects[0]!;
    assert.deepEqual(podOf(obj)!.containers.map((c) => `${c.list}/${c.name}`), ['initContainers/i', 'containers/c', 'ephemeralContainers/e']);
  });

  it('does not treat a Service as a workload', () => {
    const obj = parseManifests('apiVersion: v1\nkind: Service\nspec: {}\n').documents[0]!.objects[0]!;
    assert.equal(podOf(obj), undefined);
  });
});
