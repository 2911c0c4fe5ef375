/**
 * Planning standards as documented data: walking speeds, life-circle presets and the facility
 * categories they apply to. Every value carries its source; `verified: false` marks values the
 * digest (../shared/standards.md) labels [M] (recalled, not confirmed against the official text),
 * and the app and CLI label them as unverified wherever they are shown.
 */

export type Settlement = 'urban' | 'rural';
export type Tier = 5 | 10 | 15;

export interface Source {
  source: string;
  verified: boolean;
}

/** A threshold is a walking time or, in standard-distance mode, a network walking distance. */
export type Threshold = { minutes: number } | { meters: number };

export interface WalkingProfile extends Source {
  id: 'adult' | 'elderly_children';
  nameZh: string;
  nameEn: string;
  kmh: number;
}

export const WALKING_PROFILES: WalkingProfile[] = [
  {
    id: 'adult', nameZh: '成人步行', nameEn: 'Adult walking', kmh: 4.0,
    source: 'GB 50180-2018 pairs 15 min with 800–1000 m of walking; 4.0 km/h (66.7 m/min) makes 15 min = 1000 m. 5 km/h would overstate coverage (15 min = 1250 m). standards.md §4.1',
    verified: true,
  },
  {
    id: 'elderly_children', nameZh: '老人/儿童步行', nameEn: 'Elderly / children', kmh: 3.0,
    source: 'standards.md §4.1: 3.0 km/h (50 m/min), 15 min ≈ 750 m; plans stress "一老一小" (Ningbo S002); TD/T 1062-2021 5–10-min tier serves the elderly and children',
    verified: true,
  },
];

export const DEFAULT_SPEED_KMH = 4.0;

export function kmhToMetersPerMinute(kmh: number): number {
  return (kmh * 1000) / 60;
}

export interface Preset extends Source {
  id: string;
  nameZh: string;
  nameEn: string;
  /** Threshold by tier and settlement type. */
  tiers: Record<Tier, Record<Settlement, Threshold>>;
}

const same = (t: Threshold): Record<Settlement, Threshold> => ({ urban: t, rural: t });
const split = (urban: number, rural: number): Record<Settlement, Threshold> => ({ urban: { minutes: urban }, rural: { minutes: rural } });

export const PRESETS: Preset[] = [
  {
    id: 'gb50180', nameZh: 'GB 50180-2018 生活圈 (5/10/15 分钟)', nameEn: 'GB 50180-2018 life circles (5/10/15 min)',
    tiers: { 5: same({ minutes: 5 }), 10: same({ minutes: 10 }), 15: same({ minutes: 15 }) },
    source: 'GB 50180-2018《城市居住区规划设计标准》Table 3.0.4: 5-, 10- and 15-minute life circles; each category is judged at its own tier (tiers are not nested). An urban standard, applied to rural cells too.',
    verified: true,
  },
  {
    id: 'gb50180-distance', nameZh: 'GB 50180-2018 标准步行距离 (300/500/1000 米)', nameEn: 'GB 50180-2018 standard walking distances (300/500/1000 m)',
    tiers: { 5: same({ meters: 300 }), 10: same({ meters: 500 }), 15: same({ meters: 1000 }) },
    source: 'GB 50180-2018 Table 3.0.4: 15-min circle 800–1000 m [V], 10-min ≈500 m [V], 5-min ≈300 m [M]; network walking distance, independent of speed. For formal compliance.',
    verified: false,
  },
  {
    id: 'ningbo', nameZh: '城市 15 分钟 + 农村 20 分钟 (宁波)', nameEn: 'Urban 15 + rural 20 min (Ningbo)',
    tiers: { 5: split(15, 20), 10: split(15, 20), 15: split(15, 20) },
    source: '宁波市城乡现代社区服务体系建设"十四五"规划 (S002): 城市社区15分钟生活服务圈, 农村社区20分钟生活服务圈',
    verified: true,
  },
  {
    id: 'jiangxi', nameZh: '城市 15 分钟 + 农村 30 分钟 (江西)', nameEn: 'Urban 15 + rural 30 min (Jiangxi)',
    tiers: { 5: split(15, 30), 10: split(15, 30), 15: split(15, 30) },
    source: '江西省贯彻落实"十四五"城乡社区服务体系建设规划实施方案, 赣府厅字〔2022〕77号 (S003): 城市15分钟, 农村30分钟生活服务圈',
    verified: true,
  },
];

export const DEFAULT_PRESET_ID = 'gb50180';

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** A facility category of a dataset, tied to its life-circle tier. */
export interface Category extends Source {
  id: string;
  nameZh: string;
  nameEn: string;
  tier: Tier;
  /** The standard catalogue category this one is judged as, when its id is not one (e.g. the sample's schools). */
  standardId?: string;
}

