import type { RuleChange, RuleSetDiff } from '../model/comparison.ts';
import type { Area, Check, Indicator, RuleSet } from '../model/ruleset.ts';
import type { RuleLocation } from '../model/source.ts';
import type { Text } from '../model/text.ts';
import { diffInputs } from './diff-inputs.ts';
import {
  areaTitle,
  branchLabel,
  labelNames,
  checkFormula,
  indicatorName,
  LEVEL_WORDS,
  NONE,
  ROLE_WORDS,
  sameFormula,
  thresholdTexts,
} from '../explain/rule-words.ts';

/**
 * What changed from rule set `a` to rule set `b`, as a list of plain-language changes: areas and their per-unit
 * and dispersion rules, indicators added or removed (with the indicator of the other set that computes the same
 * thing, if any), and for each indicator its title, role, level, scope (`applies_when`), roll-up, source and checks
 * (formula, thresholds branch by branch, county figure, definition choices), then the data dictionary.
 */
export function diffRuleSets(a: RuleSet, b: RuleSet): RuleSetDiff {
  const changes: RuleChange[] = [];
  if (a.document.number !== b.document.number) {
    changes.push({
      kind: 'changed',
      aspect: 'document',
      from: a.document.number,
      to: b.document.number,
      text: {
        zh: `依据文件：${a.document.number}《${a.document.title.zh}》→ ${b.document.number}《${b.document.title.zh}》`,
        en: `Source document: ${a.document.number} (${a.document.title.en}) → ${b.document.number} (${b.document.title.en})`,
      },
    });
  }
  const shared = new Set(a.indicators.map((i) => i.id).filter((id) => b.indicators.some((j) => j.id === id)));
  for (const area of a.areas) {
    const other = b.areas.find((x) => x.id === area.id);
    if (!other) changes.push(areaPresence('removed', area));
    else changes.push(...diffArea(area, other, shared, a, b));
  }
  for (const area of b.areas.filter((x) => !a.areas.some((y) => y.id === x.id)))
    changes.push(areaPresence('added', area));
  // An area renamed between versions (2012's 校际均衡状况, 2017's 资源配置) still has a dispersion rule to compare.
  const gone = a.areas.find((x) => x.dispersion && !b.areas.some((y) => y.id === x.id));
  const come = b.areas.find((y) => y.dispersion && !a.areas.some((x) => x.id === y.id));
  if (gone && come) changes.push(...diffArea(gone, come, shared, a, b));

  for (const indicator of a.indicators) {
    const other = b.indicators.find((x) => x.id === indicator.id);
    if (!other) changes.push(indicatorPresence('removed', indicator, a, b));
    else changes.push(...diffIndicator(indicator, other, a, b));
  }
  for (const indicator of b.indicators.filter((x) => !shared.has(x.id)))
    changes.push(indicatorPresence('added', indicator, b, a));
  changes.push(...diffInputs(a.inputs, b.inputs));
  return {
    format: 'junheng-ruleset-diff',
    a: { id: a.id, title: a.title, hash: a.hash, document: a.document.number },
    b: { id: b.id, title: b.title, hash: b.hash, document: b.document.number },
    identical: a.hash === b.hash,
    changes,
  };
}

function at(
  x: RuleLocation | undefined,
  y: RuleLocation | undefined,
): { at?: NonNullable<RuleChange['at']> } {
  const loc: NonNullable<RuleChange['at']> = {};
  if (x) loc.a = x;
  if (y) loc.b = y;
  return x || y ? { at: loc } : {};
}

function areaPresence(kind: 'added' | 'removed', area: Area): RuleChange {
  const list = area.indicators.join('、');
  return {
    kind,
    aspect: 'area',
    area: area.id,
    text: {
      zh: `${kind === 'added' ? '新增' : '删除'}方面“${area.title.zh}”（${list}）`,
      en: `${kind === 'added' ? 'Added' : 'Removed'} area '${area.title.en}' (${area.indicators.join(', ')})`,
    },
    ...at(kind === 'removed' ? area.at : undefined, kind === 'added' ? area.at : undefined),
  };
}

