/** Suppressions: annotations, comments, settings, strict mode, unused-suppression notices, and the edits that write them. */
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/fileAnalysis';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../server/src/analysis/settings';
import { directiveUsages, IGNORED_SUPPRESSION, suppressionSource, UNUSED_SUPPRESSION } from '../../server/src/analysis/suppressions';
import { ignoreForContainerEdits, ignoreForObjectEdits, ignoreOnLineEdits, removeUnusedEdits } from '../../server/src/analysis/suppressionsEdits';
import { globToRegExp } from '../../server/src/analysis/suppressionsSettings';
import { workspaceOf } from '../../server/src/analysis/workspaceView';
import { parseManifests } from '../../server/src/document/parseManifests';
import { fixAllEdits } from '../../server/src/fixes/fixAll';
import { applyEdits } from '../../server/src/fixes/textEdit';
import type { Finding } from '../../server/src/rules/rule';

function run(text: string, settings: Partial<EngineSettings> = {}, filePath?: string): Finding[] {
  const parsed = parseManifests(text);
  const input = { settings: { ...DEFAULT_SETTINGS, ...settings }, workspace: workspaceOf(parsed.documents.flatMap((d) => d.objects)), ...(filePath ? { filePath } : {}) };
  return [...analyzeText(text, input, parsed).findings];
}

const active = (fs: Finding[], rule: string): Finding[] => fs.filter((f) => f.ruleId === rule && !f.suppressed);
const hidden = (fs: Finding[], rule: string): Finding[] => fs.filter((f) => f.ruleId === rule && f.suppressed);

/** A Deployment with two privileged containers and hostNetwork; the arguments are inserted as lines. */
const deployment = (annotations = '', templateAnnotations = ''): string =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    ...(annotations ? [annotations] : []),
    'spec:',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: web',
    ...(templateAnnotations ? [templateAnnotations] : []),
    '    spec:',
    '      hostNetwork: true',
    '      containers:',
    '      - name: web',
    '        image: nginx',
    '        securityContext:',
    '          privileged: true',
    '      - name: sidecar',
    '        image: envoy',
    '        securityContext:',
    '          privileged: true',
    '',
  ].join('\n');

