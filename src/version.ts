/** The SDK version sent in `X-agent`; `npm test` checks it matches package.json. */
export const SDK_VERSION = '0.1.0';
