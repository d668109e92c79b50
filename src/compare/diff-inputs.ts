import type { RuleChange } from '../model/comparison.ts';
import type { InputDef, InputDictionary } from '../model/ruleset.ts';

/**
 * What changed in the data dictionary: inputs added or removed, and for inputs of both, their level, type, unit,
 * bounds, statistical definition (统计口径) and whether that definition is verified.
 */
export function diffInputs(a: InputDictionary, b: InputDictionary): RuleChange[] {
  const out: RuleChange[] = [];
  for (const [name, def] of Object.entries(a.inputs)) {
    const other = b.inputs[name];
    if (!other) out.push(presence('removed', def));
    else out.push(...compare(def, other));
  }
  for (const [name, def] of Object.entries(b.inputs)) if (!a.inputs[name]) out.push(presence('added', def));
  return out;
}

function presence(kind: 'added' | 'removed', def: InputDef): RuleChange {
  return {
    kind,
    aspect: 'input',
    input: def.name,
    text: {
      zh: `数据字典${kind === 'added' ? '新增' : '删除'}输入 ${def.name}（${def.label.zh}）`,
      en: `Data dictionary: ${kind === 'added' ? 'added' : 'removed'} input ${def.name} (${def.label.en})`,
    },
    at: kind === 'added' ? { b: def.at } : { a: def.at },
  };
}

const FIELDS: { key: keyof InputDef; zh: string; en: string; show: (d: InputDef) => string | undefined }[] = [
  { key: 'level', zh: '层级', en: 'level', show: (d) => d.level },
  { key: 'type', zh: '类型', en: 'type', show: (d) => d.type },
  { key: 'unit', zh: '单位', en: 'unit', show: (d) => d.unit?.zh },
  { key: 'min', zh: '下限', en: 'minimum', show: (d) => (d.min === undefined ? undefined : String(d.min)) },
  { key: 'max', zh: '上限', en: 'maximum', show: (d) => (d.max === undefined ? undefined : String(d.max)) },
  { key: 'definition', zh: '统计口径', en: 'definition', show: (d) => d.definition?.zh },
  {
    key: 'unverified',
    zh: '口径核实状态',
    en: 'definition status',
    show: (d) => (d.unverified ? '未核实' : '已核实'),
  },
  { key: 'external', zh: '外部结果', en: 'external result', show: (d) => (d.external ? '是' : '否') },
];

function compare(x: InputDef, y: InputDef): RuleChange[] {
  const out: RuleChange[] = [];
  for (const field of FIELDS) {
    const from = field.show(x);
    const to = field.show(y);
    if (from === to) continue;
    const change: RuleChange = {
      kind: 'changed',
      aspect: 'input',
      input: y.name,
      text: {
        zh: `输入 ${y.name}（${y.label.zh}）的${field.zh}：${from ?? '（无）'} → ${to ?? '（无）'}`,
        en: `Input ${y.name} (${y.label.en}) ${field.en}: ${from ?? '(none)'} → ${to ?? '(none)'}`,
      },
      at: { a: x.at, b: y.at },
    };
    if (from !== undefined) change.from = from;
    if (to !== undefined) change.to = to;
    out.push(change);
  }
  return out;
}
