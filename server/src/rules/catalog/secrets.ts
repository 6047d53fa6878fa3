/** Secrets and credentials in manifests: literal credentials in env, args and ConfigMaps; Secrets committed with data. */
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { K8sObject } from '../../document/k8sObject';
import { span, type Span } from '../../document/span';
import { asMap, keyText, scalarOf } from '../../document/yamlNodes';
import type { Rule } from '../rule';
import { credentialReason, isInertValue, knownCredentialFormat } from './credentials';
import { entries, subject } from './podFacts';

export const secretInEnv: Rule = {
  id: 'secret-in-env',
  title: 'Secret exposed as environment variables',
  category: 'secrets',
  severity: 'information',
  enabledByDefault: false,
  description: 'Flags `env[*].valueFrom.secretKeyRef` and `envFrom[*].secretRef` entries.',
  rationale:
    'Environment variables leak more easily than files: they are inherited by every child process, printed by crash reporters and debug endpoints, readable in /proc/<pid>/environ, and they cannot be rotated without a restart. A Secret mounted as a volume avoids all of that and is updated in place.',
  remediation: 'Mount the Secret as a volume (readOnly) and read the value from the file.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].env[*].valueFrom.secretKeyRef', 'spec.{initContainers,containers,ephemeralContainers}[*].envFrom[*].secretRef'],
  concepts: ['SEC-SECRET-ENV-REF'],
  peers: { 'kube-linter': 'read-secret-from-env-var', kubesec: 'SecretsAsEnvironmentVariables', kubescape: 'C-0207', checkov: 'CKV_K8S_35' },
  defaultsNote:
    'Off by default: secrets in environment variables are the norm for twelve-factor applications and most Helm charts, and moving them to files needs application changes. Turn it on where secret files are policy.',
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const c of pod?.containers ?? []) {
      for (const e of entries(object, ['env'], c.node)) {
        if (!e.node || !object.has(['valueFrom', 'secretKeyRef'], e.node)) continue;
        const name = object.value(['name'], e.node);
        const secret = object.value(['valueFrom', 'secretKeyRef', 'name'], e.node);
        report({ span: object.keySpan(['valueFrom', 'secretKeyRef'], e.node)!, container: c, message: `${subject(c)} reads Secret ${String(secret ?? '?')} into the environment variable ${String(name ?? '?')}.` });
      }
      for (const e of entries(object, ['envFrom'], c.node)) {
        if (!e.node || !object.has(['secretRef'], e.node)) continue;
        const secret = object.value(['secretRef', 'name'], e.node);
        report({ span: object.keySpan(['secretRef'], e.node)!, container: c, message: `${subject(c)} loads every key of Secret ${String(secret ?? '?')} into its environment (envFrom).` });
      }
    }
  },
};

/** `--password=hunter2` style arguments: the flag name and its inline value. */
const INLINE_FLAG = /^--?([A-Za-z0-9][A-Za-z0-9_.-]*)=(.+)$/s;

