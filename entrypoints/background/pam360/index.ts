/**
 * Public surface of the PAM360 client (background only). Import from here or the files directly.
 */
export { createPam360Client, type Pam360Client, type Pam360ClientOptions } from './client';
export { describePamError, isPam360Error, Pam360Error } from './errors';
export { launchProtocols, type LaunchProtocol, type LaunchProtocolId, type Protocol } from './protocols';
export type * from './types';
