import { BenchDevice } from '../push/device.js';
import type { Activation } from './enroll.js';

/**
 * The reference authenticator's part in a sign-in, as the benchmark's phones play it: activated once through the
 * device API (docs/device-api.md), then, per push, list the waiting request and approve it with the number the
 * person reads off the sign-in page (and a PIN, which passwordless requires).
 */
export class BenchPhone {
  private constructor(
    readonly login: string,
    private readonly device: BenchDevice,
  ) {}

  static async activate(service: string, activation: Activation): Promise<BenchPhone> {
    const device = await BenchDevice.create(service);
    const activated = await device.call<{ deviceId: string }>('POST', '/device/v1/activate', { code: activation.code, name: `${activation.login}'s phone`, platform: 'bench' });
    device.deviceId = activated.deviceId;
    if (activation.passwordless) await device.call('PATCH', '/device/v1/device', { passwordless: true, uv: 'pin' });
    return new BenchPhone(activation.login, device);
  }

  /**
   * Approves the oldest waiting request with `number` (two signed calls: list, answer). Resolves with the
   * performance.now() at which the approval was sent, signed and ready (a phone signs before it sends).
   */
  async approve(number: number): Promise<number> {
    const { requests } = await this.device.call<{ requests: Array<{ id: string }> }>('GET', '/device/v1/requests');
    const request = requests[0];
    if (!request) throw new Error(`no push is waiting for ${this.login}'s phone`);
    const approval = await this.device.sign('POST', `/device/v1/requests/${request.id}/answer`, { action: 'approve', number, uv: 'pin' });
    const sentAt = performance.now();
    const answer = await fetch(approval.url, approval.init);
    const text = await answer.text();
    if (!answer.ok) throw new Error(`approve: ${answer.status} ${text}`);
    return sentAt;
  }
}