export const credentialInEnv: Rule = {
  id: 'credential-in-env',
  title: 'Credential written into the manifest',
  category: 'secrets',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags literal `env[*].value`s that look like credentials: a name that says secret (PASSWORD, TOKEN, API_KEY, SECRET_KEY…, but not TOKEN_URL, SECRET_NAME, PASSWORD_FILE…) with a real-looking value (not empty, a placeholder such as changeme or <…>, a `${…}`/`$(…)` reference, a path, a boolean or a small number), or a value in a well-known token format whatever the name (AWS access key id, private key, GitHub/GitLab/Slack/Stripe/Google tokens, JWT, password in a URL or connection string). Also checks `command`/`args` for token formats and `--password=…`-style flags.',
  rationale:
    'A credential in a manifest is in version control, in every clone, in CI logs and in the API server\'s object (readable by anyone who can get the pod spec). It cannot be rotated without a commit, and it is usually shared across environments. Secrets keep it out of the repository and under separate RBAC.',
  remediation: 'Move the value into a Secret (created out of band, or by a secret manager) and reference it with valueFrom.secretKeyRef.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].env[*].{name,value}', 'spec.{initContainers,containers,ephemeralContainers}[*].{command,args}'],
  concepts: ['SEC-SECRET-ENV-LITERAL'],
  peers: { polaris: 'sensitiveContainerEnvVar', 'kube-linter': 'env-var-secret', kubescape: 'C-0012' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const c of pod?.containers ?? []) {
      for (const e of entries(object, ['env'], c.node)) {
        if (!e.node) continue;
        const name = object.value(['name'], e.node);
        const value = object.value(['value'], e.node);
        if (typeof name !== 'string' || value === undefined || value === null || typeof value === 'boolean') continue;
        const reason = credentialReason(name, String(value));
        if (!reason) continue;
        report({ span: object.valueSpan(['value'], e.node)!, container: c, message: `${subject(c)}: environment variable ${name} ${reason}; keep it in a Secret.` });
      }
      for (const field of ['command', 'args']) {
        for (const e of entries(object, [field], c.node)) {
          if (typeof e.value !== 'string') continue;
          const flag = INLINE_FLAG.exec(e.value);
          const reason = flag ? credentialReason(flag[1]!, flag[2]!) : knownCredentialFormat(e.value) && `holds ${knownCredentialFormat(e.value)!}`;
          if (!reason) continue;
          report({ span: e.span, container: c, message: `${subject(c)}: an entry of ${field} ${reason}; pass it from a Secret instead.` });
        }
      }
    }
  },
};

/** Where `line` sits inside a (block) scalar's source, so the squiggle lands on the offending line. */
function lineSpan(obj: K8sObject, valueNode: Node, line: string): Span | undefined {
  const r = valueNode.range;
  if (!r) return undefined;
  const source = obj.document.text.slice(r[0], r[1]);
  const needle = line.trim();
  const at = source.indexOf(needle);
  if (at === -1 || needle === '') return undefined;
  const start = obj.document.start + r[0] + at;
  return span(start, start + needle.length);
}