/**
 * Categories of the embedded Porto Alegre sample. The sample counts every school and every
 * health facility; the tier each is judged at is an assumption stated here.
 */
export const SAMPLE_CATEGORIES: Category[] = [
  {
    id: 'schools', nameZh: '学校', nameEn: 'Schools', tier: 10, standardId: 'primary_school',
    source: 'Assumption: judged as 小学 (primary school, 10-min tier, ≤500 m) of GB 50180-2018 Appendix B [M]; the sample counts all schools (IPEA aopdata).',
    verified: false,
  },
  {
    id: 'healthcare', nameZh: '医疗卫生', nameEn: 'Healthcare', tier: 15, standardId: 'health_center',
    source: 'Assumption: judged as 社区卫生服务中心 (community health centre, 15-min tier, ≤1000 m) of GB 50180-2018 Appendix B [M]; the sample counts all public health facilities (IPEA aopdata).',
    verified: false,
  },
];

/**
 * Standard facility categories (standards.md §3.1, urban catalogue) with their GB 50180-2018 tier.
 * Tiers from Appendix B are recalled, not confirmed ([M]): unverified.
 */
export const URBAN_CATALOGUE: Category[] = ([
  ['comm_service_station', '社区综合服务站', 'Community service station', 5],
  ['street_service_center', '社区服务中心(街道级)', 'Sub-district service centre', 15],
  ['health_center', '社区卫生服务中心', 'Community health centre', 15],
  ['health_station', '社区卫生服务站', 'Community health station', 10],
  ['pharmacy', '药店', 'Pharmacy', 5],
  ['kindergarten', '幼儿园', 'Kindergarten', 5],
  ['nursery', '托儿所/托育机构', 'Infant care', 5],
  ['primary_school', '小学', 'Primary school', 10],
  ['junior_school', '初中', 'Junior secondary school', 15],
  ['elderly_daycare', '老年人日间照料中心', 'Elderly day-care centre', 5],
  ['elderly_care_home', '养老院', 'Nursing home', 15],
  ['elderly_canteen', '老年食堂/助餐点', 'Elderly canteen', 5],
  ['culture_room', '文化活动站', 'Community cultural room', 5],
  ['culture_center', '文化活动中心', 'Sub-district cultural centre', 15],
  ['fitness_outdoor', '室外综合健身场地', 'Outdoor fitness area', 5],
  ['fresh_market', '菜市场/生鲜超市', 'Fresh-food market', 10],
  ['convenience', '便利店', 'Convenience store', 5],
  ['supermarket_mall', '综合超市/商场', 'Supermarket / mall', 15],
  ['post_parcel', '邮政/快递驿站', 'Post / parcel point', 15],
  ['bus_stop', '公交车站', 'Public-transport stop', 5],
] as const).map(([id, nameZh, nameEn, tier]) => ({
  id, nameZh, nameEn, tier: tier as Tier, verified: false,
  source: `standards.md §3.1 urban catalogue: GB 50180-2018 Appendix B ${tier}-minute tier [M]`,
}));

/**
 * The category of an id found in a user's facility layer: a catalogue or sample entry when the
 * id matches one, else a category judged at the 15-minute tier (stated as an assumption).
 */
export function categoryForId(id: string): Category {
  const known = [...SAMPLE_CATEGORIES, ...URBAN_CATALOGUE].find((c) => c.id === id);
  if (known) return known;
  return {
    id, nameZh: id, nameEn: id, tier: 15, verified: false,
    source: `'${id}' is not in the standard catalogue: judged at the 15-minute tier (assumption)`,
  };
}

/** Category thresholds resolved to metres at a walking speed. */
export interface ResolvedThreshold {
  urbanM: number;
  ruralM: number;
  urbanMinutes: number;
  ruralMinutes: number;
}

/**
 * Resolves the thresholds of each category: from the preset by tier, from custom minutes per
 * category and settlement type where given, or one `minutes` override for everything.
 */
export function resolveThresholds(
  categories: Category[], preset: Preset, metersPerMinute: number, overrideMinutes?: number,
  custom?: Record<string, Record<Settlement, number>>,
): Record<string, ResolvedThreshold> {
  const toM = (t: Threshold) => ('minutes' in t ? t.minutes * metersPerMinute : t.meters);
  const pick = (c: Category, s: Settlement) => {
    if (overrideMinutes !== undefined) return overrideMinutes * metersPerMinute;
    const own = custom?.[c.id]?.[s];
    return own !== undefined ? own * metersPerMinute : toM(preset.tiers[c.tier][s]);
  };
  const out: Record<string, ResolvedThreshold> = {};
  for (const c of categories) {
    const urbanM = pick(c, 'urban'), ruralM = pick(c, 'rural');
    out[c.id] = { urbanM, ruralM, urbanMinutes: urbanM / metersPerMinute, ruralMinutes: ruralM / metersPerMinute };
  }
  return out;
}

