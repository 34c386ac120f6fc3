import path from 'node:path';
import { defineConfig } from '@tarojs/cli';

// Where the demo finds IDaaS. The emulator by default (`npm run demo` starts it there); set
// IDAAS_BASE_URL before a build to point the mini-program builds elsewhere. The h5 build also
// accepts `?emulator=<url>` in the page address at run time (the browser tests use it).
const baseUrl = process.env.IDAAS_BASE_URL || 'http://127.0.0.1:8787';
// The emulator's simulated WeChat/Alipay (login and phone codes from /__emulator/*) is used
// whenever the base URL is a local one, unless IDAAS_SIMULATED=0.
const simulated =
  process.env.IDAAS_SIMULATED !== undefined
    ? process.env.IDAAS_SIMULATED !== '0'
    : /^http:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(baseUrl);

// The SDK is a workspace link to the repository root (its package.json points at dist/):
// Taro's Babel only compiles src/ and Taro's own packages unless told about it.
const sdkRoot = path.resolve(__dirname, '../..');
const sdkInclude = [path.join(sdkRoot, 'dist')];

// h5 splits per page, and Taro's splitChunks only shares what initial chunks share: every page
// chunk carried its own copy of the SDK. One `idaas-sdk` chunk serves them all (test/browser/h5-build.test.ts).
const sdkChunk = {
  name: 'idaas-sdk',
  chunks: 'all',
  minChunks: 1,
  enforce: true,
  priority: 200,
  test: (module: { resource?: string }) => !!module.resource && module.resource.startsWith(sdkInclude[0] + path.sep),
};

// What two or more pages share beyond the SDK (Taro's h5 components, the demo's ui/), once.
const pageShared = { name: 'page-shared', chunks: 'async', minChunks: 2, priority: 20, reuseExistingChunk: true };

// webpack's size hint fires at 244 KiB, which React and Taro's h5 runtime exceed by themselves.
// The budget instead is the measured build plus headroom, so real growth still warns.
const H5_ASSET_BUDGET = 400 * 1024;

export default defineConfig(async () => ({
  projectName: 'idaas-miniprogram-demo',
  date: '2024-11-22',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${process.env.TARO_ENV}`,
  plugins: [],
  defineConstants: {
    IDAAS_BASE_URL: JSON.stringify(baseUrl),
    IDAAS_SIMULATED: JSON.stringify(simulated),
  },
  copy: { patterns: [], options: {} },
  framework: 'react',
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  cache: { enable: false },
  logger: { quiet: true, stats: false },
  mini: {
    compile: { include: sdkInclude },
    postcss: {
      pxtransform: { enable: true, config: {} },
      cssModules: { enable: false },
    },
  },
  h5: {
    publicPath: './',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    compile: { include: sdkInclude },
    webpackChain(chain) {
      const split = chain.optimization.get('splitChunks') || {};
      chain.optimization.splitChunks({
        ...split,
        cacheGroups: { ...(split.cacheGroups || {}), idaas: sdkChunk, pageShared },
      });
      chain.performance.maxAssetSize(H5_ASSET_BUDGET).maxEntrypointSize(H5_ASSET_BUDGET);
    },
    postcss: {
      autoprefixer: { enable: true, config: {} },
      cssModules: { enable: false },
    },
  },
}));
