import type { PlannedSchool } from './plan-schools.ts';
import type { Random } from './random.ts';

export interface SchoolExtras {
  builtYear: number;
  musicRooms: number;
  artRooms: number;
  minMusicArea?: number;
  minArtArea?: number;
  fundingBasis?: number;
  trainingFunds: number;
  budget: number;
}

export interface ExtrasTargets {
  musicRooms: number;
  artRooms: number;
  builtAfter2016: number;
  builtBefore2016: number;
  trainingFunds: number;
  budget: number;
}

/** Spreads a whole total over items: each at least its floor, the rest by weight, remainders to the largest. */
function spread(total: number, floors: number[], weights: number[]): number[] {
  const rest = total - floors.reduce((s, x) => s + x, 0);
  if (rest < 0) throw new Error(`spread: floors exceed the total by ${-rest}`);
  const sum = weights.reduce((s, x) => s + x, 0);
  const shares = weights.map((w) => (rest * w) / sum);
  const out = floors.map((f, i) => f + Math.floor(shares[i] ?? 0));
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = shares.map((s, i) => ({ i, r: s - Math.floor(s) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

/**
 * School-level facts: building years (24 built after 2016, 167 before, the other 5 in 2016 itself), music and art
 * rooms (at least one per 12 classes, totals 576 and 567), room areas for the new schools only (the report gives
 * them only for those), 蓝田小学's funding basis of 100 pupils, and training funds of at least 5% of each school's
 * public-funds budget with the report's totals.
 */
export function assignExtras(
  schools: PlannedSchool[],
  targets: ExtrasTargets,
  random: Random,
): Map<string, SchoolExtras> {
  const classes = schools.map((s) => s.units.reduce((n, u) => n + u.classes.length, 0));
  const students = schools.map((s) =>
    s.units.reduce((n, u) => n + u.classes.reduce((t, c) => t + c.students, 0), 0),
  );
  const order = random.shuffle(schools.map((_, i) => i).filter((i) => !(schools[i]?.village ?? false)));
  const built = new Map<number, number>();
  order.slice(0, targets.builtAfter2016).forEach((i) => built.set(i, random.int(2017, 2024)));
  const other = schools.length - targets.builtAfter2016 - targets.builtBefore2016;
  order.slice(targets.builtAfter2016, targets.builtAfter2016 + other).forEach((i) => built.set(i, 2016));
  const floors = classes.map((c) => Math.max(1, Math.ceil(c / 12)));
  const music = spread(
    targets.musicRooms,
    floors,
    classes.map((c) => c * (0.5 + random.next())),
  );
  const art = spread(
    targets.artRooms,
    floors,
    classes.map((c) => c * (0.5 + random.next())),
  );
  const weight = schools.map(
    (s) =>
      s.units.reduce(
        (n, u) => n + u.classes.reduce((t, c) => t + c.students, 0) * (u.stage === 'primary' ? 1150 : 1950),
        0,
      ) *
      (0.8 + 0.4 * random.next()),
  );
  const budget = spread(
    targets.budget,
    schools.map(() => 0),
    weight,
  );
  const trainingFloors = budget.map((b) => Math.ceil(b * 0.05));
  const training = spread(
    targets.trainingFunds,
    trainingFloors,
    budget.map((b) => b * (0.2 + random.next())),
  );
  const result = new Map<string, SchoolExtras>();
  schools.forEach((school, i) => {
    const extras: SchoolExtras = {
      builtYear: built.get(i) ?? random.int(1952, 2015),
      musicRooms: music[i] ?? 0,
      artRooms: art[i] ?? 0,
      trainingFunds: training[i] ?? 0,
      budget: budget[i] ?? 0,
    };
    if (extras.builtYear > 2016) {
      extras.minMusicArea = random.int(96, 130);
      extras.minArtArea = random.int(90, 120);
    }
    if ((students[i] ?? 0) < 100 && school.village) extras.fundingBasis = 100;
    result.set(school.id, extras);
  });
  return result;
}
