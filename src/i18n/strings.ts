/** Interface strings: 中文 (default) and English. */
export type Lang = 'zh' | 'en';
export const LANGS: Lang[] = ['zh', 'en'];
export const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

const zh = {
  appTitle: 'LifeCircle 生活圈',
  appSubtitle: '社区服务步行可达性与服务缺口',
  language: 'English',
  dataset: '数据',
  sampleName: '阿雷格里港 (巴西) 示例',
  sampleStats: '{cells} 个格网 · {population} 人 · {facilities} 处设施 · 路网 {nodes} 个节点',
  networkIslands: '路网有 {islands} 个孤立片段 ({nodes} 个节点不与主网相连), 其上人口计为"无路径"',
  category: '设施类别',
  preset: '标准',
  presetCustom: '自定义',
  thresholds: '阈值 (分钟)',
  urban: '城市',
  rural: '农村',
  speed: '步行速度',
  speedAdult: '成人 4.0 km/h',
  speedElderly: '老人/儿童 3.0 km/h',
  speedCustom: '自定义',
  kmh: 'km/h',
  resolution: 'H3 格网级别',
  minPopulation: '最小人口 (低于此值不判定为缺口)',
  results: '覆盖率 (按人口加权)',
  all: '总体',
  coverage: '覆盖率',
  gapCells: '缺口格网',
  uncovered: '未覆盖人口',
  meanMinutes: '平均步行时间',
  minutes: '分钟',
  gapList: '缺口排序 (按严重度)',
  gapListEmpty: '没有缺口格网',
  severity: '严重度',
  severityHelp: '严重度 = 未覆盖人口 × 超出阈值的分钟数',
  population: '人口',
  settlement: '城乡',
  settlementBasis: '依据',
  basisDensity: '人口密度规则',
  basisRegion: '区域图层',
  coveredShare: '覆盖比例',
  flag: '判定',
  nearestFacility: '最近设施',
  flag_covered: '已覆盖',
  'flag_under-served': '服务不足',
  flag_unreachable: '无路径',
  'flag_off-network': '不在路网上',
  flag_sparse: '人口过少',
  export: '导出',
  exportGaps: '缺口 GeoJSON',
  exportCells: '全部格网 FlatGeobuf',
  exportCsv: '汇总 CSV',
  exportPng: '地图 PNG',
  stage_loading: '加载路网',
  stage_building: '构建路网图',
  stage_snapping: '吸附到路网',
  stage_routing: '计算步行时间',
  stage_aggregating: '汇总到格网',
  stage_done: '完成',
  legendTitle: '到最近{category}的步行时间 (分钟)',
  legendThreshold: '阈值',
  legendGap: '服务缺口',
  legendNoPath: '无路径',
  unverified: '未核实',
  unverifiedNote: '标注"未核实"的数值来自标准摘要中的 [M] 项, 尚未与官方文本核对。',
  basemap: '底图',
  basemapNone: '无 (离线)',
  basemapOsm: 'OpenStreetMap (需联网)',
  clickCellHint: '点击格网查看详情, 点击设施查看其步行服务范围',
  catchment: '{name} 的步行服务范围: {cells} 个格网',
  close: '关闭',
  error: '出错了',
  retry: '重试',
  running: '计算中…',
  cancelled: '已取消',
  ready: '就绪',
  sourceLabel: '来源',
  densityRule: '人口密度 ≥ {density} 人/km² 为城市',
} as const;

export type StringKey = keyof typeof zh;

const en: Record<StringKey, string> = {
  appTitle: 'LifeCircle 生活圈',
  appSubtitle: 'Walking access to community services, and where it fails',
  language: '中文',
  dataset: 'Data',
  sampleName: 'Porto Alegre (Brazil) sample',
  sampleStats: '{cells} cells · {population} people · {facilities} facilities · network of {nodes} nodes',
  networkIslands: 'The network has {islands} islands ({nodes} nodes not joined to the main network); people there count as "no path"',
  category: 'Facility category',
  preset: 'Standard',
  presetCustom: 'Custom',
  thresholds: 'Thresholds (minutes)',
  urban: 'Urban',
  rural: 'Rural',
  speed: 'Walking speed',
  speedAdult: 'Adult 4.0 km/h',
  speedElderly: 'Elderly / children 3.0 km/h',
  speedCustom: 'Custom',
  kmh: 'km/h',
  resolution: 'H3 resolution',
  minPopulation: 'Minimum population (fewer is not judged a gap)',
  results: 'Coverage (population-weighted)',
  all: 'All',
  coverage: 'Coverage',
  gapCells: 'Gap cells',
  uncovered: 'Uncovered people',
  meanMinutes: 'Mean walk',
  minutes: 'min',
  gapList: 'Gaps by severity',
  gapListEmpty: 'No gap cells',
  severity: 'Severity',
  severityHelp: 'Severity = uncovered people × minutes beyond the threshold',
  population: 'Population',
  settlement: 'Urban/rural',
  settlementBasis: 'Basis',
  basisDensity: 'density rule',
  basisRegion: 'region layer',
  coveredShare: 'Covered share',
  flag: 'Verdict',
  nearestFacility: 'Nearest facility',
  flag_covered: 'covered',
  'flag_under-served': 'under-served',
  flag_unreachable: 'no path',
  'flag_off-network': 'off the network',
  flag_sparse: 'too few people',
  export: 'Export',
  exportGaps: 'Gaps GeoJSON',
  exportCells: 'All cells FlatGeobuf',
  exportCsv: 'Summary CSV',
  exportPng: 'Map PNG',
  stage_loading: 'Loading network',
  stage_building: 'Building graph',
  stage_snapping: 'Snapping to the network',
  stage_routing: 'Routing per category',
  stage_aggregating: 'Aggregating cells',
  stage_done: 'Done',
  legendTitle: 'Walk to the nearest {category} (minutes)',
  legendThreshold: 'threshold',
  legendGap: 'Service gap',
  legendNoPath: 'No path',
  unverified: 'unverified',
  unverifiedNote: 'Values marked "unverified" are [M] items of the standards digest, not yet checked against the official text.',
  basemap: 'Background',
  basemapNone: 'None (offline)',
  basemapOsm: 'OpenStreetMap (online)',
  clickCellHint: 'Click a cell for details, a facility for its walking catchment',
  catchment: 'Walking catchment of {name}: {cells} cells',
  close: 'Close',
  error: 'Something went wrong',
  retry: 'Retry',
  running: 'Computing…',
  cancelled: 'Cancelled',
  ready: 'Ready',
  sourceLabel: 'Source',
  densityRule: 'urban where ≥ {density} people/km²',
};

const TABLES: Record<Lang, Record<StringKey, string>> = { zh, en };

/** The string for a key, with {name} placeholders filled in. */
export function translate(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return TABLES[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

// Number formats are costly to build (tens of microseconds each): one per language, style and digits.
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, style: 'decimal' | 'percent', digits: number): Intl.NumberFormat {
  const key = `${lang}:${style}:${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], { style, maximumFractionDigits: digits, minimumFractionDigits: digits });
    formats.set(key, f);
  }
  return f;
}

export function formatNumber(lang: Lang, value: number, digits = 0): string {
  return numberFormat(lang, 'decimal', digits).format(value);
}

export function formatPercent(lang: Lang, share: number, digits = 1): string {
  return numberFormat(lang, 'percent', digits).format(share);
}
