export default definePageConfig({ navigationBarTitleText: 'IDaaS' });
