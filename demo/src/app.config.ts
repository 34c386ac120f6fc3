export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/login/index',
    'pages/sms/index',
    'pages/password/index',
    'pages/profile/index',
    'pages/security/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f6feb',
    // Only the product name here: each page sets its title in the user's language (ui/kit.tsx Page).
    navigationBarTitleText: 'IDaaS',
    navigationBarTextStyle: 'white',
  },
  // h5 only: Taro's router hides the page it leaves on a timer (duration + delay, 350 ms) that a
  // back within the delay does not cancel, so a quick back left Home blank (test/browser/
  // demo-honest-input.test.ts "a back at once"). Without the slide, hiding and showing keep order.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
});
