import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * Public half of the key that pins the Chromium extension id to
 * gpilklhfmeljkgncecjgkpkoodjnjgde for unpacked/test builds (e2e, demo, managed policy).
 * Store zips leave it out (see the build:manifestGenerated hook below).
 */
const CHROME_TEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA+BHLyxTerdBbzmj0mN6/1NYcZnj3+l34urfMsn8gpyTxJ6R+cNcpdQetFPd96W2h5Tvqv1XxuipJQ7hWnWh5xUMeCnhqFxvKfbi9f5GoNACJFsrCLnASpW+y0TwfAKr9P+MVNv0lK815YeQxtdBwo66+of4cutlDp+EI5Pe2ryKx+U7T7BanFlRSICZyfBlZWxCF6WmG4UfAegDLCiVRDgCrpQyH0ZYV/IaiD2RcdpJ5CIhq0ESFPyw3VdNUA/gw5s4yPn810uPHxV2IGJP0g0dnmzT1Sv/7yqFbRcnqfbzg7RBxKV+ViKpd4Odoshcf3Ye7BGN5T39oWq9VGgNkhQIDAQAB';

// Every host is optional: access is requested per origin from a click in options
// (design.md rule 5). Firefox MV2 has no optional_host_permissions.
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];

export default defineConfig({
  imports: false, // explicit imports only: security-relevant modules must be visible at the import site
  vite: () => ({
    plugins: [preact()],
    // terser (3 passes) packs the page scripts ~2 % smaller than the default minifier: they ship
    // on every portal page under a 12 KB gzip budget (design.md).
    build: { minify: 'terser', terserOptions: { compress: { passes: 3 } } },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'PAM Bridge',
    description:
      'Validate tickets for ManageEngine PAM360 and open privileged remote sessions from your ITSM portal.',
    permissions: ['storage', 'scripting', 'cookies'],
    ...(manifestVersion === 2
      ? { optional_permissions: OPTIONAL_HOSTS }
      : { optional_host_permissions: OPTIONAL_HOSTS }),
    storage: { managed_schema: 'managed_schema.json' },
    action: { default_title: 'PAM Bridge' },
    ...(browser === 'chrome' && process.env.PAM_BRIDGE_STORE_BUILD !== '1' ? { key: CHROME_TEST_KEY } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'pam-bridge@pam-bridge.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['test-results/**', 'bench-results/**', 'demo-output/**', '*.log'],
  },
});
