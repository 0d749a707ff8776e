export { createDeviceService, type DeviceService } from './create-device-service.js';
export { deviceApiRouter, MAX_WAIT_SECONDS } from './device-api.js';
export { ActivationCodes, ACTIVATION_LIFETIME_MS, formatCode, normalizeCode, type ActivationOwner, type PendingActivation } from './activation-codes.js';
export { DeviceRecords, DeviceLimitError } from './device-records.js';
export { FraudBlocks, type FraudBlock } from './fraud-blocks.js';
export { PushService } from './push-service.js';
export { DeviceAuthenticator, CLOCK_SKEW_MS, SIGNATURE_TYPE, type DeviceCall } from './device-auth.js';
export { amrForVerification, isVerified } from './user-verification.js';
export { deviceView, requestView } from './device-actions.js';
export type {
  Device,
  DeviceServiceDeps,
  PushAnswer,
  PushKind,
  PushOutcome,
  PushRefusal,
  PushRequest,
  PushSettings,
  SendInput,
  SendResult,
  UserVerification,
  WakeNotifier,
} from './types.js';
export { phonePort } from './phone-port.js';
export { adminDevices, adminFraudBlocks, portalDevices } from './management-ports.js';
