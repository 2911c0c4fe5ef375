/**
 * Planning standards as versioned, declarative rule sets: categories (with tier, default minutes
 * and metres, OSM tags, Chinese name patterns), coverage rules (category × settlement type →
 * threshold and target share), presence rules (share of regions that must have a category) and
 * capacity rules (per 1000 people or per 100 households). Every value carries its source and
 * whether it is verified. Validated by a schema, with messages that say where and what.
 */
import { z } from 'zod';

const source = { source: z.string().min(1), verified: z.boolean() };

export const RuleCategorySchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'ids are lower-case letters, digits and _'),
  nameZh: z.string().min(1), nameEn: z.string().min(1),
  tier: z.enum(['5', '10', '15', 'village', 'township']),
  minutes: z.number().positive().max(240), meters: z.number().positive().max(20000).optional(),
  osmTags: z.array(z.string()).default([]), namePatterns: z.array(z.string()).default([]),
  ...source,
});

export const CoverageRuleSchema = z.object({
  id: z.string().min(1), categoryId: z.string().min(1), settlement: z.enum(['urban', 'rural', 'both']),
  minutes: z.number().positive().max(240).optional(), meters: z.number().positive().max(20000).optional(),
  /** Share of the population that must be within the threshold (1 = everyone). */
  targetShare: z.number().min(0).max(1),
  ...source,
}).refine((r) => (r.minutes === undefined) !== (r.meters === undefined), { message: 'give exactly one of minutes or meters' });

export const PresenceRuleSchema = z.object({
  id: z.string().min(1), categoryId: z.string().min(1), level: z.enum(['community', 'district']),
  settlement: z.enum(['urban', 'rural', 'both']).default('both'),
  /** Share of the regions that must have at least one such facility inside (1 = every region). */
  minShare: z.number().min(0).max(1),
  ...source,
});

export const CapacityRuleSchema = z.object({
  id: z.string().min(1), categoryId: z.string().min(1), unit: z.enum(['m2', 'places', 'beds']),
  amount: z.number().positive(), per: z.enum(['1000 people', '100 households']),
  settlement: z.enum(['urban', 'rural', 'both']).default('both'),
  ...source,
});

export const RuleSetSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and -'),
  version: z.string().min(1),
  nameZh: z.string().min(1), nameEn: z.string().min(1),
  document: z.string().min(1), date: z.string().min(4),
  categories: z.array(RuleCategorySchema).min(1),
  coverage: z.array(CoverageRuleSchema).default([]),
  presence: z.array(PresenceRuleSchema).default([]),
  capacity: z.array(CapacityRuleSchema).default([]),
}).superRefine((rs, ctx) => {
  const ids = new Set(rs.categories.map((c) => c.id));
  for (const kind of ['coverage', 'presence', 'capacity'] as const) {
    rs[kind].forEach((r, i) => {
      if (!ids.has(r.categoryId)) ctx.addIssue({ code: 'custom', path: [kind, i, 'categoryId'], message: `category '${r.categoryId}' is not among this rule set's categories` });
    });
  }
  const ruleIds = [...rs.coverage, ...rs.presence, ...rs.capacity].map((r) => r.id);
  const dup = ruleIds.find((id, i) => ruleIds.indexOf(id) !== i);
  if (dup) ctx.addIssue({ code: 'custom', path: ['rules'], message: `rule id '${dup}' is used twice` });
});

export type RuleSet = z.infer<typeof RuleSetSchema>;
export type RuleCategory = z.infer<typeof RuleCategorySchema>;
export type CoverageRule = z.infer<typeof CoverageRuleSchema>;
export type PresenceRule = z.infer<typeof PresenceRuleSchema>;
export type CapacityRule = z.infer<typeof CapacityRuleSchema>;

/** Checks a rule set (e.g. a file a user loads); throws with every problem, each with its path. */
export function parseRuleSet(input: unknown, name = 'rule set'): RuleSet {
  const r = RuleSetSchema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.slice(0, 10).map((i) => `${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`);
  throw new Error(`${name} is not a valid rule set: ${problems.join('; ')}`);
}

/** Every value of a rule set that is not verified, for labelling in outputs. */
export function unverifiedValues(rs: RuleSet): string[] {
  return [
    ...rs.categories.filter((c) => !c.verified).map((c) => `category ${c.id}: ${c.source}`),
    ...[...rs.coverage, ...rs.presence, ...rs.capacity].filter((r) => !r.verified).map((r) => `rule ${r.id}: ${r.source}`),
  ];
}
