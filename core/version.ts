/** Kept equal to package.json's version by a unit test; sent as `User-Agent: Befriend/<version>`. */
export const VERSION = '0.1.0';
export const USER_AGENT = `Befriend/${VERSION}`;
