/** The status bar item's wording (client/src/statusBarText.ts): text, tooltip and the level picker's entries. */
import assert from 'node:assert/strict';
import { accessibleLabel, escapeMarkdown, levelPickEntries, policyText, statusView, versionProblem } from '../../../client/src/statusBarText';
import type { FilePodSecurity, FileStatusNotification, NamespacePodSecurity } from '../../../server/src/protocol';

const configured: FilePodSecurity = { level: 'restricted', version: 'latest', origin: 'settings', workloads: 1, namespaces: [] };
const shop: NamespacePodSecurity = { namespace: 'shop', level: 'baseline', version: 'v1.30', fromLabels: ['level', 'version'], invalid: [], workloads: 2 };
const none = { error: 0, warning: 0, information: 0, hint: 0 };

function status(extra: Partial<FileStatusNotification.Params>): FileStatusNotification.Params {
  return { uri: 'file:///w/a.yaml', version: 3, findings: 0, suppressed: 0, bySeverity: none, podSecurity: configured, ...extra };
}

describe('client/status bar text', () => {
  it('shows level, version and the finding count, with suppressed findings only when there are any', () => {
    assert.equal(statusView(status({ findings: 3, bySeverity: { ...none, error: 2, warning: 1 } })).text, '$(shield) restricted · latest · 3 findings');
    assert.equal(statusView(status({ findings: 1, suppressed: 2 })).text, '$(shield) restricted · latest · 1 finding · 2 suppressed');
    assert.equal(statusView(status({})).text, '$(shield) restricted · latest · no findings');
    // A server that sends no policy still gets its counts shown.
    assert.equal(statusView({ uri: 'u', version: 1, findings: 2, suppressed: 0 }).text, '$(shield) 2 findings');
  });

  it('names the policy the workloads are checked at: a Namespace\'s when it governs them all, "mixed" when they differ', () => {
    assert.equal(policyText({ ...configured, workloads: 0, namespaces: [shop] }), 'baseline · v1.30');
    assert.equal(policyText({ ...configured, workloads: 1, namespaces: [shop] }), 'mixed');
    assert.equal(policyText({ ...configured, workloads: 0, namespaces: [shop, { ...shop, namespace: 'web', level: 'restricted' }] }), 'mixed');
    // Same effective policy from two sources is not mixed.
    assert.equal(policyText({ ...configured, workloads: 1, namespaces: [{ ...shop, level: 'restricted', version: 'latest' }] }), 'restricted · latest');
    // No workloads at all: what a workload added to the file would get.
    assert.equal(policyText({ ...configured, workloads: 0 }), 'restricted · latest');
  });

  it('explains level, version, origin, namespaces, severities and suppressions in the tooltip', () => {
    const t = statusView(status({ findings: 4, suppressed: 1, bySeverity: { error: 2, warning: 1, information: 1, hint: 0 }, podSecurity: { ...configured, origin: 'file', namespaces: [{ ...shop, fromLabels: ['level'] }] } })).tooltip;
    assert.match(t, /Level \*\*restricted\*\*, version \*\*latest\*\*, from \.kubeguard\.yaml \(1 workload of this file\)/);
    assert.match(t, /Namespace `shop`: level \*\*baseline\*\*, version \*\*v1\.30\*\*, from its enforce label \(version configured\) \(2 workloads\)/);
    assert.match(t, /4 findings: 2 errors, 1 warning, 1 information\n/);
    assert.match(t, /1 suppressed \(shown as hints/);
    assert.match(t, /\[Change level…\]\(command:kubeguard\.selectPodSecurityLevel\)/);
    assert.doesNotMatch(statusView(status({})).tooltip, /suppressed|Namespace/);
    assert.match(statusView(status({ podSecurity: { ...configured, origin: 'default' } })).tooltip, /from the default/);
  });

  it('says a skipped file is skipped, with the reason in the tooltip', () => {
    const v = statusView(status({ findings: 1, skipped: 'KubeGuard skipped this file: it contains Go template expressions' }));
    assert.equal(v.text, '$(shield) skipped');
    assert.match(v.tooltip, /Go template expressions/);
  });

  it('escapes manifest text in the tooltip so labels cannot inject links', () => {
    assert.equal(escapeMarkdown('[x](command:evil) `a` *b*'), '\\[x\\]\\(command:evil\\) \\`a\\` \\*b\\*');
    const t = statusView(status({ podSecurity: { ...configured, workloads: 0, namespaces: [{ ...shop, invalid: ['invalid "[x](command:evil)"'] }] } })).tooltip;
    assert.ok(!t.includes('](command:evil)'), t);
  });

  it('gives screen readers the text without icons', () => {
    assert.equal(accessibleLabel(statusView(status({ findings: 2 }))), 'KubeGuard: restricted · latest · 2 findings');
    assert.equal(accessibleLabel({ text: '$(loading~spin) x', tooltip: '' }), 'KubeGuard: x');
  });

  it('lists the three levels least strict first, the current one marked', () => {
    const entries = levelPickEntries('baseline');
    assert.deepEqual(entries.map((e) => [e.level, e.label, e.description]), [
      ['privileged', 'privileged', ''],
      ['baseline', '$(check) baseline', 'current'],
      ['restricted', 'restricted', ''],
    ]);
    assert.ok(entries.every((e) => e.detail.length > 0));
    assert.ok(levelPickEntries(undefined).every((e) => e.description === ''));
  });

  it('accepts the versions the setting accepts', () => {
    assert.equal(versionProblem('latest'), undefined);
    assert.equal(versionProblem('v1.30'), undefined);
    assert.equal(typeof versionProblem('1.30'), 'string');
    assert.equal(typeof versionProblem('v2.0'), 'string');
  });
});
