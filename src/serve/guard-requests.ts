import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/** The header a mutating request carries the session's token in. */
export const TOKEN_HEADER = 'x-junheng-token';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses what a page of another site could send: a request whose Host is not this server's own (DNS rebinding: a
 * hostile name that resolves to 127.0.0.1), one whose Origin is another site's, and a mutating request without the
 * per-session token that only the workbench's own page was given.
 */
export function guardRequests(port: () => number, token: string): MiddlewareHandler {
  const expected = Buffer.from(token);
  return async (c, next) => {
    const hosts = [`127.0.0.1:${port()}`, `localhost:${port()}`];
    const host = c.req.header('host') ?? '';
    if (!hosts.includes(host.toLowerCase())) {
      return c.json(
        refusal('SERVE_HOST_REFUSED', {
          zh: `拒绝：Host“${host}”不是本工作台的地址（只接受 ${hosts.join('、')}）`,
          en: `refused: Host '${host}' is not this workbench's address (only ${hosts.join(', ')})`,
        }),
        403,
      );
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
      return c.json(
        refusal('SERVE_ORIGIN_REFUSED', {
          zh: `拒绝：请求来自另一个网页（Origin ${origin}）`,
          en: `refused: the request comes from another page (Origin ${origin})`,
        }),
        403,
      );
    }
    if (MUTATING.has(c.req.method)) {
      const given = Buffer.from(c.req.header(TOKEN_HEADER) ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return c.json(
          refusal('SERVE_TOKEN_REFUSED', {
            zh: '拒绝：修改请求缺少本次会话的令牌；请从 junheng serve 打印的地址打开工作台',
            en: "refused: a change request without this session's token; open the workbench from the address junheng serve printed",
          }),
          403,
        );
      }
    }
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Cache-Control', 'no-store');
  };
}

function refusal(code: string, message: { zh: string; en: string }) {
  return { refused: { code, message } };
}
