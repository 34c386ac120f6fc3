/**
 * Entry `idaas-miniprogram/messages`: user-presentable messages for every documented error code,
 * in English and Chinese. Its own entry, like a locale catalog, so apps that never show localized
 * messages do not bundle it.
 */
export { describeError, ERROR_CODES, type ErrorCodeInfo } from './error-codes';
