import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paragraphDigest, paragraphsOf, tencentCloudHeaders } from '../../src/core/compliance/moderation.ts';
import { splitFrontMatter } from '../../src/core/source/front-matter.ts';
import { ARTICLE_DIRECTORY, FixtureRepository } from '../helpers/fixture-repository.ts';
import { runMpflow } from '../helpers/run-cli.ts';

/**
 * The optional cloud layer against fake providers on loopback: an OpenAI-compatible chat endpoint
 * that judges by the words of the paragraph, and Tencent Cloud's TextModeration, which checks the
 * TC3 signature of the request as the real service does.
 */
interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

let server: Server;
let base = '';
const received: Received[] = [];
let failWith: number | undefined;

function verdictFor(paragraph: string): { families: string[]; reason: string } {
  if (/紧急扩散|速转|不转不是/.test(paragraph)) return { families: ['lexicon'], reason: '谣言式的传播号召' };
  if (/包治百病|降三高/.test(paragraph)) return { families: ['medical', 'lexicon'], reason: '宣称治疗疾病' };
  return { families: [], reason: '' };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const body = JSON.parse(raw || '{}');
      received.push({ path: request.url ?? '', headers: request.headers, body });
      response.setHeader('content-type', 'application/json');
      if (failWith) {
        response.statusCode = failWith;
        response.end('{"error":{"message":"quota"}}');
        return;
      }
      if (request.url === '/v1/chat/completions') {
        const paragraph = body.messages.find((message: { role: string }) => message.role === 'user').content as string;
        response.end(
          JSON.stringify({
            choices: [{ message: { role: 'assistant', content: JSON.stringify(verdictFor(paragraph)) } }],
          }),
        );
        return;
      }
      // Tencent Cloud API 3.0: the signature must be the one the secret key gives for this very request.
      const expected = tencentCloudHeaders({
        secretId: 'AKIDtest',
        secretKey: 'secret-key',
        host: String(request.headers.host),
        service: 'tms',
        action: 'TextModeration',
        version: '2020-12-29',
        region: 'ap-shanghai',
        payload: raw,
        timestamp: Number(request.headers['x-tc-timestamp']),
      });
      if (
        request.headers.authorization !== expected.authorization ||
        request.headers['x-tc-action'] !== 'TextModeration'
      ) {
        response.end(
          JSON.stringify({
            Response: {
              Error: { Code: 'AuthFailure.SignatureFailure', Message: 'signature mismatch' },
              RequestId: 'r1',
            },
          }),
        );
        return;
      }
      const paragraph = Buffer.from(body.Content, 'base64').toString('utf8');
      const flagged = verdictFor(paragraph).families.length > 0;
      response.end(
        JSON.stringify({
          Response: {
            Suggestion: flagged ? 'Block' : 'Pass',
            Label: flagged ? 'Illegal' : 'Normal',
            SubLabel: '',
            Keywords: flagged ? ['紧急扩散'] : [],
            Score: flagged ? 95 : 0,
            RequestId: 'r2',
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let folder: string;

async function department(moderation: Record<string, string>): Promise<void> {
  await mkdir(path.join(folder, 'content', 'policy'), { recursive: true });
  const lines = Object.entries(moderation).map(([key, value]) => `    ${key}: ${JSON.stringify(value)}`);
  await writeFile(
    path.join(folder, 'content', 'policy', '2026-01-01.yaml'),
    `effective: 2026-01-01\ncompliance:\n  moderation:\n${lines.join('\n')}\n`,
  );
  await writeFile(
    path.join(folder, 'draft.md'),
    '---\ntitle: 秋日茶话\ncover: cover.png\n---\n秋天适合喝乌龙茶，香气高扬。\n\n紧急扩散！明天起全市停水三天。\n\n这款茶包治百病，还能降三高。\n',
  );
}

const ENV = { LANG: 'zh_CN.UTF-8', MPFLOW_NOW: '2026-10-01T08:00:00+08:00', MODERATION_KEY: 'sk-test' };

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mpflow-moderation-'));
  received.length = 0;
  failWith = undefined;
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('cloud moderation, OpenAI-compatible', () => {
  beforeEach(async () => {
    await department({
      provider: 'openai-compatible',
      endpoint: `${base}/v1/chat/completions`,
      model: 'deepseek-chat',
      keyEnv: 'MODERATION_KEY',
    });
  });

  it('sends each paragraph once with the key from the environment, caches the verdicts, and reports them as warnings at the paragraph', async () => {
    const first = await runMpflow(['lint', '--moderate', 'draft.md'], { cwd: folder, env: ENV });
    expect(received).toHaveLength(3);
    expect(
      received.every(
        (request) => request.headers.authorization === 'Bearer sk-test' && request.body.model === 'deepseek-chat',
      ),
    ).toBe(true);
    expect(first.stderr).toContain('发送 3 段');
    expect(first.stdout).toContain('draft.md:7:1  lexicon/cloud');
    expect(first.stdout).toContain('谣言式的传播号召');
    expect(first.stdout).toMatch(/draft\.md:9:1 {2}medical\/cloud/);
    // Cloud verdicts are warnings: the file's errors come from the engine's own rules.
    expect(first.stdout).not.toMatch(/error +(?:lexicon|medical)\/cloud/);

    const cache = JSON.parse(await readFile(path.join(folder, '.mpflow/moderation-cache.json'), 'utf8'));
    expect(Object.keys(cache.verdicts)).toHaveLength(3);
    expect(Object.keys(cache.verdicts)).toEqual([...Object.keys(cache.verdicts)].sort());
    expect(JSON.stringify(cache)).not.toContain('sk-test');

    // Again, and without --moderate and without a key (as CI runs it): nothing is sent, the same findings come from the cache.
    const again = await runMpflow(['lint', '--moderate', 'draft.md'], { cwd: folder, env: ENV });
    const offline = await runMpflow(['lint', 'draft.md'], {
      cwd: folder,
      env: { LANG: 'zh_CN.UTF-8', MPFLOW_NOW: ENV.MPFLOW_NOW },
    });
    expect(received).toHaveLength(3);
    expect(again.stderr).toContain('发送 0 段');
    expect(offline.stdout).toBe(first.stdout);
  });

  it('sends only the paragraph that changed', async () => {
    await runMpflow(['lint', '--moderate', 'draft.md'], { cwd: folder, env: ENV });
    const text = await readFile(path.join(folder, 'draft.md'), 'utf8');
    await writeFile(path.join(folder, 'draft.md'), text.replace('香气高扬', '香气高扬，回甘持久'));
    await runMpflow(['lint', '--moderate', 'draft.md'], { cwd: folder, env: ENV });
    expect(received).toHaveLength(4);
    expect(received[3]!.body.messages[1].content).toBe('秋天适合喝乌龙茶，香气高扬，回甘持久。');
  });

  it('fails with a plain message and leaves the cache alone when the key is missing or the provider fails', async () => {
    const noKey = await runMpflow(['lint', '--moderate', 'draft.md'], { cwd: folder, env: { LANG: 'zh_CN.UTF-8' } });
    expect(noKey.exitCode).toBe(2);
    expect(noKey.stderr).toContain('MODERATION_KEY');
    failWith = 429;
    const failed = await runMpflow(['lint', '--moderate', 'draft.md'], { cwd: folder, env: ENV });
    expect(failed.exitCode).toBe(2);
    expect(failed.stderr).toContain('HTTP 429');
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    await expect(readFile(path.join(folder, '.mpflow/moderation-cache.json'), 'utf8')).rejects.toThrow();
    // Without the cloud layer the file is still linted by the engine as always.
    const plain = await runMpflow(['lint', 'draft.md'], { cwd: folder, env: { LANG: 'zh_CN.UTF-8' } });
    expect(plain.stdout).not.toContain('/cloud');
    expect(plain.stdout).toContain('medical/');
  });
});

describe('cloud moderation, Tencent Cloud TextModeration', () => {
  it('signs each request (TC3-HMAC-SHA256), sends the paragraph base64-encoded, and reads Block as a lexicon verdict', async () => {
    await department({ provider: 'tencent-tms', endpoint: `${base}/`, keyEnv: 'TMS_KEY', region: 'ap-shanghai' });
    const run = await runMpflow(['lint', '--moderate', 'draft.md'], {
      cwd: folder,
      env: { ...ENV, TMS_KEY: 'AKIDtest:secret-key' },
    });
    expect(received).toHaveLength(3);
    expect(received[0]!.headers['x-tc-version']).toBe('2020-12-29');
    expect(received[0]!.headers['x-tc-region']).toBe('ap-shanghai');
    expect(Buffer.from(received[1]!.body.Content, 'base64').toString('utf8')).toBe('紧急扩散！明天起全市停水三天。');
    expect(run.stdout).toContain('draft.md:7:1  lexicon/cloud');
    expect(run.stdout).toContain('Block Illegal（紧急扩散）');
  });

  it('computes the signature Tencent Cloud documents for a known request', () => {
    // Recomputed here step by step from the TC3-HMAC-SHA256 description, independently of the client.
    const payload = '{"Content":"5rWL6K+V"}';
    const timestamp = 1_700_000_000;
    const headers = tencentCloudHeaders({
      secretId: 'AKIDtest',
      secretKey: 'secret-key',
      host: 'tms.tencentcloudapi.com',
      service: 'tms',
      action: 'TextModeration',
      version: '2020-12-29',
      region: 'ap-guangzhou',
      payload,
      timestamp,
    });
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:tms.tencentcloudapi.com\nx-tc-action:textmoderation\n\ncontent-type;host;x-tc-action\n${sha(payload)}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n2023-11-14/tms/tc3_request\n${sha(canonical)}`;
    const step = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();
    const signature = createHmac('sha256', step(step(step('TC3secret-key', '2023-11-14'), 'tms'), 'tc3_request'))
      .update(toSign)
      .digest('hex');
    expect(headers.authorization).toBe(
      `TC3-HMAC-SHA256 Credential=AKIDtest/2023-11-14/tms/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${signature}`,
    );
  });
});

describe('cloud verdicts in mpflow check', () => {
  it('reports the cached verdicts of a department repository as warnings, never as errors, and follows the cache', async () => {
    const repository = await FixtureRepository.create();
    try {
      const settings = {
        provider: 'openai-compatible' as const,
        endpoint: `${base}/v1/chat/completions`,
        model: 'qwen-plus',
        keyEnv: 'MODERATION_KEY',
      };
      const policyFile = 'content/policy/2026-01-01.yaml';
      const policy = await repository.read(policyFile);
      await repository.write(
        policyFile,
        policy.replace(
          /^compliance:\n/m,
          `compliance:\n  moderation:\n    provider: ${settings.provider}\n    endpoint: ${settings.endpoint}\n    model: ${settings.model}\n    keyEnv: ${settings.keyEnv}\n`,
        ),
      );
      const article = await repository.read(`${ARTICLE_DIRECTORY}/index.md`);
      const split = splitFrontMatter(article);
      if (split.kind !== 'ok') throw new Error('the fixture article has front matter');
      const paragraph = paragraphsOf(split.body).find(
        (item) => /[\u4e00-\u9fff]/.test(item.text) && !item.text.startsWith('#'),
      )!;
      const line = split.bodyFirstLine + split.body.slice(0, paragraph.start).split('\n').length - 1;
      await repository.write(
        '.mpflow/moderation-cache.json',
        JSON.stringify({
          version: 1,
          verdicts: { [paragraphDigest(settings, paragraph.text)]: { families: ['lexicon'], reason: '测试用的结论' } },
        }),
      );
      const env = { LANG: 'en_US.UTF-8', MPFLOW_CACHE_DIR: path.join(repository.root, '.check-cache') };

      const flagged = await runMpflow(['check', '--format', 'json'], { cwd: repository.root, env });
      expect(flagged.exitCode).toBe(0);
      const report = JSON.parse(flagged.stdout) as {
        problems: Array<{ file: string; line: number; ruleId: string; severity: string }>;
      };
      expect(report.problems.filter((problem) => problem.ruleId.endsWith('/cloud'))).toEqual([
        expect.objectContaining({
          file: `${ARTICLE_DIRECTORY}/index.md`,
          line,
          ruleId: 'lexicon/cloud',
          severity: 'warning',
        }),
      ]);
      // No request ever leaves a check.
      expect(received).toEqual([]);

      // The verdict withdrawn from the cache: the check cache does not serve the old finding.
      await repository.write('.mpflow/moderation-cache.json', JSON.stringify({ version: 1, verdicts: {} }));
      const cleared = await runMpflow(['check', '--format', 'json'], { cwd: repository.root, env });
      expect(
        (JSON.parse(cleared.stdout) as { problems: Array<{ ruleId: string }> }).problems.filter((problem) =>
          problem.ruleId.endsWith('/cloud'),
        ),
      ).toEqual([]);
    } finally {
      await repository.dispose();
    }
  });
});
