/** Builds an RBAC policy from YAML the way the server does (parse, read manifests). */
import { parseManifests } from '../../../server/src/document/parseManifests';
import type { Identity } from '../../../server/src/rbac/model';
import { RbacPolicy } from '../../../server/src/rbac/policy';

export function policyOf(...files: string[]): RbacPolicy {
  return RbacPolicy.fromObjects(files.flatMap((text) => parseManifests(text).documents.flatMap((d) => d.objects)));
}

export const user = (name: string): Identity => ({ kind: 'User', name });
export const group = (name: string): Identity => ({ kind: 'Group', name });
export const sa = (namespace: string, name: string): Identity => ({ kind: 'ServiceAccount', namespace, name });
