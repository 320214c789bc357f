// The SMS gateway's callbacks as gateways send them: a form or JSON body (or
// a GET query), the secret token in `?token=`, a `token` field or an
// X-Webhook-Token header, and their own field names (SMSC.ru's `mes`,
// Twilio's `From`/`Body`/`MessageSid`…). Mapped here onto the `sms.inbound`
// and `sms.status` methods, so the router's rules (validation, transaction,
// audit) hold for them as for any call.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Router } from '../api/router';
import { errorBody } from './http';

const ALIASES: Record<string, Record<string, string[]>> = {
  'sms.inbound': {
    phone: ['phone', 'from', 'From', 'sender', 'msisdn'],
    text: ['text', 'mes', 'Body', 'body', 'message'],
  },
  'sms.status': {
    messageId: ['messageId', 'message_id', 'id', 'MessageSid', 'SmsSid'],
    status: ['status', 'MessageStatus', 'stat'],
    error: ['error', 'err', 'ErrorMessage', 'ErrorCode'],
  },
};

function fieldsOf(method: string, req: FastifyRequest): Record<string, unknown> {
  const raw: Record<string, unknown> = {
    ...((req.query as Record<string, unknown>) ?? {}),
    ...(req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {}),
  };
  const header = req.headers['x-webhook-token'];
  const out: Record<string, unknown> = { token: raw.token ?? (typeof header === 'string' ? header : undefined) };
  for (const [field, names] of Object.entries(ALIASES[method])) {
    const name = names.find((n) => raw[n] !== undefined && raw[n] !== '');
    if (name !== undefined) out[field] = String(raw[name]);
  }
  return out;
}

export async function smsWebhooks(app: FastifyInstance, opts: { router: Router }): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  for (const method of Object.keys(ALIASES)) {
    const handle = async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        return reply.send(await opts.router.call(method, fieldsOf(method, req), { user: null, tokenHash: null }));
      } catch (e) {
        const { status, body } = errorBody(e);
        if (status >= 500) req.log.error(e);
        return reply.status(status).send(body);
      }
    };
    app.post(`/api/${method}`, handle);
    app.get(`/api/${method}`, handle);
  }
}