function diffArea(x: Area, y: Area, shared: Set<string>, a: RuleSet, b: RuleSet): RuleChange[] {
  const out: RuleChange[] = [];
  const name =
    x.id === y.id ? y.title : { zh: `${x.title.zh} → ${y.title.zh}`, en: `${x.title.en} → ${y.title.en}` };
  for (const id of x.indicators.filter((i) => !y.indicators.includes(i) && shared.has(i)))
    out.push(membership('removed', id, x, y));
  for (const id of y.indicators.filter((i) => !x.indicators.includes(i) && shared.has(i)))
    out.push(membership('added', id, x, y));
  const pu = (area: Area) =>
    area.perUnit ? `${area.perUnit.atLeastMet}/${area.indicators.length}` : undefined;
  if (pu(x) !== pu(y)) {
    out.push({
      kind: !x.perUnit ? 'added' : !y.perUnit ? 'removed' : 'changed',
      aspect: 'per_unit',
      area: y.id,
      ...fromTo(pu(x), pu(y)),
      text: {
        zh: `${name.zh}：每个学部至少达标的项数 ${x.perUnit ? `${x.perUnit.atLeastMet} 项（共 ${x.indicators.length} 项）` : NONE.zh} → ${y.perUnit ? `${y.perUnit.atLeastMet} 项（共 ${y.indicators.length} 项），其余不低于标准的 ${pct(y.perUnit.othersNotBelow)}` : '不再逐学部计数'}`,
        en: `${name.en}: indicators each unit must meet ${x.perUnit ? `${x.perUnit.atLeastMet} of ${x.indicators.length}` : NONE.en} → ${y.perUnit ? `${y.perUnit.atLeastMet} of ${y.indicators.length}, the rest not below ${pct(y.perUnit.othersNotBelow)} of the standard` : 'no per-unit count'}`,
      },
      ...at(x.perUnit?.at, y.perUnit?.at),
    });
  }
  const tol = (area: Area) => (area.perUnit ? pct(area.perUnit.othersNotBelow) : undefined);
  if (x.perUnit && y.perUnit && tol(x) !== tol(y)) {
    out.push({
      kind: 'changed',
      aspect: 'tolerance',
      area: y.id,
      ...fromTo(tol(x), tol(y)),
      text: {
        zh: `${name.zh}：未达标的其余指标不得低于标准的 ${tol(x)} → ${tol(y)}`,
        en: `${name.en}: the remaining indicators must not be below ${tol(x)} → ${tol(y)} of the standard`,
      },
      ...at(x.perUnit.at, y.perUnit.at),
    });
  }
  out.push(...diffDispersion(x, y, a, b));
  return out;
}

function membership(kind: 'added' | 'removed', id: string, x: Area, y: Area): RuleChange {
  const area = kind === 'added' ? y : x;
  return {
    kind,
    aspect: 'area_indicators',
    area: area.id,
    indicator: id,
    text: {
      zh: `${id} ${kind === 'added' ? '列入' : '不再列入'}“${area.title.zh}”`,
      en: `${id} is ${kind === 'added' ? 'now listed in' : 'no longer listed in'} '${area.title.en}'`,
    },
    ...at(x.at, y.at),
  };
}

