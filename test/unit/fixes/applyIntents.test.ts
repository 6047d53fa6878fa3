import assert from 'node:assert/strict';
import { parseManifests } from '../../../server/src/document/parseManifests';
import { editsForIntents } from '../../../server/src/fixes/applyIntents';
import type { FixIntent } from '../../../server/src/fixes/intent';
import { applyEdits } from '../../../server/src/fixes/textEdit';
import { yaml } from '../../support/yamlText';

function fix(text: string, intents: FixIntent[], documentIndex = 0): string {
  const file = parseManifests(text);
  const edits = editsForIntents({ document: file.documents[documentIndex]!, objectPath: [] }, intents);
  assert.ok(edits, 'fix applies');
  return applyEdits(text, edits);
}

const container = ['spec', 'containers', 0];

describe('applyIntents', () => {
  it('replaces a scalar in place and keeps its trailing comment', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true  # why?\n';
    assert.equal(fix(text, [{ op: 'set', path: ['spec', 'hostNetwork'], value: false }]), 'apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: false  # why?\n');
  });

  it('inserts a key into an existing mapping at its indentation', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      spec:
        containers:
        - name: c
          securityContext:
            privileged: true # keep me
        # trailing comment
    ` + '\n';
    const out = fix(text, [{ op: 'set', path: [...container, 'securityContext', 'allowPrivilegeEscalation'], value: false }]);
    assert.equal(out, text.replace('# keep me\n', '# keep me\n      allowPrivilegeEscalation: false\n'));
  });

  it('creates missing mappings with the document\'s indentation width', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n    containers:\n        -   name: c\n            image: x\n';
    const out = fix(text, [{ op: 'set', path: [...container, 'securityContext', 'allowPrivilegeEscalation'], value: false }]);
    assert.equal(out, text + '            securityContext:\n                allowPrivilegeEscalation: false\n');
  });

  it('turns an empty flow mapping into a block', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    securityContext: {}\n';
    const out = fix(text, [{ op: 'set', path: [...container, 'securityContext', 'privileged'], value: false }]);
    assert.equal(out, 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    securityContext:\n      privileged: false\n');
  });

  it('adds to a non-empty flow mapping in flow style', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - {name: c, securityContext: {runAsNonRoot: true}}\n';
    const out = fix(text, [{ op: 'set', path: [...container, 'securityContext', 'privileged'], value: false }]);
    assert.equal(out, 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - {name: c, securityContext: {runAsNonRoot: true, privileged: false}}\n');
  });

  it('fills an empty value', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n  containers: []\n';
    const out = fix(text, [{ op: 'set', path: ['spec', 'securityContext', 'runAsNonRoot'], value: true }]);
    assert.equal(out, 'apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers: []\n');
  });

  it('keeps CRLF line endings', () => {
    const text = 'apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  containers:\r\n  - name: c\r\n';
    const out = fix(text, [{ op: 'set', path: [...container, 'securityContext', 'allowPrivilegeEscalation'], value: false }]);
    assert.equal(out, text + '    securityContext:\r\n      allowPrivilegeEscalation: false\r\n');
  });

  it('writes sequences in the document\'s sequence style', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    args:\n    - a\n';
    const out = fix(text, [{ op: 'set', path: [...container, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] }]);
    assert.equal(out, text + '    securityContext:\n      capabilities:\n        drop:\n        - ALL\n');
  });

  it('applies several intents to one object without conflicting', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n';
    const out = fix(text, [
      { op: 'set', path: [...container, 'securityContext', 'allowPrivilegeEscalation'], value: false },
      { op: 'set', path: [...container, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] },
      { op: 'set', path: ['spec', 'securityContext'], value: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } },
    ]);
    assert.equal(
      out,
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop:\n        - ALL\n' +
        '  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n',
    );
  });

  it('only edits the target document of a multi-document file', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n---\napiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n';
    const out = fix(text, [{ op: 'set', path: ['spec', 'hostPID'], value: false }], 1);
    assert.equal(out, 'apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n---\napiVersion: v1\nkind: Pod\nspec:\n  hostPID: false\n');
  });

  it('adds to and removes from sequences', () => {
    const text = 'apiVersion: v1\nkind: Pod\ncaps:\n  add: [NET_ADMIN, CHOWN]\n  drop:\n  - NET_RAW\n';
    assert.equal(fix(text, [{ op: 'addToSeq', path: ['caps', 'drop'], value: 'ALL' }]), text.replace('  - NET_RAW\n', '  - NET_RAW\n  - ALL\n'));
    assert.equal(fix(text, [{ op: 'removeFromSeq', path: ['caps', 'add'], value: 'NET_ADMIN' }]), text.replace('[NET_ADMIN, CHOWN]', '[CHOWN]'));
  });

  it('removes a key with its line', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  hostIPC: true\n  hostPID: true\n';
    assert.equal(fix(text, [{ op: 'remove', path: ['spec', 'hostIPC'] }]), 'apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n');
  });

  it('refuses a fix whose path runs through a scalar', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec: oops\n';
    const file = parseManifests(text);
    assert.equal(editsForIntents({ document: file.documents[0]!, objectPath: [] }, [{ op: 'set', path: ['spec', 'hostPID'], value: false }]), undefined);
  });

  it('removes a key whose value is a block mapping, and only that', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: "1"\nspec:\n  hostIPC: true\n';
    assert.equal(fix(text, [{ op: 'remove', path: ['metadata', 'annotations'] }]), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostIPC: true\n');
  });

  it('adds a mapping to a block sequence in its style, and not twice', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  volumes:\n  - name: data\n    emptyDir: {}\n';
    const add = { op: 'addToSeq' as const, path: ['spec', 'volumes'], value: { name: 'tmp', emptyDir: {} } };
    const once = fix(text, [add]);
    assert.equal(once, text + '  - name: tmp\n    emptyDir: {}\n');
    assert.equal(fix(once, [add]), once);
    assert.equal(fix('apiVersion: v1\nkind: Pod\nspec:\n  volumes: []\n', [add]), 'apiVersion: v1\nkind: Pod\nspec:\n  volumes: [{name: tmp, emptyDir: {}}]\n');
  });

  it('removes every sequence entry matching a mapping pattern', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  sysctls:\n    - name: a\n      value: "1"\n    - name: b # keep\n      value: "2"\n    - name: a\n      value: "3"\n';
    assert.equal(fix(text, [{ op: 'removeFromSeq', path: ['spec', 'sysctls'], value: { name: 'a' } }]), 'apiVersion: v1\nkind: Pod\nspec:\n  sysctls:\n    - name: b # keep\n      value: "2"\n');
  });
});
