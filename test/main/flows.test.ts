import { describe, expect, it } from 'vitest';
import { OAuthFlows, type PendingOAuth } from '../../electron/main/oauth-flows.js';
import { SandboxService, type SandboxHandle } from '../../electron/main/sandbox-service.js';

function flow(key: string): PendingOAuth {
  return {
    server: { profile: 'custom', apiBase: 'https://s.example/1', oauthBase: 'https://s.example/oauth' },
    consumer: { key, secret: 'cs' },
    requestToken: { token: 't', tokenSecret: 'ts' },
  };
}

describe('OAuthFlows', () => {
  it('keeps a flow between the two steps until it is finished', () => {
    const flows = new OAuthFlows();
    const id = flows.add(flow('a'));
    expect(flows.get(id)?.consumer.key).toBe('a');
    expect(flows.get(id)?.consumer.key).toBe('a');
    flows.finish(id);
    expect(flows.get(id)).toBeNull();
    expect(flows.get('never-issued')).toBeNull();
  });

  it('forgets flows after 15 minutes', () => {
    let now = 0;
    const flows = new OAuthFlows(() => now);
    const id = flows.add(flow('a'));
    now = 15 * 60 * 1000 - 1;
    expect(flows.get(id)).not.toBeNull();
    now += 1;
    expect(flows.get(id)).toBeNull();
  });

  it('holds at most 8, dropping the oldest', () => {
    const flows = new OAuthFlows();
    const ids = Array.from({ length: 10 }, (_, i) => flows.add(flow(`k${i}`)));
    expect(ids.map((id) => flows.get(id)?.consumer.key ?? null)).toEqual([null, null, 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']);
  });
});

describe('SandboxService', () => {
  function handle(port: number, closed: number[]): SandboxHandle {
    return {
      apiBase: `http://127.0.0.1:${port}/1`,
      oauthBase: `http://127.0.0.1:${port}/oauth`,
      demo: { screenName: 'demo', userId: '1', username: 'demo', password: 'p' },
      close: () => {
        closed.push(port);
      },
    };
  }

  it('starts once however many ask at the same time, and closes what it started', async () => {
    let starts = 0;
    const closed: number[] = [];
    const service = new SandboxService(async () => handle(++starts, closed));
    const [a, b] = await Promise.all([service.ensure(), service.ensure()]);
    expect(a).toBe(b);
    expect(starts).toBe(1);
    await service.close();
    expect(closed).toEqual([1]);
    await service.close();
    expect(closed).toEqual([1]);
  });

  it('tries again after a failed start', async () => {
    let attempt = 0;
    const service = new SandboxService(async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('EADDRINUSE');
      return handle(attempt, []);
    });
    await expect(service.ensure()).rejects.toThrow('EADDRINUSE');
    expect((await service.ensure()).apiBase).toBe('http://127.0.0.1:2/1');
  });
});
