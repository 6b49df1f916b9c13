import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidApiKeyError, keyFromHeaders } from '../../auth/api-keys';
import { clientFormOf, httpStatusOf } from '../../errors/client-errors';
import { IMPORT_INTERRUPTED, isDatabaseOutage } from '../../errors/database-errors';
import { DomainError } from '../../errors/domain-errors';
import { headerMap, sendsCredential, type Guards } from '../../http/guards';
import { sendGraphQLError, sendJson } from '../../http/respond';
import type { Services } from '../../service-container';
import { csvRows, jsonLinesRows, uploadFormat, UploadFormatError } from './parse-upload';

const PATH = '/admin/openings/import';

/** Refuses without reading the body; the connection is closed so the client stops uploading. */
function refuse(request: FastifyRequest, reply: FastifyReply, status: number, message: string, code: string): FastifyReply {
  request.log.info({ status, code }, `refused: ${message}`);
  return sendGraphQLError(reply, status, message, code, { connection: 'close' });
}

/**
 * POST /admin/openings/import — the file as the body (text/csv or application/x-ndjson), ADMIN key required,
 * `?atomic=true` to store nothing when any row is bad. The body is parsed as it streams in (the route's content
 * type parser leaves the request stream unread); valid rows are stored in chunks of 500 with progress on the
 * ImportJob (poll `importJob(id)`; the id is also in the x-import-job-id response header). Answers with the report
 * when the file has been processed: the first row errors (UPLOAD_LIMITS.keepErrors) and the count of all. More than
 * UPLOAD_LIMITS.maxRows rows is a 413, nearly every row bad after the first thousand a 400; both stop reading (rows
 * stored until then stay, unless atomic).
 */
export async function importUploadRoutes(app: FastifyInstance, deps: { services: Services; guards: Guards }): Promise<void> {
  // Only in this plugin's scope: every body is handed on as the raw stream.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  /** The door, before any of the body is read: key, role, rate limit, format. */
  const door = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // A wrong key is charged to the failed-authentication bucket here; the check below then finds it cached.
    if (sendsCredential(request) && !(await deps.guards.authenticate(request, reply))) return reply;
    let viewer;
    try {
      const key = keyFromHeaders(headerMap(request.headers));
      if (key === undefined) return refuse(request, reply, 401, 'Uploading openings needs an ADMIN API key', 'UNAUTHENTICATED');
      viewer = await deps.services.apiKeys.verifier.verify(key);
    } catch (error) {
      if (error instanceof InvalidApiKeyError) return refuse(request, reply, 401, `Invalid API key: ${error.message}`, 'UNAUTHENTICATED');
      throw error;
    }
    if (viewer.role !== 'ADMIN') return refuse(request, reply, 403, `Uploading openings needs an ADMIN API key; this key's role is ${viewer.role}`, 'FORBIDDEN');
    if (deps.guards.limited(request, reply, viewer)) return reply;
    if (!uploadFormat(request.headers['content-type'])) {
      return refuse(request, reply, 415, 'Content-Type must be text/csv or application/x-ndjson (JSON Lines)', 'BAD_REQUEST');
    }
  };

  app.route({
    method: ['GET', 'PUT', 'PATCH', 'DELETE'],
    url: PATH,
    handler: async (request, reply) => refuse(request, reply, 405, 'Use POST with a CSV or JSON Lines body', 'BAD_REQUEST').header('allow', 'POST'),
  });

  app.post(PATH, { onRequest: door }, async (request, reply) => {
    const log = request.log;
    const format = uploadFormat(request.headers['content-type'])!;
    const atomic = /^(1|true)$/i.test(String((request.query as Record<string, unknown>).atomic ?? ''));
    const rows = format === 'csv' ? csvRows(request.raw) : jsonLinesRows(request.raw);
    let jobId: string | undefined;
    try {
      const report = await deps.services.imports.importRows(rows, atomic, 0, (id) => {
        jobId = id;
        reply.header('x-import-job-id', id);
        log.info({ jobId: id, format, atomic }, 'import upload started');
      });
      log.info({ jobId, created: report.created, updated: report.updated, failed: report.failedCount, stopped: report.stopped?.reason }, 'import upload finished');
      const body = {
        jobId: report.jobId,
        status: report.status,
        created: report.created,
        updated: report.updated,
        failed: report.failedCount,
        errors: report.failed,
        errorsOmitted: report.failedCount - report.failed.length,
      };
      if (report.stopped) {
        // The rest of the body stays unread: close the connection so the client stops sending it.
        const status = report.stopped.reason === 'TOO_MANY_ROWS' ? 413 : 400;
        const code = report.stopped.reason === 'TOO_MANY_ROWS' ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT';
        return sendJson(reply, status, {
          ...body,
          errors: [{ message: report.stopped.message, extensions: { code, field: 'file', reason: report.stopped.reason } }],
          rowErrors: report.failed,
        }, { connection: 'close' });
      }
      return sendJson(reply, 200, body);
    } catch (error) {
      if (isDatabaseOutage(error)) {
        log.warn({ jobId, err: error }, 'import upload stopped: database unavailable');
        return sendJson(reply, 503, {
          jobId,
          errors: [{ message: IMPORT_INTERRUPTED, extensions: { code: 'SERVICE_UNAVAILABLE' } }],
        }, { 'retry-after': '5', connection: 'close' }); // the rest of the body stays unread: never reuse this connection
      }
      if (error instanceof UploadFormatError || (error as { code?: string }).code?.startsWith('CSV_')) {
        return sendJson(reply, 400, {
          jobId,
          errors: [{ message: (error as Error).message, extensions: { code: 'BAD_USER_INPUT', field: 'file' } }],
        }, { connection: 'close' });
      }
      if (error instanceof DomainError) {
        return sendJson(reply, httpStatusOf(error), { jobId, errors: [clientFormOf(error)] }, { connection: 'close' });
      }
      throw error;
    }
  });
}
