import type { CountyData } from '../model/dataset.ts';
import type { Check } from '../model/ruleset.ts';

/** The definition option in force for a choice: the one the dataset chose, when the rule has it, else the default. */
export function selectOption(
  choice: NonNullable<Check['choice']>,
  choices: CountyData['choices'],
): { option: string; chosenBy: 'dataset' | 'default'; chosen?: CountyData['choices'][string] } {
  const chosen = choices[choice.id];
  if (chosen && choice.options[chosen.option]) return { option: chosen.option, chosenBy: 'dataset', chosen };
  return { option: choice.default, chosenBy: 'default' };
}