/**
 * The density rule for cells with no region layer: a cell is urban when its population
 * density is at least this many people per km².
 */
export const URBAN_DENSITY_PER_KM2 = 1500;
export const URBAN_DENSITY_SOURCE: Source = {
  source: 'Degree of Urbanisation (UN Statistical Commission 2020; GHSL): ≥1,500 inhabitants/km² marks a high-density (urban centre) grid cell. Applied per H3 cell, without the contiguity and 50,000-people cluster rule.',
  verified: true,
};

/** Default smallest population for a cell to be judged under-served (an assumption). */
export const DEFAULT_MIN_POPULATION = 1;

/** Persons per household where the data gives none: 2.62 (China, 7th national population census, 2020). */
export const PERSONS_PER_HOUSEHOLD = 2.62;
export const PERSONS_PER_HOUSEHOLD_SOURCE: Source = {
  source: '第七次全国人口普查公报 (2021): 平均每个家庭户的人口为 2.62 人. Editable per dataset.',
  verified: true,
};

/** A capacity norm: capacity units per 1000 people or per 100 households. */
export interface CapacityNorm extends Source {
  categoryId: string;
  unit: 'm2' | 'places' | 'beds';
  amount: number;
  per: '1000 people' | '100 households';
}

export const CAPACITY_NORMS: CapacityNorm[] = [
  { categoryId: 'nursery', unit: 'places', amount: 4.55, per: '1000 people', source: '宁波"十四五"社区服务规划 (S002) table #2: 每千人拥有3岁以下婴幼儿照护设施托位 4.55 (约束性)', verified: true },
  { categoryId: 'elderly_daycare', unit: 'm2', amount: 20, per: '100 households', source: '宁波"十四五"社区服务规划 (S002) table #9: 每百户居民拥有居家养老服务用房面积 ≥20 m² (约束性)', verified: true },
  { categoryId: 'comm_service_station', unit: 'm2', amount: 30, per: '100 households', source: '天津 (S000) §三(一)1 and 江西 (S003) §10: 每百户居民综合服务设施面积 ≥30 m²', verified: true },
];

/** A norm as capacity units per 1000 people. */
export function normPer1000People(norm: CapacityNorm, personsPerHousehold = PERSONS_PER_HOUSEHOLD): number {
  return norm.per === '1000 people' ? norm.amount : (norm.amount / (100 * personsPerHousehold)) * 1000;
}

/**
 * Chinese (and a few English) name patterns that recognise a facility's category from its name
 * or a category value, from the catalogue of standards.md §3.1 and §3.2. More specific patterns
 * come first (社区卫生服务中心 before 卫生服务站). Editable data.
 */
export const NAME_PATTERNS: { categoryId: string; pattern: RegExp }[] = [
  { categoryId: 'health_center', pattern: /社区卫生服务中心|社区医院|health[ _-]?cent(er|re)/i },
  { categoryId: 'health_station', pattern: /卫生服务站|卫生站|卫生室|health[ _-]?station/i },
  { categoryId: 'pharmacy', pattern: /药店|药房|pharmacy/i },
  { categoryId: 'nursery', pattern: /托育|托儿所|早教|nursery|childcare/i },
  { categoryId: 'kindergarten', pattern: /幼儿园|kindergarten/i },
  { categoryId: 'primary_school', pattern: /小学|primary[ _-]?school/i },
  { categoryId: 'junior_school', pattern: /初级中学|初中|中学|junior|middle[ _-]?school/i },
  { categoryId: 'elderly_daycare', pattern: /日间照料|养老服务站|托老所|长者照护|居家养老|day[ _-]?care/i },
  { categoryId: 'elderly_care_home', pattern: /养老院|敬老院|护理院|养老服务中心|nursing[ _-]?home/i },
  { categoryId: 'elderly_canteen', pattern: /老年食堂|长者食堂|助餐|社区食堂|canteen/i },
  { categoryId: 'culture_center', pattern: /文化活动中心|文化中心|文化馆/i },
  { categoryId: 'culture_room', pattern: /文化活动|文化站|文化室|书屋|图书/i },
  { categoryId: 'street_service_center', pattern: /便民服务中心|事务受理|街道办/i },
  { categoryId: 'comm_service_station', pattern: /社区服务站|居委会|居民委员会|党群服务中心|社区服务中心|community[ _-]?(centre|center)/i },
  { categoryId: 'fresh_market', pattern: /菜市场|农贸市场|生鲜|marketplace/i },
  { categoryId: 'supermarket_mall', pattern: /商场|购物中心|综合超市|supermarket|mall/i },
  { categoryId: 'convenience', pattern: /便利店|超市|convenience/i },
  { categoryId: 'post_parcel', pattern: /快递|驿站|菜鸟|邮政|post[ _-]?office|parcel/i },
  { categoryId: 'fitness_outdoor', pattern: /健身|fitness|playground/i },
  { categoryId: 'bus_stop', pattern: /公交|地铁站|bus[ _-]?stop/i },
];

