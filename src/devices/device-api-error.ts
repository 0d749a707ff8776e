import { GatehouseError } from '../errors/gatehouse-error.js';

/** An answer of the device API that is not a success: an HTTP status and a code the app can act on (docs/device-api.md). */
export class DeviceApiError extends GatehouseError {
  constructor(status: number, code: string, message: string) {
    super(status, code, message);
  }
}

/** 401: the call is not signed by a known device, or the signature does not bind this call. */
export const unauthorized = (code: string, message: string) => new DeviceApiError(401, code, message);
export const invalidRequest = (message: string) => new DeviceApiError(400, 'invalid_request', message);
