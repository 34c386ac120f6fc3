export default definePageConfig({ navigationBarTitleText: 'Password login' });
