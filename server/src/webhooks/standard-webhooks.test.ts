import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './standard-webhooks';
import { backoffDelay } from './webhook-dispatcher';

describe('Standard Webhooks signatures', () => {
  // The example of the Standard Webhooks specification.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('reproduces the specification example', () => {
    expect(signWebhook(secret, id, timestamp, body)['webhook-signature']).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('verifies within the tolerance and refuses a changed body, id or stale timestamp', () => {
    const headers = signWebhook(secret, id, timestamp, body);
    expect(verifyWebhook(secret, headers, body, timestamp + 60)).toBe(true);
    expect(verifyWebhook(secret, headers, `${body} `, timestamp)).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': 'msg_other' }, body, timestamp)).toBe(false);
    expect(verifyWebhook(secret, headers, body, timestamp + 3600)).toBe(false);
    expect(
      verifyWebhook(
        secret,
        { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` },
        body,
        timestamp,
      ),
    ).toBe(true);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0.999)).toBe(999);
    expect(backoffDelay(4, 1000, 60_000, () => 0.999)).toBe(7992);
    expect(backoffDelay(20, 1000, 60_000, () => 0.999)).toBe(59_940);
    expect(backoffDelay(5, 1000, 60_000, () => 0)).toBe(0);
  });
});
