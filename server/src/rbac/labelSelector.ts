/** `metav1.LabelSelector` matching, as the ClusterRole aggregation controller selects ClusterRoles. */
import type { LabelSelector } from './model';

export function selectorMatches(selector: LabelSelector, labels: ReadonlyMap<string, string>): boolean {
  for (const [key, value] of selector.matchLabels) if (labels.get(key) !== value) return false;
  return selector.matchExpressions.every((req) => {
    const has = labels.has(req.key);
    const value = labels.get(req.key);
    switch (req.operator) {
      case 'In':
        return has && req.values.includes(value!);
      case 'NotIn':
        // As in labels.Requirement: a missing key satisfies NotIn.
        return !has || !req.values.includes(value!);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        // The API rejects unknown operators; such a selector cannot select anything.
        return false;
    }
  });
}
