/**
 * How much of the checks catalog the rules cover. PSS rules own groups A and B; the single-object rules
 * beyond PSS own groups C–I and L; the cross-object network and RBAC rules own J and K.
 */
import assert from 'node:assert/strict';
import { RULES } from '../../../server/src/rules/catalog';
import { CONCEPTS, conceptById, UNREACHABLE_CONCEPTS, type ConceptGroup } from '../../../server/src/rules/concepts';
import { coveredConcepts } from '../../../server/src/tools/ruleDocs';

const SINGLE_OBJECT_GROUPS: readonly ConceptGroup[] = ['C', 'D', 'E', 'F', 'G', 'H', 'I', 'L'];

/** Concepts of those groups that no offline single-object rule can implement. */
const OUT_OF_REACH: Readonly<Record<string, string>> = {
  ...UNREACHABLE_CONCEPTS,
  'RES-NS-LIMITRANGE': 'cross-object: a namespace and its LimitRange/ResourceQuota (the cross-object rules)',
};

describe('catalog concept coverage', () => {
  const beyondPss = coveredConcepts(RULES.filter((r) => !r.pss)).filter((id) => SINGLE_OBJECT_GROUPS.includes(conceptById(id)!.group));
  const total = coveredConcepts(RULES);

  it(`covers ${beyondPss.length} single-object concepts of groups C–I and L beyond PSS (at least 39)`, () => {
    assert.ok(beyondPss.length >= 39, beyondPss.join(', '));
  });

  it('covers every concept of groups C–I and L that an offline single-object rule can', () => {
    const missing = CONCEPTS.filter((c) => SINGLE_OBJECT_GROUPS.includes(c.group) && !(c.id in OUT_OF_REACH) && !beyondPss.includes(c.id));
    assert.deepEqual(missing.map((c) => c.id), []);
  });

  it(`covers ${total.length} distinct catalog concepts with all rules (at least 75; Kubescape covers 67)`, () => {
    assert.ok(total.length >= 75, `${total.length}: ${total.join(', ')}`);
    for (const id of total) assert.ok(conceptById(id), id);
  });

  it('covers every concept of groups J and K (network exposure, RBAC) and RES-NS-LIMITRANGE with the cross-object rules', () => {
    const missing = CONCEPTS.filter((c) => (c.group === 'J' || c.group === 'K' || c.id === 'RES-NS-LIMITRANGE') && !total.includes(c.id));
    assert.deepEqual(missing.map((c) => c.id), []);
  });
});
