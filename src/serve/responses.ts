import type { Context } from 'hono';
import { LIMIT_CODES, limitMessage, limits } from '../limits.ts';
import type { Lang } from '../model/text.ts';
import { viewProblems } from './problem-view.ts';
import type { ScalarEdit } from './splice-scalar.ts';

/** A JSON request body: a rule file's size at most (readYamlFile's limit). */
export const JSON_LIMIT = 2 * 1024 * 1024;

/** The edits of a request body, or undefined when the body is not a list of edits. */
export function readEdits(body: unknown): ScalarEdit[] | undefined {
  const edits = (body as { edits?: unknown } | undefined)?.edits;
  if (!Array.isArray(edits) || edits.length > 1000) return undefined;
  const ok = edits.every(
    (e: unknown) =>
      typeof (e as ScalarEdit).file === 'string' &&
      Number.isInteger((e as ScalarEdit).line) &&
      Number.isInteger((e as ScalarEdit).column) &&
      typeof (e as ScalarEdit).value === 'string' &&
      ((e as ScalarEdit).was === undefined || typeof (e as ScalarEdit).was === 'string') &&
      (e as ScalarEdit).value.length <= limits().formulaChars,
  );
  return ok ? (edits as ScalarEdit[]) : undefined;
}

export function langOf(c: Context): Lang {
  return c.req.query('lang') === 'en' ? 'en' : 'zh';
}

export function refused(what: string) {
  return {
    problems: viewProblems([
      {
        code: 'SERVE_PATH_REFUSED',
        severity: 'error',
        file: what,
        message: {
          zh: `不能打开 ${what}：工作台只读写启动时给定的规则集和数据文件夹`,
          en: `cannot open ${what}: the workbench reads and writes only the rules and data folders it was started with`,
        },
      },
    ]),
  };
}

export function badRequest() {
  return {
    problems: viewProblems([
      {
        code: 'SERVE_BAD_REQUEST',
        severity: 'error',
        message: { zh: '请求的格式不对', en: 'malformed request' },
      },
    ]),
  };
}

export function tooLarge(bytes: number) {
  return {
    problems: viewProblems([
      {
        code: bytes === JSON_LIMIT ? 'FILE_TOO_LARGE' : LIMIT_CODES.fileBytes,
        severity: 'error',
        message:
          bytes === JSON_LIMIT
            ? { zh: `请求超过 ${bytes} 字节`, en: `the request is larger than ${bytes} bytes` }
            : limitMessage(
                'fileBytes',
                { zh: '上传文件的字节数', en: 'the uploaded file’s bytes' },
                `> ${bytes}`,
              ),
      },
    ]),
  };
}