/** `password = hunter2`, `"token": "abc"`, `db.password: x` inside an embedded config file. */
const CONFIG_LINE = /^\s*["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*(.*?)\s*,?\s*$/;

/** The first credential-looking line of a multi-line value: its text and why. */
function credentialLine(text: string): { line: string; reason: string } | undefined {
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(?:#|\/\/|;)/.test(line)) continue;
    const format = knownCredentialFormat(line);
    if (format) return { line, reason: `holds ${format}` };
    const m = CONFIG_LINE.exec(line);
    if (!m) continue;
    const value = m[2]!.replace(/\s+(?:#|\/\/).*$/, '');
    if (/^[{[]/.test(value)) continue;
    const reason = credentialReason(m[1]!, value);
    if (reason) return { line, reason: `sets ${m[1]!}, which ${reason}` };
  }
  return undefined;
}

export const credentialInConfigMap: Rule = {
  id: 'credential-in-configmap',
  title: 'Credential in a ConfigMap',
  category: 'secrets',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags ConfigMap `data` entries that look like credentials: a secret-looking key (password, token, api-key…) with a real-looking value, a value in a well-known token format, or an embedded configuration file (properties, INI, YAML, JSON) with such a line. One finding per entry, on the offending line. Same name and value heuristics as credential-in-env.',
  rationale:
    'ConfigMaps are meant to be read widely: they are not encrypted at rest by default, RBAC often grants get/list on them to many roles, and tools print them freely. A credential in a ConfigMap is exposed to all of those readers and to the repository it is committed to.',
  remediation: 'Move the credential into a Secret and mount or reference it from there; keep only non-secret settings in the ConfigMap.',
  reads: ['data'],
  concepts: ['SEC-CONFIGMAP-SECRET'],
  peers: { polaris: 'sensitiveConfigmapContent', kubescape: 'C-0012', trivy: 'KSV-01010, KSV-0109' },
  appliesTo: ['ConfigMap'],
  check({ object, report }) {
    const data = asMap(object.get(['data']));
    if (!data) return;
    for (const pair of data.items) {
      const key = keyText(pair.key);
      const node = object.document.resolve(pair.value);
      const value = scalarOf(node);
      if (key === undefined || !node || value === undefined || value === null || typeof value === 'boolean') continue;
      const text = String(value);
      if (!text.includes('\n')) {
        const reason = credentialReason(key, text);
        if (reason) report({ span: object.spanOf(node) ?? object.keySpan(['data', key])!, message: `ConfigMap ${object.name ?? '(unnamed)'}: key ${key} ${reason}; keep it in a Secret.` });
        continue;
      }
      const found = credentialLine(text);
      if (!found) continue;
      report({
        span: lineSpan(object, node, found.line) ?? object.keySpan(['data', key])!,
        message: `ConfigMap ${object.name ?? '(unnamed)'}: the file in key ${key} ${found.reason}; keep it in a Secret.`,
      });
    }
  },
};

/** Values a Secret manifest commits: `data` decoded from base64, `stringData` as written. */
function committedValues(map: YAMLMap | undefined, obj: K8sObject, base64: boolean): string[] {
  const out: string[] = [];
  for (const pair of map?.items ?? []) {
    const node = obj.document.resolve(pair.value);
    const v = isScalar(node) ? scalarOf(node) : undefined;
    if (v === undefined || v === null) continue;
    const raw = String(v);
    if (raw.startsWith('ENC[')) continue; // SOPS-encrypted value
    const text = base64 ? Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8') : raw;
    if (!isInertValue(text)) out.push(text);
  }
  return out;
}

export const secretDataInManifest: Rule = {
  id: 'secret-data-in-manifest',
  title: 'Secret committed with its data',
  category: 'secrets',
  severity: 'information',
  enabledByDefault: true,
  description:
    'Flags Secret manifests whose `data` or `stringData` carries real-looking values (empty values and placeholders such as changeme or `${VAR}` are ignored). SOPS-encrypted files (a top-level `sops:` key or `ENC[…]` values) are not reported; SealedSecret and ExternalSecret objects are other kinds and never are.',
  rationale:
    '`data` is base64, an encoding anyone can reverse; a Secret manifest in a repository is a plaintext credential in every clone and in the history forever. Keeping only a reference in Git — a SealedSecret, an ExternalSecret pointing at a secret store, or a SOPS-encrypted file — keeps the value out.',
  remediation: 'Replace the Secret with a SealedSecret or an ExternalSecret (or encrypt the file with SOPS) and rotate the exposed values.',
  reads: ['data', 'stringData', 'type'],
  concepts: [],
  peers: {},
  defaultsNote: 'Information: local-development and test manifests often carry throwaway Secrets; the finding is a reminder, not a blocker.',
  appliesTo: ['Secret'],
  check({ object, report }) {
    if (object.has(['sops'])) return;
    const data = object.get(['data']);
    const stringData = object.get(['stringData']);
    const fromData = committedValues(isMap(data) ? data : undefined, object, true);
    const fromString = committedValues(isMap(stringData) ? stringData : undefined, object, false);
    const n = fromData.length + fromString.length;
    if (n === 0) return;
    const where = fromString.length > 0 ? 'stringData' : 'data';
    report({
      span: object.keySpan([where])!,
      message: `Secret ${object.name ?? '(unnamed)'} commits ${n} value${n === 1 ? '' : 's'} to the manifest${where === 'data' ? ' (base64 is an encoding, not encryption)' : ' in plaintext'}; use a SealedSecret, an ExternalSecret or SOPS.`,
    });
  },
};

export const SECRET_RULES: readonly Rule[] = [credentialInEnv, credentialInConfigMap, secretDataInManifest, secretInEnv];
