export default definePageConfig({ navigationBarTitleText: 'Security' });
