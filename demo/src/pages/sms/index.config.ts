export default definePageConfig({ navigationBarTitleText: 'SMS login' });