function diffDispersion(x: Area, y: Area, a: RuleSet, b: RuleSet): RuleChange[] {
  const out: RuleChange[] = [];
  const dx = x.dispersion;
  const dy = y.dispersion;
  if (!dx && !dy) return out;
  const title =
    x.id === y.id ? y.title : { zh: `${x.title.zh} → ${y.title.zh}`, en: `${x.title.en} → ${y.title.en}` };
  const how = (area: Area): Text | undefined =>
    !area.dispersion
      ? undefined
      : area.dispersion.composite === 'mean'
        ? { zh: '各项差异系数的平均数（综合差异系数）', en: 'the mean of the single CVs (composite CV)' }
        : { zh: '逐项差异系数', en: 'every single CV' };
  const hx = how(x);
  const hy = how(y);
  if (hx?.en !== hy?.en) {
    out.push({
      kind: !dx ? 'added' : !dy ? 'removed' : 'changed',
      aspect: 'dispersion',
      area: y.id,
      ...fromTo(hx?.en, hy?.en),
      text: {
        zh: `${title.zh}：差异系数的判定对象 ${hx?.zh ?? NONE.zh} → ${hy?.zh ?? NONE.zh}`,
        en: `${title.en}: the dispersion judged ${hx?.en ?? NONE.en} → ${hy?.en ?? NONE.en}`,
      },
      ...at(dx?.at, dy?.at),
    });
  }
  if (dx && dy && dx.weight !== dy.weight) {
    out.push({
      kind: 'changed',
      aspect: 'dispersion',
      area: y.id,
      from: dx.weight,
      to: dy.weight,
      text: {
        zh: `${title.zh}：差异系数的权重 ${dx.weight} → ${dy.weight}`,
        en: `${title.en}: the CV weight ${dx.weight} → ${dy.weight}`,
      },
      ...at(dx.at, dy.at),
    });
  }
  const tx = thresholdTexts(dx?.threshold);
  const ty = thresholdTexts(dy?.threshold);
  for (const branch of union(Object.keys(tx), Object.keys(ty))) {
    if (tx[branch] === ty[branch]) continue;
    const label = branchLabel(branch, dy?.threshold.by ?? dx?.threshold.by, (dy ? b : a).inputs);
    out.push({
      kind: tx[branch] === undefined ? 'added' : ty[branch] === undefined ? 'removed' : 'changed',
      aspect: 'dispersion',
      area: y.id,
      branch,
      ...fromTo(tx[branch], ty[branch]),
      text: {
        zh: `${title.zh}：${label.zh}差异系数上限 ${tx[branch] ?? NONE.zh} → ${ty[branch] ?? NONE.zh}`,
        en: `${title.en}: ${label.en ? `${label.en} ` : ''}CV limit ${tx[branch] ?? NONE.en} → ${ty[branch] ?? NONE.en}`,
      },
      ...at(dx?.threshold.branches[branch]?.at ?? dx?.at, dy?.threshold.branches[branch]?.at ?? dy?.at),
    });
  }
  return out;
}

function indicatorPresence(
  kind: 'added' | 'removed',
  indicator: Indicator,
  own: RuleSet,
  other: RuleSet,
): RuleChange {
  const counterpart = findCounterpart(indicator, own, other);
  const area = areaTitle(own, indicator.area);
  const thresholds = (lang: 'zh' | 'en') =>
    indicator.checks.flatMap((c) =>
      c.kind === 'attestation'
        ? [ATTESTED[lang]]
        : Object.entries(thresholdTexts(c.threshold)).map(([branch, text]) => {
            const label = branchLabel(branch, c.threshold.by, own.inputs)[lang];
            return label ? `${label} ${text}` : text;
          }),
    );
  const standard = indicator.role === 'measure' ? ROLE_WORDS.measure : undefined;
  const what: Text = {
    zh: `${area.zh}，${LEVEL_WORDS[indicator.level].zh}，${standard?.zh ?? (thresholds('zh').join('、') || ROLE_WORDS[indicator.role].zh)}${indicator.role === 'precondition' || indicator.role === 'veto' ? `，${ROLE_WORDS[indicator.role].zh}` : ''}`,
    en: `${area.en}, ${LEVEL_WORDS[indicator.level].en}, ${standard?.en ?? (thresholds('en').join(', ') || ROLE_WORDS[indicator.role].en)}${indicator.role === 'precondition' || indicator.role === 'veto' ? `, ${ROLE_WORDS[indicator.role].en}` : ''}`,
  };
  const like = counterpart
    ? {
        zh: `；对应 ${other.id} 的 ${counterpart.indicator.id} ${counterpart.indicator.title.zh}（${counterpart.how.zh}）`,
        en: `; corresponds to ${counterpart.indicator.id} ${counterpart.indicator.title.en} of ${other.id} (${counterpart.how.en})`,
      }
    : { zh: '', en: '' };
  const name = indicatorName(indicator);
  return {
    kind,
    aspect: 'indicator',
    area: indicator.area,
    indicator: indicator.id,
    text: {
      zh: `${kind === 'added' ? '新增' : '删除'} ${name.zh}（${what.zh}）${like.zh}`,
      en: `${kind === 'added' ? 'Added' : 'Removed'} ${name.en} (${what.en})${like.en}`,
    },
    ...at(kind === 'removed' ? indicator.at : undefined, kind === 'added' ? indicator.at : undefined),
  };
}