/** The catalogue category a value or a name points to, by id first, then by pattern; null when none. */
export function categoryFromText(text: string): Category | null {
  const t = text.trim();
  if (!t) return null;
  const byId = [...SAMPLE_CATEGORIES, ...URBAN_CATALOGUE].find((c) => c.id === t);
  if (byId) return byId;
  const hit = NAME_PATTERNS.find((p) => p.pattern.test(t));
  return hit ? URBAN_CATALOGUE.find((c) => c.id === hit.categoryId) ?? null : null;
}

/**
 * OpenStreetMap tags that mark a facility of a catalogue category (standards.md §3.1; tags to be
 * confirmed on taginfo, e.g. social_facility=day_care). Checked in order; a name that matches
 * NAME_PATTERNS wins over the tags (Chinese OSM is thin on detailed tags).
 */
export const OSM_TAG_RULES: { categoryId: string; match: (t: Record<string, string | undefined>) => boolean }[] = [
  { categoryId: 'elderly_daycare', match: (t) => t.amenity === 'social_facility' && t['social_facility:for'] === 'senior' && t.social_facility === 'day_care' },
  { categoryId: 'elderly_care_home', match: (t) => t.amenity === 'social_facility' && (t.social_facility === 'nursing_home' || t.social_facility === 'assisted_living') },
  { categoryId: 'children_home', match: (t) => t.amenity === 'social_facility' && t['social_facility:for'] === 'child' },
  { categoryId: 'health_center', match: (t) => t.amenity === 'clinic' || t.amenity === 'hospital' || t.healthcare === 'clinic' || t.healthcare === 'hospital' },
  { categoryId: 'health_station', match: (t) => t.amenity === 'doctors' || t.healthcare === 'doctor' },
  { categoryId: 'pharmacy', match: (t) => t.amenity === 'pharmacy' || t.healthcare === 'pharmacy' },
  { categoryId: 'nursery', match: (t) => t.amenity === 'childcare' },
  { categoryId: 'kindergarten', match: (t) => t.amenity === 'kindergarten' },
  { categoryId: 'junior_school', match: (t) => t.amenity === 'school' && t['isced:level'] === '2' },
  { categoryId: 'primary_school', match: (t) => t.amenity === 'school' },
  { categoryId: 'culture_room', match: (t) => t.amenity === 'community_centre' || t.amenity === 'library' || t.amenity === 'arts_centre' },
  { categoryId: 'fitness_outdoor', match: (t) => t.leisure === 'fitness_station' || t.leisure === 'playground' },
  { categoryId: 'fresh_market', match: (t) => t.amenity === 'marketplace' || t.shop === 'greengrocer' },
  { categoryId: 'supermarket_mall', match: (t) => t.shop === 'supermarket' || t.shop === 'department_store' || t.shop === 'mall' },
  { categoryId: 'convenience', match: (t) => t.shop === 'convenience' },
  { categoryId: 'post_parcel', match: (t) => t.amenity === 'post_office' || t.amenity === 'parcel_locker' },
  { categoryId: 'bus_stop', match: (t) => t.highway === 'bus_stop' || t.public_transport === 'platform' },
];

/** The catalogue category of an OSM feature: by its name's pattern first, then by its tags; null when none. */
export function categoryFromOsmTags(tags: Record<string, string | undefined>): Category | null {
  const byName = tags.name ? categoryFromText(tags.name) : null;
  if (byName) return byName;
  const rule = OSM_TAG_RULES.find((r) => r.match(tags));
  return rule ? [...URBAN_CATALOGUE, ...EXTRA_CATALOGUE].find((c) => c.id === rule.categoryId) ?? null : null;
}

/** Catalogue entries only reachable from OSM tags (not in the urban list above). */
const EXTRA_CATALOGUE: Category[] = [
  { id: 'children_home', nameZh: '儿童之家', nameEn: "Children's centre", tier: 5, verified: false, source: 'standards.md §3.1: 5-minute tier (per community) [M]' },
];
