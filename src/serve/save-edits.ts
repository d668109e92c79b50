import { writeFileAtomic } from '../files/write-atomic.ts';
import type { Problem } from '../model/problem.ts';
import { displayPath } from '../rules/display-path.ts';
import { isInside } from './confine-path.ts';
import { applyEdits } from './preview-edits.ts';
import type { ScalarEdit } from './splice-scalar.ts';
import type { Workspace } from './workspace.ts';

/**
 * 保存: writes each edit into its YAML file. Only the edited scalars change; every other byte (comments, blank lines,
 * the layout of untouched keys) stays as written. A file outside the rules folder the session started with is refused.
 */
export async function saveEdits(
  workspace: Workspace,
  edits: readonly ScalarEdit[],
): Promise<{ written: string[]; problems: Problem[] }> {
  const applied = await applyEdits(workspace, edits);
  if (applied.problems.length > 0) return { written: [], problems: applied.problems };
  const outside = [...applied.texts.keys()].filter((path) => !isInside(workspace.rulesRoot, path));
  if (outside.length > 0)
    return {
      written: [],
      problems: outside.map((path) => ({
        code: 'SERVE_PATH_REFUSED',
        severity: 'error',
        file: displayPath(path),
        message: {
          zh: `${displayPath(path)} 属于被继承的规则集，不在本规则集文件夹内，不能直接保存；请“另存为地方规则集”`,
          en: `${displayPath(path)} belongs to an extended rule set outside this rules folder and is not saved; use “save as a local rule set”`,
        },
      })),
    };
  for (const [path, text] of applied.texts) await writeFileAtomic(path, text);
  return { written: [...applied.texts.keys()].map(displayPath), problems: [] };
}
