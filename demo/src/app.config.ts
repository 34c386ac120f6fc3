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
    navigationBarTitleText: 'IDaaS demo',
    navigationBarTextStyle: 'white',
  },
});
