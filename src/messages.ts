/**
 * Entry `idaas-miniprogram/messages`: every error in words, zh-CN and en, for people. Its own entry,
 * like a locale catalogue, so apps that never show these sentences do not bundle them.
 */
export { ERROR_CODES, type ErrorCodeInfo } from './error-codes';
export { describeError, type MessageLanguage, messageLanguage } from './messages/describe';
export { FIELD_LABELS } from './messages/fields';
