/**
 * Files that are not whole manifests: Helm chart templates (skipped with one notice, no false syntax
 * errors), kustomization.yaml, and strategic-merge patches, which must not be reported for the fields
 * they leave to their base (analysis/fragments.ts).
 */
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/analysis/fileAnalysis';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';
import { workspaceOf } from '../../../server/src/analysis/workspaceView';
import { HELM_TEMPLATE, KUSTOMIZATION, REPLICAS_PATCH } from '../../support/adversarialInputs';
import { analyze, covered } from '../../support/analyze';

const analyse = (text: string): ReturnType<typeof analyzeText> => analyzeText(text, { settings: DEFAULT_SETTINGS, workspace: workspaceOf([]) });

describe('robustness: Helm templates, kustomize and patches', () => {
  it('a Helm chart template gets exactly one Information notice and no false YAML errors', () => {
    const a = analyse(HELM_TEMPLATE);
    assert.deepEqual([a.findings.length, a.problems.length], [0, 0]);
    assert.match(a.skipped?.reason ?? '', /Go template expressions \(\{\{ \}\}\)/);
    assert.equal(HELM_TEMPLATE.slice(a.skipped!.span.start, a.skipped!.span.end), '{{ include "chart.fullname" . }}');
  });

  it('a template whose only expression is a `{{-` trim marker is skipped too', () => {
    assert.ok(analyse('apiVersion: v1\nkind: Pod\nmetadata:\n  {{- with .Values.meta }}\n  name: x\n  {{- end }}\n').skipped);
  });

  it("a file of a chart's templates/ folder without {{ }} is plain YAML and is analysed", () => {
    const a = analyse('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: nginx, securityContext: {privileged: true}}\n');
    assert.equal(a.skipped, undefined);
    assert.ok(a.findings.some((f) => f.ruleId === 'privileged-container'));
  });

  it('kustomization.yaml (Kustomization, Component) gets no findings and no problems', () => {
    for (const text of [KUSTOMIZATION, KUSTOMIZATION.replace('v1beta1\nkind: Kustomization', 'v1alpha1\nkind: Component')]) {
      const a = analyse(text);
      assert.deepEqual([a.findings.map((f) => f.ruleId), a.problems.length], [[], 0]);
    }
  });

  it('a strategic-merge patch without template or containers (spec.replicas only) gets no findings', () => {
    assert.deepEqual(analyze(REPLICAS_PATCH).findings.map((f) => f.ruleId), []);
  });

  it('a patch of the pod template without containers gets no "missing field" findings', () => {
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      securityContext: {fsGroup: 2000}\n      volumes: [{name: cache, emptyDir: {}}]\n';
    assert.deepEqual(analyze(patch).findings.map((f) => f.ruleId), []);
  });

  it('a patch that sets a dangerous value is still reported, at that value', () => {
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      securityContext: {runAsUser: 0}\n      volumes: [{name: docker, hostPath: {path: /var/run/docker.sock}}]\n';
    const { findings, text } = analyze(patch);
    assert.deepEqual(findings.map((f) => `${f.ruleId}=${covered(f, text)}`).sort(), ['host-namespaces=hostNetwork: true', 'restricted-volume-types=hostPath', 'run-as-root-user=runAsUser: 0']);
  });

  it('a whole Deployment (containers with images) is still reported for missing fields', () => {
    const whole = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n';
    const ruleIds = analyze(whole).findings.map((f) => f.ruleId);
    for (const id of ['run-as-non-root', 'seccomp-profile-restricted', 'memory-limit-missing']) assert.ok(ruleIds.includes(id), `${id} in ${ruleIds.join(', ')}`);
  });
});
