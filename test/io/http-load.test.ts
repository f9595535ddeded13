import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGenerator } from '../../src/models/load-generator.js';
import { RealNVPGenerator } from '../../src/models/realnvp/realnvp-generator.js';
import { setBackend } from '../backends.js';

const dir = mkdtempSync(join(tmpdir(), 'pointgen-http-'));
let server: Server;
let base = '';

beforeAll(async () => {
  await setBackend('cpu');
  const model = new RealNVPGenerator({ couplings: 2, hidden: 8, depth: 1, seed: 5 });
  await model.save(dir);
  model.dispose();
  // /model/* serves the folder; /silent/* accepts the request and never answers.
  server = createServer((req, res) => {
    if (req.url?.startsWith('/model/')) {
      readFile(join(dir, req.url.slice('/model/'.length))).then(
        (bytes) => res.end(bytes),
        () => res.writeHead(404).end(),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('loadGenerator over http', () => {
  it('loads a served model folder', async () => {
    const model = await loadGenerator(`${base}/model/model.json`);
    expect(model.type).toBe('realnvp');
    model.dispose();
  });

  it('gives up on a server that never answers after timeoutMs', async () => {
    const t0 = performance.now();
    await expect(loadGenerator(`${base}/silent/model.json`, { timeoutMs: 300 })).rejects.toThrow(
      /silent\/model\.json.*no answer within 300 ms/,
    );
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(
      RealNVPGenerator.load(`${base}/silent/model.json`, { signal: controller.signal }),
    ).rejects.toThrow(/loading was aborted/);
  });
});
