/**
 * Loaded into the platform's own process by the bench (`node --import …/sql-capture.js`), never by
 * the platform: between a `start` and a `stop` message it records every statement the process
 * sends through node-postgres (TypeORM's and any direct pg client's alike), text, name and values
 * as they go on the wire, so that the raw replay server runs exactly what the code ran. `off` puts
 * pg back as it was, so that nothing of this stays in the measured path.
 */
import { createRequire } from 'node:module';
import pg from 'pg';

const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue(value: unknown): unknown;
};

export interface CapturedStatement {
  text: string;
  name?: string;
  /** Values as node-postgres prepares them for the wire (strings or null). */
  values: (string | null)[];
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;
type Message = { capture?: 'start' | 'stop' | 'off' };

const prototype = pg.Client.prototype as unknown as { query: Query };
const original = prototype.query;
let recording: CapturedStatement[] | null = null;

function wire(value: unknown): string | null {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return null;
  return Buffer.isBuffer(prepared) ? `\\x${prepared.toString('hex')}` : String(prepared);
}

prototype.query = function (
  this: pg.Client,
  config: unknown,
  values?: unknown,
  callback?: unknown,
) {
  if (recording && config) {
    const query = (typeof config === 'string' ? { text: config } : config) as {
      text?: string;
      name?: string;
      values?: unknown[];
    };
    const params = Array.isArray(values) ? values : (query.values ?? []);
    if (query.text) {
      recording.push({
        text: query.text,
        ...(query.name ? { name: query.name } : {}),
        values: params.map(wire),
      });
    }
  }
  return original.call(this, config, values, callback);
};

process.on('message', (message: Message) => {
  if (message.capture === 'start') {
    recording = [];
    process.send?.({ capture: 'started' });
  } else if (message.capture === 'stop') {
    const statements = recording ?? [];
    recording = null;
    process.send?.({ capture: 'stopped', statements });
  } else if (message.capture === 'off') {
    prototype.query = original;
    process.send?.({ capture: 'off' });
  }
});
// The bench started this process: it ends with the bench.
process.on('disconnect', () => process.exit(0));
