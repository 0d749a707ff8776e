import { ActivationCodes } from './activation-codes.js';
import { DeviceAuthenticator } from './device-auth.js';
import { DeviceRecords } from './device-records.js';
import { FraudBlocks } from './fraud-blocks.js';
import { PushService } from './push-service.js';
import type { DeviceServiceDeps } from './types.js';

/** The mobile app web service's parts, all on the Store: cheap to build, so the CLI builds its own. */
export interface DeviceService {
  deps: DeviceServiceDeps;
  records: DeviceRecords;
  activation: ActivationCodes;
  blocks: FraudBlocks;
  push: PushService;
  auth: DeviceAuthenticator;
}

export function createDeviceService(deps: DeviceServiceDeps): DeviceService {
  const records = new DeviceRecords(deps.store);
  const blocks = new FraudBlocks(deps.store);
  return {
    deps,
    records,
    activation: new ActivationCodes(deps.store, deps.clock),
    blocks,
    push: new PushService(deps, records, blocks),
    auth: new DeviceAuthenticator(deps.store, deps.clock, records),
  };
}
