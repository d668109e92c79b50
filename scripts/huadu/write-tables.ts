import type { UnitRow } from './assign-resources.ts';
import type { IndicatorTarget } from './assign-resources.ts';
import type { PlannedSchool } from './plan-schools.ts';
import type { SchoolExtras } from './school-extras.ts';

type Value = string | number | boolean | undefined;

function csvField(value: Value): string {
  if (value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text with a UTF-8 byte-order mark (so that Excel on Chinese Windows opens it as UTF-8) and LF line ends. */
export function toCsv(header: string[], rows: Value[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}

/** A quantity in quanta as the spreadsheet shows it: 336 × 0.1 → "33.6", 3987 × 100 → "398700". */
function show(quanta: number, quantum: number): string {
  const decimals = quantum < 1 ? Math.round(-Math.log10(quantum)) : 0;
  return String(Number((quanta * quantum).toFixed(decimals)));
}

export function schoolsCsv(schools: PlannedSchool[], extras: Map<string, SchoolExtras>): string {
  const header = [
    'school_id',
    'school_name',
    'school_type',
    'ownership',
    'location',
    'is_village_school',
    'built_year',
    'school_students',
    'school_classes',
    'music_rooms',
    'art_rooms',
    'min_music_room_area',
    'min_art_room_area',
    'funding_basis_students',
    'teacher_training_funds',
    'public_funds_budget',
    'has_charter',
    'it_in_management',
  ];
  const rows = schools.map((s) => {
    const e = extras.get(s.id);
    if (e === undefined) throw new Error(`no extras for ${s.id}`);
    const classes = s.units.flatMap((u) => u.classes);
    return [
      s.id,
      s.name,
      s.type,
      s.ownership,
      s.location,
      s.village,
      e.builtYear,
      classes.reduce((n, c) => n + c.students, 0),
      classes.length,
      e.musicRooms,
      e.artRooms,
      e.minMusicArea,
      e.minArtArea,
      e.fundingBasis,
      e.trainingFunds,
      e.budget,
      true,
      true,
    ];
  });
  return toCsv(header, rows);
}

export function unitsCsv(rows: UnitRow[], targets: IndicatorTarget[]): string {
  const header = ['unit_id', 'school_id', 'unit_name', 'stage', 'students', ...targets.map((t) => t.input)];
  return toCsv(
    header,
    rows.map((r) => [
      r.unit.id,
      r.school.id,
      r.unit.name,
      r.unit.stage,
      r.students,
      ...targets.map((t) => show(r.amounts[t.input] ?? 0, t.quantum)),
    ]),
  );
}

export function classesCsv(schools: PlannedSchool[]): string {
  const header = ['class_id', 'school_id', 'class_name', 'class_stage', 'grade', 'class_students'];
  return toCsv(
    header,
    schools.flatMap((s) =>
      s.units.flatMap((u) => u.classes.map((c) => [c.id, s.id, c.name, c.stage, c.grade, c.students])),
    ),
  );
}
