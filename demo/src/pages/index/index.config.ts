export default definePageConfig({ navigationBarTitleText: 'IDaaS demo' });
