/** `.kubeguard.yaml` parsing: the layer it yields, and problems with exact spans instead of exceptions. */
import assert from 'node:assert/strict';
import { isConfigFileName, parseConfig } from '../../../server/src/config/configFile';
import { yaml } from '../../support/yamlText';

/** `line:col severity message-start` for each problem, 1-based like editors show. */
function problems(text: string): string[] {
  return parseConfig(text).problems.map((p) => {
    const before = text.slice(0, p.span.start).split('\n');
    return `${before.length}:${before[before.length - 1]!.length + 1} ${p.severity} ${text.slice(p.span.start, p.span.end)}`;
  });
}

describe('.kubeguard.yaml', () => {
  it('is recognised by name, .yaml and .yml', () => {
    assert.deepEqual(['.kubeguard.yaml', '.kubeguard.yml', 'kubeguard.yaml', '.kubeguard.json'].map(isConfigFileName), [true, true, false, false]);
  });

  it('reads every setting, in the shape of the kubeguard.* settings', () => {
    const parsed = parseConfig(yaml`
      podSecurity:
        level: baseline
        version: v1.30
      rules:
        image-latest-tag: off
        host-namespaces: warning
        network-policy-missing: { enabled: true, severity: warning }
        rbac-delete-broad: on
      strict: true
      exclude: ["vendor/**", "**/*.generated.yaml"]
      excludeNamespaces: [kube-system]
      networkPolicy:
        required: true
        placement: newFile
    `);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.layer, {
      podSecurity: { level: 'baseline', version: 'v1.30' },
      rules: {
        'image-latest-tag': { enabled: false },
        'host-namespaces': { enabled: true, severity: 'warning' },
        'network-policy-missing': { enabled: true, severity: 'warning' },
        'rbac-delete-broad': { enabled: true },
      },
      strict: true,
      exclude: ['vendor/**', '**/*.generated.yaml'],
      excludeNamespaces: ['kube-system'],
      networkPolicy: { placement: 'newFile', required: true },
    });
  });

  it('treats an empty file as setting nothing', () => {
    assert.deepEqual(parseConfig('').layer, {});
    assert.deepEqual(parseConfig('# only a comment\n').problems, []);
  });

  it('reports wrong values where they are and ignores only them', () => {
    const text = yaml`
      podSecurity:
        level: strictest
        version: 1.30
      rules:
        no-such-rule: off
        image-latest-tag: loud
        host-namespaces: { enabled: yes, severity: warning }
      strict: "yes"
      exclude: vendor/**
      excludeNamespaces: [kube-system, 42]
      colour: blue
    `;
    assert.deepEqual(problems(text), [
      '2:10 error strictest',
      '3:12 error 1.30',
      '5:3 warning no-such-rule',
      '6:21 error loud',
      '7:31 error yes',
      '8:9 error "yes"',
      '9:10 error vendor/**',
      '10:34 error 42',
      '11:1 warning colour',
    ]);
    const { layer } = parseConfig(text);
    assert.deepEqual(layer.podSecurity, undefined);
    assert.deepEqual(layer.rules, { 'no-such-rule': { enabled: false }, 'host-namespaces': { severity: 'warning' } });
    assert.deepEqual(layer.excludeNamespaces, ['kube-system']);
    assert.equal(layer.strict, undefined);
    assert.equal(layer.exclude, undefined);
  });

  it('ignores a file with YAML errors as a whole, and says so', () => {
    const parsed = parseConfig('rules:\n  image-latest-tag: off\n  image-latest-tag: warning\n');
    assert.deepEqual(parsed.layer, {});
    assert.ok(parsed.problems.some((p) => p.severity === 'error' && /^YAML error: .*unique/i.test(p.message)), JSON.stringify(parsed.problems));
    assert.ok(parsed.problems.some((p) => /ignores this configuration file until its YAML errors are fixed/.test(p.message)));
    const broken = parseConfig('rules: [\n');
    assert.deepEqual(broken.layer, {});
    assert.ok(broken.problems.length >= 2);
  });

  it('wants a mapping at the top', () => {
    assert.deepEqual(problems('- rules\n'), ['1:1 error - rules\n']);
    assert.deepEqual(parseConfig('- rules\n').layer, {});
  });
});
