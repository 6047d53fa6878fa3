/** What `kubeguard rules` lists about each rule of the catalog. */
import { RULES } from '../rules/catalog';
import { docsUrl } from '../rules/docsUrl';

export interface RuleEntry {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly enabledByDefault: boolean;
  readonly pssCheck: string | null;
  readonly pssLevel: string | null;
  readonly concepts: readonly string[];
  readonly docs: string;
}

export function ruleEntries(): RuleEntry[] {
  return RULES.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    enabledByDefault: r.enabledByDefault,
    pssCheck: r.pss?.check ?? null,
    pssLevel: r.pss?.level ?? null,
    concepts: r.concepts,
    docs: docsUrl(r.id),
  }));
}
