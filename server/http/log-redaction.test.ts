import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { redactUrl, serializeRequest } from './log-redaction.ts';

const TOKEN = 'Qm9ZcXh2b0pXc1dhY2t6aF9fbG9uZw';

describe('request logs (issue 18, break 12)', () => {
  it('never carry an invitation or calendar-feed token', () => {
    expect(redactUrl(`/api/invitations/${TOKEN}`)).toBe('/api/invitations/[token]');
    expect(redactUrl(`/api/invitations/${TOKEN}/accept`)).toBe('/api/invitations/[token]/accept');
    expect(redactUrl(`/moi/${TOKEN}`)).toBe('/moi/[token]');
    expect(redactUrl(`/api/calendar/${TOKEN}.ics`)).toBe('/api/calendar/[token].ics');
    expect(redactUrl(`/api/calendar/${TOKEN}.ics?x=1`)).toBe('/api/calendar/[token].ics');
  });

  it('keep what is no secret', () => {
    expect(redactUrl('/api/invitations/12')).toBe('/api/invitations/12');
    expect(redactUrl('/api/invitations')).toBe('/api/invitations');
    expect(redactUrl('/api/plans/7?unitId=3')).toBe('/api/plans/7');
    expect(redactUrl('/api/calendar/link')).toBe('/api/calendar/link');
  });

  it('is what Fastify writes in its request lines', async () => {
    const lines: string[] = [];
    const app = Fastify({
      logger: {
        level: 'info',
        serializers: { req: serializeRequest },
        stream: { write: (line: string) => void lines.push(line) },
      },
    });
    app.get('/api/invitations/:token', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: `/api/invitations/${TOKEN}` });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/api/invitations/[token]');
    expect(log).not.toContain(TOKEN);
  });
});