describe('suppressions', () => {
  it('an object annotation hides the named rules on that object, with its reason, and nothing else', () => {
    const fs = run(deployment('  annotations:\n    kubeguard.io/ignore: "privileged-container, host-namespaces -- CNI agent needs the host network"'));
    assert.equal(active(fs, 'privileged-container').length, 0);
    assert.equal(hidden(fs, 'privileged-container').length, 2);
    assert.equal(hidden(fs, 'host-namespaces').length, 1);
    const s = hidden(fs, 'host-namespaces')[0]!.suppressed!;
    assert.deepEqual([s.by, s.reason, suppressionSource(s)], ['annotation', 'CNI agent needs the host network', 'annotation kubeguard.io/ignore']);
    assert.ok(active(fs, 'allow-privilege-escalation').length > 0, 'other rules still report');
    assert.deepEqual(fs.filter((f) => f.ruleId === UNUSED_SUPPRESSION), []);
  });

  it('accepts the annotation on the pod template of a workload too', () => {
    const fs = run(deployment('', '      annotations:\n        kubeguard.io/ignore: host-namespaces -- reason'));
    assert.equal(active(fs, 'host-namespaces').length, 0);
    assert.equal(hidden(fs, 'host-namespaces').length, 1);
  });

  it('a container annotation hides only that container\'s findings', () => {
    const fs = run(deployment('  annotations:\n    ignore-container.kubeguard.io/sidecar: "privileged-container -- mesh proxy"'));
    assert.deepEqual(active(fs, 'privileged-container').map((f) => f.container?.name), ['web']);
    assert.deepEqual(hidden(fs, 'privileged-container').map((f) => f.container?.name), ['sidecar']);
  });

  it('a next-line comment hides findings starting on the next content line only', () => {
    const text = deployment().replace('      hostNetwork: true', '      # kubeguard-disable-next-line host-namespaces -- node exporter\n\n      hostNetwork: true');
    const fs = run(text);
    assert.equal(hidden(fs, 'host-namespaces').length, 1);
    assert.equal(hidden(fs, 'host-namespaces')[0]!.suppressed!.reason, 'node exporter');
    assert.equal(active(fs, 'privileged-container').length, 2);
  });

  it('a disable-file comment hides a rule in the whole file', () => {
    const text = `# kubeguard-disable-file privileged-container -- lab cluster\n${deployment()}---\n${deployment().replace('name: web\n  namespace', 'name: web2\n  namespace')}`;
    const fs = run(text);
    assert.equal(active(fs, 'privileged-container').length, 0);
    assert.equal(hidden(fs, 'privileged-container').length, 4);
  });

  it('a "#" line inside a block scalar is content, not a directive', () => {
    const text = deployment() + '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\ndata:\n  run.sh: |\n    # kubeguard-disable-file privileged-container -- not a comment\n    echo hi\n';
    assert.equal(active(run(text), 'privileged-container').length, 2);
  });

  it('reports unknown rule ids and suppressions that hide nothing, once per directive', () => {
    const fs = run(deployment('  annotations:\n    kubeguard.io/ignore: "host-namespaces, host-ports, no-such-rule -- reason"'));
    const notices = fs.filter((f) => f.ruleId === UNUSED_SUPPRESSION);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.severity, 'information');
    assert.match(notices[0]!.message, /host-ports reports nothing on Deployment web/);
    assert.match(notices[0]!.message, /no-such-rule is not a KubeGuard rule id/);
    assert.ok(!notices[0]!.message.includes('host-namespaces'), 'used ids are not listed');
  });

  it('strict mode ignores in-manifest suppressions and says so with a hint', () => {
    const fs = run(deployment('  annotations:\n    kubeguard.io/ignore: "host-namespaces -- reason"'), { strict: true });
    assert.equal(active(fs, 'host-namespaces').length, 1);
    const ignored = fs.filter((f) => f.ruleId === IGNORED_SUPPRESSION);
    assert.equal(ignored.length, 1);
    assert.equal(ignored[0]!.severity, 'hint');
  });

  it('settings exclude namespaces and files, even in strict mode', () => {
    const ns = run(deployment(), { excludeNamespaces: ['shop'], strict: true });
    assert.ok(ns.length > 0 && ns.every((f) => f.suppressed?.by === 'settings'));
    const file = run(deployment(), { exclude: ['vendor/**'] }, 'vendor/charts/web.yaml');
    assert.ok(file.length > 0 && file.every((f) => f.suppressed?.by === 'settings'));
    assert.ok(run(deployment(), { exclude: ['vendor/**'] }, 'apps/web.yaml').some((f) => !f.suppressed));
  });

  it('matches globs as files.exclude does', () => {
    const m = (g: string, p: string): boolean => globToRegExp(g).test(p);
    assert.ok(m('**/*.gen.yaml', 'a/b/x.gen.yaml') && m('**/*.gen.yaml', 'x.gen.yaml'));
    assert.ok(m('charts/*/templates/**', 'charts/web/templates/a/b.yaml') && !m('charts/*/templates/**', 'charts/web/x/templates/a.yaml'));
    assert.ok(m('{dev,test}/*.yaml', 'test/a.yaml') && !m('{dev,test}/*.yaml', 'prod/a.yaml'));
    assert.ok(!m('*.yaml', 'a/b.yaml') && m('a?.yml', 'ab.yml'));
  });

  it('fix-all leaves suppressed findings alone', () => {
    const text = deployment('  annotations:\n    kubeguard.io/ignore: "host-namespaces -- reason"');
    const out = applyEdits(text, fixAllEdits(parseManifests(text), run(text)).edits);
    assert.match(out, /hostNetwork: true/);
    assert.ok(!out.includes('privileged: true'));
  });
});

