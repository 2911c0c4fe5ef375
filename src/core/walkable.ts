/**
 * Which OpenStreetMap ways people can walk. Documented data: the highway classes kept, and
 * the access rules that remove or restore a way.
 */
export const WALKABLE_HIGHWAYS: ReadonlySet<string> = new Set([
  'footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'unclassified', 'track',
  'tertiary', 'tertiary_link', 'secondary', 'secondary_link', 'primary', 'primary_link', 'road', 'corridor',
]);

/** Classes walked only with an explicit foot permission. */
export const FOOT_PERMISSION_HIGHWAYS: ReadonlySet<string> = new Set([
  'motorway', 'motorway_link', 'trunk', 'trunk_link', 'cycleway', 'bridleway',
]);

const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive', 'official']);
const ACCESS_DENIED = new Set(['no', 'private']);

export type WalkVerdict = 'walkable' | 'not-highway' | 'highway-class' | 'foot-no' | 'access-no' | 'needs-foot-permission';

/** Whether a way with these tags is walkable, and if not, why (for the load report). */
export function walkVerdict(tags: Readonly<Record<string, string | undefined>>): WalkVerdict {
  const highway = tags.highway;
  if (!highway) return 'not-highway';
  const foot = tags.foot;
  if (foot === 'no' || foot === 'use_sidepath') return 'foot-no';
  const footAllowed = foot !== undefined && FOOT_ALLOWED.has(foot);
  if (tags.access !== undefined && ACCESS_DENIED.has(tags.access) && !footAllowed) return 'access-no';
  if (FOOT_PERMISSION_HIGHWAYS.has(highway)) return footAllowed ? 'walkable' : 'needs-foot-permission';
  if (WALKABLE_HIGHWAYS.has(highway)) return 'walkable';
  return footAllowed ? 'walkable' : 'highway-class';
}

export function isWalkable(tags: Readonly<Record<string, string | undefined>>): boolean {
  return walkVerdict(tags) === 'walkable';
}
