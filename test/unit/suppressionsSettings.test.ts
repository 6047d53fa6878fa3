/** The settings behind suppressions and NetworkPolicy placement, as the language server reads them. */
import assert from 'node:assert/strict';
import { toEngineSettings, workspaceRelativePath } from '../../server/src/lsp/settings';

describe('suppression settings', () => {
  it('reads strict, exclude, excludeNamespaces and networkPolicy.placement, ignoring malformed entries', () => {
    const s = toEngineSettings({ strict: true, exclude: ['vendor/**', 3, ' '], excludeNamespaces: ['kube-system', null], networkPolicy: { placement: 'newFile' } });
    assert.deepEqual([s.strict, s.exclude, s.excludeNamespaces, s.networkPolicyPlacement], [true, ['vendor/**'], ['kube-system'], 'newFile']);
    const d = toEngineSettings(undefined);
    assert.deepEqual([d.strict, d.exclude, d.excludeNamespaces, d.networkPolicyPlacement], [false, [], [], 'sameFile']);
  });

  it('matches exclude patterns against the path relative to the workspace folder', () => {
    const folders = ['file:///home/me/infra', 'file:///home/me/apps/'];
    assert.equal(workspaceRelativePath('file:///home/me/infra/charts/web/values.yaml', folders), 'charts/web/values.yaml');
    assert.equal(workspaceRelativePath('file:///home/me/apps/a%20b.yaml', folders), 'a b.yaml');
    assert.equal(workspaceRelativePath('file:///home/me/infra-old/x.yaml', folders), undefined);
    assert.equal(workspaceRelativePath('untitled:Untitled-1', folders), undefined);
  });
});
