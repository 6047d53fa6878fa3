/**
 * The Pod Security policy a file's workloads are checked at, for the status bar: the configured one and
 * the namespaces whose Namespace manifest labels override it. Computed with the same `effectivePolicy`
 * the rules run with, so what the status bar says is what the findings were checked against.
 */
import { allObjects, type ParsedFile } from '../document/parseManifests';
import { isWorkload } from '../document/workloads';
import { effectivePolicy, type PolicyOrigin, type PolicySettings, type PssLevel } from '../pss/policy';
import type { WorkspaceView } from './workspaceView';

export interface NamespacePolicyOfFile {
  readonly namespace: string;
  readonly level: PssLevel;
  readonly version: string;
  readonly fromLabels: readonly ('level' | 'version')[];
  readonly invalid: readonly string[];
  readonly workloads: number;
}

export interface FilePolicy {
  readonly level: PssLevel;
  readonly version: string;
  readonly origin: PolicyOrigin;
  /** Workloads of the file checked at the configured level and version. */
  readonly workloads: number;
  /** Sorted by namespace name. */
  readonly namespaces: readonly NamespacePolicyOfFile[];
}

export function filePolicy(file: ParsedFile, settings: PolicySettings, workspace: WorkspaceView): FilePolicy {
  const configured = effectivePolicy(settings, undefined, undefined);
  let workloads = 0;
  const namespaces = new Map<string, NamespacePolicyOfFile>();
  for (const object of allObjects(file)) {
    if (!isWorkload(object)) continue;
    const p = effectivePolicy(settings, object.namespace, (ns) => workspace.namespaceLabels(ns));
    if (p.source.kind !== 'namespace') {
      workloads++;
      continue;
    }
    const { namespace, fromLabels, invalid } = p.source;
    const seen = namespaces.get(namespace);
    namespaces.set(namespace, seen ? { ...seen, workloads: seen.workloads + 1 } : { namespace, level: p.level, version: p.versionLabel, fromLabels, invalid, workloads: 1 });
  }
  return {
    level: configured.level,
    version: configured.versionLabel,
    origin: settings.origin ?? 'settings',
    workloads,
    namespaces: [...namespaces.values()].sort((a, b) => a.namespace.localeCompare(b.namespace)),
  };
}
