/**
 * The CLI's people-facing text in English and Chinese: Chinese on a Chinese system (`LC_ALL`,
 * `LC_MESSAGES` or `LANG` starting with `zh`), `--lang en|zh` overrides. The first line,
 * `IDaaS emulator listening on <url>`, is the same in both: scripts read the URL from it.
 */
import { DEFAULT_PORT, DEMO_ORIGINS, EXPORT_FILE } from './index';

export type CliLang = 'en' | 'zh';

export function systemLanguage(env: Record<string, string | undefined> = process.env): CliLang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const EN = {
  usage: `Usage: idaas-emulator [options]        (in the idaas-miniprogram repo: npm run emulator -- [options])
  --port N               port (default ${DEFAULT_PORT}; 0 = any free port, printed at start-up)
  --seed FILE            seed JSON, checked against seed.schema.json (default: the packaged seeds/default.json)
  --import DIR           start from DIR/${EXPORT_FILE} (written by --export-on-exit)
  --export-on-exit DIR   on Ctrl-C / SIGTERM, write tenant, apps and users to DIR/${EXPORT_FILE}
  --allow-origin ORIGIN  a browser origin whose pages may use /__emulator/* (repeatable;
                         default ${DEMO_ORIGINS.join(' and ')}, the h5 demo)
  --token TOKEN          the control token (default: a random one, printed)
  --host ADDRESS         listen on another address than 127.0.0.1 (prints a warning)
  --lang en|zh           language of these messages (default: the system's)
  --quiet                do not log requests
  --help                 this text`,
  started: '',
  console: 'console:        ',
  seed: 'seed:           ',
  clientIds: 'client ids:     ',
  control: 'control routes: ',
  controlDocs: '(docs/control-api.md of idaas-emulator)',
  token: 'control token:  ',
  tokenHint: '(header X-Emulator-Token, for other origins/machines)',
  origins: 'allowed origins: ',
  exported: (path: string) => `exported to ${path}`,
  exportFailed: (why: string) => `export failed: ${why}`,
  failed: (why: string) => `emulator failed to start: ${why}`,
};

const ZH: typeof EN = {
  usage: `用法：idaas-emulator [选项]        （在 idaas-miniprogram 仓库中：npm run emulator -- [选项]）
  --port N               端口（默认 ${DEFAULT_PORT}；0 = 任意空闲端口，启动时打印）
  --seed FILE            种子 JSON，按 seed.schema.json 校验（默认：包内的 seeds/default.json）
  --import DIR           从 DIR/${EXPORT_FILE} 启动（由 --export-on-exit 写出）
  --export-on-exit DIR   Ctrl-C / SIGTERM 时把租户、应用和用户写入 DIR/${EXPORT_FILE}
  --allow-origin ORIGIN  允许其页面使用 /__emulator/* 的浏览器源（可重复；
                         默认 ${DEMO_ORIGINS.join(' 和 ')}，即 h5 演示）
  --token TOKEN          控制令牌（默认随机生成并打印）
  --host ADDRESS         监听 127.0.0.1 以外的地址（会打印警告）
  --lang en|zh           本提示的语言（默认跟随系统）
  --quiet                不记录请求日志
  --help                 显示本帮助`,
  started: '（IDaaS 模拟器已启动）',
  console: '控制台：      ',
  seed: '种子：        ',
  clientIds: 'client id：   ',
  control: '控制接口：    ',
  controlDocs: '（见 idaas-emulator 的 docs/control-api.md）',
  token: '控制令牌：    ',
  tokenHint: '（请求头 X-Emulator-Token，供其他源或其他机器使用）',
  origins: '允许的源：    ',
  exported: (path: string) => `已导出到 ${path}`,
  exportFailed: (why: string) => `导出失败：${why}`,
  failed: (why: string) => `模拟器启动失败：${why}`,
};

export function cliText(lang: CliLang): typeof EN {
  return lang === 'zh' ? ZH : EN;
}
