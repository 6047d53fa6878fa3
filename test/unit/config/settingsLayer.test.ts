/**
 * Precedence: defaults < .kubeguard.yaml < settings the user set explicitly in VS Code (or CLI flags).
 * Rules merge per rule id and per field; exclude lists add up.
 */
import assert from 'node:assert/strict';
import { parseConfig } from '../../../server/src/config/configFile';
import { layerFromSection } from '../../../server/src/config/sectionLayer';
import { LAYER_KEYS, mergeLayers, onlyKeys, type SettingsLayer } from '../../../server/src/config/settingsLayer';
import { userLayer } from '../../../server/src/lsp/settings';
import { ANALYSIS_SETTING_KEYS, EXPLICIT_SETTINGS_KEY } from '../../../server/src/protocol';
import { yaml } from '../../support/yamlText';

const file = parseConfig(yaml`
  podSecurity:
    level: baseline
    version: v1.30
  rules:
    image-latest-tag: off
    host-namespaces: { severity: warning }
  exclude: ["vendor/**"]
  excludeNamespaces: [kube-system]
  networkPolicy:
    required: true
`).layer;

function merged(user: SettingsLayer): ReturnType<typeof mergeLayers> {
  return mergeLayers([
    { layer: file, origin: 'file' },
    { layer: user, origin: 'settings' },
  ]);
}

describe('settings layers', () => {
  it('fall back to the defaults, with the defaults named as the policy origin', () => {
    assert.deepEqual(mergeLayers([]), {
      podSecurity: { level: 'restricted', version: 'latest', origin: 'default' },
      rules: {},
      strict: false,
      exclude: [],
      excludeNamespaces: [],
      networkPolicyPlacement: 'sameFile',
      networkPolicyRequired: false,
    });
  });

  it('take the repository file over the defaults', () => {
    const s = merged({});
    assert.deepEqual(s.podSecurity, { level: 'baseline', version: 'v1.30', origin: 'file' });
    assert.deepEqual(s.rules, { 'image-latest-tag': { enabled: false }, 'host-namespaces': { severity: 'warning' } });
    assert.equal(s.networkPolicyRequired, true);
  });

  it('take explicit user settings over the file, per key, per rule id and per rule field', () => {
    const s = merged({
      podSecurity: { level: 'restricted' },
      rules: { 'image-latest-tag': { enabled: true, severity: 'information' }, 'host-namespaces': { enabled: false } },
      networkPolicy: { required: false },
    });
    assert.deepEqual(s.podSecurity, { level: 'restricted', version: 'v1.30', origin: 'settings' });
    assert.deepEqual(s.rules, { 'image-latest-tag': { enabled: true, severity: 'information' }, 'host-namespaces': { severity: 'warning', enabled: false } });
    assert.equal(s.networkPolicyRequired, false);
  });

  it('add up exclude lists instead of replacing them', () => {
    const s = merged({ exclude: ['scratch/**', 'vendor/**'], excludeNamespaces: ['sandbox'] });
    assert.deepEqual(s.exclude, ['vendor/**', 'scratch/**']);
    assert.deepEqual(s.excludeNamespaces, ['kube-system', 'sandbox']);
  });

  it('let only the keys the client marks as explicit override the file (VS Code sends defaults too)', () => {
    const section = {
      podSecurity: { level: 'restricted', version: 'latest' },
      rules: { 'image-latest-tag': 'warning' },
      strict: false,
      exclude: [],
      excludeNamespaces: [],
      networkPolicy: { placement: 'sameFile', required: false },
      [EXPLICIT_SETTINGS_KEY]: ['rules'],
    };
    const s = merged(userLayer(section));
    assert.deepEqual(s.podSecurity, { level: 'baseline', version: 'v1.30', origin: 'file' });
    assert.deepEqual(s.rules['image-latest-tag'], { enabled: true, severity: 'warning' });
    assert.equal(s.networkPolicyRequired, true);
    // Without the marker (other LSP clients), every key sent counts as set.
    const { [EXPLICIT_SETTINGS_KEY]: _marker, ...plain } = section;
    assert.deepEqual(merged(userLayer(plain)).podSecurity, { level: 'restricted', version: 'latest', origin: 'settings' });
  });

  it('name the same keys in the client protocol and in the core', () => {
    assert.deepEqual([...ANALYSIS_SETTING_KEYS], [...LAYER_KEYS]);
    const all = layerFromSection({ podSecurity: { level: 'baseline', version: 'v1.2' }, rules: {}, strict: true, exclude: ['a'], excludeNamespaces: ['b'], networkPolicy: { placement: 'newFile', required: true } });
    assert.deepEqual(onlyKeys(all, new Set(LAYER_KEYS)), all);
    assert.deepEqual(onlyKeys(all, new Set()), {});
  });
});
