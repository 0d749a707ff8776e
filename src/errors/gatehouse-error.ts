/**
 * An error Gatehouse answers on purpose. `status` is the HTTP status; `expose` says whether `message` may be shown
 * to the person or client (else they see a generic message and the details go to the log only).
 */
export class GatehouseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly expose = true,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request itself is wrong (bad parameter, bad form, missing CSRF token). */
export class BadRequestError extends GatehouseError {
  constructor(code: string, message: string) {
    super(400, code, message);
  }
}

/** The thing asked for is unknown or gone (expired sign-in, unknown page). */
export class NotFoundError extends GatehouseError {
  constructor(code: string, message: string) {
    super(404, code, message);
  }
}

/** The caller may not do this (wrong browser for a sign-in, missing admin rights). */
export class ForbiddenError extends GatehouseError {
  constructor(code: string, message: string) {
    super(403, code, message);
  }
}

/** A part Gatehouse depends on (store, directory) is unreachable. */
export class UnavailableError extends GatehouseError {
  constructor(code: string, message: string) {
    super(503, code, message);
  }
}