const ATTESTED: Text = { zh: '须认定并有佐证', en: 'attested with evidence' };

/**
 * The indicator of the other rule set that computes the same thing: the same formula, or the same inputs (e.g.
 * 生均 vs 每百名学生), or the same title.
 */
function findCounterpart(
  indicator: Indicator,
  own: RuleSet,
  other: RuleSet,
): { indicator: Indicator; how: Text } | undefined {
  const declared = declaredCounterpart(indicator, own, other);
  const computed = computedCounterpart(indicator, other);
  if (declared && computed?.indicator === declared.indicator) {
    return {
      indicator: declared.indicator,
      how: { zh: `${computed.how.zh}；${declared.how.zh}`, en: `${computed.how.en}; ${declared.how.en}` },
    };
  }
  return declared ?? computed;
}

function computedCounterpart(
  indicator: Indicator,
  other: RuleSet,
): { indicator: Indicator; how: Text } | undefined {
  const formulas = indicator.checks.map(checkFormula).filter((f) => f !== '');
  const same = other.indicators.find((o) =>
    o.checks.some((d) => formulas.some((f) => sameFormula(f, checkFormula(d)))),
  );
  if (same) return { indicator: same, how: { zh: '公式相同', en: 'same formula' } };
  const names = (i: Indicator) =>
    [...new Set(i.checks.flatMap((c) => c.value?.names ?? []))].sort().join(',');
  const mine = names(indicator);
  const inputs = mine ? other.indicators.find((o) => names(o) === mine) : undefined;
  if (inputs) {
    const f = (i: Indicator) => i.checks.map(checkFormula).join('; ');
    return {
      indicator: inputs,
      how: { zh: `输入相同，公式不同：${f(inputs)}`, en: `same inputs, another formula: ${f(inputs)}` },
    };
  }
  const titled = other.indicators.find((o) => o.title.zh === indicator.title.zh);
  return titled ? { indicator: titled, how: { zh: '名称相同', en: 'same title' } } : undefined;
}

/**
 * A correspondence a rule file declares (`corresponds_to`), in either direction, with whether it is verified and
 * how the definitions differ.
 */
function declaredCounterpart(
  indicator: Indicator,
  own: RuleSet,
  other: RuleSet,
): { indicator: Indicator; how: Text } | undefined {
  const ids = new Set([other.id, ...(other.layers?.map((l) => l.id) ?? [])]);
  const ownIds = new Set([own.id, ...(own.layers?.map((l) => l.id) ?? [])]);
  const forward = indicator.correspondsTo?.find((c) => ids.has(c.ruleset));
  const target = forward
    ? other.indicators.find((o) => o.id === forward.indicator)
    : other.indicators.find((o) =>
        o.correspondsTo?.some((c) => ownIds.has(c.ruleset) && c.indicator === indicator.id),
      );
  const declared =
    forward ?? target?.correspondsTo?.find((c) => ownIds.has(c.ruleset) && c.indicator === indicator.id);
  if (!target || !declared) return undefined;
  const verified = declared.verified ? { zh: '已核实', en: 'verified' } : { zh: '未核实', en: 'unverified' };
  const note = declared.note && {
    zh: declared.note.zh.replace(/[。.]$/u, ''),
    en: declared.note.en.replace(/[。.]$/u, ''),
  };
  return {
    indicator: target,
    how: {
      zh: `规则文件声明的对应关系，${verified.zh}${note ? `：${note.zh}` : ''}`,
      en: `a correspondence declared in the rule files, ${verified.en}${note ? `: ${note.en}` : ''}`,
    },
  };
}

