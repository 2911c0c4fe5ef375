import type { CategoryAccess } from './coverage.ts';
import { PointStatus } from './coverage.ts';
import type { CellTable } from './population.ts';
import type { ResolvedThreshold, Settlement } from './standards.ts';

/** The verdict on a cell for one category. */
export const CELL_FLAGS = ['covered', 'under-served', 'unreachable', 'off-network', 'sparse'] as const;
export type CellFlag = (typeof CELL_FLAGS)[number];
export const FlagCode = { covered: 0, 'under-served': 1, unreachable: 2, 'off-network': 3, sparse: 4 } as const;

/** Per cell, for one category (arrays indexed like the cell table). */
export interface CellAssessment {
  categoryId: string;
  /** Population-weighted mean walking minutes of the population with a path (capped at the horizon); NaN when none. */
  meanMinutes: Float32Array;
  /** The shortest walk from any point of the cell, minutes (NaN when none within the horizon). */
  minMinutes: Float32Array;
  /** The facility nearest to the cell (the one reached by its shortest walk), -1 when none. */
  nearestFacility: Int32Array;
  coveredPopulation: Float64Array;
  coveredShare: Float32Array;
  /** Uncovered population × minutes beyond the threshold (capped at the horizon), person-minutes. */
  severity: Float64Array;
  /** Threshold applied to the cell, minutes. */
  thresholdMinutes: Float32Array;
  flag: Uint8Array;
  unreachablePopulation: Float64Array;
  offNetworkPopulation: Float64Array;
}

export interface AssessOptions {
  metersPerMinute: number;
  horizonM: number;
  /** Cells with less population are flagged 'sparse' rather than judged. */
  minPopulation: number;
}

/** Judges every cell against its settlement type's threshold for one category. */
export function assessCells(
  categoryId: string, cells: CellTable, pointPopulation: Float64Array, access: Pick<CategoryAccess, 'distM' | 'facility' | 'status'>,
  settlement: Uint8Array, threshold: ResolvedThreshold, opts: AssessOptions,
): CellAssessment {
  const n = cells.ids.length;
  const minutesSum = new Float64Array(n), reachablePop = new Float64Array(n);
  const minMinutes = new Float32Array(n).fill(NaN), nearestFacility = new Int32Array(n).fill(-1);
  const coveredPopulation = new Float64Array(n), severity = new Float64Array(n);
  const unreachablePopulation = new Float64Array(n), offNetworkPopulation = new Float64Array(n);
  const thresholdMinutes = new Float32Array(n);
  const mpm = opts.metersPerMinute, horizonMin = opts.horizonM / mpm;
  for (let c = 0; c < n; c++) thresholdMinutes[c] = settlement[c] === 1 ? threshold.ruralMinutes : threshold.urbanMinutes;

  for (let i = 0; i < access.status.length; i++) {
    const c = cells.cellOfPoint[i], pop = pointPopulation[i], st = access.status[i];
    const limitM = settlement[c] === 1 ? threshold.ruralM : threshold.urbanM;
    const limitMin = thresholdMinutes[c];
    if (st === PointStatus.Reached) {
      const minutes = access.distM[i] / mpm;
      minutesSum[c] += pop * minutes; reachablePop[c] += pop;
      if (!(minutes >= minMinutes[c])) { minMinutes[c] = minutes; nearestFacility[c] = access.facility[i]; }
      if (access.distM[i] <= limitM) coveredPopulation[c] += pop;
      else severity[c] += pop * (minutes - limitMin);
    } else {
      if (st === PointStatus.BeyondHorizon) { minutesSum[c] += pop * horizonMin; reachablePop[c] += pop; }
      else if (st === PointStatus.Unreachable) unreachablePopulation[c] += pop;
      else offNetworkPopulation[c] += pop;
      severity[c] += pop * Math.max(0, horizonMin - limitMin);
    }
  }

  const meanMinutes = new Float32Array(n), coveredShare = new Float32Array(n), flag = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    const pop = cells.population[c];
    meanMinutes[c] = reachablePop[c] > 0 ? minutesSum[c] / reachablePop[c] : NaN;
    const share = pop > 0 ? coveredPopulation[c] / pop : 1;
    // Rounding of population shares must not turn a fully covered cell into a gap.
    coveredShare[c] = share > 1 - 1e-9 ? 1 : share;
    let f: CellFlag;
    if (coveredShare[c] >= 1) f = 'covered';
    else if (pop < opts.minPopulation) f = 'sparse';
    else if (offNetworkPopulation[c] >= pop * (1 - 1e-9)) f = 'off-network';
    else if (reachablePop[c] === 0) f = 'unreachable';
    else f = 'under-served';
    flag[c] = FlagCode[f];
    if (f === 'covered') severity[c] = 0;
  }
  return {
    categoryId, meanMinutes, minMinutes, nearestFacility, coveredPopulation, coveredShare, severity,
    thresholdMinutes, flag, unreachablePopulation, offNetworkPopulation,
  };
}

