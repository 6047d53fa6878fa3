/** The rule catalog: every rule KubeGuard has, in one list. Ids are checked for uniqueness at load time. */
import { PSS_RULES } from '../pss';
import type { Rule } from '../rule';

export const RULES: readonly Rule[] = [...PSS_RULES];

const byId = new Map<string, Rule>();
for (const r of RULES) {
  if (byId.has(r.id)) throw new Error(`Duplicate rule id in the catalog: ${r.id}`);
  byId.set(r.id, r);
}

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