function diffIndicator(x: Indicator, y: Indicator, a: RuleSet, b: RuleSet): RuleChange[] {
  const out: RuleChange[] = [];
  const name = indicatorName(y);
  const base = { area: y.area, indicator: y.id };
  const simple = (
    aspect: RuleChange['aspect'],
    from: string | undefined,
    to: string | undefined,
    zh: string,
    en: string,
    inEnglish?: [string | undefined, string | undefined],
  ) => {
    if ((from ?? '') === (to ?? '')) return;
    const [enFrom, enTo] = inEnglish ?? [from, to];
    out.push({
      kind: from === undefined ? 'added' : to === undefined ? 'removed' : 'changed',
      aspect,
      ...base,
      ...fromTo(from, to),
      text: {
        zh: `${name.zh}：${zh} ${from ?? NONE.zh} → ${to ?? NONE.zh}`,
        en: `${name.en}: ${en} ${enFrom ?? NONE.en} → ${enTo ?? NONE.en}`,
      },
      ...at(x.at, y.at),
    });
  };
  if (x.title.zh !== y.title.zh)
    simple('title', x.title.zh, y.title.zh, '名称', 'title', [x.title.en, y.title.en]);
  if (x.area !== y.area) simple('area', areaTitle(a, x.area).zh, areaTitle(b, y.area).zh, '所属方面', 'area');
  if (x.role !== y.role) {
    out.push({
      kind: 'changed',
      aspect: 'role',
      ...base,
      from: x.role,
      to: y.role,
      text: {
        zh: `${name.zh}：${ROLE_WORDS[x.role].zh} → ${ROLE_WORDS[y.role].zh}`,
        en: `${name.en}: ${ROLE_WORDS[x.role].en} → ${ROLE_WORDS[y.role].en}`,
      },
      ...at(x.at, y.at),
    });
  }
  if (x.level !== y.level)
    simple('level', LEVEL_WORDS[x.level].zh, LEVEL_WORDS[y.level].zh, '判定层级', 'judged', [
      LEVEL_WORDS[x.level].en,
      LEVEL_WORDS[y.level].en,
    ]);
  if (!sameFormula(x.appliesWhen?.text, y.appliesWhen?.text)) {
    const always: Text = { zh: '（全部适用）', en: '(all members)' };
    out.push({
      kind: !x.appliesWhen ? 'added' : !y.appliesWhen ? 'removed' : 'changed',
      aspect: 'applies_when',
      ...base,
      ...fromTo(x.appliesWhen?.text, y.appliesWhen?.text),
      text: {
        zh: `${name.zh}：适用范围 ${x.appliesWhen?.text ?? always.zh} → ${y.appliesWhen?.text ?? always.zh}`,
        en: `${name.en}: applies when ${x.appliesWhen?.text ?? always.en} → ${y.appliesWhen?.text ?? always.en}`,
      },
      ...at(x.appliesWhen?.at ?? x.at, y.appliesWhen?.at ?? y.at),
    });
  }
  if (x.rollup !== y.rollup)
    simple('rollup', x.rollup, y.rollup, '汇总方式（every = 每个成员都须达标）', 'roll-up');
  if (x.source.document !== y.source.document || x.source.clause !== y.source.clause)
    simple(
      'source',
      `${x.source.document} ${x.source.clause}`,
      `${y.source.document} ${y.source.clause}`,
      '依据',
      'source',
    );
  if (x.source.verified !== y.source.verified) {
    const word = (v: boolean): Text =>
      v ? { zh: '已核实', en: 'verified' } : { zh: '未核实', en: 'unverified' };
    out.push({
      kind: 'changed',
      aspect: 'source',
      ...base,
      from: String(x.source.verified),
      to: String(y.source.verified),
      text: {
        zh: `${name.zh}：依据${word(x.source.verified).zh} → ${word(y.source.verified).zh}`,
        en: `${name.en}: source ${word(x.source.verified).en} → ${word(y.source.verified).en}`,
      },
      ...at(x.at, y.at),
    });
  }
  for (const check of x.checks) {
    const other = y.checks.find((c) => c.id === check.id);
    if (other) out.push(...diffCheck(x, check, y, other, a, b));
    else out.push(checkPresence('removed', y, check));
  }
  for (const check of y.checks.filter((c) => !x.checks.some((d) => d.id === c.id)))
    out.push(checkPresence('added', y, check));
  return out;
}

