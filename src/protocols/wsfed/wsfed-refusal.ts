import { GatehouseError } from '../../errors/gatehouse-error.js';

/** A WS-Federation request Gatehouse will not act on: always a page (WS-Federation has no error channel to trust). */
export class WsfedRefusal extends GatehouseError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(400, 'bad_wsfed_request', message);
  }
}
