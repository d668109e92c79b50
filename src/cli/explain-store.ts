import { resolve } from 'node:path';
import { explainCounty } from '../explain/explain-county.ts';
import { explainSubject } from '../explain/explain-subject.ts';
import { resolveSubject } from '../explain/find-subject.ts';
import type { Lang } from '../model/text.ts';
import { StoreReader } from '../store/store-reader.ts';
import { showControls } from '../text/safe-text.ts';
import { checkChoice } from './check-choice.ts';
import { chooseEvaluator } from './choose-evaluator.ts';
import { EXIT, type CliIo } from './cli-context.ts';

/**
 * `explain --store`: the county that holds the subject is read back from the store (its data as the run read it,
 * judged again under the run's rule set) and explained by the same renderer as after a fresh evaluation.
 */
export async function explainFromStore(
  store: string,
  options: { subject?: string; indicator?: string; run?: string },
  io: CliIo,
  lang: Lang,
): Promise<void> {
  const reader = await StoreReader.open(resolve(store));
  try {
    const run = await reader.run(options.run);
    if (options.indicator !== undefined)
      checkChoice(
        '--indicator',
        options.indicator,
        reader.ruleset(run).indicators.map((i) => i.id),
      );
    if (!options.subject) {
      const evaluation = await reader.evaluation(run, chooseEvaluator);
      for (const county of evaluation.counties)
        io.out(`${showControls(explainCounty(county, lang, evaluation.groupLabels))}\n`);
      return;
    }
    // Only the counties that name the subject are read; a subject no county names is looked for in all of them,
    // so that the message (and its suggestions) is the one a fresh evaluation gives.
    const counties = await reader.countiesOf(run, options.subject);
    const evaluation = await reader.evaluation(
      run,
      chooseEvaluator,
      counties.length > 0 ? counties : undefined,
    );
    if (!resolveSubject(evaluation, options.subject).found) process.exitCode = EXIT.invalid;
    io.out(`${showControls(explainSubject(evaluation, options.subject, options.indicator, lang))}\n`);
  } finally {
    reader.close();
  }
}
