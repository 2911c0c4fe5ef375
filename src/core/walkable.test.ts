import { describe, expect, it } from 'vitest';
import { walkVerdict } from './walkable.ts';

describe('walkVerdict', () => {
  it.each([
    [{ highway: 'footway' }, 'walkable'],
    [{ highway: 'residential' }, 'walkable'],
    [{ highway: 'steps' }, 'walkable'],
    [{ highway: 'primary_link' }, 'walkable'],
    [{ highway: 'motorway' }, 'needs-foot-permission'],
    [{ highway: 'trunk', foot: 'yes' }, 'walkable'],
    [{ highway: 'cycleway' }, 'needs-foot-permission'],
    [{ highway: 'cycleway', foot: 'designated' }, 'walkable'],
    [{ highway: 'residential', foot: 'no' }, 'foot-no'],
    [{ highway: 'service', access: 'private' }, 'access-no'],
    [{ highway: 'service', access: 'no', foot: 'yes' }, 'walkable'],
    [{ highway: 'construction' }, 'highway-class'],
    [{ building: 'yes' }, 'not-highway'],
  ] as const)('%j → %s', (tags, verdict) => {
    expect(walkVerdict(tags)).toBe(verdict);
  });
});
