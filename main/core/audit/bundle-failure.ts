/** The first thing a bundle verification found wrong, and the exception that carries it out. */

export interface BundleFailure {
  /** The bundle member (or the bundle file itself) concerned. */
  file: string;
  device?: string;
  seq?: number;
  message: string;
}

/** Carries a BundleFailure out of the nested checks to verifyBundle. */
export class BundleFailureError extends Error {
  constructor(readonly failure: BundleFailure) {
    super(failure.message);
    this.name = 'BundleFailureError';
  }
}

/** Ends verification with `failure` (caught by verifyBundle, never escapes it). */
export function failBundle(failure: BundleFailure): never {
  throw new BundleFailureError(failure);
}
