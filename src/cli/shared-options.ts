import { Argument } from 'commander';
import { DEFAULT_DATASET, DEFAULT_DATASET_NAME, DEFAULT_RULES } from './defaults.ts';
import type { Say } from './help-language.ts';

/** The descriptions every command that takes these options shares, in the help's language. */
export function sharedWords(say: Say) {
  return {
    lang: say(
      '输出语言：zh（中文，默认）或 en（英文）',
      'output language: zh (Chinese, default) or en (English)',
    ),
    /** --rules of a command that reads a dataset: the dataset may name its own rule set. */
    rulesOfDataset: say(
      `规则集：rules/ 下的 id 或一个规则集文件夹（默认：数据集指定的规则集，否则 ${DEFAULT_RULES}）`,
      `rule set: an id under rules/ or a rule set folder (default: the one the dataset names, else ${DEFAULT_RULES})`,
    ),
    /** --rules of a command that reads no dataset. */
    rules: say(
      '规则集：rules/ 下的 id 或一个规则集文件夹',
      'rule set: an id under rules/ or a rule set folder',
    ),
  };
}

/** The optional dataset argument, defaulting to the bundled sample. */
export function datasetArgument(say: Say): Argument {
  return new Argument(
    '[dataset]',
    say(
      '数据集文件夹（含 dataset.yaml）或填报工作簿 .xlsx',
      'dataset folder (with dataset.yaml) or filled-in .xlsx workbook',
    ),
  ).default(
    DEFAULT_DATASET,
    say(`随附的示例 ${DEFAULT_DATASET_NAME}`, `the bundled sample ${DEFAULT_DATASET_NAME}`),
  );
}
