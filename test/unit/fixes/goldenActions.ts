/**
 * The actions golden files name in their first line, `# golden: <action> <args…>`, run through the pure
 * core exactly as the code actions run them. Each returns the whole new text of the file.
 */
import { analyzeText } from '../../../server/src/analysis/fileAnalysis';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';
import { directiveUsages } from '../../../server/src/analysis/suppressions';
import { ignoreForContainerEdits, ignoreForObjectEdits, ignoreOnLineEdits, removeUnusedEdits } from '../../../server/src/analysis/suppressionsEdits';
import { workspaceOf } from '../../../server/src/analysis/workspaceView';
import type { K8sObject } from '../../../server/src/document/k8sObject';
import { parseManifests, type ParsedFile } from '../../../server/src/document/parseManifests';
import { isWorkload } from '../../../server/src/document/workloads';
import { editsForIntents } from '../../../server/src/fixes/applyIntents';
import { fixAllEdits } from '../../../server/src/fixes/fixAll';
import { restrictedPatch } from '../../../server/src/fixes/harden';
import { extraHardeningIntents, type ExtraHardening } from '../../../server/src/fixes/hardenExtras';
import type { FixIntent } from '../../../server/src/fixes/intent';
import { defaultDenyPolicy, workloadNetworkPolicy } from '../../../server/src/fixes/networkPolicy';
import { insertDocumentAfter, renderObject, styleOf } from '../../../server/src/fixes/networkPolicyYaml';
import { applyEdits, type OffsetEdit } from '../../../server/src/fixes/textEdit';
import { parsePolicyVersion } from '../../../server/src/pss/policy';
import type { Finding } from '../../../server/src/rules/rule';

export interface GoldenResult {
  readonly text: string;
  /** Generated objects (NetworkPolicies), for schema validation. */
  readonly generated: readonly Record<string, unknown>[];
}

export function runGolden(text: string): GoldenResult {
  const header = /^# golden: (.+?)\r?$/m.exec(text);
  if (!header) throw new Error('golden input must start with "# golden: <action> <args>"');
  const [action, ...args] = header[1]!.trim().split(/\s+/);
  const parsed = parseManifests(text);
  const objects = parsed.documents.flatMap((d) => d.objects);
  const workspace = workspaceOf(objects);
  const findings = [...analyzeText(text, { settings: DEFAULT_SETTINGS, workspace }, parsed).findings];
  const byName = (name: string | undefined): K8sObject => {
    // Workloads first: a Service usually shares its workload's name.
    const o = name === undefined ? objects.find(isWorkload) : (objects.find((x) => x.name === name && isWorkload(x)) ?? objects.find((x) => x.name === name));
    if (!o) throw new Error(`no object ${name ?? '(first workload)'}`);
    return o;
  };
  const finding = (rule: string | undefined, nth = '1'): Finding => {
    const f = findings.filter((x) => x.ruleId === rule && !x.suppressed)[Number(nth) - 1];
    if (!f) throw new Error(`no finding ${rule} #${nth}; have ${findings.map((x) => x.ruleId).join(', ')}`);
    return f;
  };
  const edited = (edits: readonly OffsetEdit[] | undefined): GoldenResult => {
    if (!edits) throw new Error(`${action} offers no edit`);
    return { text: applyEdits(text, edits), generated: [] };
  };
  switch (action) {
    case 'fix': {
      const f = finding(args[0], args[1]);
      return edited(editsForIntents({ document: parsed.documents[f.object.documentIndex]!, objectPath: f.objectPath }, f.fix!.intents));
    }
    case 'fix-all':
      return edited(fixAllEdits(parsed, findings).edits);
    case 'harden': {
      const o = byName(args[1]);
      const minor = parsePolicyVersion(args[0] ?? 'latest')!;
      return edited(objectEdits(o, restrictedPatch(o, minor)!.intents));
    }
    case 'extra': {
      const o = byName(args[1]);
      return edited(objectEdits(o, extraHardeningIntents(o, args[0] as ExtraHardening) ?? []));
    }
    case 'ignore-object':
      return edited(ignoreForObjectEdits(parsed, finding(args[0], args[1])));
    case 'ignore-container':
      return edited(ignoreForContainerEdits(parsed, findings.find((f) => f.ruleId === args[0] && f.container?.name === args[1])!));
    case 'ignore-line':
      return edited(ignoreOnLineEdits(parsed, finding(args[0], args[1])));
    case 'remove-unused':
      return edited(removeUnusedEdits(parsed, directiveUsages(parsed, findings, DEFAULT_SETTINGS)[Number(args[0] ?? '1') - 1]!));
    case 'default-deny': {
      const ns = args[0]!;
      const policy = defaultDenyPolicy(ns, workspace);
      const at = args[1] !== undefined ? byName(args[1]) : (objects.find((x) => x.kind === 'Namespace' && x.name === ns) ?? objects.find((x) => x.namespace === ns));
      if (!at) throw new Error(`no object in namespace ${ns}`);
      return insertAfter(parsed, at, policy);
    }
    case 'network-policy': {
      const o = byName(args[0]);
      const result = workloadNetworkPolicy(o, workspace, styleOf(parsed, o.document.index));
      if ('error' in result) throw new Error(result.error);
      return insertAfter(parsed, o, result.policy);
    }
    default:
      throw new Error(`unknown golden action ${action}`);
  }
}

function objectEdits(o: K8sObject, intents: readonly FixIntent[]): OffsetEdit[] | undefined {
  return editsForIntents({ document: o.document, objectPath: o.pathInDocument }, intents);
}

function insertAfter(parsed: ParsedFile, o: K8sObject, policy: ReturnType<typeof defaultDenyPolicy>): GoldenResult {
  const style = styleOf(parsed, o.document.index);
  const edit = insertDocumentAfter(parsed, o.document.index, renderObject(policy, style), style)!;
  return { text: applyEdits(parsed.text, [edit]), generated: [policy.value] };
}