function checkPresence(kind: 'added' | 'removed', indicator: Indicator, check: Check): RuleChange {
  const thresholds = Object.values(thresholdTexts(check.threshold)).join('、');
  return {
    kind,
    aspect: 'check',
    area: indicator.area,
    indicator: indicator.id,
    check: check.id,
    text: {
      zh: `${indicator.id} ${kind === 'added' ? '新增' : '删除'}检查“${check.label.zh}”（${checkFormula(check)}${thresholds ? `，${thresholds}` : ''}）`,
      en: `${indicator.id}: ${kind === 'added' ? 'added' : 'removed'} check '${check.label.en}' (${checkFormula(check)}${thresholds ? `, ${thresholds}` : ''})`,
    },
    ...at(kind === 'removed' ? check.at : undefined, kind === 'added' ? check.at : undefined),
  };
}

function diffCheck(_xi: Indicator, x: Check, yi: Indicator, y: Check, a: RuleSet, b: RuleSet): RuleChange[] {
  const out: RuleChange[] = [];
  const name = indicatorName(yi, y);
  const base = { area: yi.area, indicator: yi.id, check: y.id };
  const words = (text: string | undefined, lang: 'zh' | 'en', side: RuleSet) =>
    labelNames(text, (input) => side.inputs.inputs[input]?.label ?? a.inputs.inputs[input]?.label, lang);
  const push = (
    aspect: RuleChange['aspect'],
    from: string | undefined,
    to: string | undefined,
    zh: string,
    en: string,
    locA?: RuleLocation,
    locB?: RuleLocation,
    branch?: string,
  ) => {
    out.push({
      kind: from === undefined ? 'added' : to === undefined ? 'removed' : 'changed',
      aspect,
      ...base,
      ...(branch !== undefined ? { branch } : {}),
      ...fromTo(from, to),
      // Said with the inputs' labels; `from` and `to` keep the rule text as written.
      text: {
        zh: `${name.zh}：${zh} ${words(from, 'zh', a) ?? NONE.zh} → ${words(to, 'zh', b) ?? NONE.zh}`,
        en: `${name.en}: ${en} ${words(from, 'en', a) ?? NONE.en} → ${words(to, 'en', b) ?? NONE.en}`,
      },
      ...at(locA ?? x.at, locB ?? y.at),
    });
  };
  if (!sameFormula(checkFormula(x), checkFormula(y)))
    push(
      'formula',
      checkFormula(x) || undefined,
      checkFormula(y) || undefined,
      '计算公式',
      'formula',
      x.value?.at,
      y.value?.at,
    );
  if (x.choice && y.choice && x.choice.default !== y.choice.default)
    push(
      'choice',
      x.choice.default,
      y.choice.default,
      `口径“${y.choice.label.zh}”的默认选项`,
      `default of the definition choice '${y.choice.label.en}'`,
      x.choice.at,
      y.choice.at,
    );
  const tx = thresholdTexts(x.threshold);
  const ty = thresholdTexts(y.threshold);
  const by = y.threshold.by ?? x.threshold.by;
  for (const branch of union(Object.keys(tx), Object.keys(ty))) {
    if (tx[branch] === ty[branch]) continue;
    const label = branchLabel(branch, by, (ty[branch] ? b : a).inputs);
    push(
      'threshold',
      tx[branch],
      ty[branch],
      `${label.zh}标准`,
      `${label.en ? `${label.en} ` : ''}threshold`,
      // The default branch is written apart from the keyed ones: cite its own line, not the check's.
      branch === 'default' ? x.threshold.default?.at : x.threshold.branches[branch]?.at,
      branch === 'default' ? y.threshold.default?.at : y.threshold.branches[branch]?.at,
      branch,
    );
  }
  if (!sameFormula(x.countyValue?.text, y.countyValue?.text))
    push(
      'county_value',
      x.countyValue?.text,
      y.countyValue?.text,
      '全县汇总值公式',
      'county figure',
      x.countyValue?.at,
      y.countyValue?.at,
    );
  if ((x.unit?.zh ?? '') !== (y.unit?.zh ?? '')) push('unit', x.unit?.zh, y.unit?.zh, '单位', 'unit');
  return out;
}

function fromTo(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (from !== undefined) out.from = from;
  if (to !== undefined) out.to = to;
  return out;
}

function union(x: string[], y: string[]): string[] {
  return [...new Set([...x, ...y])];
}

function pct(share: number): string {
  return `${Math.round(share * 10000) / 100}%`;
}
