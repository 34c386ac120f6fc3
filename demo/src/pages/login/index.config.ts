export default definePageConfig({ navigationBarTitleText: 'One-tap login' });
