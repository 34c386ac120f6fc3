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
});
