/**
 * The rule sets LifeCircle ships (JSON data in ./rulesets/, validated when loaded): GB 50180-2018
 * life circles, the Ningbo and Jiangxi urban/rural circles, and a rural catalogue (village and
 * township tiers), following ../shared/standards.md.
 */
import gb50180 from './rulesets/gb50180-2018.json';
import ningbo from './rulesets/ningbo-2021.json';
import jiangxi from './rulesets/jiangxi-2022.json';
import rural from './rulesets/rural-catalogue.json';
import { parseRuleSet, type RuleSet } from './rules.ts';

export const RULE_SETS: RuleSet[] = [gb50180, ningbo, jiangxi, rural].map((r, i) => parseRuleSet(r, `shipped rule set ${i + 1}`));

export function findRuleSet(id: string): RuleSet | undefined {
  return RULE_SETS.find((r) => r.id === id);
}