export function isGapFlag(code: number): boolean {
  return code === FlagCode['under-served'] || code === FlagCode.unreachable || code === FlagCode['off-network'];
}

export function flagName(code: number): CellFlag {
  return CELL_FLAGS[code];
}

export interface CoverageFigures {
  population: number;
  coveredPopulation: number;
  coveredShare: number;
  gapCells: number;
  uncoveredPopulation: number;
}

export interface CategorySummary extends CoverageFigures {
  urban: CoverageFigures;
  rural: CoverageFigures;
  meanMinutes: number | null;
  unreachablePopulation: number;
  offNetworkPopulation: number;
  severity: number;
  thresholdMinutes: { urban: number; rural: number };
}

/** Population-weighted coverage of one category, overall and by settlement type. */
export function summarizeCategory(cells: CellTable, settlement: Uint8Array, a: CellAssessment, threshold: ResolvedThreshold): CategorySummary {
  const fig = (): CoverageFigures => ({ population: 0, coveredPopulation: 0, coveredShare: 0, gapCells: 0, uncoveredPopulation: 0 });
  const all = fig(), urban = fig(), rural = fig();
  let minutesSum = 0, minutesPop = 0, unreachablePopulation = 0, offNetworkPopulation = 0, severity = 0;
  for (let c = 0; c < cells.ids.length; c++) {
    const pop = cells.population[c], part = settlement[c] === 1 ? rural : urban;
    for (const f of [all, part]) {
      f.population += pop;
      f.coveredPopulation += a.coveredPopulation[c];
      if (isGapFlag(a.flag[c])) f.gapCells++;
    }
    if (!Number.isNaN(a.meanMinutes[c])) {
      const reach = pop - a.unreachablePopulation[c] - a.offNetworkPopulation[c];
      minutesSum += a.meanMinutes[c] * reach; minutesPop += reach;
    }
    unreachablePopulation += a.unreachablePopulation[c];
    offNetworkPopulation += a.offNetworkPopulation[c];
    severity += a.severity[c];
  }
  for (const f of [all, urban, rural]) {
    f.coveredShare = f.population > 0 ? f.coveredPopulation / f.population : 1;
    f.uncoveredPopulation = f.population - f.coveredPopulation;
  }
  return {
    ...all, urban, rural, meanMinutes: minutesPop > 0 ? minutesSum / minutesPop : null,
    unreachablePopulation, offNetworkPopulation, severity,
    thresholdMinutes: { urban: threshold.urbanMinutes, rural: threshold.ruralMinutes },
  };
}

export interface GapEntry {
  h3: string;
  cell: number;
  categoryId: string;
  flag: CellFlag;
  settlement: Settlement;
  population: number;
  uncoveredPopulation: number;
  coveredShare: number;
  meanMinutes: number | null;
  thresholdMinutes: number;
  severity: number;
}

/** Every (cell, category) gap, most severe first (ties: more uncovered people, then cell id). */
export function rankGaps(cells: CellTable, settlement: Uint8Array, assessments: CellAssessment[]): GapEntry[] {
  const out: GapEntry[] = [];
  for (const a of assessments) {
    for (let c = 0; c < cells.ids.length; c++) {
      if (!isGapFlag(a.flag[c])) continue;
      const pop = cells.population[c];
      out.push({
        h3: cells.ids[c], cell: c, categoryId: a.categoryId, flag: flagName(a.flag[c]),
        settlement: settlement[c] === 1 ? 'rural' : 'urban', population: pop,
        uncoveredPopulation: pop - a.coveredPopulation[c], coveredShare: a.coveredShare[c],
        meanMinutes: Number.isNaN(a.meanMinutes[c]) ? null : a.meanMinutes[c],
        thresholdMinutes: a.thresholdMinutes[c], severity: a.severity[c],
      });
    }
  }
  return out.sort((x, y) => y.severity - x.severity || y.uncoveredPopulation - x.uncoveredPopulation
    || (x.h3 < y.h3 ? -1 : x.h3 > y.h3 ? 1 : 0) || (x.categoryId < y.categoryId ? -1 : 1));
}