describe('suppression edits', () => {
  const text = deployment();
  const parsed = parseManifests(text);
  const fs = run(text);
  const priv = fs.find((f) => f.ruleId === 'privileged-container' && f.container?.name === 'sidecar')!;

  it('writes the object annotation with a reason placeholder, and extends it for another rule', () => {
    const once = applyEdits(text, ignoreForObjectEdits(parsed, priv)!);
    assert.ok(once.includes('metadata:\n  name: web\n  namespace: shop\n  annotations:\n    kubeguard.io/ignore: "privileged-container -- TODO: reason"\n'), once);
    assert.equal(active(run(once), 'privileged-container').length, 0);
    const host = run(once).find((f) => f.ruleId === 'host-namespaces')!;
    const twice = applyEdits(once, ignoreForObjectEdits(parseManifests(once), host)!);
    assert.match(twice, /kubeguard.io\/ignore: "privileged-container, host-namespaces -- TODO: reason"/);
    assert.equal(active(run(twice), 'host-namespaces').length, 0);
  });

  it('writes the container annotation', () => {
    const out = applyEdits(text, ignoreForContainerEdits(parsed, priv)!);
    assert.match(out, /ignore-container.kubeguard.io\/sidecar: "privileged-container -- TODO: reason"/);
    assert.deepEqual(active(run(out), 'privileged-container').map((f) => f.container?.name), ['web']);
  });

  it('writes a next-line comment at the line\'s indentation, and extends one already there', () => {
    const out = applyEdits(text, ignoreOnLineEdits(parsed, priv)!);
    assert.ok(out.endsWith('          # kubeguard-disable-next-line privileged-container -- TODO: reason\n          privileged: true\n'), out);
    assert.equal(hidden(run(out), 'privileged-container').length, 1);
    const crlf = text.replace(/\n/g, '\r\n');
    const crlfOut = applyEdits(crlf, ignoreOnLineEdits(parseManifests(crlf), run(crlf).find((f) => f.ruleId === 'host-namespaces')!)!);
    assert.ok(crlfOut.includes('      # kubeguard-disable-next-line host-namespaces -- TODO: reason\r\n      hostNetwork: true\r\n'));
    // A second rule on the same line joins the existing comment.
    const twice = out.replace('privileged: true\n', 'privileged: true\n').replace('# kubeguard-disable-next-line privileged-container', '# kubeguard-disable-next-line other-rule');
    const p2 = parseManifests(twice);
    const f2 = run(twice).find((f) => f.ruleId === 'privileged-container' && f.container?.name === 'sidecar')!;
    assert.match(applyEdits(twice, ignoreOnLineEdits(p2, f2)!), /# kubeguard-disable-next-line other-rule, privileged-container -- TODO: reason\n {10}privileged: true\n$/);
  });

  it('removes unused ids, or the whole directive', () => {
    const withUnused = deployment('  annotations:\n    kubeguard.io/ignore: "host-namespaces, host-ports -- why"\n    team: a');
    const p = parseManifests(withUnused);
    const usage = directiveUsages(p, run(withUnused), DEFAULT_SETTINGS)[0]!;
    assert.match(applyEdits(withUnused, removeUnusedEdits(p, usage)!), /kubeguard.io\/ignore: "host-namespaces -- why"\n {4}team: a/);
    const stale = deployment('  annotations:\n    kubeguard.io/ignore: "host-ports -- why"');
    const ps = parseManifests(stale);
    const out = applyEdits(stale, removeUnusedEdits(ps, directiveUsages(ps, run(stale), DEFAULT_SETTINGS)[0]!)!);
    assert.ok(!out.includes('annotations'), out);
    const comment = `# kubeguard-disable-file no-such-rule -- x\n${deployment()}`;
    const pc = parseManifests(comment);
    assert.equal(applyEdits(comment, removeUnusedEdits(pc, directiveUsages(pc, run(comment), DEFAULT_SETTINGS)[0]!)!), deployment());
  });
});
